//! The provider error type: what went wrong with a call, with enough context
//! for the user to act, and never the API key.
//!
//! Callers branch on the variant (`code()` for the UI), never on the text.

use std::time::Duration;

use crate::config::ProviderKind;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProviderError {
    #[error("no API key for {provider}: run `memaudit key set {provider}` or set {env}")]
    MissingKey {
        provider: ProviderKind,
        env: &'static str,
    },
    /// 401/403: the key is wrong, revoked or lacks access. Never retried.
    #[error("{provider} rejected the API key (HTTP {status}); check it with `memaudit key status {provider}`")]
    KeyRejected { provider: ProviderKind, status: u16 },
    /// The next request's cost bound (`next_usd`) does not fit in what is
    /// left of the cap.
    #[error(
        "the budget of ${cap_usd:.2} is spent (${spent_usd:.4} used, the next request could cost up to ${next_usd:.4}); no further requests are sent"
    )]
    BudgetExhausted {
        spent_usd: f64,
        cap_usd: f64,
        next_usd: f64,
    },
    #[error("cancelled")]
    Cancelled,
    #[error("{provider} did not answer within {timeout:?} ({attempts} attempts)")]
    Timeout {
        provider: ProviderKind,
        timeout: Duration,
        attempts: u32,
    },
    /// Rate limits and server errors that outlasted every attempt.
    #[error("{provider} is unavailable: HTTP {status} after {attempts} attempts: {message}")]
    Unavailable {
        provider: ProviderKind,
        status: u16,
        attempts: u32,
        message: String,
    },
    /// The connection failed or the body was cut off, on every attempt.
    #[error("could not talk to {provider} at {url} ({attempts} attempts): {message}")]
    Connection {
        provider: ProviderKind,
        url: String,
        attempts: u32,
        message: String,
    },
    /// A 4xx other than auth and rate limits: the request itself is wrong
    /// (unknown model, bad base URL, …). Not retried.
    #[error("{provider} refused the request: HTTP {status}: {message}")]
    Refused {
        provider: ProviderKind,
        status: u16,
        message: String,
    },
    /// The envelope was readable but the answer was not usable, even after one
    /// repair request.
    #[error("{provider} gave an invalid answer after a repair request: {details}")]
    InvalidAnswer {
        provider: ProviderKind,
        details: String,
        /// The start of the raw answer, for the log.
        excerpt: String,
    },
    #[error("invalid provider configuration: {0}")]
    Config(String),
    /// The OS keychain could not be read.
    #[error(
        "could not read the {provider} key from the OS keychain: {message}; set {env} instead"
    )]
    KeyStore {
        provider: ProviderKind,
        env: &'static str,
        message: String,
    },
}

impl ProviderError {
    /// A stable code the UI and CLI branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ProviderError::MissingKey { .. } => "missing_key",
            ProviderError::KeyRejected { .. } => "key_rejected",
            ProviderError::BudgetExhausted { .. } => "budget_exhausted",
            ProviderError::Cancelled => "cancelled",
            ProviderError::Timeout { .. } => "timeout",
            ProviderError::Unavailable { .. } => "unavailable",
            ProviderError::Connection { .. } => "connection",
            ProviderError::Refused { .. } => "refused",
            ProviderError::InvalidAnswer { .. } => "invalid_answer",
            ProviderError::Config(_) => "config",
            ProviderError::KeyStore { .. } => "keychain",
        }
    }

    /// Errors after which further calls of the same role run are pointless:
    /// the whole run stops instead of failing request by request.
    pub fn stops_the_run(&self) -> bool {
        matches!(
            self,
            ProviderError::MissingKey { .. }
                | ProviderError::KeyRejected { .. }
                | ProviderError::BudgetExhausted { .. }
                | ProviderError::Cancelled
                | ProviderError::Config(_)
                | ProviderError::KeyStore { .. }
        )
    }
}
