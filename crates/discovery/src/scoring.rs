//! Priority scoring (workflow spec 1.2 and 1.4): turns code signals, names and
//! dependencies into a score, a priority P0–P3 and the reasons behind both,
//! for every file and every crate.
//!
//! The rules, so a lead can predict them:
//! - File score = file I/O units ×3 + iteration units ×2 + render units ×1.
//!   Each distinct piece of evidence (`File::open`, a loop over `rows`,
//!   `impl Widget`) is one unit, an `async fn` that opens files is two (the
//!   spec's explicit P0 pattern); each kind is capped at 3 units, so one
//!   file cannot dominate by repetition. Evidence past the cap is still
//!   listed, with weight 0. The score maps to a priority with the spec's
//!   thresholds (P0 ≥ 5, P1 ≥ 3, P2 ≥ 1, else P3).
//! - Floors (raise, never lower): a name containing worker/executor/process
//!   → P0, scan/discover/watch → P1; an async runtime entry point → P0; a
//!   large `#[derive(Serialize)]` struct → P2.
//! - Ceilings (win over floors): test code (`tests/`, `benches/`, testkit,
//!   test_utils) and build scripts → P3. Auth/config names are only a hint
//!   (weight 0): real file I/O in config code still counts.
//! - Crate score = its hottest non-test file's score + one bonus per hot
//!   dependency family (arrow/parquet +3, rayon/walkdir +2, ratatui/crossterm
//!   +1); crate priority is at least its hottest file's priority, then the
//!   crate name's floor or ceiling applies.
//!
//! Must NOT do I/O except parsing files that discovery did not parse (a
//! hand-built `Workspace`), and must not apply overrides (that is `overrides`).

use std::collections::HashMap;

use memaudit_model::{CrateScope, FileScope, Priority, Reason, Scope};

use crate::paths::sort_warnings;
use crate::signals::{FileSignals, SignalKind};
use crate::{files, pool, CrateInfo, Workspace};

const CAP_UNITS: u8 = 3;

/// Scores crates and files; crates and files come highest priority first.
pub fn score(ws: &Workspace) -> Scope {
    let mut warnings = ws.warnings.clone();
    let parsed = parse_missing(ws, &mut warnings);
    let mut crates: Vec<CrateScope> = ws
        .crates
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let signals = |fi: usize| {
                c.files[fi]
                    .signals
                    .as_ref()
                    .or_else(|| parsed.get(&(ci, fi)))
            };
            score_crate(c, signals)
        })
        .collect();
    sort_crates(&mut crates);
    sort_warnings(&mut warnings);
    Scope {
        workspace: ws.root.display().to_string(),
        crates,
        warnings,
        ..Scope::default()
    }
}

/// Files of a hand-built workspace have no signals yet; parse them in parallel.
fn parse_missing(
    ws: &Workspace,
    warnings: &mut Vec<memaudit_model::Warning>,
) -> HashMap<(usize, usize), FileSignals> {
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
    let done = pool::run(jobs, |(ci, fi)| {
        let path = &ws.crates[ci].files[fi].path;
        let parsed = files::parse(&ws.root.join(path), path, u64::MAX);
        (Some(((ci, fi), parsed)), Vec::new())
    });
    let mut out = HashMap::new();
    for (key, mut parsed) in done {
        warnings.append(&mut parsed.warnings);
        out.insert(key, parsed.signals);
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

fn score_crate<'a>(
    c: &CrateInfo,
    signals: impl Fn(usize) -> Option<&'a FileSignals>,
) -> CrateScope {
    let build_roots: Vec<&str> = c
        .targets
        .iter()
        .filter(|t| t.kind == "custom-build")
        .map(|t| t.root.as_str())
        .collect();
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
            let mut fs = score_file(&f.path, within, sig, build_roots.contains(&f.path.as_str()));
            fs.in_module_tree = f.in_module_tree;
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
        .filter(|f| !f.reasons.iter().any(|r| r.signal.starts_with("path:")))
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
            "no file has hot-path code signals".into(),
        ));
    }
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
    let (floor, ceiling) = name_rules(&c.name, &manifest, "crate name", &mut reasons);
    if let Some(f) = floor {
        priority = priority.min(f);
    }
    if ceiling || c.error.is_some() {
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
    let (name_floor, mut ceiling) = name_rules(stem, path, "path", &mut reasons);
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
/// `.rs`). Returns the floor and whether a test-code ceiling applies, and
/// records a reason for each rule that fired.
fn name_rules(
    name: &str,
    file: &str,
    what: &str,
    reasons: &mut Vec<Reason>,
) -> (Option<Priority>, bool) {
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
    if let Some(w) = HINT_WORDS.iter().find(|w| words.contains(w)) {
        reasons.push(reason(
            &format!("name:{w}"),
            file,
            None,
            0,
            format!("{what} contains \"{w}\": usually one-time setup (spec: P3); priority left to the code signals"),
        ));
    }
    (floor, ceiling)
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
