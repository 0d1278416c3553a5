//! What every command rejects with: `{code, message}`. The UI branches on
//! `code` (the API layer's [`ErrorCode`]), never on the message.

use memaudit::{ApiError, ErrorCode};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<ApiError> for CommandError {
    fn from(e: ApiError) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl From<memaudit::profiles::ProfilingError> for CommandError {
    fn from(e: memaudit::profiles::ProfilingError) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
