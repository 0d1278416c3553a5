//! Tables for people: scope and session lists. Colour only on a terminal
//! (anstream strips it otherwise, and honours NO_COLOR).

use std::io::Write;

use anyhow::Result;
use owo_colors::OwoColorize;

use memaudit::model::{Priority, Reason, Scope, SessionInfo, Skipped};

fn paint(p: Priority) -> String {
    match p {
        Priority::P0 => p.as_str().red().bold().to_string(),
        Priority::P1 => p.as_str().yellow().bold().to_string(),
        Priority::P2 => p.as_str().cyan().to_string(),
        Priority::P3 => p.as_str().dimmed().to_string(),
    }
}

fn reason_text(r: &Reason) -> String {
    let place = match r.line {
        Some(line) => format!("{}:{line}", r.file),
        None => r.file.clone(),
    };
    let detail = if r.detail.is_empty() {
        r.signal.clone()
    } else {
        r.detail.clone()
    };
    format!("{detail} ({place}, {:+})", r.weight)
}

/// Files shown per listing unless `--all`.
const FILE_LIMIT: usize = 40;

/// Says which scope.md's overrides were applied, always: a root scope.md
/// that was silently ignored (or silently read) misleads.
pub fn say_scope_md(read: Option<&str>) {
    match read {
        Some(path) => eprintln!("scope.md: applied {path}"),
        None => eprintln!(
            "scope.md: none (no scope.md or specs/meta/scope.md at the workspace root; \
             --scope-md FILE applies one)"
        ),
    }
}

pub fn print_scope(scope: &Scope, all: bool) -> Result<()> {
    let mut out = anstream::stdout().lock();
    writeln!(out, "{} {}", "Workspace".bold(), scope.workspace)?;
    writeln!(
        out,
        "Focus: {}   Priority filter: {}",
        scope.focus.as_str(),
        scope.priority_filter.as_str()
    )?;
    writeln!(out)?;
    let name_width = scope
        .crates
        .iter()
        .map(|c| c.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    writeln!(
        out,
        "{}",
        format!("{:<name_width$}  PRIO  SCORE  FILES  TOP REASONS", "CRATE").bold()
    )?;
    for c in &scope.crates {
        let mut reasons: Vec<&Reason> = c.reasons.iter().collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.weight.abs()));
        let top: Vec<String> = reasons.iter().take(3).map(|r| reason_text(r)).collect();
        writeln!(
            out,
            "{:<name_width$}  {}    {:>5}  {:>5}  {}",
            c.name,
            paint(c.priority),
            c.score,
            c.files.len(),
            top.join("; ")
        )?;
        if let Some(e) = &c.error {
            writeln!(out, "{:<name_width$}  {} {e}", "", "error:".red())?;
        }
    }
    writeln!(out)?;
    let files = scope.files_by_priority();
    writeln!(
        out,
        "{}",
        format!("FILES ({}), highest priority first", files.len()).bold()
    )?;
    let shown = if all { files.len() } else { FILE_LIMIT };
    for (c, f) in files.iter().take(shown) {
        let top = f
            .reasons
            .iter()
            .max_by_key(|r| r.weight.abs())
            .map(reason_text)
            .unwrap_or_default();
        writeln!(
            out,
            "{}  {:>4}  {}  {}  {}",
            paint(f.priority),
            f.score,
            f.path,
            format!("[{}]", c.name).dimmed(),
            top.dimmed()
        )?;
    }
    if files.len() > shown {
        writeln!(
            out,
            "… {} more (use --all or --format json)",
            files.len() - shown
        )?;
    }
    if !scope.excluded.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            format!("EXCLUDED ({})", scope.excluded.len()).bold()
        )?;
        for e in scope.excluded.iter().take(shown) {
            writeln!(out, "  {}  {}", e.path, e.reason.dimmed())?;
        }
    }
    for effect in &scope.effects {
        writeln!(
            out,
            "override {} {}: {}",
            effect.kind, effect.pattern, effect.summary
        )?;
    }
    if !scope.warnings.is_empty() {
        writeln!(out)?;
        for w in &scope.warnings {
            writeln!(out, "{} {w}", "warning:".yellow().bold())?;
        }
    }
    Ok(())
}

pub fn print_sessions(list: &[SessionInfo]) -> Result<()> {
    let mut out = anstream::stdout().lock();
    if list.is_empty() {
        writeln!(
            out,
            "No sessions yet. Start one with `memaudit audit PATH`."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        format!(
            "{:>4}  {:<18}  {:>6}  {:>8}  {:<10}  {:<20}  WORKSPACE",
            "ID", "SESSION", "ROUNDS", "FINDINGS", "STATUS", "UPDATED"
        )
        .bold()
    )?;
    for s in list {
        writeln!(
            out,
            "{:>4}  {:<18}  {:>6}  {:>8}  {:<10}  {:<20}  {}",
            s.id,
            s.name,
            s.rounds,
            s.findings,
            s.status,
            s.updated_at.get(..19).unwrap_or(&s.updated_at),
            s.workspace
        )?;
    }
    Ok(())
}

pub fn print_skipped(skipped: &[Skipped]) {
    for s in skipped {
        eprintln!("skipped {}: {}", s.file, s.error);
    }
}
