//! `memaudit mcp`: the audit as a Model Context Protocol server over stdio,
//! so a coding agent (Claude Code, any MCP client) drives the workflow —
//! scope, audit, report, findings, decide, next, terminate, export, hand-off
//! prompts — instead of scraping the CLI. Built on `rmcp`, the official Rust
//! SDK; see docs/agents.md.
//!
//! Every tool is a call into this crate's API layer, the same functions the
//! CLI and the desktop app use: this module must not hold audit logic of its
//! own, must not write to stdout (the protocol owns it), and must never run
//! the workspace's code unless the server was started with `--allow-run`.

mod args;
mod error;
mod progress;
mod redact;
mod resources;
mod results;
mod server;

pub use error::ToolError;
pub use server::{AuditServer, Options, RUN_TOOLS};

use rmcp::ServiceExt;

use crate::error::ApiError;

/// Serves MCP on this process's stdin and stdout until the client closes
/// the connection.
pub async fn serve_stdio(options: Options) -> Result<(), ApiError> {
    let server = AuditServer::new(&options);
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| ApiError::Internal(format!("starting the MCP session: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| ApiError::Internal(format!("the MCP session ended with an error: {e}")))?;
    Ok(())
}
