//! Benchmark of the fix checker on a real workspace: the built-in Analyst's
//! edits are compiled in a scratch copy twice — a first check (cold build
//! cache) and a re-check (warm cache) — and the figures printed: time,
//! time per finding, builds, the scratch copy's peak disk, the build
//! cache's size, and how many edits compile; then what that means for the
//! Validator's APPROVED findings (how many would be surfaced with an edit
//! that does not compile if nothing checked them).
//!
//! ```text
//! cargo run --example bench_checks -- WORKSPACE [--tests] [--cache DIR] [--keep-cache] [--verbose] [--limit N]
//! ```
//!
//! It builds the workspace (its build scripts and proc macros run, and its
//! tests with `--tests`). The workspace's files are never written; their
//! hashes are compared before and after to prove it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use memaudit::model::{FixStatus, Verdict};
use memaudit_analysis::{analyze, AnalyzeOptions};
use memaudit_check::{check_edits, Candidate, CheckEvent, CheckOptions, CheckRun};

fn hashes(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "target" || n == ".git") {
            continue;
        }
        if p.is_dir() {
            hashes(root, &p, out);
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.insert(
                p.strip_prefix(root).unwrap_or(&p).to_path_buf(),
                memaudit_check::content_hash(&bytes),
            );
        }
    }
}

/// The kind of edit, from its summary: the groups of the by-kind line.
fn kind(summary: &str) -> &'static str {
    if summary.contains("write!") {
        "write! into a reused String"
    } else if summary.contains("with_capacity") {
        "with_capacity"
    } else if summary.contains("`extend()`") {
        "collect into a reused buffer"
    } else if summary.starts_with("hoist") {
        "hoist and clear()"
    } else if summary.starts_with("drop the") {
        "drop a copy"
    } else if summary.starts_with("borrow") {
        "borrow instead of a copy"
    } else if summary.contains("array") {
        "literals to an array"
    } else if summary.contains("Box") || summary.contains("inline") {
        "unbox"
    } else if summary.contains("alignment") {
        "reorder fields"
    } else if summary.contains("drop(") {
        "drop early"
    } else {
        "other"
    }
}

