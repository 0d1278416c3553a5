//! The realness benchmark: audits each crate of `tests/corpora/crates.toml`
//! exactly as `memaudit audit` does (built-in Analyst, Validator and
//! Coordinator, one round, a temporary database) and scores the findings
//! against `tests/realness/labels.toml`: precision of the Quick Wins, of the
//! APPROVED findings and of all labelled findings, WRONG counts, the
//! NEEDS_WORK share, findings per 1,000 lines, and how many surfaced findings
//! are still unlabeled. `--dump-unlabeled` writes the findings to judge next
//! as label stubs.
//!
//! It must NOT hold rules or results of its own: every figure comes from the
//! engine's output and the committed labels.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;

use memaudit::model::{FindingRecord, FindingState, RoundRecord};
use memaudit::rounds::{self, AuditOptions, Cancel};
use memaudit::Store;
use memaudit_corpus::realness::{self, Key, Label, Precision, Scored, Tally};
use memaudit_corpus::sources::{self, CrateRef, Split};

#[derive(Parser, Debug)]
#[command(about = "Scores memaudit's findings on real crates against the realness labels")]
struct Args {
    /// Which crates of the list: tune, holdout or all.
    #[arg(long, default_value = "all")]
    split: String,
    /// Only this crate (repeatable).
    #[arg(long = "crate")]
    crates: Vec<String>,
    /// Write unlabeled findings (every surfaced one and a seeded sample of
    /// the rest) as label stubs to judge.
    #[arg(long)]
    dump_unlabeled: Option<PathBuf>,
    /// How many unlabeled, not surfaced findings the dump samples, spread
    /// evenly over the crates that run.
    #[arg(long, default_value_t = 0)]
    sample: usize,
    /// Seed of the sample.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Label file (default: tests/realness/labels.toml).
    #[arg(long)]
    labels: Option<PathBuf>,
    /// Analysis threads; 0 means one per core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Write every finding (crate, source folder, file, lines, category,
    /// code line, verdict, the Validator's evidence and the label's verdict)
    /// as JSON: the candidate sites other instruments (the type evaluation
    /// of experiments/types-eval) ask their questions at.
    #[arg(long)]
    findings_json: Option<PathBuf>,
}

/// One crate's audit, reduced to what the scoring and the dump need.
struct Audited {
    krate: CrateRef,
    dir: PathBuf,
    tally: Tally,
    findings: Vec<Scored>,
    records: Vec<FindingRecord>,
    matched: Vec<Option<usize>>,
    seconds: f64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let list = sources::load_crates(&sources::crates_toml())?;
    let wanted: Option<Split> = match args.split.as_str() {
        "all" => None,
        s => Some(s.parse().map_err(anyhow::Error::msg)?),
    };
    for name in &args.crates {
        if !list.iter().any(|c| &c.name == name) {
            bail!("`{name}` is not in tests/corpora/crates.toml");
        }
    }
    let crates: Vec<CrateRef> = list
        .into_iter()
        .filter(|c| wanted.is_none_or(|s| c.split == s))
        .filter(|c| args.crates.is_empty() || args.crates.contains(&c.name))
        .collect();
    if crates.is_empty() {
        bail!("no crate of the list matches the split and --crate given");
    }
    let labels_path = args.labels.clone().unwrap_or_else(realness::labels_toml);
    let labels = if labels_path.is_file() {
        realness::load_labels(&labels_path)?
    } else {
        Vec::new()
    };
    let cache = sources::cache_root();
    let mut audited = Vec::new();
    let mut failed = Vec::new();
    for krate in &crates {
        // One crate that cannot be fetched or audited is reported and the
        // others are still measured.
        match run_one(krate, &cache, &labels, args.threads) {
            Ok(a) => audited.push(a),
            Err(e) => {
                eprintln!("{}: {e:#}", krate.id());
                failed.push(krate.id());
            }
        }
    }
    if audited.is_empty() {
        bail!("no crate could be measured");
    }
    print!("{}", table(&audited));
    if let Some(path) = &args.findings_json {
        let text = serde_json::to_string_pretty(&findings_json(&audited, &labels))
            .context("encoding the findings")?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote the findings to {}", path.display());
    }
    if let Some(path) = &args.dump_unlabeled {
        let per_crate = args.sample.div_ceil(audited.len());
        let (text, count) = dump(&audited, per_crate, args.seed);
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {count} label stubs to {}", path.display());
    }
    if !failed.is_empty() {
        bail!(
            "{} of {} crates could not be measured: {}",
            failed.len(),
            crates.len(),
            failed.join(", ")
        );
    }
    Ok(())
}

