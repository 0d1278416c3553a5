//! Priority scoring (workflow spec 1.2 and 1.4): how hot each function runs
//! (from the workspace call graph, [`memaudit_facts::hotness`]), the code
//! signals weighted by that heat, and the spec's name and dependency rules,
//! turned into a priority P0–P3 with its reasons for every function, file
//! and crate.
//!
//! The rules, so a lead can predict them:
//! - Function: cold code (tests, benches, examples, build scripts, developer
//!   tools, error paths, `Debug`, help/usage, command-line building, code
//!   that runs once) → P3. Hot code (called per element of a loop, an
//!   iterator, a frame, a request, an event) → P1, P0 when nested two loops
//!   deep or when it does file I/O or iterates user data itself. Warm code
//!   (the public API of a library, trait methods called per value) → P2.
//!   Code run once, and code no known caller reaches → P3 (a finding in one
//!   of its loops is still judged per element).
//! - File score = the spec's file I/O ×3 + iteration ×2 + render ×1, each
//!   kind capped at 3 units, but only for evidence inside hot or warm
//!   functions: a config file read once is not P0.
//!   File priority = the best of its hottest function's and its score's
//!   (spec thresholds P0 ≥ 5, P1 ≥ 3, P2 ≥ 1, else P3).
//! - Floors (raise, never lower, and only for code that is not all cold): a
//!   name containing worker/executor/process → P0, scan/discover/watch → P1;
//!   an async runtime entry point → P0.
//! - Ceilings (win over floors): test code (`tests/`, `benches/`, testkit,
//!   test_utils, modules declared under `#[cfg(test)]`), build scripts,
//!   developer tools → P3; auth/config/init names → P3 unless the code in
//!   them runs hot.
//! - Crate score = its hottest file's score + one bonus per hot dependency
//!   family (arrow/parquet +3, rayon/walkdir +2, ratatui/crossterm +1);
//!   crate priority is its hottest file's, then the crate name's floor or
//!   ceiling applies.
//!
//! Must NOT do I/O except parsing files that discovery did not parse (a
//! hand-built `Workspace`), and must not apply overrides (that is `overrides`).

use std::collections::HashMap;
use std::sync::Arc;

use memaudit_facts::callgraph::{GraphFile, TargetKind};
use memaudit_facts::hotness::{Hotness, Rank};
use memaudit_facts::FileFacts;
use memaudit_model::{ColdKind, CrateScope, FileScope, FnScope, Heat, Priority, Reason, Scope};
use smol_str::SmolStr;

use crate::paths::sort_warnings;
use crate::signals::{FileSignals, SignalKind};
use crate::{files, pool, CrateInfo, Workspace};

const CAP_UNITS: u8 = 3;

/// Crate names of developer tools and test support: cold whatever they do.
fn crate_cold(name: &str) -> Option<(ColdKind, String)> {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    if lower == "xtask" || lower.ends_with("_xtask") || lower.starts_with("xtask_") {
        return Some((
            ColdKind::DevTool,
            format!("crate `{name}` is a developer tool (xtask)"),
        ));
    }
    if lower.contains("fuzz") {
        return Some((
            ColdKind::DevTool,
            format!("crate `{name}` is a fuzzing harness"),
        ));
    }
    let test_words = [
        "test_utils",
        "test_util",
        "testkit",
        "testing",
        "test_helpers",
        "test_support",
        "fixtures",
    ];
    if test_words.iter().any(|w| lower.contains(w))
        || lower.ends_with("_tests")
        || lower.ends_with("_test")
    {
        return Some((ColdKind::Test, format!("crate `{name}` is test support")));
    }
    None
}

/// Whether a file's path says it is cold (a fuzz target, a benchmark
/// folder found by walking).
fn path_cold(path: &str) -> Option<(ColdKind, String)> {
    let p = format!("/{path}");
    if p.contains("/fuzz/") {
        return Some((ColdKind::DevTool, format!("{path} is a fuzz target")));
    }
    None
}

