//! memaudit's LLM engines: the Analyst, Validator and Coordinator personas of
//! the workflow spec, run against an Anthropic Messages API or any
//! OpenAI-compatible server (OpenAI, Ollama, llama.cpp, …), producing the
//! same `Finding` and `Validation` types as the built-in engines, and a
//! `Synthesis` that joins the built-in Coordinator's report.
//!
//! Layers, each usable alone:
//! - [`config`]: provider kind, base URL, model, limits, prices (serde).
//! - [`secret`]: API keys in the OS keychain, `Secret` that never prints.
//! - [`client`]: one [`Provider`] asking for structured JSON answers, with
//!   retries, rate limits, a concurrency cap, cancellation and cost accounting,
//!   optionally streamed (server-sent events) with output-token progress.
//! - [`usage`]: [`Usage`] per call and run, the shared USD [`Budget`] that
//!   every request reserves an upper bound of its cost in before it is sent.
//! - [`roles`]: [`llm_analyst`], [`llm_validator`] and [`llm_coordinator`].
//!
//! This crate must NOT depend on other memaudit crates than `memaudit-model`,
//! must NOT store keys anywhere but the keychain, and must NOT act on what a
//! model says: answers are untrusted data, checked against the real code.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use memaudit_providers::*;
//! let config = ProviderConfig::new(ProviderKind::Anthropic);
//! let key = resolve_key(config.kind, &KeyringStore::new())?;
//! let provider = Provider::new(config, key, &PriceTable::default())?;
//! let budget = Budget::new(Some(2.0));
//! let cancel = tokio_util::sync::CancellationToken::new();
//! # let findings = vec![]; let sources = std::collections::HashMap::new();
//! let out = llm_validator(&provider, ValidatorInput {
//!     findings: &findings, sources: &sources, session: "memory_audit_001", round: 1,
//!     limits: BatchLimits::default(), progress: None, streaming: None,
//! }, &budget, &cancel).await;
//! println!("{} validations, ${:.4}", out.value.len(), out.usage.cost_usd);
//! # Ok(()) }
//! ```

pub mod client;
pub mod config;
pub mod error;
pub mod fingerprint;
pub mod roles;
pub mod schema;
pub mod secret;
mod sse;
pub mod usage;

pub use client::{Provider, StreamSupport, StructuredRequest, StructuredResponse, TokenProgress};
pub use config::{Price, PriceTable, ProviderConfig, ProviderKind, UnknownProvider};
pub use error::ProviderError;
pub use fingerprint::fingerprint;
pub use roles::{
    analyst_schema, coordinator_schema, llm_analyst, llm_coordinator, llm_validator,
    validator_schema, AnalystInput, BatchLimits, ChunkLimits, CoordinatorInput, CoordinatorLimits,
    Discarded, KnownFinding, Progress, RoleOutput, StreamProgress, ValidatorInput,
};
pub use secret::{
    resolve_key, resolve_key_with_source, KeySource, KeyStore, KeyStoreError, KeyringStore,
    MemoryKeyStore, Secret, KEYRING_SERVICE,
};
pub use usage::{Budget, Reservation, Usage};
