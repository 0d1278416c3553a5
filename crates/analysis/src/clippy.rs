//! The opt-in clippy source: runs `cargo clippy` over the workspace with a
//! fixed set of memory-related lints and turns each lint into a [`Finding`]
//! of the matching category, then merges those with the built-in findings.
//!
//! Unlike the rest of this crate it RUNS CODE FROM THE WORKSPACE: cargo
//! builds the user's build scripts and proc macros to type-check the code.
//! That is why it is opt-in and why callers must warn before calling it.
//!
//! This module must NOT parse Rust itself, write anywhere but its own target
//! directory (`<workspace>/target/memaudit-clippy`), or report lints outside
//! the table below: the user's own clippy configuration is not our business.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use memaudit_model::{
    Category, Confidence, Finding, FindingSource, Impact, Level, Safety, Scope, Tradeoffs,
};
use serde::Deserialize;

use crate::AnalyzeError;

/// The lints asked for, each with the category it reports under. Lints that
/// fire rarely (or never on a modern MSRV, like `inefficient_to_string`) cost
/// nothing. ARENA_CANDIDATE and LIFETIME_EXTENSION have no clippy lint.
pub const CLIPPY_LINTS: &[(&str, Category)] = &[
    ("redundant_clone", Category::UnnecessaryClone),
    ("unnecessary_to_owned", Category::UnnecessaryClone),
    ("inefficient_to_string", Category::UnnecessaryClone),
    ("implicit_clone", Category::UnnecessaryClone),
    ("vec_box", Category::HeapAvoidable),
    ("box_collection", Category::HeapAvoidable),
    ("rc_buffer", Category::HeapAvoidable),
    ("redundant_allocation", Category::HeapAvoidable),
    ("boxed_local", Category::HeapAvoidable),
    ("large_enum_variant", Category::CacheHostile),
    ("large_stack_arrays", Category::CacheHostile),
    ("manual_memcpy", Category::CacheHostile),
    ("format_push_string", Category::AllocationLoop),
    ("format_collect", Category::AllocationLoop),
    ("needless_collect", Category::AllocationLoop),
    ("slow_vector_initialization", Category::AllocationLoop),
];

/// Lines kept from cargo's stderr in [`AnalyzeError::ClippyFailed`].
const STDERR_TAIL_LINES: usize = 40;
/// Snippets longer than this are cut, as the built-in detectors do.
const MAX_SNIPPET_LINES: usize = 40;

/// The category a clippy lint (without the `clippy::` prefix) reports under.
pub fn lint_category(lint: &str) -> Option<Category> {
    CLIPPY_LINTS
        .iter()
        .find(|(name, _)| *name == lint)
        .map(|(_, c)| *c)
}

/// Runs `cargo clippy` in `scope.workspace` and maps the lints of
/// [`CLIPPY_LINTS`] to findings in scope (files of the scope, categories of
/// `scope.focus`, priorities of `scope.priority_filter`), with ids `F-001`..
/// in priority/file/line order.
///
/// **WARNING: this builds the workspace. Cargo compiles and RUNS the user's
/// build scripts (`build.rs`) and proc macros, i.e. arbitrary code from the
/// workspace and its dependencies, with the user's rights.** Only call it
/// when the user asked for it, and say so before starting. It also needs the
/// dependencies (it may fetch them) and writes to
/// `<workspace>/target/memaudit-clippy`, never to the user's own target dir.
///
/// Errors: [`AnalyzeError::ClippyUnavailable`] when cargo or clippy cannot
/// be started, [`AnalyzeError::ClippyFailed`] when the build fails (with the
/// compiler errors and the tail of stderr).
pub fn clippy_findings(scope: &Scope) -> Result<Vec<Finding>, AnalyzeError> {
    clippy_findings_with(scope, Path::new("cargo"))
}