/// Scores crates and files; crates and files come highest priority first.
pub fn score(ws: &Workspace) -> Scope {
    score_with(ws, &[], 0).0
}

/// Like [`score`], and says how often the code at each `(file, line)` of
/// `lines` runs (for findings), from the same call graph; with the name a
/// declaration there declares, also where the workspace grows it. Files
/// discovery did not parse (a hand-built workspace) are parsed on up to
/// `threads` threads (0: one per core), like discovery's own.
pub fn score_with(
    ws: &Workspace,
    lines: &[(&str, u32, Option<&str>)],
    threads: usize,
) -> (Scope, Vec<memaudit_model::Reach>) {
    let mut warnings = ws.warnings.clone();
    let parsed = parse_missing(ws, &mut warnings, threads);
    let signals_of = |ci: usize, fi: usize| {
        ws.crates[ci].files[fi]
            .signals
            .as_ref()
            .or_else(|| parsed.get(&(ci, fi)).map(|p| &p.0))
    };
    let facts_of = |ci: usize, fi: usize| -> Option<&Arc<FileFacts>> {
        ws.crates[ci].files[fi]
            .facts
            .as_ref()
            .or_else(|| parsed.get(&(ci, fi)).and_then(|p| p.1.as_ref()))
    };
    // The call graph over every parsed file of every crate.
    let mut index: Vec<(usize, usize)> = Vec::new();
    let mut graph: Vec<GraphFile<'_>> = Vec::new();
    for (ci, c) in ws.crates.iter().enumerate() {
        let lib_crate = c.targets.iter().any(|t| {
            matches!(
                t.kind.as_str(),
                "lib" | "rlib" | "dylib" | "cdylib" | "staticlib" | "proc-macro"
            )
        });
        let bin_crate = c.targets.iter().any(|t| t.kind == "bin");
        // Other targets call the library by its `[lib] name` (`dua::walk`
        // from the binaries of the `dua-cli` package), not the package's.
        let crate_ident = SmolStr::new(
            c.targets
                .iter()
                .find(|t| t.kind == "lib")
                .map_or(c.name.as_str(), |t| t.name.as_str())
                .replace('-', "_"),
        );
        let cold_crate = crate_cold(&c.name);
        for (fi, f) in c.files.iter().enumerate() {
            let Some(facts) = facts_of(ci, fi) else {
                continue;
            };
            let cold = cold_crate
                .clone()
                .or_else(|| f.test.clone().map(|t| (ColdKind::Test, t)))
                .or_else(|| path_cold(&f.path));
            index.push((ci, fi));
            graph.push(GraphFile {
                crate_ident: crate_ident.clone(),
                module: f.module.iter().map(SmolStr::new).collect(),
                target: f.target,
                path: &f.path,
                facts,
                cold,
                lib_crate,
                bin_crate,
            });
        }
    }
    let hot = Hotness::analyze(&graph);
    let mut by_file: HashMap<(usize, usize), usize> = HashMap::new();
    for (gi, key) in index.iter().enumerate() {
        by_file.insert(*key, gi);
    }
    let mut crates: Vec<CrateScope> = ws
        .crates
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let heat = |fi: usize| by_file.get(&(ci, fi)).map(|&gi| (gi, &hot));
            score_crate(c, |fi| signals_of(ci, fi), heat)
        })
        .collect();
    let gi_of: HashMap<&str, usize> = graph.iter().enumerate().map(|(i, g)| (g.path, i)).collect();
    let reaches = lines
        .iter()
        .map(|(path, line, declares)| match gi_of.get(path) {
            Some(&gi) => {
                let mut reach = hot.reach_at_line(gi as u32, *line);
                if let Some(name) = declares {
                    reach.growth = hot.field_growth(gi as u32, *line, name);
                }
                reach
            }
            None => memaudit_model::Reach {
                heat: Heat::Unknown,
                cold: None,
                loop_depth: 0,
                reasons: vec![format!(
                    "{path} was not parsed, so the call graph does not reach it"
                )],
                process_per_pass: None,
                growth: None,
            },
        })
        .collect();
    sort_crates(&mut crates);
    sort_warnings(&mut warnings);
    (
        Scope {
            workspace: ws.root.display().to_string(),
            crates,
            warnings,
            ..Scope::default()
        },
        reaches,
    )
}

