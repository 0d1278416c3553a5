//! memaudit's domain vocabulary: the types every other crate speaks.
//!
//! This crate is the contract between discovery, analysis, review (Validator
//! and Coordinator), rendering, the store and the shells. It holds plain data
//! with serde derives and small pure helpers; it does no I/O, knows nothing of
//! syn, SQLite, markdown or Tauri, and never fails.
//!
//! Paths stored in these types are always relative to the workspace root and
//! use `/` as separator, so that a session stays meaningful on another machine
//! and when the workspace is gone.

mod check;
mod edit;
mod evidence;
mod finding;
mod overview;
mod reach;
mod review;
mod scope;
mod session;

pub use check::*;
pub use edit::*;
pub use evidence::*;
pub use finding::*;
pub use overview::*;
pub use reach::*;
pub use review::*;
pub use scope::*;
pub use session::*;