/// [`clippy_findings`] with an explicit cargo executable (a toolchain's
/// cargo, or a missing one in tests). Same warning: this runs workspace code.
pub fn clippy_findings_with(scope: &Scope, cargo: &Path) -> Result<Vec<Finding>, AnalyzeError> {
    let workspace = PathBuf::from(&scope.workspace);
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&workspace)
        .env(
            "CARGO_TARGET_DIR",
            workspace.join("target").join("memaudit-clippy"),
        )
        .args([
            "clippy",
            "--message-format=json",
            "--all-targets",
            "--quiet",
            "--",
            "-A",
            "clippy::all",
        ]);
    for (lint, _) in CLIPPY_LINTS {
        cmd.arg("-W").arg(format!("clippy::{lint}"));
    }
    let output = cmd.output().map_err(|e| AnalyzeError::ClippyUnavailable {
        workspace: scope.workspace.clone(),
        message: format!("cannot start `{}`: {e}", cargo.display()),
    })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() && clippy_missing(&stderr) {
        return Err(AnalyzeError::ClippyUnavailable {
            workspace: scope.workspace.clone(),
            message: tail(&stderr, STDERR_TAIL_LINES),
        });
    }
    let run = parse_messages(&stdout);
    // A build that failed only because the user denies one of our lints is
    // still a result; a build that failed on anything else is not.
    if !output.status.success() && (!run.errors.is_empty() || run.lints.is_empty()) {
        let mut stderr_tail = run.errors.join("\n");
        if !stderr_tail.is_empty() {
            stderr_tail.push('\n');
        }
        stderr_tail.push_str(&tail(&stderr, STDERR_TAIL_LINES));
        return Err(AnalyzeError::ClippyFailed {
            workspace: scope.workspace.clone(),
            status: output.status.code(),
            stderr_tail,
        });
    }
    Ok(findings_from(scope, &workspace, run.lints))
}

/// Drops each clippy finding that a built-in finding of the same category
/// and file overlaps by lines (the built-in one carries more context), then
/// orders everything by file priority, file and line, and renumbers the ids
/// `F-001`.. in that order. Built-in findings are never dropped.
pub fn merge(builtin: Vec<Finding>, clippy: Vec<Finding>) -> Vec<Finding> {
    let kept: Vec<Finding> = clippy
        .into_iter()
        .filter(|c| {
            !builtin.iter().any(|b| {
                b.category == c.category
                    && b.file == c.file
                    && b.line_start <= c.line_end
                    && c.line_start <= b.line_end
            })
        })
        .collect();
    let mut all = builtin;
    all.extend(kept);
    renumber(&mut all);
    all
}