type Missing = HashMap<(usize, usize), (FileSignals, Option<Arc<FileFacts>>)>;

/// Files of a hand-built workspace have no signals yet; parse them in parallel.
fn parse_missing(
    ws: &Workspace,
    warnings: &mut Vec<memaudit_model::Warning>,
    threads: usize,
) -> Missing {
    let jobs: Vec<(usize, usize)> = ws
        .crates
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| {
            c.files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.signals.is_none())
                .map(move |(fi, _)| (ci, fi))
        })
        .collect();
    let done = pool::run(
        jobs,
        threads,
        |_| 0,
        |(ci, fi)| {
            let path = &ws.crates[ci].files[fi].path;
            let place = files::Place {
                crate_name: &ws.crates[ci].name,
                module: &[],
                target: TargetKind::guess(path),
                test: None,
            };
            let parsed = files::parse(&ws.root.join(path), path, u64::MAX, &place, &crate::NoVisit);
            (Some(((ci, fi), parsed)), Vec::new())
        },
    );
    let mut out = HashMap::new();
    for (key, mut parsed) in done {
        warnings.append(&mut parsed.warnings);
        out.insert(key, (parsed.signals, parsed.facts));
    }
    out
}

pub(crate) fn sort_crates(crates: &mut [CrateScope]) {
    for c in crates.iter_mut() {
        sort_files(&mut c.files);
    }
    crates.sort_by(|a, b| (a.priority, -a.score, &a.path).cmp(&(b.priority, -b.score, &b.path)));
}

pub(crate) fn sort_files(files: &mut [FileScope]) {
    files.sort_by(|a, b| (a.priority, -a.score, &a.path).cmp(&(b.priority, -b.score, &b.path)));
}

/// Whether a signal inside a function of this rank counts: code that runs
/// per element or per call of an entry point does; code that runs once, in
/// tests, on error paths or never does not.
fn counts(rank: Rank) -> bool {
    matches!(rank, Rank::Hot(_) | Rank::Warm)
}

/// A function's priority from its heat and the signals inside it.
fn fn_priority(rank: Rank, data_work: bool) -> Priority {
    match rank {
        Rank::Cold(_) => Priority::P3,
        Rank::Hot(d) if d >= 2 || data_work => Priority::P0,
        Rank::Hot(_) => Priority::P1,
        Rank::Warm => Priority::P2,
        // Code that runs once, and code no known caller reaches: a finding
        // in one of its loops is still judged per element where it sits.
        Rank::Once | Rank::Unreached => Priority::P3,
    }
}

fn heat_of(rank: Rank) -> (Heat, Option<ColdKind>) {
    match rank {
        Rank::Cold(k) => (Heat::Cold, Some(k)),
        Rank::Once => (Heat::Cold, Some(ColdKind::Setup)),
        Rank::Warm => (Heat::Warm, None),
        Rank::Hot(_) => (Heat::Hot, None),
        Rank::Unreached => (Heat::Unknown, None),
    }
}

