//! `memaudit mcp` figures: tool-call latency of `findings` (a page of 50)
//! and `finding` on a 10,000-finding session, and the server's resident
//! memory idle and after serving that session. Prints the figures; asserts
//! nothing about time.
//!
//! `cargo bench --bench mcp` (release), or `cargo test --bench mcp` for the
//! same run on the debug build. The client is rmcp's, the server the real
//! binary as a child process over stdio, as an agent host runs it.

use std::path::Path;
use std::time::{Duration, Instant};

use memaudit::model::*;
use memaudit_store::Store;
use rmcp::model::CallToolRequestParams;
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::ServiceExt;
use serde_json::{json, Value};

const FINDINGS: u32 = 10_000;

fn finding(n: u32) -> Finding {
    let category = Category::ALL[(n % 6) as usize];
    Finding {
        id: finding_id(n),
        fingerprint: format!("{n:016x}"),
        category,
        file: format!("crates/c{}/src/m{}.rs", n % 12, n % 97),
        line_start: 10 + n % 400,
        line_end: 10 + n % 400,
        crate_name: format!("c{}", n % 12),
        priority: Priority::ALL[(n % 4) as usize],
        item_path: format!("m{}::f{n}", n % 97),
        confidence: Confidence::Medium,
        safety: Safety::Safe,
        code: format!("    let v{n} = rows[{n}].name.clone();"),
        issue: format!("Finding {n}: a clone on every row that a borrow would avoid."),
        proposal: format!("    let v{n} = &rows[{n}].name;"),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: Some(24),
            unit: "row".into(),
            applies_to: "every row".into(),
            level: Level::Medium,
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

/// One session of 10,000 validated findings with a report, as the app's
/// bench seeds it.
fn seed(db: &Path, ws: &Path) {
    let store = Store::open(db).unwrap();
    let scope = Scope {
        workspace: ws.to_string_lossy().into_owned(),
        ..Scope::default()
    };
    let info = store.create_session(&scope.workspace, &scope).unwrap();
    let round = store.begin_round(info.id, &[], std::process::id()).unwrap();
    let findings: Vec<(Finding, FindingState)> = (1..=FINDINGS)
        .map(|n| (finding(n), FindingState::New))
        .collect();
    store.save_findings(info.id, round, &findings).unwrap();
    let list: Vec<Finding> = findings.into_iter().map(|(f, _)| f).collect();
    let validations = memaudit_review::validator::validate(ws, &list, None);
    store
        .save_validations(info.id, round, &validations)
        .unwrap();
    let record = store.round(info.id, round).unwrap();
    let report =
        memaudit_review::coordinator::coordinate(&memaudit_review::coordinator::CoordinatorInput {
            session: &info.name,
            round,
            records: &record.findings,
            scope: None,
            earlier_rounds: &[],
            focus: &[],
            measured: None,
            verified: &[],
            profile: None,
        });
    store.save_report(info.id, round, &report).unwrap();
    store
        .set_round_status(info.id, round, RoundStatus::AwaitingDecision, None)
        .unwrap();
}

/// (RSS, anonymous part) of a process, in MiB.
fn rss(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("RssAnon:"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let p = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
    format!(
        "median {:.2} ms, p90 {:.2} ms, min {:.2} ms, max {:.2} ms ({} calls)",
        p(0.5),
        p(0.9),
        ms(times[0]),
        ms(*times.last().unwrap()),
        times.len()
    )
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let db = dir.path().join("memaudit.db");
    let started = Instant::now();
    seed(&db, &ws);
    println!(
        "seeded {FINDINGS} findings in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let bin = env!("CARGO_BIN_EXE_memaudit");
    let transport = TokioChildProcess::new(tokio::process::Command::new(bin).configure(|c| {
        c.arg("--db")
            .arg(&db)
            .arg("mcp")
            .env("MEMAUDIT_CONFIG", dir.path().join("config.toml"));
    }))
    .unwrap();
    let pid = transport.id().expect("the server runs");
    let started = Instant::now();
    let client = ().serve(transport).await.unwrap();
    let tools = client.list_all_tools().await.unwrap();
    println!(
        "start + initialize + tools/list ({} tools): {:.1} ms",
        tools.len(),
        ms(started.elapsed())
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (idle, idle_anon) = rss(pid);
    println!("server RSS idle: {idle:.1} MiB ({idle_anon:.1} MiB heap and stacks)");

    let call = |tool: &'static str, args: Value| {
        let client = &client;
        async move {
            let Value::Object(map) = args else {
                unreachable!()
            };
            let t = Instant::now();
            let r = client
                .call_tool(CallToolRequestParams::new(tool).with_arguments(map))
                .await
                .unwrap();
            assert_ne!(r.is_error, Some(true), "{tool} failed: {:?}", r.content);
            (t.elapsed(), r)
        }
    };

    let (first, r) = call("findings", json!({"session": "1", "limit": 50})).await;
    let bytes = serde_json::to_string(&r.structured_content).unwrap().len();
    println!(
        "findings, first call (page of 50, {:.1} KiB): {:.1} ms",
        bytes as f64 / 1024.0,
        ms(first)
    );
    let mut pages = Vec::new();
    for i in 0..30u32 {
        let (t, _) = call(
            "findings",
            json!({"session": "memory_audit_001", "limit": 50, "offset": (i * 331) % 9_950}),
        )
        .await;
        pages.push(t);
    }
    println!("findings, page of 50: {}", summary(pages));
    let mut filtered = Vec::new();
    for i in 0..10u32 {
        let (t, _) = call(
            "findings",
            json!({"session": "1", "limit": 50, "offset": i * 50,
                   "category": ["UNNECESSARY_CLONE"], "priority": ["P0", "P1"]}),
        )
        .await;
        filtered.push(t);
    }
    println!(
        "findings, filtered (category + priority), page of 50: {}",
        summary(filtered)
    );
    let mut one = Vec::new();
    for i in 0..50u32 {
        let (t, _) = call(
            "finding",
            json!({"session": "1", "finding": finding_id(1 + (i * 197) % FINDINGS)}),
        )
        .await;
        one.push(t);
    }
    println!("finding: {}", summary(one));
    let (t, _) = call("report", json!({"session": "1"})).await;
    println!("report (report.md of the round): {:.1} ms", ms(t));
    let (after, after_anon) = rss(pid);
    println!(
        "server RSS after serving the session: {after:.1} MiB ({after_anon:.1} MiB heap and stacks)"
    );
    client.cancel().await.unwrap();
}
