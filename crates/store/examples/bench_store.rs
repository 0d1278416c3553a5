//! Measures the store on a realistic load and prints the figures:
//! 1,000 small sessions, then one session with 10,000 findings,
//! validations and a report; listing, opening and loading.
//!
//! `cargo run --release -p memaudit-store --example bench_store`
//!
//! Prints timings (median of several runs for reads) and the database size.
//! It measures; it asserts nothing.

use std::time::{Duration, Instant};

use memaudit_model::*;
use memaudit_store::Store;

const SESSIONS: u32 = 1_000;
const SMALL_FINDINGS: u32 = 10;
const BIG_FINDINGS: u32 = 10_000;
const RUNS: usize = 7;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("memaudit.db");

    let (store, t_create) = timed(|| Store::open(&path));
    let store = store?;
    row("open (new file, migrations)", t_create);

    let t = Instant::now();
    for i in 0..SESSIONS {
        let root = format!("/src/workspace_{:02}", i % 50);
        let s = store.create_session(&root, &Scope::default())?;
        let round = store.begin_round(s.id, &[], 1)?;
        let findings: Vec<_> = (1..=SMALL_FINDINGS)
            .map(|n| (finding(n), FindingState::New))
            .collect();
        store.save_findings(s.id, round, &findings)?;
    }
    row(
        &format!("create {SESSIONS} sessions x {SMALL_FINDINGS} findings"),
        t.elapsed(),
    );

    let big = store.create_session("/src/big", &Scope::default())?;
    store.begin_round(big.id, &[], std::process::id())?;
    let findings: Vec<_> = (1..=BIG_FINDINGS)
        .map(|n| (finding(n), FindingState::New))
        .collect();
    let (r, t) = timed(|| store.save_findings(big.id, 1, &findings));
    r?;
    row(
        &format!("save_findings ({BIG_FINDINGS}, one transaction)"),
        t,
    );

    let validations: Vec<_> = findings.iter().map(|(f, _)| validation(f)).collect();
    let (r, t) = timed(|| store.save_validations(big.id, 1, &validations));
    r?;
    row(&format!("save_validations ({BIG_FINDINGS})"), t);

    let (r, t) = timed(|| store.save_report(big.id, 1, &report(&findings)));
    r?;
    row("save_report", t);

    let t = Instant::now();
    for (f, _) in findings.iter().take(100) {
        store.decide(
            big.id,
            &Decision {
                finding_id: f.id.clone(),
                fingerprint: f.fingerprint.clone(),
                kind: DecisionKind::Defer,
                note: "next quarter".into(),
                defer_until_date: None,
                defer_until_round: Some(3),
                round: 1,
                decided_at: String::new(),
            },
        )?;
    }
    row("decide x 100 (one transaction each)", t.elapsed());

    let (n, t) = median(|| store.list_sessions().map(|s| s.len()))?;
    row(&format!("list_sessions ({n} sessions)"), t);

    let (n, t) = median(|| {
        store
            .find_sessions("memory_audit_003", None)
            .map(|s| s.len())
    })?;
    row(&format!("find_sessions by name ({n} matches)"), t);

    let (n, t) = median(|| {
        store
            .load_session(big.id)
            .map(|e| e.rounds[0].findings.len())
    })?;
    row(&format!("load_session ({n} findings)"), t);

    let (n, t) = median(|| {
        store
            .session_overview(big.id)
            .map(|o| o.rounds[0].findings.len())
    })?;
    row(&format!("session_overview ({n} rows)"), t);

    let (n, t) = median(|| {
        store
            .finding_record(big.id, 1, "F-5000")
            .map(|r| r.finding.code.len())
    })?;
    row(&format!("finding_record (one of {n} code bytes)"), t);

    let (n, t) = median(|| store.known_findings(big.id).map(|k| k.len()))?;
    row(&format!("known_findings ({n})"), t);

    store.checkpoint()?;
    drop(store);
    let (n, t) = median(|| Store::open(&path).and_then(|s| s.list_sessions().map(|l| l.len())))?;
    row(&format!("open existing + list_sessions ({n})"), t);

    let size = std::fs::metadata(&path)?.len();
    let wal = std::fs::metadata(path.with_extension("db-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "{:<44} {:>9.1} MB (+ {:.1} MB WAL)",
        "database file size",
        size as f64 / 1e6,
        wal as f64 / 1e6
    );
    Ok(())
}

fn row(what: &str, t: Duration) {
    println!("{what:<44} {:>9.2} ms", t.as_secs_f64() * 1e3);
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// The median of [`RUNS`] runs, with the last run's value.
fn median<T, E>(mut f: impl FnMut() -> Result<T, E>) -> Result<(T, Duration), E> {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let value = last.expect("RUNS > 0");
    Ok((value, times[RUNS / 2]))
}

/// A finding of realistic size (about 1 KB of JSON).
fn finding(n: u32) -> Finding {
    Finding {
        id: finding_id(n),
        fingerprint: format!("{:016x}", u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        category: Category::ALL[n as usize % 6],
        file: format!("crates/worker/src/module_{}.rs", n % 400),
        line_start: 10 + n % 900,
        line_end: 14 + n % 900,
        crate_name: format!("crate_{}", n % 12),
        priority: Priority::ALL[n as usize % 4],
        item_path: format!("worker::module_{}::Bridge::flush", n % 400),
        confidence: Confidence::Medium,
        safety: Safety::NeedsReview,
        code: "for row in rows.iter() {\n    let key = row.name.clone();\n    map.insert(key, row.value.to_string());\n}".into(),
        issue: "`row.name` is cloned on every iteration only to be used as a map key. The map could borrow from `rows`, which outlives it.".into(),
        proposal: "let map: HashMap<&str, String> = rows.iter().map(|r| (r.name.as_str(), r.value.to_string())).collect();".into(),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: Some(32),
            unit: "row".into(),
            applies_to: "every row of every file processed by `process_file`".into(),
            level: Level::Medium,
        },
        tradeoffs: Tradeoffs {
            pros: vec!["one allocation less per row".into()],
            cons: vec!["the map borrows `rows`".into()],
        },
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

fn validation(f: &Finding) -> Validation {
    let check = |e: &str| Check {
        status: CheckStatus::Pass,
        evidence: e.into(),
    };
    let answer = |e: &str| Assessment {
        answer: Answer::Yes,
        evidence: e.into(),
    };
    Validation {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        verdict: Verdict::Approved,
        lifetime: check("`rows` outlives `map` in `flush`"),
        thread_safety: check("the map never leaves the thread"),
        no_undefined_behavior: check("safe code only"),
        estimate_plausible: answer("one String per row"),
        hot_path: answer("called per row"),
        complexity_justified: answer("a lifetime on one local"),
        issues: vec![],
        conditions: vec!["`rows` is not mutated while `map` lives".into()],
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".into(),
    }
}

fn report(findings: &[(Finding, FindingState)]) -> Report {
    Report {
        round: 1,
        summary: Summary {
            total: findings.len() as u32,
            approved: findings.len() as u32,
            ..Summary::default()
        },
        quick_wins: findings
            .iter()
            .take(50)
            .map(|(f, _)| QuickWin {
                finding_id: f.id.clone(),
                location: f.location(),
                category: f.category,
                impact: Level::Medium,
                effort: Level::Low,
                score: 4.0,
                measured: false,
                at: String::new(),
                summary: String::new(),
                validation: String::new(),
                gain: String::new(),
                diff: None,
                proposal: String::new(),
            })
            .collect(),
        ..Report::default()
    }
}