/// The functions of one file with their priority, and the signals of the
/// file weighted by the heat of the function each fired in.
fn functions<'h>(gi: usize, hot: &Hotness<'h>, sig: &FileSignals) -> (Vec<FnScope>, FileSignals) {
    let file = &hot.files[gi];
    let facts = file.facts;
    let mut weighted = FileSignals {
        lines: sig.lines,
        parsed: sig.parsed,
        hits: Vec::new(),
    };
    let mut fns = Vec::with_capacity(facts.fns.len());
    for (ni, f) in facts.fns.iter().enumerate() {
        let id = memaudit_facts::callgraph::FnId {
            file: gi as u32,
            func: ni as u32,
        };
        let h = hot.of(id);
        let inside = |line: u32| {
            f.range.start.line <= line
                && line <= f.range.end.line
                && facts.fn_at(line) == Some(ni as u32)
        };
        let data_work = sig.hits.iter().any(|hit| {
            inside(hit.line) && matches!(hit.kind, SignalKind::FileIo | SignalKind::Iteration)
        });
        if counts(h.rank) {
            weighted
                .hits
                .extend(sig.hits.iter().filter(|hit| inside(hit.line)).cloned());
        }
        let (mut heat, mut cold) = heat_of(h.rank);
        let mut priority = fn_priority(h.rank, data_work);
        let mut reasons = hot.reasons(id);
        // A function run once that holds the loop over the program's input
        // is where its time goes, whatever runs it. `main` itself stays the
        // entry (set-up, then dispatch): the code of its loop is judged per
        // line where it sits.
        if h.rank == Rank::Once && f.name != "main" {
            if let Some(l) = memaudit_facts::hotness::input_loop(f) {
                (heat, cold, priority) = (Heat::Hot, None, Priority::P1);
                reasons.insert(
                    0,
                    format!(
                        "holds the loop over the program's input ({}), run per item of it",
                        l.describe()
                    ),
                );
            }
        }
        // An ambiguous path (method name only) is not proof enough for P0.
        if priority == Priority::P0
            && h.confidence == memaudit_facts::callgraph::Confidence::Ambiguous
        {
            priority = Priority::P1;
        }
        fns.push(FnScope {
            name: f.path.clone(),
            line: f.range.start.line,
            end: f.range.end.line,
            priority,
            heat,
            cold,
            reason: reasons.join(" ← "),
        });
    }
    // Entry points and derives outside functions keep their floors.
    for hit in &sig.hits {
        if matches!(hit.kind, SignalKind::AsyncEntry | SignalKind::Serialization)
            && !weighted
                .hits
                .iter()
                .any(|h| h.line == hit.line && h.kind == hit.kind)
        {
            weighted.hits.push(hit.clone());
        }
    }
    weighted.hits.sort_by_key(|h| h.line);
    (fns, weighted)
}