/// Prints each build as it starts (with `--verbose`), its packages, and
/// the edits each build settles: where a check's builds go.
fn trace(verbose: bool) -> impl Fn(CheckEvent) {
    let started = Instant::now();
    move |e| {
        if !verbose {
            return;
        }
        print!("{:7.1} s", started.elapsed().as_secs_f64());
        match &e {
            CheckEvent::Building {
                packages,
                edits,
                resolved,
                total,
            } => println!(
                "    build of {edits} edit(s) of {}, {resolved}/{total} known",
                packages.join(" ")
            ),
            CheckEvent::Checked {
                finding_id, status, ..
            } => println!("      {finding_id} {}", status.as_str()),
            _ => println!(),
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn report(label: &str, run: &CheckRun, wall: f64) {
    let count = |s: FixStatus| run.checks.iter().filter(|c| c.status == s).count();
    let n = run.checks.len().max(1);
    println!(
        "{label}: {wall:.1} s wall ({:.2} s per finding), {} builds, {} test runs, baseline {:.1} s{}; \
         {} compile, {} fail, {} not checked; scratch copy peak {} ({} files linked, {} copied); build cache {}",
        wall / n as f64,
        run.stats.builds,
        run.stats.test_runs,
        run.stats.baseline_ms as f64 / 1000.0,
        if run.stats.baseline_reused {
            " (reused)"
        } else {
            ""
        },
        count(FixStatus::Compiles),
        count(FixStatus::Fails),
        count(FixStatus::NotChecked),
        mb(run.stats.scratch_peak_bytes),
        run.stats.files_linked,
        run.stats.files_copied,
        mb(run.stats.cache_bytes),
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut ws: Option<PathBuf> = None;
    let mut tests = false;
    let mut cache: Option<PathBuf> = None;
    let mut keep = false;
    let mut verbose = false;
    let mut limit = usize::MAX;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tests" => tests = true,
            "--keep-cache" => keep = true,
            "--verbose" => verbose = true,
            "--cache" => cache = args.next().map(PathBuf::from),
            // Only the first N edits (in finding order): the figure for a
            // round of that size.
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(limit),
            _ => ws = Some(PathBuf::from(a)),
        }
    }
    let Some(ws) = ws else {
        eprintln!(
            "usage: bench_checks WORKSPACE [--tests] [--cache DIR] [--keep-cache] [--verbose] [--limit N]"
        );
        std::process::exit(2);
    };
    let ws = std::fs::canonicalize(&ws).unwrap_or(ws);
    let scope = match memaudit_discovery::load_scope(&ws, None, &Default::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let t = Instant::now();
    let analysis = analyze(&scope, &AnalyzeOptions::default(), &|_| {});
    let analyse_s = t.elapsed().as_secs_f64();
    let validations = memaudit_review::validator::validate(&ws, &analysis.findings, Some(&scope));
    let candidates: Vec<Candidate> = analysis
        .findings
        .iter()
        .filter_map(|f| {
            f.edit.as_ref().map(|e| Candidate {
                finding_id: f.id.clone(),
                fingerprint: f.fingerprint.clone(),
                edit: e.clone(),
            })
        })
        .take(limit)
        .collect();
    println!(
        "workspace {}: {} lines in {} files; {} findings, {} with an edit, {} checked (analysed in {analyse_s:.1} s)",
        ws.display(),
        analysis.stats.lines,
        analysis.stats.files,
        analysis.findings.len(),
        analysis.findings.iter().filter(|f| f.edit.is_some()).count(),
        candidates.len()
    );
    let mut before = BTreeMap::new();
    hashes(&ws, &ws, &mut before);

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let cache_dir = cache.unwrap_or_else(|| tmp.path().join("cache"));
    let mut opts = CheckOptions::new(cache_dir.clone());
    opts.run_tests = tests;

    let t = Instant::now();
    let first = check_edits(&ws, &candidates, &opts, &trace(verbose)).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1);
    });
    report("first check", &first, t.elapsed().as_secs_f64());
    let t = Instant::now();
    let again = check_edits(&ws, &candidates, &opts, &trace(verbose)).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1);
    });
    report("re-check   ", &again, t.elapsed().as_secs_f64());
    for w in first.warnings.iter().chain(&again.warnings) {
        println!("warning: {w}");
    }
    if verbose {
        for c in &again.checks {
            let place = c
                .edit
                .hunks
                .first()
                .map(|h| format!("{}:{}", h.file, h.line))
                .unwrap_or_default();
            let why = match c.status {
                FixStatus::Compiles => String::new(),
                FixStatus::Fails => c.errors.first().map(|e| e.headline()).unwrap_or_default(),
                FixStatus::NotChecked => c.note.clone().unwrap_or_default(),
            };
            println!(
                "  {} {:<11} {place} {} | {why}",
                c.finding_id,
                c.status.as_str(),
                c.edit.summary
            );
        }
    }

    // Surfaced findings (APPROVED by the Validator) and their edits.
    let mut approved = 0;
    let mut approved_edit = 0;
    let mut approved_ok = 0;
    let mut approved_bad = Vec::new();
    let mut after_check = BTreeMap::new();
    for (f, v) in analysis.findings.iter().zip(&validations) {
        let check = again.checks.iter().find(|c| c.finding_id == f.id);
        let mut judged = v.clone();
        if let Some(c) = check {
            memaudit_review::checked::apply_check(&mut judged, f, c);
        }
        *after_check.entry(judged.verdict.as_str()).or_insert(0) += 1;
        if v.verdict != Verdict::Approved {
            continue;
        }
        approved += 1;
        if let Some(c) = check {
            approved_edit += 1;
            match c.status {
                FixStatus::Compiles => approved_ok += 1,
                FixStatus::Fails => approved_bad.push(format!(
                    "{} {} ({})",
                    f.id,
                    c.edit.summary,
                    c.errors.first().map(|e| e.headline()).unwrap_or_default()
                )),
                FixStatus::NotChecked => {}
            }
        }
    }
    println!(
        "APPROVED by the Validator: {approved}; with an edit: {approved_edit}; edit compiles: {approved_ok}; \
         edit does not compile (surfaced wrongly without the check): {}",
        approved_bad.len()
    );
    for b in &approved_bad {
        println!("  {b}");
    }
    println!("verdicts after the check: {after_check:?}");
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for c in &again.checks {
        for e in c.errors.iter().take(1) {
            *errors
                .entry(e.code.clone().unwrap_or_else(|| "no code".into()))
                .or_insert(0) += 1;
        }
    }
    println!("first error per failing edit, by code: {errors:?}");
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in &again.checks {
        let k = kinds.entry(kind(&c.edit.summary)).or_default();
        k.1 += 1;
        if c.status == FixStatus::Compiles {
            k.0 += 1;
        }
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(k, (ok, n))| format!("{k} {ok}/{n}"))
        .collect();
    println!("edits that compile, by kind: {}", kinds.join(", "));
    let mut after = BTreeMap::new();
    hashes(&ws, &ws, &mut after);
    println!(
        "workspace files unchanged: {} ({} files hashed)",
        before == after,
        after.len()
    );
    if keep {
        println!("build cache kept at {}", cache_dir.display());
    }
}