/// Fetches, audits and scores one crate.
fn run_one(krate: &CrateRef, cache: &Path, labels: &[Label], threads: usize) -> Result<Audited> {
    eprintln!("{}: fetching", krate.id());
    let dir = sources::fetch_into(krate, cache).context("fetching the sources")?;
    eprintln!("{}: auditing {}", krate.id(), dir.display());
    let started = Instant::now();
    let (round, lines) = audit(&dir, threads).context("auditing")?;
    let seconds = started.elapsed().as_secs_f64();
    let crate_labels: Vec<Label> = labels
        .iter()
        .filter(|l| l.crate_name == krate.name)
        .cloned()
        .collect();
    let (findings, records) = scored(krate, &dir, &round)?;
    let matched = realness::match_labels(&findings, &crate_labels);
    let tally = realness::tally(&findings, &crate_labels, lines);
    Ok(Audited {
        krate: krate.clone(),
        dir,
        tally,
        findings,
        records,
        matched,
        seconds,
    })
}

/// Runs one built-in round on `dir` with a throw-away database, as
/// `memaudit audit --no-files` does. Returns the round and the lines of
/// Rust the scope holds.
fn audit(dir: &Path, threads: usize) -> Result<(RoundRecord, u64)> {
    let tmp = tempfile::tempdir().context("creating a temporary folder")?;
    let store = Store::open(&tmp.path().join("memaudit.db")).context("opening the database")?;
    let opts = AuditOptions {
        threads,
        write_files: false,
        ..AuditOptions::default()
    };
    let info = rounds::start_session(&store, dir, &opts).context("starting the session")?;
    let outcome = rounds::run_round(&store, info.id, &[], &opts, &|_| {}, &Cancel::new())
        .context("running the round")?;
    for w in &outcome.warnings {
        eprintln!("  warning: {w}");
    }
    let export = store.load_session(info.id).context("loading the session")?;
    let lines = export
        .scope
        .as_ref()
        .map(|s| {
            s.crates
                .iter()
                .flat_map(|c| &c.files)
                .filter(|f| s.priority_filter.admits(f.priority))
                .map(|f| u64::from(f.lines))
                .sum()
        })
        .unwrap_or(0);
    let round = export
        .rounds
        .into_iter()
        .find(|r| r.number == outcome.round)
        .context("the round just run is not in the session")?;
    Ok((round, lines))
}