fn score_crate<'a, 'h>(
    c: &CrateInfo,
    signals: impl Fn(usize) -> Option<&'a FileSignals>,
    heat: impl Fn(usize) -> Option<(usize, &'a Hotness<'h>)>,
) -> CrateScope
where
    'h: 'a,
{
    let build_roots: Vec<&str> = c
        .targets
        .iter()
        .filter(|t| t.kind == "custom-build")
        .map(|t| t.root.as_str())
        .collect();
    let cold_crate = crate_cold(&c.name);
    let files: Vec<FileScope> = c
        .files
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let empty = FileSignals::default();
            let sig = signals(fi).unwrap_or(&empty);
            let within = f
                .path
                .strip_prefix(&format!("{}/", c.dir))
                .filter(|_| c.dir != ".")
                .unwrap_or(&f.path);
            let build = build_roots.contains(&f.path.as_str()) || f.target == TargetKind::Build;
            let Some((gi, hot)) = heat(fi) else {
                let mut fs = score_file(&f.path, within, sig, build);
                fs.in_module_tree = f.in_module_tree;
                return fs;
            };
            let (fns, weighted) = functions(gi, hot, sig);
            let mut fs = score_file(&f.path, within, &weighted, build);
            fs.in_module_tree = f.in_module_tree;
            let file_cold = hot.files[gi].cold.clone().or_else(|| match f.target {
                TargetKind::Test => Some((ColdKind::Test, format!("{} is a test target", f.path))),
                TargetKind::Bench | TargetKind::Example => Some((
                    ColdKind::DevTool,
                    format!("{} is a benchmark or example", f.path),
                )),
                _ => None,
            });
            let all_cold = !fns.is_empty() && fns.iter().all(|f| f.heat == Heat::Cold);
            let any_hot = fns.iter().any(|f| f.heat == Heat::Hot);
            let hinted = fs.reasons.iter().any(|r| {
                r.signal.starts_with("name:")
                    && HINT_WORDS.iter().any(|w| r.signal == format!("name:{w}"))
            });
            if let Some((kind, why)) = &file_cold {
                fs.reasons.push(reason(
                    "code:cold_file",
                    &f.path,
                    None,
                    0,
                    format!("{why}: cold ({}), P3", kind.label()),
                ));
                fs.priority = Priority::P3;
            } else if let Some(best) = fns.iter().min_by_key(|f| (f.priority, f.line)) {
                if best.priority < fs.priority {
                    fs.priority = best.priority;
                }
                let what = match best.heat {
                    Heat::Hot => "hot",
                    Heat::Warm => "warm",
                    Heat::Cold => "cold",
                    Heat::Unknown => "no known caller",
                };
                fs.reasons.insert(
                    0,
                    reason(
                        "code:hottest_function",
                        &f.path,
                        Some(best.line),
                        0,
                        format!(
                            "hottest function `{}` ({}, {what}): {}",
                            best.name, best.priority, best.reason
                        ),
                    ),
                );
                if hinted && !any_hot {
                    fs.priority = Priority::P3;
                }
                if all_cold {
                    fs.priority = Priority::P3;
                    fs.reasons.push(reason(
                        "code:all_cold",
                        &f.path,
                        None,
                        0,
                        "every function is cold (tests, setup, error paths, diagnostics): P3"
                            .into(),
                    ));
                }
            }
            fs.functions = fns;
            fs
        })
        .collect();

    let manifest = c.manifest.clone();
    let mut reasons = Vec::new();
    let mut score = 0;
    let mut priority = Priority::P3;
    if let Some(error) = &c.error {
        reasons.push(reason(
            "manifest:error",
            &manifest,
            None,
            0,
            format!("manifest could not be read: {error}"),
        ));
    }
    let hottest = files
        .iter()
        .filter(|f| {
            !f.reasons
                .iter()
                .any(|r| r.signal.starts_with("path:") || r.signal == "code:cold_file")
        })
        .min_by(|a, b| (a.priority, -a.score, &a.path).cmp(&(b.priority, -b.score, &b.path)));
    if let Some(hot) = hottest.filter(|h| h.score > 0 || h.priority < Priority::P3) {
        score = hot.score;
        priority = hot.priority;
        reasons.push(reason(
            "code:hottest_file",
            &hot.path,
            None,
            hot.score,
            format!(
                "hottest file is {} ({}, score {}: {})",
                hot.path,
                hot.priority,
                hot.score,
                summary(hot)
            ),
        ));
    } else if c.error.is_none() {
        reasons.push(reason(
            "code:hottest_file",
            &manifest,
            None,
            0,
            "no file has hot code or hot-path code signals".into(),
        ));
    }
    let live = files
        .iter()
        .any(|f| f.functions.iter().any(|g| g.heat != Heat::Cold));
    let any_hot = files
        .iter()
        .any(|f| f.functions.iter().any(|g| g.heat == Heat::Hot));
    for (family, weight, why, deps) in DEP_FAMILIES {
        if let Some(dep) = c
            .dependencies
            .iter()
            .find(|d| deps.iter().any(|p| dep_matches(d, p)))
        {
            score += weight;
            reasons.push(reason(
                &format!("dep:{dep}"),
                &manifest,
                None,
                *weight,
                if *weight > 0 {
                    format!("depends on `{dep}` ({family}: {why})")
                } else {
                    format!("depends on `{dep}` ({family}; {why}, adds nothing)")
                },
            ));
        }
    }
    priority = priority.min(Priority::from_score(score.max(0) as u32));
    let (floor, ceiling, hint) = name_rules(&c.name, &manifest, "crate name", &mut reasons);
    if let (Some(f), true) = (floor, live) {
        priority = priority.min(f);
    }
    let mut files = files;
    if hint && !any_hot {
        priority = Priority::P3;
        // Auth, config and init code that never runs hot is one-time setup,
        // file by file too.
        for f in &mut files {
            f.priority = Priority::P3;
        }
    }
    if let Some((kind, why)) = &cold_crate {
        reasons.push(reason(
            "name:cold_crate",
            &manifest,
            None,
            0,
            format!("{why}: cold ({}), P3", kind.label()),
        ));
    }
    if ceiling || c.error.is_some() || cold_crate.is_some() {
        priority = Priority::P3;
    }
    CrateScope {
        name: c.name.clone(),
        path: c.dir.clone(),
        priority,
        score,
        reasons,
        files,
        error: c.error.clone(),
    }
}

