//! `memaudit check`, `memaudit apply` and `--check-fixes`: argument structs,
//! progress and printing.
//!
//! Glue only: the behaviour lives in `memaudit::checks`. `check` builds the
//! workspace in a scratch copy (its build scripts and proc macros run); the
//! library announces it through the callback given here, which prints to
//! stderr before anything runs. Ctrl-C (or SIGTERM) cancels the check: the
//! compiler processes are killed and the scratch copy removed. This module
//! must not compile, compare hashes or decide verdicts itself.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use memaudit::checks::{self, CheckOutcome, CheckProgress, CheckRequest};
use memaudit::model::FixStatus;
use memaudit::CancelFlag;
use memaudit::Store;

use super::{open_store, print_json, print_text, resolve};

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// Arguments of `memaudit check`.
#[derive(Args, Debug)]
#[command(
    after_help = "BUILDS the workspace with `cargo check --all-targets` in a scratch copy \
    under memaudit's cache (MEMAUDIT_CACHE): its build scripts and proc macros run, and with \
    --tests its tests run too. Your files are never written. Results are stored, overrule the \
    verdicts (an edit that does not compile is never APPROVED) and update the report."
)]
pub struct CheckArgs {
    /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
    pub session: String,
    /// Findings to check (F-003, 3); default: every current finding of the latest round
    /// that has an edit and is not rejected.
    pub findings: Vec<String>,
    /// Also run the affected packages' tests with the compiling edits applied.
    #[arg(long)]
    pub tests: bool,
    /// Pass --offline to cargo.
    #[arg(long)]
    pub offline: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Arguments of `memaudit apply`.
#[derive(Args, Debug)]
#[command(
    after_help = "Writes the checked edit into the workspace only when its latest check \
    compiled (and its tests passed, if they ran) and every file it touches is byte-for-byte what \
    was checked; otherwise it refuses and says why. --undo puts the files back when they are \
    still exactly what the fix wrote."
)]
pub struct ApplyArgs {
    /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
    pub session: String,
    /// Finding id, e.g. F-004 (F4 and 4 work too).
    pub finding: String,
    /// Print the diff and the checks that would pass; write nothing.
    #[arg(long, conflicts_with = "undo")]
    pub dry_run: bool,
    /// Undo the finding's applied fix.
    #[arg(long)]
    pub undo: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `--check-fixes` on `audit` and `next`.
#[derive(Args, Debug, Clone, Default)]
pub struct CheckFixesArgs {
    /// After the round, check its edits with the compiler (BUILDS the workspace in a
    /// scratch copy: its build scripts and proc macros run) and let the results
    /// overrule the verdicts before the report is printed.
    #[arg(long)]
    pub check_fixes: bool,
    /// With --check-fixes: also run the affected packages' tests.
    #[arg(long, requires = "check_fixes")]
    pub check_tests: bool,
}

/// Cancels `flag` on Ctrl-C or SIGTERM, from a thread of its own.
fn cancel_on_signal(flag: &CancelFlag) {
    let flag = flag.clone();
    let spawned = std::thread::Builder::new()
        .name("memaudit-signals".into())
        .spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{signal, SignalKind};
                    let Ok(mut term) = signal(SignalKind::terminate()) else {
                        let _ = tokio::signal::ctrl_c().await;
                        return;
                    };
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                #[cfg(not(unix))]
                let _ = tokio::signal::ctrl_c().await;
            });
            eprintln!("\ncancelling the check: stopping cargo and removing the scratch copy…");
            flag.cancel();
        });
    if spawned.is_err() {
        eprintln!("note: Ctrl-C will not cancel the check cleanly (no signal thread)");
    }
}

