//! memaudit's API layer: the one door for the CLI and the desktop shell.
//!
//! Everything a front end can do goes through this crate: resolve the
//! database, compute a workspace's scope, run a round (Analyst → Validator →
//! Coordinator) as a background task with progress events and cancellation,
//! record decisions, list and show sessions, export them. The crates below it
//! do the work (`memaudit-discovery`, `-analysis`, `-review`, `-render`,
//! `-store`); this crate only orchestrates them.
//!
//! It knows nothing of terminals or Tauri: the CLI (`src/cli`) and the shell
//! (`src-tauri`) turn its values and events into output. Errors carry a stable
//! [`ErrorCode`] so front ends branch on the code, never on message text.

pub mod audit;
pub mod checks;
pub mod config;
pub mod documents;
pub mod engines;
pub mod error;
pub mod events;
pub mod evidence;
pub mod findings;
pub mod keys;
pub mod mcp;
pub mod measured;
pub mod profiles;
pub mod prompt;
pub mod rounds;
pub mod sessions;
pub mod watch;
pub mod wire;
pub mod workspaces;

pub use config::{default_db_path, open_database, resolve_db_path};
pub use error::{ApiError, ErrorCode};
pub use events::RoundEvent;
pub use rounds::{AuditOptions, RoundOutcome};

/// The vocabulary every front end speaks: plain data, no behaviour.
pub use memaudit_model as model;
/// Stops a `check`, `profile` or `verify` run from another thread.
pub use memaudit_process::CancelFlag;
/// The open database: front ends hold it and hand it to this crate's
/// functions; what it stores is read and written through them.
pub use memaudit_store::Store;
