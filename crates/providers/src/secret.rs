//! API keys: a redacting wrapper, the OS keychain, and where a key comes from.
//!
//! A key lives in the OS keychain (service `memaudit`, user = provider name)
//! or in the provider's environment variable, which wins. This module must
//! NOT write a key anywhere else: not to a file, a log, an error message or
//! the database. `Secret` prints `[redacted]` and zeroes its memory on drop.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use zeroize::Zeroize;

use crate::config::ProviderKind;

/// The keychain service name every memaudit key is stored under.
pub const KEYRING_SERVICE: &str = "memaudit";

/// A string that must never be shown: Debug and Display print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The key itself, for the one place that needs it: a request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A key store failure. Messages name the provider, never the key.
#[derive(Debug, thiserror::Error)]
pub enum KeyStoreError {
    #[error("the OS keychain is unavailable for {provider}: {message}")]
    Unavailable {
        provider: ProviderKind,
        message: String,
    },
    #[error("the OS keychain refused the {provider} key: {message}")]
    Access {
        provider: ProviderKind,
        message: String,
    },
    #[error("an empty key cannot be stored for {provider}")]
    EmptyKey { provider: ProviderKind },
}

/// Where API keys are kept. The real one is the OS keychain; tests use memory.
pub trait KeyStore: Send + Sync {
    fn get(&self, provider: ProviderKind) -> Result<Option<Secret>, KeyStoreError>;
    fn set(&self, provider: ProviderKind, key: &Secret) -> Result<(), KeyStoreError>;
    /// Deleting a key that is not there is not an error.
    fn delete(&self, provider: ProviderKind) -> Result<(), KeyStoreError>;
}

/// The OS keychain through `keyring` (Secret Service or kernel keyutils on
/// Linux, Keychain on macOS, Credential Manager on Windows).
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

/// Environment variable naming another keychain service than
/// [`KEYRING_SERVICE`]: test suites and side-by-side installs use it so
/// they never read or overwrite the user's real keys.
pub const KEYRING_SERVICE_ENV: &str = "MEMAUDIT_KEYRING_SERVICE";

impl KeyringStore {
    /// The store under [`KEYRING_SERVICE`], or under the service that
    /// [`KEYRING_SERVICE_ENV`] names.
    pub fn new() -> Self {
        let service = std::env::var(KEYRING_SERVICE_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| KEYRING_SERVICE.to_owned());
        KeyringStore { service }
    }

    /// A store under another service name, so tests never touch real keys.
    pub fn with_service(service: impl Into<String>) -> Self {
        KeyringStore {
            service: service.into(),
        }
    }

    fn entry(&self, provider: ProviderKind) -> Result<keyring::Entry, KeyStoreError> {
        keyring::Entry::new(&self.service, provider.as_str()).map_err(|e| map_err(provider, e))
    }
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore::new()
    }
}

fn map_err(provider: ProviderKind, e: keyring::Error) -> KeyStoreError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            KeyStoreError::Unavailable {
                provider,
                message: inner.to_string(),
            }
        }
        other => KeyStoreError::Access {
            provider,
            message: other.to_string(),
        },
    }
}

impl KeyStore for KeyringStore {
    fn get(&self, provider: ProviderKind) -> Result<Option<Secret>, KeyStoreError> {
        match self.entry(provider)?.get_password() {
            Ok(p) => Ok(Some(Secret::new(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_err(provider, e)),
        }
    }

    fn set(&self, provider: ProviderKind, key: &Secret) -> Result<(), KeyStoreError> {
        if key.is_empty() {
            return Err(KeyStoreError::EmptyKey { provider });
        }
        self.entry(provider)?
            .set_password(key.expose().trim())
            .map_err(|e| map_err(provider, e))
    }

    fn delete(&self, provider: ProviderKind) -> Result<(), KeyStoreError> {
        match self.entry(provider)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(provider, e)),
        }
    }
}

/// An in-memory store for tests and for a session that must not touch the
/// keychain.
#[derive(Debug, Default)]
pub struct MemoryKeyStore {
    keys: Mutex<HashMap<ProviderKind, Secret>>,
}

