//! The desktop app's figures: cold start to an interactive Home screen, time
//! to open a 10,000-finding session's findings list, and the memory of the
//! app's processes at idle and after opening it. Prints the figures; asserts
//! nothing about time.
//!
//! `cargo bench -p memaudit-app --bench app` (needs what the end-to-end
//! tests need: Xvfb, WebKitWebDriver, dbus-daemon, tauri-driver).

#[path = "../tests/harness/mod.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::*;
use memaudit::model::*;
use memaudit::Store;

const FINDINGS: u32 = 10_000;

fn finding(n: u32) -> Finding {
    let category = Category::ALL[(n % 6) as usize];
    let file = format!("crates/c{}/src/m{}.rs", n % 12, n % 97);
    let code = format!("    let v{n} = rows[{n}].name.clone();");
    Finding {
        id: finding_id(n),
        fingerprint: format!("{n:016x}"),
        category,
        file,
        line_start: 10 + n % 400,
        line_end: 10 + n % 400,
        crate_name: format!("c{}", n % 12),
        priority: Priority::ALL[(n % 4) as usize],
        item_path: format!("m{}::f{n}", n % 97),
        confidence: Confidence::Medium,
        safety: Safety::Safe,
        code,
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

/// A database with one session of 10,000 validated findings and a report.
fn seed(env: &Env) -> i64 {
    let store = Store::open(&env.db).unwrap();
    let scope = Scope {
        workspace: env.ws.to_string_lossy().into_owned(),
        ..Scope::default()
    };
    let info = store.create_session(&scope.workspace, &scope).unwrap();
    let round = store.begin_round(info.id, &[], std::process::id()).unwrap();
    let findings: Vec<(Finding, FindingState)> = (1..=FINDINGS)
        .map(|n| (finding(n), FindingState::New))
        .collect();
    store.save_findings(info.id, round, &findings).unwrap();
    let list: Vec<Finding> = findings.into_iter().map(|(f, _)| f).collect();
    let validations = memaudit_review::validator::validate(&env.ws, &list, None);
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
    info.id
}

/// Polls a JavaScript condition: cheaper than reading the whole page's text
/// through WebDriver, which dominates on a 10,000-row page.
async fn wait_js(c: &fantoccini::Client, condition: &str) {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let ok = c
            .execute(&format!("return !!({condition});"), vec![])
            .await
            .map(|v| v == serde_json::Value::Bool(true))
            .unwrap_or(false);
        if ok {
            return;
        }
        assert!(Instant::now() < deadline, "`{condition}` never held");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// (name, RSS, anonymous part, file-backed and shared part) in MiB.
fn rss() -> Vec<(String, f64, f64, f64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let dir = entry.path();
        let Ok(comm) = std::fs::read_to_string(dir.join("comm")) else {
            continue;
        };
        let comm = comm.trim().to_owned();
        if !["memaudit-app", "WebKitWebProces", "WebKitNetworkPr"].contains(&comm.as_str()) {
            continue;
        }
        let status = std::fs::read_to_string(dir.join("status")).unwrap_or_default();
        let field = |name: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
                / 1024.0
        };
        if comm == "memaudit-app" {
            println!(
                "    (memaudit-app's own executable: {:.1} MiB resident)",
                own_binary_rss(&dir)
            );
        }
        out.push((
            comm,
            field("VmRSS:"),
            field("RssAnon:"),
            field("RssFile:") + field("RssShmem:"),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Resident MiB of the mappings of the process's own executable: its code
/// and data, as opposed to the system libraries (WebKitGTK, GTK, ICU) that
/// every Tauri app maps.
fn own_binary_rss(proc_dir: &std::path::Path) -> f64 {
    let Ok(exe) = std::fs::read_link(proc_dir.join("exe")) else {
        return 0.0;
    };
    let exe = exe.to_string_lossy().into_owned();
    let smaps = std::fs::read_to_string(proc_dir.join("smaps")).unwrap_or_default();
    let mut ours = false;
    let mut kb = 0.0;
    for line in smaps.lines() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            ours = line.ends_with(&exe);
        } else if let Some(v) = line.strip_prefix("Rss:") {
            if ours {
                kb += v
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<f64>().ok())
                    .unwrap_or(0.0);
            }
        }
    }
    kb / 1024.0
}

fn print_rss(label: &str) {
    for (name, mib, anon, file) in rss() {
        println!(
            "  {label:<28} {name:<18} {mib:>7.1} MiB (heap and stacks {anon:.1}, mapped files {file:.1})"
        );
    }
}

#[tokio::main]
async fn main() {
    let display = Display::start();
    let env = Env::new("single");
    let t = Instant::now();
    let id = seed(&env);
    println!(
        "seeded {FINDINGS} findings in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    {
        // What the report_html command does, timed in-process.
        let store = Store::open(&env.db).unwrap();
        let t = Instant::now();
        let export = store.load_session(id).unwrap();
        let loaded = t.elapsed();
        let report = export.rounds[0].report.as_ref().unwrap();
        let t = Instant::now();
        let md = memaudit_render::markdown::report_md(&export.session.name, report);
        let rendered_md = t.elapsed();
        let t = Instant::now();
        let html = memaudit_render::html::markdown_to_html(&md);
        println!(
            "core: load_session {:.0} ms, report_md {:.0} ms ({} KiB), markdown_to_html {:.0} ms ({} KiB)",
            loaded.as_secs_f64() * 1e3,
            rendered_md.as_secs_f64() * 1e3,
            md.len() / 1024,
            t.elapsed().as_secs_f64() * 1e3,
            html.len() / 1024
        );
    }

    let t = Instant::now();
    let app = App::start(&display, &env).await;
    let session_open = t.elapsed();
    let c = app.c();
    wait_text(c, "New audit").await;
    let interactive = t.elapsed();
    wait_text(c, "memory_audit_001").await;
    let listed = t.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!("cold start (WebDriver session + app):");
    println!(
        "  WebDriver session open        {:>7.0} ms",
        session_open.as_secs_f64() * 1e3
    );
    println!(
        "  Home interactive (New audit)  {:>7.0} ms",
        interactive.as_secs_f64() * 1e3
    );
    println!(
        "  sessions listed               {:>7.0} ms",
        listed.as_secs_f64() * 1e3
    );
    println!("memory at idle on Home:");
    print_rss("idle");

    // The commands alone, timed inside the web view: IPC, serialisation on
    // both sides and JSON.parse, without any rendering.
    for (cmd, args) in [
        ("list_sessions", "{}".to_owned()),
        ("load_session", format!("{{sessionId: {id}}}")),
        (
            "load_finding",
            format!("{{sessionId: {id}, round: 1, findingId: 'F-5000'}}"),
        ),
        ("report_html", format!("{{sessionId: {id}, round: 1}}")),
    ] {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             const t = performance.now();
             window.__TAURI_INTERNALS__.invoke('{cmd}', {args})
               .then(r => done([performance.now() - t, JSON.stringify(r).length]))
               .catch(e => done([-1, String(e && e.message || e)]));"
        );
        let mut times = Vec::new();
        let mut size = serde_json::Value::Null;
        for _ in 0..5 {
            let v = c.execute_async(&script, vec![]).await.unwrap();
            times.push(v[0].as_f64().unwrap_or(-1.0));
            size = v[1].clone();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  IPC {cmd:<14} median {:>6.1} ms (min {:.1}), reply {} KiB",
            times[2],
            times[0],
            size.as_u64()
                .map_or_else(|| size.to_string(), |b| (b / 1024).to_string())
        );
    }

    let t = Instant::now();
    c.execute(
        &format!("location.hash = '#/s/{id}/report?tab=findings'"),
        vec![],
    )
    .await
    .unwrap();
    wait_js(c, "document.body.textContent.includes('10,000 of 10,000') && document.querySelector('[role=option]') !== null").await;
    let opened = t.elapsed();
    println!(
        "open the {FINDINGS}-finding session's findings list: {:.0} ms ",
        opened.as_secs_f64() * 1e3
    );
    let t = Instant::now();
    c.execute(&format!("location.hash = '#/s/{id}/report'"), vec![])
        .await
        .unwrap();
    wait_js(c, "[...document.querySelectorAll('.prose h2')].some(h => h.textContent.includes('Memory Audit Report - Round 1'))").await;
    println!(
        "open its report (rendered by the core): {:.0} ms ",
        t.elapsed().as_secs_f64() * 1e3
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!("memory after opening it:");
    print_rss("10k session open");
    app.stop().await;
}