/// One-line "file I/O +9, iteration +2" summary of a file's scored kinds.
fn summary(f: &FileScope) -> String {
    let kinds: [(&str, &[&str]); 3] = [
        ("file I/O", &["code:file_io", "code:async_file_open"]),
        ("iteration", &["code:iteration", "code:fs_scan"]),
        ("render", &["code:render"]),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|(label, signals)| {
            let w: i32 = f
                .reasons
                .iter()
                .filter(|r| signals.contains(&r.signal.as_str()))
                .map(|r| r.weight)
                .sum();
            (w > 0).then(|| format!("{label} +{w}"))
        })
        .collect();
    if parts.is_empty() {
        "no scored code signals".into()
    } else {
        parts.join(", ")
    }
}

/// Dependency families: (family, crate score bonus, why it matters, package names).
/// A trailing `*` matches a prefix (`arrow*` covers `arrow-array`).
const DEP_FAMILIES: &[(&str, i32, &str, &[&str])] = &[
    (
        "columnar data",
        3,
        "processes user data in batches",
        &[
            "arrow*",
            "parquet",
            "polars*",
            "datafusion*",
            "memmap2",
            "csv",
        ],
    ),
    (
        "parallel iteration",
        2,
        "walks or iterates large inputs",
        &["rayon", "walkdir", "jwalk", "ignore", "globwalk"],
    ),
    (
        "TUI",
        1,
        "renders every frame",
        &["ratatui", "tui", "crossterm", "cursive"],
    ),
    (
        "async runtime",
        0,
        "a hint",
        &["tokio", "async-std", "smol"],
    ),
    (
        "serialization",
        0,
        "a hint",
        &["serde", "serde_json", "bincode", "prost", "rmp-serde"],
    ),
];

fn dep_matches(dep: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => dep.starts_with(prefix),
        None => dep == pattern,
    }
}

fn reason(signal: &str, file: &str, line: Option<u32>, weight: i32, detail: String) -> Reason {
    Reason {
        signal: signal.to_string(),
        file: file.to_string(),
        line,
        weight,
        detail,
    }
}