/// The round's current findings as the scoring sees them, keyed by the
/// trimmed source line at each finding's first line.
fn scored(
    krate: &CrateRef,
    dir: &Path,
    round: &RoundRecord,
) -> Result<(Vec<Scored>, Vec<FindingRecord>)> {
    let quick: HashSet<&str> = round
        .report
        .as_ref()
        .map(|r| r.quick_wins.iter().map(|q| q.finding_id.as_str()).collect())
        .unwrap_or_default();
    let mut sources: HashMap<String, Vec<String>> = HashMap::new();
    let mut records: Vec<FindingRecord> = round
        .findings
        .iter()
        .filter(|r| matches!(r.state, FindingState::New | FindingState::Persisting))
        .cloned()
        .collect();
    // A fixed order makes the sample depend on the seed only.
    records.sort_by(|a, b| {
        (&a.finding.file, a.finding.line_start, a.finding.category).cmp(&(
            &b.finding.file,
            b.finding.line_start,
            b.finding.category,
        ))
    });
    let mut out = Vec::with_capacity(records.len());
    for r in &records {
        let f = &r.finding;
        if !sources.contains_key(&f.file) {
            let path = dir.join(&f.file);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            sources.insert(f.file.clone(), text.lines().map(str::to_owned).collect());
        }
        let code = sources
            .get(&f.file)
            .and_then(|lines| lines.get((f.line_start as usize).saturating_sub(1)))
            .map(|l| l.trim().to_owned())
            .unwrap_or_default();
        out.push(Scored {
            key: Key {
                crate_name: krate.name.clone(),
                file: f.file.clone(),
                category: f.category,
                code,
            },
            line: f.line_start,
            verdict: r.validation.as_ref().map(|v| v.verdict),
            quick_win: quick.contains(f.id.as_str()),
            counted: memaudit_review::coordinator::surfaces(r),
        });
    }
    Ok((out, records))
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

/// `real/labelled (pct) W wrong, ? unlabeled`.
fn prec(p: &Precision) -> String {
    format!(
        "{}/{} {:>4} W{} ?{}",
        p.real,
        p.labelled,
        pct(p.ratio()),
        p.wrong,
        p.unlabeled
    )
}

fn row(out: &mut String, name: &str, split: &str, t: &Tally, seconds: Option<f64>) {
    let _ = writeln!(
        out,
        "| {name} | {split} | {} | {} | {} | {:.1} | {} | {} | {} | {} | {} | {} | {} | {} |",
        t.lines,
        t.raised,
        t.findings,
        t.per_kloc(),
        pct((t.findings > 0).then(|| t.needs_work_share())),
        t.approved,
        prec(&t.quick_wins),
        prec(&t.approved_p),
        prec(&t.counted),
        prec(&t.all),
        t.surfaced.unlabeled,
        seconds.map_or_else(String::new, |s| format!("{s:.1}")),
    );
}

/// The markdown table of per-crate, per-split and total figures.
fn table(audited: &[Audited]) -> String {
    let mut out = String::new();
    out.push_str(
        "| crate | split | lines | raised | findings | /kloc | NEEDS_WORK | APPROVED | Quick Wins REAL/lab | APPROVED REAL/lab | findings REAL/lab | raised REAL/lab | surfaced unlabeled | s |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|--:|---|---|---|---|--:|--:|\n");
    for a in audited {
        row(
            &mut out,
            &a.krate.id(),
            a.krate.split.as_str(),
            &a.tally,
            Some(a.seconds),
        );
    }
    let mut total = Tally::default();
    for split in [Split::Tune, Split::Holdout] {
        let part: Vec<&Audited> = audited.iter().filter(|a| a.krate.split == split).collect();
        if part.is_empty() {
            continue;
        }
        let mut t = Tally::default();
        for a in &part {
            t.merge(&a.tally);
        }
        total.merge(&t);
        row(
            &mut out,
            &format!("**{split} total**"),
            split.as_str(),
            &t,
            None,
        );
    }
    row(&mut out, "**total**", "all", &total, None);
    let _ = writeln!(
        out,
        "\nraised: every finding the Analyst raised; findings: those the report counts (not in cold \
         code, not LOW notes), on which /kloc and the NEEDS_WORK share are taken. \
         REAL/lab: REAL over labelled findings of that set (W: WRONG among them, ?: unlabeled in the set). \
         Labelled findings: raised REAL {} TRIVIAL {} WRONG {} of {} labelled; counted REAL {} of {}.",
        total.all.real, total.all.trivial, total.all.wrong, total.all.labelled,
        total.counted.real, total.counted.labelled
    );
    out
}

/// Every finding of every crate with its label, for `--findings-json`.
fn findings_json(audited: &[Audited], labels: &[Label]) -> serde_json::Value {
    let mut out = Vec::new();
    for a in audited {
        let crate_labels: Vec<&Label> = labels
            .iter()
            .filter(|l| l.crate_name == a.krate.name)
            .collect();
        for ((s, r), m) in a.findings.iter().zip(&a.records).zip(&a.matched) {
            let f = &r.finding;
            let v = r.validation.as_ref();
            let label = m.and_then(|i| crate_labels.get(i));
            out.push(serde_json::json!({
                "crate": a.krate.name,
                "split": a.krate.split.as_str(),
                "dir": a.dir,
                "file": f.file,
                "line_start": f.line_start,
                "line_end": f.line_end,
                "category": f.category,
                "code_line": s.key.code,
                "code": f.code,
                "issue": f.issue,
                "proposal": f.proposal,
                "verdict": v.map(|v| v.verdict),
                "quick_win": s.quick_win,
                "surfaced": s.surfaced(),
                "counted": s.counted,
                "heat": f.reach.as_ref().map(|r| format!("{:?}", r.heat)),
                "reach": f.reach.as_ref().map(|r| &r.reasons),
                "validation": v.map(|v| serde_json::json!({
                    "lifetime": v.lifetime.evidence,
                    "issues": v.issues.iter().map(|i| &i.description).collect::<Vec<_>>(),
                    "counterexample": v.counterexample,
                })),
                "label": label.map(|l| serde_json::json!({
                    "verdict": l.verdict,
                    "why": l.why,
                })),
            }));
        }
    }
    serde_json::Value::Array(out)
}

fn comment_block(out: &mut String, title: &str, text: &str) {
    let _ = writeln!(out, "# {title}:");
    for line in text.lines() {
        let _ = writeln!(out, "#   {line}");
    }
}

/// Label stubs for the findings to judge next. Returns the text and how many.
fn dump(audited: &[Audited], per_crate: usize, seed: u64) -> (String, usize) {
    let mut out = String::from(
        "# Label stubs from the realness benchmark: judge each by reading the code\n\
         # (callers too), fill in `verdict` (REAL | TRIVIAL | WRONG) and `why`, and\n\
         # move the finished ones into tests/realness/labels.toml.\n",
    );
    let mut count = 0;
    for a in audited {
        let picks = realness::to_judge(
            &a.findings,
            &a.matched,
            per_crate,
            realness::name_seed(seed, &a.krate.name),
        );
        let _ = writeln!(
            out,
            "\n# ======== {} ({}) — {} to judge ========",
            a.krate.id(),
            a.krate.split,
            picks.len()
        );
        for i in picks {
            let s = &a.findings[i];
            let r = &a.records[i];
            let f = &r.finding;
            let v = r.validation.as_ref();
            let _ = writeln!(
                out,
                "\n# {} {} {} | verdict {} | quick win {} | {} | lines {}-{} | {}",
                f.id,
                f.category,
                f.item_path,
                v.map_or("none", |v| v.verdict.as_str()),
                if s.quick_win { "yes" } else { "no" },
                if s.surfaced() { "SURFACED" } else { "sample" },
                f.line_start,
                f.line_end,
                f.reach
                    .as_ref()
                    .map(|r| format!("reach {:?}", r.heat))
                    .unwrap_or_else(|| "reach none".into()),
            );
            if let Some(reach) = &f.reach {
                let mut text = format!("{} at loop depth {}", reach.heat, reach.loop_depth);
                if let Some(kind) = reach.cold {
                    let _ = write!(text, " ({})", kind.label());
                }
                for r in &reach.reasons {
                    let _ = write!(text, "\n{r}");
                }
                comment_block(&mut out, "reach", &text);
            }
            comment_block(&mut out, "code", &f.code);
            comment_block(&mut out, "issue", &f.issue);
            comment_block(&mut out, "proposal", &f.proposal);
            if let Some(v) = v {
                let mut why = format!(
                    "lifetime {}: {}\nhot path {}: {}",
                    v.lifetime.status.as_str(),
                    v.lifetime.evidence,
                    v.hot_path.answer.as_str(),
                    v.hot_path.evidence
                );
                for issue in &v.issues {
                    let _ = write!(why, "\n{}: {}", issue.id, issue.description);
                }
                for c in &v.conditions {
                    let _ = write!(why, "\ncondition: {c}");
                }
                if let Some(c) = &v.counterexample {
                    let _ = write!(why, "\ncounterexample: {c}");
                }
                comment_block(&mut out, "validation", &why);
            }
            out.push_str(&realness::stub(s, a.krate.split));
            count += 1;
        }
    }
    (out, count)
}
