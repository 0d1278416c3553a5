//! Throughput of the LLM Validator against a local model server with
//! 300–800 ms of random latency per request, at concurrency 1, 4 and 16, and
//! proof that the concurrency and budget limits hold. Prints figures; asserts
//! nothing about time.
//!
//! Run: `cargo run --release -p memaudit-providers --example bench_providers`

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use memaudit_model::{
    Category, Confidence, Finding, FindingSource, Impact, Priority, Safety, Tradeoffs,
};
use memaudit_providers::{
    fingerprint, llm_validator, BatchLimits, Budget, Price, ProviderKind, ValidatorInput,
};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

#[allow(dead_code)]
#[path = "../tests/it/harness.rs"]
mod harness;

use harness::{RawReply, RawServer};

const FINDINGS_PER_REQUEST: usize = 5;

fn findings(n: usize) -> (Vec<Finding>, HashMap<String, String>) {
    let mut sources = HashMap::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let file = format!("src/m{}.rs", i / 10);
        let line = (i % 10) as u32 * 3 + 2;
        let code = format!("    let v{i} = input.clone();");
        sources.entry(file.clone()).or_insert_with(|| {
            (0..40)
                .map(|l| format!("    let v{l} = input.clone(); // line {}", l + 1))
                .collect::<Vec<_>>()
                .join("\n")
        });
        out.push(Finding {
            id: format!("F-{:03}", i + 1),
            fingerprint: fingerprint(Category::UnnecessaryClone, "m::f", &code),
            category: Category::UnnecessaryClone,
            file,
            line_start: line,
            line_end: line,
            crate_name: "bench".into(),
            priority: Priority::P0,
            item_path: "m::f".into(),
            confidence: Confidence::High,
            safety: Safety::Safe,
            code,
            issue: "Clones the input per row.".into(),
            proposal: "Borrow it.".into(),
            impact: Impact::default(),
            tradeoffs: Tradeoffs::default(),
            prerequisites: vec![],
            source: FindingSource::Builtin,
            reach: None,
            edit: None,
        });
    }
    (out, sources)
}

/// The model: one NEEDS_WORK validation per finding id in the request.
fn reply(body: &[u8]) -> RawReply {
    let ids: Vec<String> = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|b| {
            let user = b["messages"][1]["content"].as_str()?.to_owned();
            let (_, doc) = user.split_once("\n\n")?;
            let doc: Value = serde_json::from_str(doc).ok()?;
            Some(
                doc["findings"]
                    .as_array()?
                    .iter()
                    .filter_map(|f| f["finding_id"].as_str().map(str::to_owned))
                    .collect(),
            )
        })
        .unwrap_or_default();
    let check = json!({"status": "PASS", "evidence": "borrow outlives use"});
    let assess = json!({"answer": "MAYBE", "evidence": "depends on input size"});
    let validations: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"finding_id": id, "verdict": "NEEDS_WORK", "lifetime": check,
                   "thread_safety": check, "no_undefined_behavior": check,
                   "estimate_plausible": assess, "hot_path": assess,
                   "complexity_justified": assess, "issues": [], "conditions": [],
                   "counterexample": null, "score": 5, "score_reason": "modest"})
        })
        .collect();
    let body = harness::answer_body(
        ProviderKind::OpenAi,
        &json!({"validations": validations}),
        2_000,
        400,
    );
    RawReply::Full {
        status: 200,
        body: body.to_string(),
        delay: Duration::from_millis(300 + fastrand::u64(0..=500)),
    }
}

struct Run {
    findings: usize,
    validated: usize,
    requests: usize,
    wall: Duration,
    max_in_flight: usize,
    /// Requests that reached the server while the budget was already spent.
    after_cap: usize,
    /// The cost bound reserved for the largest request.
    bound: f64,
}

