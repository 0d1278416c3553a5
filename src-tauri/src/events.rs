//! Events the shell emits to the web view. Names match the UI's listeners.

/// Every [`memaudit::RoundEvent`], as is.
pub const ROUND_EVENT: &str = "round-event";
/// A batch of workspace changes ([`memaudit::watch::FilesChanged`]).
pub const FILES_CHANGED_EVENT: &str = "files-changed";
/// A fix check's progress ([`memaudit::checks::CheckEventPayload`]).
pub const CHECK_EVENT: &str = "check-event";
