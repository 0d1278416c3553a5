//! `memaudit prompt`: prints (or writes) the hand-off prompt for findings
//! of a session (see `memaudit::prompt`). Parsing and printing only.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

/// Arguments of `memaudit prompt`.
#[derive(Args, Debug)]
pub struct PromptArgs {
    /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
    pub session: String,
    /// Finding ids, e.g. F-003 F-007 (F3 and 3 work too).
    #[arg(required = true, value_name = "FINDING")]
    pub findings: Vec<String>,
    /// The round whose findings to hand off (default: the latest).
    #[arg(long)]
    pub round: Option<u32>,
    /// Write the prompt to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(db: Option<PathBuf>, args: PromptArgs) -> Result<ExitCode> {
    let store = super::open_store(db)?;
    let info = super::resolve(&store, &args.session)?;
    let handoff = memaudit::prompt::handoff(&store, info.id, args.round, &args.findings)
        .with_context(|| format!("writing the hand-off prompt for {}", info.name))?;
    match args.output {
        Some(path) => {
            memaudit::documents::write_file(&path, &handoff.text)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "wrote the hand-off prompt for {} to {}",
                handoff.finding_ids.join(", "),
                path.display()
            );
        }
        None => super::print_text(&handoff.text)?,
    }
    Ok(ExitCode::SUCCESS)
}
