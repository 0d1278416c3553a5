//! Tool errors as an agent reads them: a result with `isError: true`, a
//! stable code and a sentence that says what to do — never a protocol error
//! the client would show as "internal error", never a crash.

use rmcp::handler::server::tool::IntoCallToolResult;
use rmcp::model::{CallToolResponse, CallToolResult, ContentBlock};

use crate::error::{ApiError, ErrorCode};
use crate::profiles::ProfilingError;

/// A failed tool call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError {
    pub code: ErrorCode,
    pub message: String,
}

impl ToolError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ToolError {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        ToolError::new(ErrorCode::InvalidInput, message)
    }

    /// The text the agent reads: `code: message` plus what to call next.
    pub fn text(&self) -> String {
        let code = serde_json::to_value(self.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("{:?}", self.code));
        let hint = match self.code {
            ErrorCode::SessionNotFound | ErrorCode::AmbiguousSession => {
                " The `sessions` tool lists every session with its id."
            }
            ErrorCode::FindingNotFound => {
                " The `findings` tool pages through a round's findings with their ids."
            }
            ErrorCode::WorkspaceMissing => {
                " Its stored rounds stay readable with `report`, `findings`, `finding` and `export`."
            }
            ErrorCode::NotAWorkspace => {
                " Pass a path inside a Cargo workspace or crate (a folder with a Cargo.toml)."
            }
            ErrorCode::Cancelled => " The `resume` tool continues the round.",
            ErrorCode::Database => {
                " Another memaudit process may hold the database; nothing was half-written, so \
                 the call can be repeated."
            }
            _ => "",
        };
        let message = self.message.trim_end();
        let stop = if hint.is_empty() || message.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        format!("{code}: {message}{stop}{hint}")
    }
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl From<ApiError> for ToolError {
    fn from(e: ApiError) -> Self {
        let message = match &e {
            // The API's sentence points at the CLI; the hint names the tool.
            ApiError::SessionNotFound { key } => format!("no session matches `{key}`"),
            other => other.to_string(),
        };
        ToolError::new(e.code(), message)
    }
}

impl From<ProfilingError> for ToolError {
    fn from(e: ProfilingError) -> Self {
        ToolError::new(e.code(), e.to_string())
    }
}

impl From<memaudit_store::StoreError> for ToolError {
    fn from(e: memaudit_store::StoreError) -> Self {
        ApiError::from(e).into()
    }
}

impl IntoCallToolResult for ToolError {
    fn into_call_tool_result(self) -> Result<CallToolResponse, rmcp::ErrorData> {
        Ok(CallToolResult::error(vec![ContentBlock::text(self.text())]).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_their_code_and_the_next_tool() {
        let e: ToolError = ApiError::SessionNotFound { key: "nope".into() }.into();
        let text = e.text();
        assert!(
            text.starts_with("session_not_found: no session matches `nope`"),
            "the code comes first so an agent can branch on it: {text}"
        );
        assert!(
            text.contains("`sessions` tool"),
            "the error says which tool lists sessions: {text}"
        );
    }
}
