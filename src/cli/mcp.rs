//! `memaudit mcp`: starts the MCP server on stdin/stdout (see
//! `memaudit::mcp` and docs/agents.md). Argument parsing and the runtime
//! only; nothing may print to stdout here, which belongs to the protocol.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

/// Arguments of `memaudit mcp`.
#[derive(Args, Debug)]
pub struct McpArgs {
    /// Also offer `profile` and `verify`, which build and run the audited
    /// workspace's own code (tests, benches, binaries, build scripts).
    #[arg(long)]
    pub allow_run: bool,
}

pub fn run(db: Option<PathBuf>, args: McpArgs) -> Result<ExitCode> {
    let db = memaudit::resolve_db_path(db);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        // Rounds run on the blocking pool; the protocol needs little.
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime
        .block_on(memaudit::mcp::serve_stdio(memaudit::mcp::Options {
            db,
            allow_run: args.allow_run,
        }))
        .context("serving MCP on stdio")?;
    Ok(ExitCode::SUCCESS)
}