fn renumber(findings: &mut [Finding]) {
    // Stable sort: at one line the built-in finding stays ahead of clippy's.
    findings.sort_by(|a, b| {
        (a.priority, &a.file, a.line_start, a.category).cmp(&(
            b.priority,
            &b.file,
            b.line_start,
            b.category,
        ))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = memaudit_model::finding_id(i as u32 + 1);
    }
}

fn clippy_missing(stderr: &str) -> bool {
    stderr.contains("no such command: `clippy`")
        || stderr.contains("no such subcommand: `clippy`")
        || stderr.contains("is not installed for the toolchain")
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[derive(Debug, Deserialize)]
struct CargoLine {
    reason: String,
    #[serde(default)]
    message: Option<Diagnostic>,
    #[serde(default)]
    manifest_path: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Diagnostic {
    message: String,
    #[serde(default)]
    code: Option<DiagnosticCode>,
    #[serde(default)]
    level: String,
    #[serde(default)]
    spans: Vec<Span>,
    #[serde(default)]
    children: Vec<Diagnostic>,
    #[serde(default)]
    rendered: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct DiagnosticCode {
    code: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Span {
    file_name: String,
    line_start: u32,
    line_end: u32,
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    #[serde(default)]
    suggested_replacement: Option<String>,
    #[serde(default)]
    suggestion_applicability: Option<String>,
}

/// One clippy lint from cargo's output, with the package it came from.
#[derive(Debug, Clone)]
struct Lint {
    name: String,
    diagnostic: Diagnostic,
    manifest_dir: Option<PathBuf>,
}

#[derive(Debug, Default)]
struct Run {
    lints: Vec<Lint>,
    /// Rendered compiler errors that are not clippy lints.
    errors: Vec<String>,
}

fn parse_messages(stdout: &str) -> Run {
    let mut run = Run::default();
    for line in stdout.lines() {
        // Non-JSON lines (a build script's output, say) are not ours to judge.
        let Ok(parsed) = serde_json::from_str::<CargoLine>(line) else {
            continue;
        };
        if parsed.reason != "compiler-message" {
            continue;
        }
        let Some(diagnostic) = parsed.message else {
            continue;
        };
        let code = diagnostic.code.as_ref().map(|c| c.code.as_str());
        match code.and_then(|c| c.strip_prefix("clippy::")) {
            Some(name) => run.lints.push(Lint {
                name: name.to_owned(),
                manifest_dir: parsed
                    .manifest_path
                    .as_deref()
                    .and_then(|p| Path::new(p).parent())
                    .map(Path::to_path_buf),
                diagnostic,
            }),
            None if diagnostic.level.starts_with("error") => run.errors.push(
                diagnostic
                    .rendered
                    .clone()
                    .unwrap_or_else(|| format!("error: {}", diagnostic.message)),
            ),
            None => {}
        }
    }
    run
}

fn findings_from(scope: &Scope, workspace: &Path, lints: Vec<Lint>) -> Vec<Finding> {
    let root = workspace
        .canonicalize()
        .unwrap_or_else(|_| workspace.to_path_buf());
    let mut seen = HashSet::new();
    let mut sources: Vec<(String, Option<String>)> = Vec::new();
    let mut out = Vec::new();
    for lint in lints {
        let Some(category) = lint_category(&lint.name) else {
            continue;
        };
        if !scope.focus.includes(category) {
            continue;
        }
        let Some(primary) = lint.diagnostic.spans.iter().find(|s| s.is_primary) else {
            continue;
        };
        let Some(rel) = relative(&root, lint.manifest_dir.as_deref(), &primary.file_name) else {
            continue;
        };
        let Some(krate) = scope.crate_of(&rel) else {
            continue;
        };
        let Some(file) = krate.files.iter().find(|f| f.path == rel) else {
            continue;
        };
        if !scope.priority_filter.admits(file.priority) {
            continue;
        }
        // `--all-targets` type-checks a file once per target: one finding each.
        let (start, end) = (primary.line_start, primary.line_end.max(primary.line_start));
        if !seen.insert((lint.name.clone(), rel.clone(), start, end)) {
            continue;
        }
        let source = match sources.iter().find(|(p, _)| *p == rel) {
            Some((_, s)) => s.clone(),
            None => {
                let s = std::fs::read_to_string(root.join(&rel)).ok();
                sources.push((rel.clone(), s.clone()));
                s
            }
        };
        let Some(source) = source else {
            continue;
        };
        out.push(to_finding(
            &lint,
            category,
            &rel,
            (start, end),
            &source,
            &krate.name,
            file.priority,
        ));
    }
    renumber(&mut out);
    out
}

/// A span's file as a workspace-relative `/` path, or `None` when it lies
/// outside the workspace (a dependency, the standard library, a macro).
fn relative(root: &Path, manifest_dir: Option<&Path>, file_name: &str) -> Option<String> {
    let path = Path::new(file_name);
    let candidates: Vec<PathBuf> = if path.is_absolute() {
        vec![path.to_path_buf()]
    } else {
        // rustc runs in the root of the cargo workspace, which may sit above
        // the scope's workspace: try the scope root, then the package's
        // directory and its ancestors.
        let mut c = vec![root.join(path)];
        if let Some(dir) = manifest_dir {
            c.extend(dir.ancestors().map(|a| a.join(path)));
        }
        c
    };
    let found = candidates.into_iter().find(|c| c.is_file())?;
    let found = found.canonicalize().unwrap_or(found);
    let rel = found.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

fn to_finding(
    lint: &Lint,
    category: Category,
    rel: &str,
    lines: (u32, u32),
    source: &str,
    crate_name: &str,
    priority: memaudit_model::Priority,
) -> Finding {
    let d = &lint.diagnostic;
    let code = snippet(source, lines.0, lines.1);
    let item_path = format!("clippy::{} {rel}", lint.name);
    let suggestions: Vec<&Span> = d
        .children
        .iter()
        .flat_map(|c| c.spans.iter())
        .filter(|s| s.suggested_replacement.is_some())
        .collect();
    let applicability = suggestions
        .iter()
        .filter_map(|s| s.suggestion_applicability.as_deref())
        .fold(None, |worst: Option<&str>, a| match worst {
            Some(w) if w != "MachineApplicable" => Some(w),
            _ => Some(a),
        });
    let machine = applicability == Some("MachineApplicable");
    let mut issue = format!("clippy::{}: {}.", lint.name, d.message);
    let mut help = Vec::new();
    for child in &d.children {
        let m = child.message.trim();
        if m.starts_with("requested on the command line") || m.is_empty() {
            continue;
        }
        let has_suggestion = child
            .spans
            .iter()
            .any(|s| s.suggested_replacement.is_some());
        if child.level == "help" && !m.starts_with("for further information") {
            help.push(m.to_owned());
        }
        if !has_suggestion {
            issue.push_str(&format!("\n{}: {m}", child.level));
        }
    }
    let proposal = rewrite(source, lines, &suggestions)
        .map(|code| match help.first() {
            Some(h) => format!("// {h}\n{code}"),
            None => code,
        })
        .unwrap_or_else(|| {
            if help.is_empty() {
                format!("See clippy's documentation for `clippy::{}`.", lint.name)
            } else {
                help.join("\n")
            }
        });
    let level = if matches!(
        lint.name.as_str(),
        "large_enum_variant" | "large_stack_arrays"
    ) {
        Level::High
    } else {
        Level::Medium
    };
    Finding {
        id: String::new(),
        fingerprint: crate::fingerprint(category, &item_path, &code),
        category,
        file: rel.to_owned(),
        line_start: lines.0,
        line_end: lines.1,
        crate_name: crate_name.to_owned(),
        priority,
        item_path,
        confidence: if machine {
            Confidence::High
        } else {
            Confidence::Medium
        },
        safety: if machine {
            Safety::Safe
        } else {
            Safety::NeedsReview
        },
        code,
        issue,
        proposal,
        impact: Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: "per execution".to_owned(),
            applies_to: format!("each execution of {rel}:{}", lines.0),
            level,
        },
        tradeoffs: Tradeoffs {
            pros: vec![format!("clippy's own lint `clippy::{}`", lint.name)],
            cons: vec!["clippy does not weigh how often this code runs".to_owned()],
        },
        prerequisites: Vec::new(),
        source: FindingSource::Clippy,
        reach: None,
        edit: None,
    }
}

/// Byte offset of each line start (line 1 at index 0).
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The exact source lines `start..=end` (1-based), cut after 40 lines.
fn snippet(source: &str, start: u32, end: u32) -> String {
    let starts = line_starts(source);
    let n = starts.len();
    let s = (start.max(1) as usize - 1).min(n - 1);
    let e = (end.max(start) as usize).min(n);
    let cut = e - s > MAX_SNIPPET_LINES;
    let e2 = if cut { s + MAX_SNIPPET_LINES } else { e };
    let to = starts.get(e2).copied().unwrap_or(source.len());
    let mut text = source[starts[s]..to]
        .trim_end_matches(['\n', '\r'])
        .to_owned();
    if cut {
        text.push_str("\n    // … (snippet cut)");
    }
    text
}

/// Byte offset of a 1-based (line, char column) position.
fn offset(source: &str, starts: &[usize], line: u32, column: u32) -> Option<usize> {
    let from = *starts.get(line.checked_sub(1)? as usize)?;
    let rest = &source[from..];
    let col = column.checked_sub(1)? as usize;
    match rest.char_indices().nth(col) {
        Some((i, _)) => Some(from + i),
        None if rest.chars().count() == col => Some(source.len()),
        None => None,
    }
}

/// The finding's lines (widened to the suggestions) with clippy's suggested
/// replacements applied, or `None` when there is none or they overlap.
fn rewrite(source: &str, lines: (u32, u32), suggestions: &[&Span]) -> Option<String> {
    if suggestions.is_empty() {
        return None;
    }
    let starts = line_starts(source);
    let first = suggestions.iter().map(|s| s.line_start).min()?.min(lines.0);
    let last = suggestions.iter().map(|s| s.line_end).max()?.max(lines.1);
    let mut edits = Vec::new();
    for s in suggestions {
        let a = offset(source, &starts, s.line_start, s.column_start)?;
        let b = offset(source, &starts, s.line_end, s.column_end)?;
        if a > b {
            return None;
        }
        edits.push((a, b, s.suggested_replacement.as_deref()?));
    }
    edits.sort_by_key(|e| e.0);
    if edits.windows(2).any(|w| w[0].1 > w[1].0) {
        return None;
    }
    let from = *starts.get(first as usize - 1)?;
    let to = starts.get(last as usize).copied().unwrap_or(source.len());
    let mut text = String::new();
    let mut at = from;
    for (a, b, r) in edits {
        if a < from || b > to {
            return None;
        }
        text.push_str(&source[at..a]);
        text.push_str(r);
        at = b;
    }
    text.push_str(&source[at..to]);
    Some(text.trim_end_matches(['\n', '\r']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(
        category: Category,
        file: &str,
        lines: (u32, u32),
        source: FindingSource,
    ) -> Finding {
        Finding {
            id: String::new(),
            fingerprint: format!("{category}{file}{}", lines.0),
            category,
            file: file.to_owned(),
            line_start: lines.0,
            line_end: lines.1,
            crate_name: "demo".to_owned(),
            priority: memaudit_model::Priority::P1,
            item_path: "demo::f".to_owned(),
            confidence: Confidence::High,
            safety: Safety::Safe,
            code: String::new(),
            issue: String::new(),
            proposal: String::new(),
            impact: Impact::default(),
            tradeoffs: Tradeoffs::default(),
            prerequisites: Vec::new(),
            source,
            reach: None,
            edit: None,
        }
    }

    /// (clippy finding, whether merge keeps it next to a built-in
    /// UNNECESSARY_CLONE at src/lib.rs:10-12)
    fn check_merge(clippy: Finding, kept: bool) {
        let builtin = vec![finding(
            Category::UnnecessaryClone,
            "src/lib.rs",
            (10, 12),
            FindingSource::Builtin,
        )];
        let label = format!("{} {}", clippy.category, clippy.location());
        let merged = merge(builtin, vec![clippy]);
        assert_eq!(
            merged.len(),
            if kept { 2 } else { 1 },
            "{label}: {merged:?}"
        );
        assert_eq!(merged[0].source, FindingSource::Builtin, "{label}");
    }

    #[test]
    fn merge_drops_clippy_findings_overlapping_a_builtin_one_of_the_same_category() {
        let clone = Category::UnnecessaryClone;
        let f = |c, file, lines| finding(c, file, lines, FindingSource::Clippy);
        check_merge(f(clone, "src/lib.rs", (11, 11)), false);
        check_merge(f(clone, "src/lib.rs", (8, 10)), false);
        check_merge(f(clone, "src/lib.rs", (12, 14)), false);
        check_merge(f(clone, "src/lib.rs", (13, 13)), true);
        check_merge(f(clone, "src/other.rs", (11, 11)), true);
        check_merge(f(Category::HeapAvoidable, "src/lib.rs", (11, 11)), true);
    }

    #[test]
    fn merge_orders_by_priority_file_line_and_renumbers() {
        let mut p0 = finding(
            Category::HeapAvoidable,
            "src/z.rs",
            (3, 3),
            FindingSource::Clippy,
        );
        p0.priority = memaudit_model::Priority::P0;
        let builtin = vec![
            finding(
                Category::UnnecessaryClone,
                "src/b.rs",
                (20, 20),
                FindingSource::Builtin,
            ),
            finding(
                Category::UnnecessaryClone,
                "src/a.rs",
                (5, 5),
                FindingSource::Builtin,
            ),
        ];
        let clippy = vec![
            finding(
                Category::AllocationLoop,
                "src/b.rs",
                (7, 7),
                FindingSource::Clippy,
            ),
            p0,
        ];
        let merged = merge(builtin, clippy);
        let got: Vec<(String, String)> = merged
            .iter()
            .map(|f| (f.id.clone(), f.location()))
            .collect();
        let want = [
            ("F-001", "src/z.rs:3"),
            ("F-002", "src/a.rs:5"),
            ("F-003", "src/b.rs:7"),
            ("F-004", "src/b.rs:20"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "merged order");
    }

    fn sugg(line: u32, cols: (u32, u32), replacement: &str) -> Span {
        Span {
            file_name: "src/lib.rs".to_owned(),
            line_start: line,
            line_end: line,
            column_start: cols.0,
            column_end: cols.1,
            is_primary: true,
            suggested_replacement: Some(replacement.to_owned()),
            suggestion_applicability: Some("MachineApplicable".to_owned()),
        }
    }

    fn check_rewrite(source: &str, lines: (u32, u32), spans: &[Span], expected: Option<&str>) {
        let refs: Vec<&Span> = spans.iter().collect();
        assert_eq!(
            rewrite(source, lines, &refs).as_deref(),
            expected,
            "{source:?}"
        );
    }

    #[test]
    fn suggestions_are_applied_to_the_finding_lines() {
        let src = "fn f() {\n    let a = b.clone();\n    let é = x;\n}\n";
        check_rewrite(
            src,
            (2, 2),
            &[sugg(2, (14, 22), "")],
            Some("    let a = b;"),
        );
        check_rewrite(
            src,
            (3, 3),
            &[sugg(3, (9, 10), "e")],
            Some("    let e = x;"),
        );
        check_rewrite(src, (2, 2), &[], None);
        // Overlapping edits are not guessed at.
        check_rewrite(
            src,
            (2, 2),
            &[sugg(2, (5, 10), ""), sugg(2, (8, 12), "")],
            None,
        );
    }

    #[test]
    fn every_lint_has_a_category_and_unknown_ones_none() {
        assert_eq!(
            lint_category("redundant_clone"),
            Some(Category::UnnecessaryClone)
        );
        assert_eq!(lint_category("vec_box"), Some(Category::HeapAvoidable));
        assert_eq!(lint_category("needless_range_loop"), None);
    }

    #[test]
    fn cargo_output_lines_are_sorted_into_lints_and_errors() {
        let out = concat!(
            "not json\n",
            r#"{"reason":"compiler-message","manifest_path":"/w/Cargo.toml","message":{"message":"redundant clone","code":{"code":"clippy::redundant_clone"},"level":"warning","spans":[],"children":[]}}"#,
            "\n",
            r#"{"reason":"compiler-message","message":{"message":"mismatched types","code":{"code":"E0308"},"level":"error","spans":[],"children":[],"rendered":"error[E0308]: mismatched types"}}"#,
            "\n",
            r#"{"reason":"compiler-message","message":{"message":"unused","code":{"code":"dead_code"},"level":"warning","spans":[],"children":[]}}"#,
            "\n",
            r#"{"reason":"build-finished","success":false}"#,
        );
        let run = parse_messages(out);
        let names: Vec<&str> = run.lints.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["redundant_clone"], "lints");
        assert_eq!(run.errors, ["error[E0308]: mismatched types"], "errors");
        assert_eq!(run.lints[0].manifest_dir.as_deref(), Some(Path::new("/w")));
    }
}