async fn run(concurrency: usize, n: usize, budget: Arc<Budget>) -> (Run, RawServer) {
    let after_cap = Arc::new(AtomicUsize::new(0));
    let max_body = Arc::new(AtomicUsize::new(0));
    let (b, a, m) = (budget.clone(), after_cap.clone(), max_body.clone());
    let server = RawServer::start(move |_, body| {
        if b.is_exhausted() {
            a.fetch_add(1, Ordering::SeqCst);
        }
        m.fetch_max(body.len(), Ordering::SeqCst);
        reply(body)
    })
    .await;
    let mut cfg = harness::config(ProviderKind::OpenAi, &server.url);
    cfg.max_concurrency = concurrency;
    cfg.timeout = Duration::from_secs(10);
    // A batch of five validations is about 2,000 tokens; the cap on output
    // is what the budget reserves per request.
    cfg.max_output_tokens = 4_000;
    cfg.price = Some(Price {
        input_per_mtok_usd: 3.0,
        output_per_mtok_usd: 15.0,
    });
    let p = harness::provider_with(cfg);
    let (findings, sources) = findings(n);
    let start = Instant::now();
    let out = llm_validator(
        &p,
        ValidatorInput {
            findings: &findings,
            sources: &sources,
            session: "bench",
            round: 1,
            limits: BatchLimits {
                max_findings: FINDINGS_PER_REQUEST,
                ..BatchLimits::default()
            },
            progress: None,
            streaming: None,
        },
        &budget,
        &CancellationToken::new(),
    )
    .await;
    let wall = start.elapsed();
    let requests = server.requests.load(Ordering::SeqCst);
    let r = Run {
        findings: n,
        validated: out.value.len(),
        requests,
        wall,
        max_in_flight: server.max_in_flight.load(Ordering::SeqCst),
        after_cap: after_cap.load(Ordering::SeqCst),
        bound: p.cost_bound(max_body.load(Ordering::SeqCst)),
    };
    if let Some(e) = &out.stopped_by {
        println!("  run stopped by: {e}");
    }
    assert_eq!(
        requests as u32, out.usage.requests,
        "every request the server saw is accounted for"
    );
    (r, server)
}

#[tokio::main]
async fn main() {
    println!(
        "LLM Validator against a local OpenAI-compatible server, 300-800 ms latency per request, \
         {FINDINGS_PER_REQUEST} findings per request\n"
    );
    println!(
        "{:>11} {:>9} {:>9} {:>8} {:>9} {:>12} {:>13}",
        "concurrency", "findings", "validated", "requests", "wall s", "findings/s", "max in flight"
    );
    let mut per_finding_c1 = 0.0;
    for (c, n) in [(1usize, 50usize), (4, 500), (16, 500)] {
        let (r, _server) = run(c, n, Arc::new(Budget::unlimited())).await;
        let secs = r.wall.as_secs_f64();
        println!(
            "{:>11} {:>9} {:>9} {:>8} {:>9.2} {:>12.1} {:>13}",
            c,
            r.findings,
            r.validated,
            r.requests,
            secs,
            r.findings as f64 / secs,
            r.max_in_flight
        );
        if c == 1 {
            per_finding_c1 = secs / r.findings as f64;
        }
    }
    println!(
        "{:>11} {:>9} {:>9} {:>8} {:>9.1} {:>12.1} {:>13}   (extrapolated from the 50-finding run)",
        1,
        500,
        "-",
        100,
        per_finding_c1 * 500.0,
        1.0 / per_finding_c1,
        "-"
    );

    // Budget: each answer costs 2000 × $3/M + 400 × $15/M = $0.012, but a
    // request reserves its upper bound (every body byte as an input token,
    // 4,000 output tokens) before it is sent, so the cap is never overshot.
    let cap = 0.50;
    println!("\nBudget cap ${cap:.2} at concurrency 16, 500 findings ($0.012 per answer):");
    let budget = Arc::new(Budget::new(Some(cap)));
    let (r, _server) = run(16, 500, budget.clone()).await;
    println!(
        "  requests the server saw: {} (= requests accounted in Usage)\n  findings validated: \
         {}\n  spent: ${:.3} of ${cap:.2}\n  bound reserved per request: ${:.3}\n  calls \
         refused by the budget, with no request sent: {}\n  requests that reached the server \
         after the cap was reached: {}\n  max in flight: {}",
        r.requests,
        r.validated,
        budget.spent_usd(),
        r.bound,
        budget.refused_calls(),
        r.after_cap,
        r.max_in_flight
    );
    assert!(budget.spent_usd() <= cap, "the cap holds");
}