impl MemoryKeyStore {
    pub fn new() -> Self {
        MemoryKeyStore::default()
    }
}

impl KeyStore for MemoryKeyStore {
    fn get(&self, provider: ProviderKind) -> Result<Option<Secret>, KeyStoreError> {
        Ok(self
            .keys
            .lock()
            .map_err(|_| poisoned(provider))?
            .get(&provider)
            .cloned())
    }

    fn set(&self, provider: ProviderKind, key: &Secret) -> Result<(), KeyStoreError> {
        if key.is_empty() {
            return Err(KeyStoreError::EmptyKey { provider });
        }
        self.keys
            .lock()
            .map_err(|_| poisoned(provider))?
            .insert(provider, key.clone());
        Ok(())
    }

    fn delete(&self, provider: ProviderKind) -> Result<(), KeyStoreError> {
        self.keys
            .lock()
            .map_err(|_| poisoned(provider))?
            .remove(&provider);
        Ok(())
    }
}

fn poisoned(provider: ProviderKind) -> KeyStoreError {
    KeyStoreError::Unavailable {
        provider,
        message: "in-memory key store poisoned by a panic".to_owned(),
    }
}

/// Where a resolved key came from, for `memaudit key status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    Keychain,
}

/// The key for a provider: its environment variable if set and non-empty,
/// else the store's entry.
pub fn resolve_key(
    provider: ProviderKind,
    store: &dyn KeyStore,
) -> Result<Option<Secret>, KeyStoreError> {
    Ok(resolve_key_with_source(provider, store)?.map(|(k, _)| k))
}

/// Like `resolve_key`, also saying where the key came from.
pub fn resolve_key_with_source(
    provider: ProviderKind,
    store: &dyn KeyStore,
) -> Result<Option<(Secret, KeySource)>, KeyStoreError> {
    resolve_from(provider, std::env::var(provider.key_env_var()).ok(), store)
}

fn resolve_from(
    provider: ProviderKind,
    env: Option<String>,
    store: &dyn KeyStore,
) -> Result<Option<(Secret, KeySource)>, KeyStoreError> {
    if let Some(v) = env.map(Secret::new).filter(|s| !s.is_empty()) {
        return Ok(Some((v, KeySource::Environment)));
    }
    Ok(store
        .get(provider)?
        .filter(|s| !s.is_empty())
        .map(|k| (k, KeySource::Keychain)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_prints_its_value() {
        let s = Secret::new("sk-live-123");
        assert_eq!(format!("{s}"), "[redacted]");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some([redacted])");
        assert_eq!(s.expose(), "sk-live-123");
    }

    #[test]
    fn environment_wins_over_the_store_and_empty_values_are_ignored() {
        let store = MemoryKeyStore::new();
        store
            .set(ProviderKind::OpenAi, &Secret::new("from-store"))
            .unwrap();
        let check = |env: Option<&str>, expected: Option<(&str, KeySource)>| {
            let got = resolve_from(ProviderKind::OpenAi, env.map(str::to_owned), &store).unwrap();
            let got = got.as_ref().map(|(k, s)| (k.expose(), *s));
            assert_eq!(got, expected, "env = {env:?}");
        };
        check(Some("from-env"), Some(("from-env", KeySource::Environment)));
        check(Some("  "), Some(("from-store", KeySource::Keychain)));
        check(None, Some(("from-store", KeySource::Keychain)));
        store.delete(ProviderKind::OpenAi).unwrap();
        check(None, None);
    }

    #[test]
    fn memory_store_refuses_empty_keys_and_deletes_idempotently() {
        let store = MemoryKeyStore::new();
        assert!(matches!(
            store.set(ProviderKind::Anthropic, &Secret::new(" ")),
            Err(KeyStoreError::EmptyKey { .. })
        ));
        store.delete(ProviderKind::Anthropic).unwrap();
        store.delete(ProviderKind::Anthropic).unwrap();
        assert!(store.get(ProviderKind::Anthropic).unwrap().is_none());
    }
}
