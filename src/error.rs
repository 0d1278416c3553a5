//! The API layer's error: a typed enum whose [`ErrorCode`] front ends branch on.

use std::path::PathBuf;

use serde::Serialize;

/// Stable codes that cross to front ends (CLI exit handling, IPC `{code, message}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotAWorkspace,
    WorkspaceMissing,
    SessionNotFound,
    AmbiguousSession,
    FindingNotFound,
    InvalidInput,
    RoundState,
    Cancelled,
    Provider,
    Database,
    DatabaseNewer,
    DatabaseCorrupt,
    Io,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    Discovery(#[from] memaudit_discovery::DiscoveryError),
    #[error(transparent)]
    Store(#[from] memaudit_store::StoreError),
    #[error(transparent)]
    Render(#[from] memaudit_render::RenderError),
    #[error("the workspace `{}` of session {session} no longer exists; its stored rounds can still be shown and exported", path.display())]
    WorkspaceMissing { session: String, path: PathBuf },
    #[error("no session matches `{key}`; `memaudit sessions` lists them")]
    SessionNotFound { key: String },
    #[error("`{key}` matches several sessions; use one of these ids: {choices}")]
    AmbiguousSession { key: String, choices: String },
    #[error("session {session} has no finding `{finding}`")]
    FindingNotFound { session: String, finding: String },
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    RoundState(String),
    #[error("the round was cancelled; finished steps are kept and `memaudit resume` continues it")]
    Cancelled,
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("LLM provider: {0}")]
    Provider(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        use memaudit_discovery::DiscoveryError as D;
        use memaudit_store::StoreError as S;
        match self {
            ApiError::Discovery(D::NoManifest { .. }) => ErrorCode::NotAWorkspace,
            ApiError::Discovery(_) => ErrorCode::Io,
            ApiError::Store(S::NewerSchema { .. }) => ErrorCode::DatabaseNewer,
            ApiError::Store(S::Corrupt { .. }) => ErrorCode::DatabaseCorrupt,
            ApiError::Store(S::NotFound { .. }) => ErrorCode::SessionNotFound,
            ApiError::Store(_) => ErrorCode::Database,
            ApiError::Render(_) => ErrorCode::Io,
            ApiError::WorkspaceMissing { .. } => ErrorCode::WorkspaceMissing,
            ApiError::SessionNotFound { .. } => ErrorCode::SessionNotFound,
            ApiError::AmbiguousSession { .. } => ErrorCode::AmbiguousSession,
            ApiError::FindingNotFound { .. } => ErrorCode::FindingNotFound,
            ApiError::InvalidInput(_) => ErrorCode::InvalidInput,
            ApiError::RoundState(_) => ErrorCode::RoundState,
            ApiError::Cancelled => ErrorCode::Cancelled,
            ApiError::Io { .. } => ErrorCode::Io,
            ApiError::Provider(_) => ErrorCode::Provider,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        ApiError::Io {
            context: context.into(),
            source,
        }
    }
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;
