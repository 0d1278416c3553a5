//! The crate's one error type. Every variant names the path or value it is
//! about so that a user can act on the message alone; callers match on
//! variants, never on message text.

use std::io;
use std::path::PathBuf;

/// Why rendering or writing failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The session name cannot be used as a folder name inside the sessions
    /// folder (traversal, separators, empty, odd characters).
    #[error("unsafe session name `{name}`: {reason}")]
    UnsafeSessionName { name: String, reason: &'static str },

    /// Writing here would leave the folder it must stay in (a symlink that
    /// points outside the workspace or the sessions folder).
    #[error("refusing to write under {}: {reason}", path.display())]
    UnsafePath { path: PathBuf, reason: String },

    /// The export path cannot be written as a file (no file name, parent
    /// folder missing, a folder in the way).
    #[error("cannot export to {}: {reason}", path.display())]
    InvalidExportPath { path: PathBuf, reason: String },

    /// A file-system operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "creating folder".
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// Serialising an export failed.
    #[error("serialising the {what} export: {source}")]
    Serialize {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

impl RenderError {
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        RenderError::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
