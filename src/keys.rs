//! API keys: stored in the OS keychain (never in the database, a log, a
//! session file or an export), with the conventional environment variables
//! (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`) taking precedence.

use memaudit_providers::{KeyStore, KeyringStore, ProviderKind, Secret};

use crate::error::{ApiError, Result};

/// `anthropic` or `openai` (case-insensitive).
pub fn provider(name: &str) -> Result<ProviderKind> {
    match name.trim().to_ascii_lowercase().as_str() {
        "anthropic" => Ok(ProviderKind::Anthropic),
        "openai" | "open_ai" | "openai-compatible" => Ok(ProviderKind::OpenAi),
        _ => Err(ApiError::InvalidInput(format!(
            "unknown provider `{name}` (anthropic, openai)"
        ))),
    }
}

fn keychain_error(e: memaudit_providers::KeyStoreError) -> ApiError {
    ApiError::InvalidInput(e.to_string())
}

/// Stores a key in the OS keychain.
pub fn set(provider_name: &str, key: &str) -> Result<()> {
    let p = provider(provider_name)?;
    let secret = Secret::new(key.trim());
    if secret.is_empty() {
        return Err(ApiError::InvalidInput("the key is empty".into()));
    }
    KeyringStore::new().set(p, &secret).map_err(keychain_error)
}

/// Removes a key from the OS keychain (no error if there was none).
pub fn delete(provider_name: &str) -> Result<()> {
    KeyringStore::new()
        .delete(provider(provider_name)?)
        .map_err(keychain_error)
}

/// Whether the keychain holds a key for the provider (the key itself is
/// never returned to a front end).
pub fn stored(provider_name: &str) -> Result<bool> {
    Ok(KeyringStore::new()
        .get(provider(provider_name)?)
        .map_err(keychain_error)?
        .is_some())
}

/// Where the key for a provider would come from: `environment`,
/// `keychain`, or `none`.
pub fn source(provider_name: &str) -> Result<&'static str> {
    let p = provider(provider_name)?;
    Ok(
        match memaudit_providers::resolve_key_with_source(p, &KeyringStore::new())
            .map_err(keychain_error)?
        {
            Some((_, memaudit_providers::KeySource::Environment)) => "environment",
            Some((_, memaudit_providers::KeySource::Keychain)) => "keychain",
            None => "none",
        },
    )
}
