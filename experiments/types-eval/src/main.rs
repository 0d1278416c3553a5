//! types-eval: asks the Validator's type questions (what does this clone
//! cost? how does the callee take this argument? what type does this
//! binding or loop element have? is this conversion's argument owned?) at
//! the candidate sites of one crate, once from memaudit's syntax facts and
//! once from rust-analyzer's library crates, and writes both answers with
//! timings as JSON for `report.py` to compare.
//!
//! Candidate sites come from the realness benchmark's `--findings-json`
//! (every finding of the crate, with its label), or, with `--all-sites`,
//! from every site of every `.rs` file of the crate.
//!
//! An experiment, not part of memaudit's workspace: it must NOT be wired
//! into the engine, and it must NOT run workspace code (no build scripts,
//! no proc macros).

mod answer;
#[cfg(feature = "semantic")]
mod semantic;
mod syntax;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Question};

const USAGE: &str = "usage: types-eval --findings FINDINGS.json --crate NAME --out OUT.json \
[--rust-src LIBRARY_DIR] [--all-sites] [--no-semantic]";

#[derive(Debug, Deserialize)]
struct FindingIn {
    #[serde(rename = "crate")]
    krate: String,
    dir: PathBuf,
    file: String,
    line_start: u32,
    line_end: u32,
    category: String,
    code_line: String,
    verdict: Option<String>,
    surfaced: bool,
    label: Option<LabelIn>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
struct LabelIn {
    verdict: String,
    why: String,
}

/// One question at one site, with both answers.
#[derive(Debug, Serialize)]
struct Record {
    file: String,
    line: u32,
    col: u32,
    question: Question,
    site_kind: String,
    site_text: String,
    /// Index of the finding in the input (`None` with `--all-sites`).
    finding: Option<usize>,
    category: Option<String>,
    finding_line: Option<u32>,
    code_line: Option<String>,
    verdict: Option<String>,
    surfaced: Option<bool>,
    label: Option<LabelIn>,
    arg: Option<(usize, String)>,
    syntax: Answer,
    semantic: Option<Answer>,
    /// Time rust-analyzer took for this question (first questions in a
    /// body pay for its inference).
    semantic_micros: Option<u128>,
}

#[derive(Debug, Serialize)]
struct Output {
    krate: String,
    dir: PathBuf,
    mode: &'static str,
    load_seconds: Option<f64>,
    syntax_seconds: f64,
    semantic_seconds: Option<f64>,
    files: usize,
    /// Per file: parsing it and finding its module and crate (the first
    /// file of a crate pays for the crate's name resolution).
    file_setup_micros: Vec<(String, u128)>,
    failures: Vec<String>,
    records: Vec<Record>,
}

struct Args {
    findings: PathBuf,
    krate: String,
    out: PathBuf,
    #[cfg_attr(not(feature = "semantic"), allow(dead_code))]
    rust_src: PathBuf,
    all_sites: bool,
    semantic: bool,
}

fn args() -> Result<Args> {
    let mut a = std::env::args().skip(1);
    let (mut findings, mut krate, mut out) = (None, None, None);
    let mut rust_src = PathBuf::from("/usr/lib/rustlib/src/rust/library");
    let (mut all_sites, mut semantic) = (false, true);
    while let Some(x) = a.next() {
        match x.as_str() {
            "--findings" => findings = a.next().map(PathBuf::from),
            "--crate" => krate = a.next(),
            "--out" => out = a.next().map(PathBuf::from),
            "--rust-src" => rust_src = a.next().map(PathBuf::from).context(USAGE)?,
            "--all-sites" => all_sites = true,
            "--no-semantic" => semantic = false,
            _ => bail!("unknown argument `{x}`\n{USAGE}"),
        }
    }
    Ok(Args {
        findings: findings.context(USAGE)?,
        krate: krate.context(USAGE)?,
        out: out.context(USAGE)?,
        rust_src,
        all_sites,
        semantic,
    })
}

/// One file's questions, with the finding each belongs to.
struct FileAsk {
    file: String,
    asked: Vec<(Option<usize>, syntax::Asked)>,
}

fn rs_files(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != ".git" {
                rs_files(&path, base, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let args = args()?;
    let text = std::fs::read_to_string(&args.findings)
        .with_context(|| format!("reading {}", args.findings.display()))?;
    let all: Vec<FindingIn> = serde_json::from_str(&text).context("parsing the findings")?;
    let findings: Vec<(usize, &FindingIn)> = all
        .iter()
        .enumerate()
        .filter(|(_, f)| f.krate == args.krate)
        .collect();
    let Some(dir) = findings.first().map(|(_, f)| f.dir.clone()) else {
        bail!(
            "no finding of crate `{}` in {}",
            args.krate,
            args.findings.display()
        );
    };
    let mut failures = Vec::new();

    // Syntax side.
    let started = Instant::now();
    let mut files: Vec<FileAsk> = Vec::new();
    if args.all_sites {
        let mut rels = Vec::new();
        rs_files(&dir, &dir, &mut rels)?;
        rels.sort();
        for rel in rels {
            let source = match std::fs::read_to_string(dir.join(&rel)) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{rel}: {e}"));
                    continue;
                }
            };
            match syntax::ask(&rel, &source, None) {
                Ok(asked) => files.push(FileAsk {
                    file: rel,
                    asked: asked.into_iter().map(|a| (None, a)).collect(),
                }),
                Err(e) => failures.push(format!("{rel}: {e}")),
            }
        }
    } else {
        let mut by_file: BTreeMap<&str, Vec<(usize, &FindingIn)>> = BTreeMap::new();
        for (i, f) in &findings {
            by_file.entry(f.file.as_str()).or_default().push((*i, f));
        }
        for (rel, fs) in by_file {
            let source = match std::fs::read_to_string(dir.join(rel)) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{rel}: {e}"));
                    continue;
                }
            };
            let mut asked = Vec::new();
            for (i, f) in fs {
                match syntax::ask(rel, &source, Some((f.line_start, f.line_end))) {
                    Ok(a) => asked.extend(a.into_iter().map(|a| (Some(i), a))),
                    Err(e) => failures.push(format!("{rel}: {e}")),
                }
            }
            files.push(FileAsk {
                file: rel.to_owned(),
                asked,
            });
        }
    }
    let syntax_seconds = started.elapsed().as_secs_f64();

    // Semantic side.
    #[allow(unused_mut)]
    let mut semantic_answers: Vec<Vec<Option<(Answer, u128)>>> =
        files.iter().map(|f| vec![None; f.asked.len()]).collect();
    #[allow(unused_mut)]
    let (mut load_seconds, mut semantic_seconds) = (None, None);
    #[allow(unused_mut)]
    let mut file_setup: Vec<(String, u128)> = Vec::new();
    #[cfg(not(feature = "semantic"))]
    if args.semantic {
        bail!("built without the `semantic` feature: pass --no-semantic");
    }
    #[cfg(feature = "semantic")]
    if args.semantic {
        let started = Instant::now();
        let ws = semantic::load(&dir, &args.rust_src)?;
        load_seconds = Some(started.elapsed().as_secs_f64());
        eprintln!(
            "{}: loaded in {:.1}s",
            args.krate,
            load_seconds.unwrap_or(0.0)
        );
        let started = Instant::now();
        // The trait solver reads the database through a thread-local.
        ra_ap_hir::attach_db(&ws.db, || {
            let sema = ra_ap_hir::Semantics::new(&ws.db);
            for (fa, answers) in files.iter().zip(semantic_answers.iter_mut()) {
                let file_id = match ws.file_id(&dir.join(&fa.file)) {
                    Ok(id) => id,
                    Err(e) => {
                        failures.push(format!("{}: {e:#}", fa.file));
                        continue;
                    }
                };
                let t = Instant::now();
                let cx = match semantic::FileCx::new(&sema, &ws.db, file_id) {
                    Ok(cx) => cx,
                    Err(e) => {
                        // A file no module includes (another platform's `cfg`):
                        // rust-analyzer has no types there.
                        for slot in answers.iter_mut() {
                            *slot = Some((Answer::unknown(format!("{e:#}")), 0));
                        }
                        failures.push(format!("{}: {e:#}", fa.file));
                        continue;
                    }
                };
                file_setup.push((fa.file.clone(), t.elapsed().as_micros()));
                for ((_, a), slot) in fa.asked.iter().zip(answers.iter_mut()) {
                    let t = Instant::now();
                    let answer = match cx.range(a.range) {
                        None => Answer::unknown("position outside the file"),
                        Some(r) => match a.question {
                            Question::CloneCost => cx.clone_cost(r),
                            Question::Sink => cx.sink(r),
                            Question::Binding | Question::LoopItem => cx.pat_type(r),
                            Question::ConversionArg => cx.ownership(r),
                            Question::LoopReceiver => cx.receiver(r),
                        },
                    };
                    *slot = Some((answer, t.elapsed().as_micros()));
                }
            }
        });
        semantic_seconds = Some(started.elapsed().as_secs_f64());
    }

    let mut records = Vec::new();
    for (fa, answers) in files.into_iter().zip(semantic_answers) {
        for ((finding, a), sem) in fa.asked.into_iter().zip(answers) {
            let f = finding.map(|i| &all[i]);
            let (semantic, semantic_micros) = match sem {
                Some((s, t)) => (Some(s), Some(t)),
                None => (None, None),
            };
            records.push(Record {
                file: fa.file.clone(),
                line: a.range.start.line,
                col: a.range.start.col,
                question: a.question,
                site_kind: a.site_kind,
                site_text: a.site_text,
                finding,
                category: f.map(|f| f.category.clone()),
                finding_line: f.map(|f| f.line_start),
                code_line: f.map(|f| f.code_line.clone()),
                verdict: f.and_then(|f| f.verdict.clone()),
                surfaced: f.map(|f| f.surfaced),
                label: f.and_then(|f| f.label.clone()),
                arg: a.arg,
                syntax: a.syntax,
                semantic,
                semantic_micros,
            });
        }
    }
    let out = Output {
        krate: args.krate.clone(),
        dir,
        mode: if args.all_sites {
            "all-sites"
        } else {
            "findings"
        },
        load_seconds,
        syntax_seconds,
        semantic_seconds,
        files: records
            .iter()
            .map(|r| r.file.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        file_setup_micros: file_setup,
        failures,
        records,
    };
    std::fs::write(&args.out, serde_json::to_string_pretty(&out)?)
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "{}: {} questions, syntax {:.2}s, load {:?}s, semantic {:?}s, {} failures",
        out.krate,
        out.records.len(),
        out.syntax_seconds,
        out.load_seconds,
        out.semantic_seconds,
        out.failures.len()
    );
    Ok(())
}