/// Scores one file. `within` is its path relative to its crate's folder (so
/// that a crate living in `crates/worker/` does not make every file P0).
pub(crate) fn score_file(
    path: &str,
    within: &str,
    sig: &FileSignals,
    build_script: bool,
) -> FileScope {
    let mut reasons = Vec::new();
    let mut used: HashMap<SignalKind, u8> = HashMap::new();
    let mut floor: Option<Priority> = None;
    // The strongest evidence claims the capped units first, so the spec's
    // explicit P0 pattern (async fn + file open) is never the one cut off.
    let mut order: Vec<&crate::signals::Hit> = sig.hits.iter().collect();
    order.sort_by_key(|h| (std::cmp::Reverse(h.units), h.line));
    let mut scored: Vec<(u32, Reason)> = Vec::new();
    for hit in order {
        let multiplier = match hit.kind {
            SignalKind::FileIo => 3,
            SignalKind::Iteration => 2,
            SignalKind::Render => 1,
            SignalKind::AsyncEntry | SignalKind::Serialization => {
                let (p, why) = if hit.kind == SignalKind::AsyncEntry {
                    (Priority::P0, "at least P0")
                } else {
                    (Priority::P2, "at least P2")
                };
                floor = Some(floor.map_or(p, |f| f.min(p)));
                scored.push((
                    hit.line,
                    reason(
                        hit.signal,
                        path,
                        Some(hit.line),
                        0,
                        format!("{} ({why})", hit.detail),
                    ),
                ));
                continue;
            }
        };
        let units = used.entry(hit.kind).or_default();
        let take = hit.units.min(CAP_UNITS - *units);
        *units += take;
        let detail = match take {
            0 => format!(
                "{} (not counted: at most {CAP_UNITS} units per kind)",
                hit.detail
            ),
            t if t < hit.units => format!(
                "{} (partly counted: at most {CAP_UNITS} units per kind)",
                hit.detail
            ),
            _ => hit.detail.clone(),
        };
        scored.push((
            hit.line,
            reason(
                hit.signal,
                path,
                Some(hit.line),
                i32::from(take) * multiplier,
                detail,
            ),
        ));
    }
    scored.sort_by_key(|(line, _)| *line);
    reasons.extend(scored.into_iter().map(|(_, r)| r));
    if !sig.parsed {
        reasons.push(reason(
            "parse:skipped",
            path,
            None,
            0,
            "not parsed (see warnings): name signals only".into(),
        ));
    }
    let score: i32 = reasons.iter().map(|r| r.weight).sum();
    let mut priority = Priority::from_score(score.max(0) as u32);
    if let Some(f) = floor {
        priority = priority.min(f);
    }
    let stem = within.strip_suffix(".rs").unwrap_or(within);
    let (name_floor, mut ceiling, _) = name_rules(stem, path, "path", &mut reasons);
    if let Some(f) = name_floor {
        priority = priority.min(f);
    }
    if build_script {
        reasons.push(reason(
            "path:build_script",
            path,
            None,
            0,
            "build script: runs at compile time only (P3)".into(),
        ));
        ceiling = true;
    }
    if ceiling {
        priority = Priority::P3;
    }
    FileScope {
        path: path.to_string(),
        priority,
        score,
        reasons,
        lines: sig.lines,
        in_module_tree: false,
        overridden: None,
        functions: Vec::new(),
    }
}

const P0_WORDS: [&str; 3] = ["worker", "executor", "process"];
const P1_WORDS: [&str; 3] = ["scan", "discover", "watch"];
const TEST_WORDS: [&str; 10] = [
    "tests",
    "test",
    "benches",
    "bench",
    "testkit",
    "test_utils",
    "test_util",
    "testing",
    "test_helpers",
    "fixtures",
];
const HINT_WORDS: [&str; 8] = [
    "auth",
    "authn",
    "authz",
    "oauth",
    "config",
    "configuration",
    "settings",
    "init",
];