/// Runs the check with a progress bar on a terminal (plain lines otherwise).
pub fn run_checks(store: &Store, session_id: i64, request: &CheckRequest) -> Result<CheckOutcome> {
    let cancel = CancelFlag::default();
    cancel_on_signal(&cancel);
    let tty = std::io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(
        Some(0),
        if tty {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{prefix:>11.bold} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("Check");
    let line = |text: String| {
        if tty {
            bar.println(text);
        } else {
            eprintln!("{text}");
        }
    };
    let progress = |p: CheckProgress| match p {
        CheckProgress::Copied { linked, copied } => line(format!(
            "      Check scratch copy ready ({linked} files linked, {copied} copied)"
        )),
        CheckProgress::Baseline { packages } => {
            bar.set_message(format!("building {} as it is", packages.join(", ")));
        }
        CheckProgress::Building {
            packages,
            edits,
            resolved,
            total,
        } => {
            bar.set_length(u64::from(total));
            bar.set_position(u64::from(resolved));
            bar.set_message(format!("{edits} edit(s) of {}", packages.join(", ")));
        }
        CheckProgress::Checked {
            finding_id,
            status,
            resolved,
            total,
        } => {
            bar.set_length(u64::from(total));
            bar.set_position(u64::from(resolved));
            if status != FixStatus::Compiles {
                line(format!(
                    "      Check {finding_id}: {}",
                    status.as_str().replace('_', " ")
                ));
            }
        }
        CheckProgress::Testing { packages, edits } => {
            bar.set_message(format!(
                "tests of {} with {edits} edit(s)",
                packages.join(", ")
            ));
        }
    };
    let result = checks::check_fixes(
        store,
        session_id,
        request,
        &|notice| line(format!("note: {notice}")),
        &progress,
        &cancel,
    );
    bar.finish_and_clear();
    Ok(result?)
}

pub fn run_check(db: Option<PathBuf>, args: CheckArgs) -> Result<ExitCode> {
    let store = open_store(db)?;
    let info = resolve(&store, &args.session)?;
    let request = CheckRequest {
        findings: args.findings,
        tests: args.tests,
        offline: args.offline,
    };
    let outcome = run_checks(&store, info.id, &request)
        .with_context(|| format!("checking the fixes of {}", info.name))?;
    match args.format {
        Format::Json => print_json(&outcome)?,
        Format::Table => print_text(&check_table(&outcome))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the checks after `audit`/`next` when `--check-fixes` asked for it;
/// a failed check is a warning, the round stays as it is.
pub fn after_round(store: &Store, session_id: i64, args: &CheckFixesArgs) {
    if !args.check_fixes {
        return;
    }
    let request = CheckRequest {
        tests: args.check_tests,
        ..CheckRequest::default()
    };
    match run_checks(store, session_id, &request) {
        Ok(o) => eprint!("{}", summary_lines(&o)),
        Err(e) => eprintln!("warning: the fixes were not checked: {e:#}"),
    }
}

fn check_table(o: &CheckOutcome) -> String {
    let mut s = String::new();
    for c in &o.checks {
        let c = &c.check;
        let place = c
            .edit
            .hunks
            .first()
            .map(|h| format!("{}:{}", h.file, h.line))
            .unwrap_or_default();
        s += &format!(
            "{:<7} {:<12} {place}  {}\n",
            c.finding_id,
            c.status.as_str(),
            c.edit.summary
        );
        match c.status {
            FixStatus::Compiles => {
                s += &format!("        {}\n", c.summary());
            }
            FixStatus::Fails => {
                for e in &c.errors {
                    s += &format!("        error {}\n", e.headline());
                }
            }
            FixStatus::NotChecked => {
                s += &format!("        {}\n", c.note.as_deref().unwrap_or(""));
            }
        }
    }
    s += &summary_lines(o);
    s
}

fn summary_lines(o: &CheckOutcome) -> String {
    let mut s = String::new();
    let count = |st: FixStatus| o.checks.iter().filter(|c| c.check.status == st).count();
    s += &format!(
        "Checked {} edit(s) of {} round {} in {:.1} s ({} build(s), {} test run(s)): {} compile, {} do not, {} not checked.\n",
        o.checks.len(),
        o.session,
        o.round,
        o.figures.duration_ms as f64 / 1000.0,
        o.figures.builds,
        o.figures.test_runs,
        count(FixStatus::Compiles),
        count(FixStatus::Fails),
        count(FixStatus::NotChecked),
    );
    for v in &o.verdicts {
        s += &format!("Verdict of {}: {} → {}\n", v.finding_id, v.before, v.after);
    }
    if !o.not_checkable.is_empty() {
        s += &format!(
            "Design changes, not checked: {}\n",
            o.not_checkable.join(", ")
        );
    }
    for w in &o.warnings {
        s += &format!("warning: {w}\n");
    }
    s
}

pub fn run_apply(db: Option<PathBuf>, args: ApplyArgs) -> Result<ExitCode> {
    let store = open_store(db)?;
    let info = resolve(&store, &args.session)?;
    if args.undo {
        let undone = checks::undo_fix(&store, info.id, &args.finding)
            .with_context(|| format!("undoing {} of {}", args.finding, info.name))?;
        match args.format {
            Format::Json => print_json(&undone)?,
            Format::Table => {
                let files: Vec<&str> = undone.files.iter().map(|f| f.file.as_str()).collect();
                eprintln!(
                    "Undid {}'s fix: {} restored as it was before {}.",
                    undone.finding_id,
                    files.join(", "),
                    undone.applied_at
                );
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let outcome = checks::apply_fix(&store, info.id, &args.finding, args.dry_run)
        .with_context(|| format!("applying {} of {}", args.finding, info.name))?;
    match args.format {
        Format::Json => print_json(&outcome)?,
        Format::Table => {
            print_text(&outcome.diff)?;
            if outcome.dry_run {
                eprintln!(
                    "Dry run: {} would change {} (checked, check {}); nothing was written.",
                    outcome.finding_id,
                    outcome.files.join(", "),
                    outcome.check_id
                );
            } else {
                eprintln!(
                    "Applied {} to {}. Re-measure it with `memaudit verify {} {}`; undo with `memaudit apply {} {} --undo`.",
                    outcome.finding_id,
                    outcome.files.join(", "),
                    info.name,
                    outcome.finding_id,
                    info.name,
                    outcome.finding_id
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
