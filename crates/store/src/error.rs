//! The store's one error type.
//!
//! Every variant carries what the user needs to act on it (the database file,
//! the session, the finding). Callers branch on the variant or on
//! [`StoreError::code`], never on the message text. This module must not
//! format for a particular front end.

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder for the database file could not be created.
    #[error("cannot create the folder {path} for the memaudit database: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database file exists but could not be read.
    #[error("cannot read the memaudit database {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// SQLite could not open the file (permissions, a folder in the way, ...).
    #[error("cannot open the memaudit database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not an SQLite database, or SQLite reports it damaged.
    #[error("the memaudit database {path} is damaged or not a database: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    /// The file was written by a newer memaudit; it is left untouched.
    #[error(
        "the memaudit database {path} has schema version {found}, newer than the {supported} \
         this build understands; update memaudit (the file was not modified)"
    )]
    NewerSchema {
        path: PathBuf,
        found: usize,
        supported: usize,
    },
    /// Applying the schema migrations failed; the transaction was rolled back.
    #[error("cannot bring the memaudit database {path} up to date: {source}")]
    Migration {
        path: PathBuf,
        #[source]
        source: rusqlite_migration::Error,
    },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A session, round, finding or role run that does not exist.
    #[error("{what} not found")]
    NotFound { what: String },
    /// A write that contradicts what is stored, e.g. one finding id for two
    /// different fingerprints.
    #[error("conflict: {what}")]
    Conflict { what: String },
    /// A value the caller passed that the store cannot accept.
    #[error("invalid {what}")]
    Invalid { what: String },
    /// Stored JSON that does not decode, or a value that does not encode.
    #[error("cannot convert {what} to or from JSON: {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
}

impl StoreError {
    /// A stable, machine-readable code for the UI and the CLI's exit status.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::CreateDir { .. } | StoreError::Read { .. } | StoreError::Open { .. } => {
                "database_unavailable"
            }
            StoreError::Corrupt { .. } => "database_corrupt",
            StoreError::NewerSchema { .. } => "database_newer",
            StoreError::Migration { .. } => "database_migration",
            StoreError::Sqlite(_) => "database",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Invalid { .. } => "invalid",
            StoreError::Json { .. } => "json",
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }

    pub(crate) fn json(what: impl Into<String>, source: serde_json::Error) -> StoreError {
        StoreError::Json {
            what: what.into(),
            source,
        }
    }
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, StoreError>;