/// Name signals for a crate name or a crate-relative file path (without
/// `.rs`). Returns the floor, whether a test-code ceiling applies and
/// whether an auth/config/init hint fired, and records a reason for each
/// rule that fired.
fn name_rules(
    name: &str,
    file: &str,
    what: &str,
    reasons: &mut Vec<Reason>,
) -> (Option<Priority>, bool, bool) {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['/', '\\']).collect();
    let words: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.split(['_', '-', '.']))
        .collect();
    let mut floor = None;
    for (list, p) in [(&P0_WORDS, Priority::P0), (&P1_WORDS, Priority::P1)] {
        if let Some(w) = list.iter().find(|w| lower.contains(**w)) {
            reasons.push(reason(
                &format!("name:{w}"),
                file,
                None,
                0,
                format!("{what} contains \"{w}\": at least {p}"),
            ));
            floor = Some(floor.map_or(p, |f: Priority| f.min(p)));
        }
    }
    let test_word = TEST_WORDS.iter().find(|w| {
        parts.iter().any(|p| p == *w || p.replace('-', "_") == **w)
            || words.contains(w)
            || parts
                .last()
                .is_some_and(|p| p.ends_with("_tests") || p.ends_with("_test"))
    });
    let ceiling = if let Some(w) = test_word {
        let signal = if what == "path" {
            format!("path:{w}")
        } else {
            format!("name:{w}")
        };
        reasons.push(reason(
            &signal,
            file,
            None,
            0,
            format!("{what} marks test code (\"{w}\"): P3"),
        ));
        true
    } else {
        false
    };
    let hint = HINT_WORDS.iter().find(|w| words.contains(w));
    if let Some(w) = hint {
        reasons.push(reason(
            &format!("name:{w}"),
            file,
            None,
            0,
            format!("{what} contains \"{w}\": usually one-time setup (spec: P3) unless its code runs hot"),
        ));
    }
    (floor, ceiling, hint.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::Hit;

    fn hit(kind: SignalKind, signal: &'static str, token: &str, units: u8) -> Hit {
        Hit {
            kind,
            signal,
            token: token.into(),
            line: 1,
            detail: token.into(),
            units,
        }
    }

    /// Scores a file at `within` with `hits`; compares `priority score`.
    fn check(within: &str, hits: Vec<Hit>, expected: &str) {
        let sig = FileSignals {
            lines: 10,
            parsed: true,
            hits,
        };
        let f = score_file(within, within, &sig, false);
        let got = format!("{} {}", f.priority, f.score);
        assert_eq!(got, expected, "{within}: reasons {:#?}", f.reasons);
        assert_eq!(
            f.score,
            f.reasons.iter().map(|r| r.weight).sum::<i32>(),
            "score is the sum of the reasons"
        );
    }

    use SignalKind::*;

    #[test]
    fn spec_weights_and_thresholds() {
        check("src/plain.rs", vec![], "P3 0");
        check(
            "src/a.rs",
            vec![hit(Render, "code:render", "Frame", 1)],
            "P2 1",
        );
        check(
            "src/a.rs",
            vec![hit(Iteration, "code:iteration", "rows", 1)],
            "P2 2",
        );
        check(
            "src/a.rs",
            vec![hit(FileIo, "code:file_io", "File", 1)],
            "P1 3",
        );
        check(
            "src/a.rs",
            vec![
                hit(FileIo, "code:file_io", "tokio::fs", 1),
                hit(FileIo, "code:async_file_open", "load", 2),
            ],
            "P0 9",
        );
        check(
            "src/a.rs",
            vec![
                hit(FileIo, "code:file_io", "File", 1),
                hit(Iteration, "code:iteration", "rows", 1),
            ],
            "P0 5",
        );
    }

    #[test]
    fn units_are_capped_per_kind() {
        let many = (0..6).map(|_| hit(Render, "code:render", "x", 1)).collect();
        check("src/ui.rs", many, "P1 3");
    }

    #[test]
    fn names_raise_and_tests_lower() {
        check("src/worker.rs", vec![], "P0 0");
        check("src/fs_scanner.rs", vec![], "P1 0");
        check(
            "tests/it.rs",
            vec![hit(FileIo, "code:file_io", "File", 1)],
            "P3 3",
        );
        check("src/test_utils.rs", vec![], "P3 0");
        check("src/config.rs", vec![], "P3 0");
        check(
            "src/config.rs",
            vec![hit(FileIo, "code:file_io", "File", 1)],
            "P1 3",
        );
    }

    #[test]
    fn floors_from_code() {
        check(
            "src/main.rs",
            vec![hit(AsyncEntry, "code:async_entry", "tokio::main", 1)],
            "P0 0",
        );
        check(
            "src/wire.rs",
            vec![hit(Serialization, "code:serialize_large_struct", "Msg", 1)],
            "P2 0",
        );
    }
}
