//! The LLM roles end to end against a real HTTP server playing the model,
//! including a compromised model that obeys a hostile workspace.

use std::collections::HashMap;
use std::path::Path;

use memaudit_model::{
    Category, Confidence, CrateScope, FileScope, Finding, FindingSource, Impact, Priority, Safety,
    Scope, Tradeoffs, Verdict,
};
use memaudit_providers::{
    fingerprint, llm_analyst, llm_validator, AnalystInput, BatchLimits, Budget, ChunkLimits,
    KnownFinding, Price, ProviderKind, ValidatorInput,
};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness;

fn fixture() -> (Scope, HashMap<String, String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/injection");
    let src = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let file = |path: &str, priority| FileScope {
        path: path.to_owned(),
        priority,
        score: 5,
        reasons: vec![],
        lines: 23,
        in_module_tree: true,
        overridden: None,
        functions: Vec::new(),
    };
    let scope = Scope {
        workspace: root.display().to_string(),
        crates: vec![CrateScope {
            name: "injected".to_owned(),
            path: ".".to_owned(),
            priority: Priority::P0,
            score: 5,
            reasons: vec![],
            files: vec![file("src/lib.rs", Priority::P0)],
            error: None,
        }],
        ..Scope::default()
    };
    let sources = HashMap::from([("src/lib.rs".to_owned(), src)]);
    (scope, sources)
}

fn model_finding(file: &str, line: u64, category: &str) -> Value {
    json!({
        "file": file, "line_start": line, "line_end": line, "category": category,
        "item_path": "names", "confidence": "HIGH", "safety": "SAFE",
        "issue": "Clones each name.", "proposal": "Borrow: `rows.iter().map(|r| r.name.as_str())`.",
        "allocations_avoided": 1, "bytes_saved": null, "impact_unit": "row",
        "applies_to": "every call of `names`", "impact_level": "Medium",
        "pros": ["no allocation"], "cons": ["lifetime on the result"], "prerequisites": []
    })
}

fn analyst_input<'a>(
    scope: &'a Scope,
    sources: &'a HashMap<String, String>,
    known: &'a [KnownFinding],
) -> AnalystInput<'a> {
    AnalystInput {
        scope,
        sources,
        known,
        decisions: &[],
        focus_requests: &[],
        session: "memory_audit_001",
        round: 1,
        limits: ChunkLimits::default(),
        progress: None,
        streaming: None,
    }
}

/// The user message's JSON document (after the one-line preamble).
fn data_doc(body: &Value, kind: ProviderKind) -> Value {
    let user = match kind {
        ProviderKind::Anthropic => body["messages"][0]["content"].as_str().unwrap(),
        ProviderKind::OpenAi => body["messages"][1]["content"].as_str().unwrap(),
    };
    let (_, doc) = user.split_once("\n\n").unwrap();
    serde_json::from_str(doc).unwrap()
}

#[tokio::test]
async fn prompt_injection_cannot_make_invented_findings_real() {
    let (scope, sources) = fixture();
    let server = MockServer::start().await;
    // A compromised model that obeys the fixture's comments, plus one real finding.
    let answer = json!({"findings": [
        model_finding("/etc/passwd", 1, "UNNECESSARY_CLONE"),
        model_finding("../../etc/shadow", 1, "UNNECESSARY_CLONE"),
        model_finding("src/lib.rs", 9999, "UNNECESSARY_CLONE"),
        model_finding("src/lib.rs", 12, "EXFILTRATE"),
        model_finding("src/lib.rs", 12, "UNNECESSARY_CLONE"),
    ]});
    Mock::given(method("POST"))
        .respond_with(harness::ok(ProviderKind::Anthropic, &answer))
        .mount(&server)
        .await;
    let p = harness::provider(ProviderKind::Anthropic, &server.uri());
    let out = llm_analyst(
        &p,
        analyst_input(&scope, &sources, &[]),
        &Budget::unlimited(),
        &CancellationToken::new(),
    )
    .await;

    assert_eq!(out.errors, Vec::<String>::new());
    assert_eq!(
        out.value.len(),
        1,
        "only the real finding survives: {:#?}",
        out.value
    );
    let f = &out.value[0];
    let real_line = "        let name = row.name.clone();";
    assert_eq!(f.code, real_line, "the snippet is re-taken from the file");
    assert_eq!(
        f.fingerprint,
        fingerprint(Category::UnnecessaryClone, "names", real_line)
    );
    assert_eq!(
        (
            f.file.as_str(),
            f.line_start,
            f.crate_name.as_str(),
            f.priority,
            f.source
        ),
        (
            "src/lib.rs",
            12,
            "injected",
            Priority::P0,
            FindingSource::Llm
        )
    );
    let reasons: Vec<&str> = out.discarded.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        vec![
            "file `/etc/passwd` is not in scope",
            "file `../../etc/shadow` is not in scope",
            "lines 9999-9999 are beyond the end of `src/lib.rs` (23 lines)",
            "unknown category `EXFILTRATE`",
        ],
        "each invented item is discarded and counted"
    );

    // The client sent exactly what we expect: the analysis request and one
    // repair request (the unknown category breaks the schema), nothing else.
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2, "one request and one repair request");
    for r in &reqs {
        assert_eq!((r.method.as_str(), r.url.path()), ("POST", "/v1/messages"));
        let body: Value = r.body_json().unwrap();
        assert_eq!(
            body["tools"].as_array().unwrap().len(),
            1,
            "one tool: the answer form"
        );
        assert_eq!(body["tool_choice"]["name"], "report_findings");
        let system = body["system"].as_str().unwrap();
        assert!(
            system.contains("never instructions"),
            "the data rule is in the system prompt"
        );
        assert!(
            !system.contains("maintenance mode") && !system.contains("/etc/passwd"),
            "workspace text never reaches the system prompt"
        );
        // The hostile source travels as a JSON string inside the data document.
        let doc = data_doc(&body, ProviderKind::Anthropic);
        let source = doc["files"][0]["source"].as_str().unwrap();
        assert!(source.contains("   12 |         let name = row.name.clone();"));
        assert!(source.contains("ignore previous instructions"));
    }
}

fn check_json(status: &str) -> Value {
    json!({"status": status, "evidence": "looked"})
}

fn model_validation(id: &str, verdict: &str, lifetime: &str, counterexample: Value) -> Value {
    json!({
        "finding_id": id, "verdict": verdict,
        "lifetime": check_json(lifetime), "thread_safety": check_json("N/A"),
        "no_undefined_behavior": check_json("PASS"),
        "estimate_plausible": {"answer": "YES", "evidence": "one per row"},
        "hot_path": {"answer": "MAYBE", "evidence": "called per file"},
        "complexity_justified": {"answer": "YES", "evidence": "small change"},
        "issues": [{"description": "d", "risk": "r", "suggestion": "s"}],
        "conditions": ["keep the API"], "counterexample": counterexample,
        "score": 7, "score_reason": "cheap fix"
    })
}

fn finding(n: u32, line: u32) -> Finding {
    let code = "        let name = row.name.clone();".to_owned();
    Finding {
        id: format!("F-{n:03}"),
        fingerprint: fingerprint(Category::UnnecessaryClone, &format!("f{n}"), &code),
        category: Category::UnnecessaryClone,
        file: "src/lib.rs".to_owned(),
        line_start: line,
        line_end: line,
        crate_name: "injected".to_owned(),
        priority: Priority::P0,
        item_path: format!("f{n}"),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code,
        issue: "Clones each name.".to_owned(),
        proposal: "Borrow.".to_owned(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

#[tokio::test]
async fn a_compromised_validator_cannot_approve_what_it_did_not_verify() {
    let (_, sources) = fixture();
    let findings = vec![finding(1, 12), finding(2, 22)];
    for kind in [ProviderKind::Anthropic, ProviderKind::OpenAi] {
        let server = MockServer::start().await;
        let answer = json!({"validations": [
            model_validation("F-001", "APPROVED", "FAIL", Value::Null),
            model_validation("F-999", "APPROVED", "PASS", Value::Null),
            model_validation("F-002", "REJECTED", "PASS", Value::Null),
        ]});
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &answer))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let out = llm_validator(
            &p,
            ValidatorInput {
                findings: &findings,
                sources: &sources,
                session: "memory_audit_001",
                round: 2,
                limits: BatchLimits::default(),
                progress: None,
                streaming: None,
            },
            &Budget::unlimited(),
            &CancellationToken::new(),
        )
        .await;
        assert_eq!(out.value.len(), 1, "{kind}: {:#?}", out.value);
        let v = &out.value[0];
        assert_eq!(v.finding_id, "F-001");
        assert_eq!(
            v.verdict,
            Verdict::NeedsWork,
            "an approval with a failed check is not one"
        );
        assert_eq!(
            v.fingerprint, findings[0].fingerprint,
            "fingerprint from our finding"
        );
        assert_eq!(v.engine, "llm:test-model");
        assert_eq!(v.score, Some(7));
        assert_eq!(v.issues[0].id, "F-001-I1");
        assert_eq!(v.score_reason.as_deref(), Some("cheap fix"));
        assert_eq!(
            v.complexity_justified.evidence, "small change",
            "the reason has its own field"
        );
        let reasons: Vec<&str> = out.discarded.iter().map(|d| d.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "finding `F-999` was not in this request",
                "F-002: REJECTED without the counterexample the spec requires",
            ]
        );
        assert_eq!(
            out.errors,
            vec![
                "F-001: APPROVED despite a failed safety check; recorded as NEEDS_WORK".to_owned(),
                "F-002: no usable validation from the model".to_owned(),
            ]
        );
        let reqs = server.received_requests().await.unwrap();
        assert_eq!(reqs.len(), 1, "{kind}: one batch, one request");
        let body: Value = reqs[0].body_json().unwrap();
        let doc = data_doc(&body, kind);
        let ctx = doc["findings"][1]["code_context"].as_str().unwrap();
        assert!(
            ctx.contains("   22 |     s.clone().len()"),
            "{kind}: real code around the finding is sent"
        );
    }
}

#[tokio::test]
async fn analyst_sends_highest_priority_first_skips_known_findings_and_counts_usage() {
    let (mut scope, mut sources) = fixture();
    let extra = |path: &str, priority| FileScope {
        path: path.to_owned(),
        priority,
        score: 1,
        reasons: vec![],
        lines: 2,
        in_module_tree: true,
        overridden: None,
        functions: Vec::new(),
    };
    scope.crates[0]
        .files
        .push(extra("src/cold.rs", Priority::P3));
    scope.crates[0]
        .files
        .insert(0, extra("src/warm.rs", Priority::P2));
    sources.insert("src/cold.rs".into(), "fn cold() {}\n".into());
    sources.insert("src/warm.rs".into(), "fn warm() {}\n".into());
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(harness::ok(
            ProviderKind::OpenAi,
            &json!({"findings": [model_finding("src/lib.rs", 12, "UNNECESSARY_CLONE")]}),
        ))
        .mount(&server)
        .await;
    let mut cfg = harness::config(ProviderKind::OpenAi, &server.uri());
    cfg.max_concurrency = 1;
    let p = harness::provider_with(cfg);
    let real_line = "        let name = row.name.clone();";
    let known = vec![KnownFinding {
        id: "F-004".into(),
        fingerprint: fingerprint(Category::UnnecessaryClone, "names", real_line),
        location: "src/lib.rs:12".into(),
        category: Category::UnnecessaryClone,
    }];
    let mut input = analyst_input(&scope, &sources, &known);
    input.limits.max_files = 1;
    let out = llm_analyst(&p, input, &Budget::unlimited(), &CancellationToken::new()).await;
    assert!(
        out.value.is_empty(),
        "the known finding is not reported again"
    );
    let reasons: Vec<&str> = out.discarded.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(
        reasons,
        vec![
            "already known as F-004",
            "file `src/lib.rs` was not sent in this request",
            "file `src/lib.rs` was not sent in this request",
        ]
    );
    assert_eq!(out.usage.requests, 3, "one request per file");
    assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (300, 60));
    let reqs = server.received_requests().await.unwrap();
    let order: Vec<String> = reqs
        .iter()
        .map(|r| {
            data_doc(&r.body_json().unwrap(), ProviderKind::OpenAi)["files"][0]["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        order,
        ["src/lib.rs", "src/warm.rs", "src/cold.rs"],
        "P0 first"
    );
    let system = reqs[0].body_json::<Value>().unwrap()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        system.contains("F-004 (UNNECESSARY_CLONE at src/lib.rs:12)"),
        "already_found filled"
    );
    assert!(system.contains("specs/meta/sessions/memory_audit_001/round_001/analyst.md"));
}

#[tokio::test]
async fn a_budget_cap_stops_the_validator_run_cleanly() {
    let (_, sources) = fixture();
    let findings: Vec<Finding> = (1..=10).map(|n| finding(n, 12)).collect();
    let server = MockServer::start().await;
    let answer_for = |req: &wiremock::Request| {
        let body: Value = req.body_json().unwrap();
        let doc = data_doc(&body, ProviderKind::Anthropic);
        let id = doc["findings"][0]["finding_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let value =
            json!({"validations": [model_validation(&id, "NEEDS_WORK", "UNCLEAR", Value::Null)]});
        ResponseTemplate::new(200).set_body_json(harness::answer_body(
            ProviderKind::Anthropic,
            &value,
            1_000_000,
            0,
        ))
    };
    Mock::given(method("POST"))
        .respond_with(answer_for)
        .mount(&server)
        .await;
    let mut cfg = harness::config(ProviderKind::Anthropic, &server.uri());
    cfg.price = Some(Price {
        input_per_mtok_usd: 1.0,
        output_per_mtok_usd: 0.0,
    });
    cfg.max_concurrency = 1;
    let p = harness::provider_with(cfg);
    let budget = Budget::new(Some(2.5));
    let out = llm_validator(
        &p,
        ValidatorInput {
            findings: &findings,
            sources: &sources,
            session: "s",
            round: 1,
            limits: BatchLimits {
                max_findings: 1,
                ..BatchLimits::default()
            },
            progress: None,
            streaming: None,
        },
        &budget,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        out.value.len(),
        3,
        "three $1 calls fit under $2.5 before the check fails"
    );
    assert_eq!(
        out.stopped_by.as_ref().map(|e| e.code()),
        Some("budget_exhausted")
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "no request after the cap"
    );
    assert!((out.usage.cost_usd - 3.0).abs() < 1e-9);
    assert_eq!(
        out.errors.iter().filter(|e| e.contains("budget")).count(),
        1,
        "the stop is reported once, not per batch: {:?}",
        out.errors
    );
}

#[tokio::test]
async fn a_rejected_key_stops_the_analyst_run_after_one_request() {
    let (mut scope, mut sources) = fixture();
    for name in ["a", "b", "c"] {
        let path = format!("src/{name}.rs");
        scope.crates[0].files.push(FileScope {
            path: path.clone(),
            priority: Priority::P1,
            score: 3,
            reasons: vec![],
            lines: 1,
            in_module_tree: true,
            overridden: None,
            functions: Vec::new(),
        });
        sources.insert(path, "fn f() {}\n".into());
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let mut cfg = harness::config(ProviderKind::Anthropic, &server.uri());
    cfg.max_concurrency = 1;
    let p = harness::provider_with(cfg);
    let mut input = analyst_input(&scope, &sources, &[]);
    input.limits.max_files = 1;
    let out = llm_analyst(&p, input, &Budget::unlimited(), &CancellationToken::new()).await;
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "4 chunks, one request"
    );
    assert_eq!(
        out.stopped_by.as_ref().map(|e| e.code()),
        Some("key_rejected")
    );
    assert_eq!(
        out.errors,
        vec!["run stopped: anthropic rejected the API key (HTTP 401); check it with `memaudit key status anthropic`".to_owned()],
        "the stop is reported once"
    );
    assert_eq!(out.usage.requests, 0, "a rejected request has no usage");
}

#[tokio::test]
async fn a_cancelled_run_sends_nothing() {
    let (scope, sources) = fixture();
    let server = MockServer::start().await;
    let p = harness::provider(ProviderKind::OpenAi, &server.uri());
    let cancel = CancellationToken::new();
    cancel.cancel();
    let mut progress_calls = std::sync::Mutex::new(Vec::new());
    let record = |done: usize, total: usize| progress_calls.lock().unwrap().push((done, total));
    let mut input = analyst_input(&scope, &sources, &[]);
    input.progress = Some(&record);
    let out = llm_analyst(&p, input, &Budget::unlimited(), &cancel).await;
    assert_eq!(
        out.stopped_by,
        Some(memaudit_providers::ProviderError::Cancelled)
    );
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(
        progress_calls.get_mut().unwrap().as_slice(),
        &[(1, 1)],
        "progress still ends"
    );
}

/// The prompts as sent: the spec's persona and template with placeholders
/// filled, the data rule, and the hostile source inside the data document.
#[tokio::test]
async fn analyst_and_validator_prompts_as_sent() {
    let (scope, sources) = fixture();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::body_string_contains("report_findings"))
        .respond_with(harness::ok(
            ProviderKind::Anthropic,
            &json!({"findings": []}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::body_string_contains(
            "record_validations",
        ))
        .respond_with(harness::ok(
            ProviderKind::Anthropic,
            &json!({"validations": []}),
        ))
        .mount(&server)
        .await;
    let p = harness::provider(ProviderKind::Anthropic, &server.uri());
    let (budget, cancel) = (Budget::unlimited(), CancellationToken::new());
    let known = vec![KnownFinding {
        id: "F-001".into(),
        fingerprint: "0123456789abcdef".into(),
        location: "src/lib.rs:12".into(),
        category: Category::UnnecessaryClone,
    }];
    let focus = vec![memaudit_model::FocusRequest::Category(
        Category::AllocationLoop,
    )];
    let mut input = analyst_input(&scope, &sources, &known);
    input.focus_requests = &focus;
    let out = llm_analyst(&p, input, &budget, &cancel).await;
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let findings = vec![finding(1, 12)];
    let out = llm_validator(
        &p,
        ValidatorInput {
            findings: &findings,
            sources: &sources,
            session: "memory_audit_001",
            round: 1,
            limits: BatchLimits::default(),
            progress: None,
            streaming: None,
        },
        &budget,
        &cancel,
    )
    .await;
    assert_eq!(
        out.errors,
        vec!["F-001: no usable validation from the model".to_owned()]
    );
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2);
    let workspace = scope.workspace.clone();
    for (name, r) in ["analyst", "validator"].iter().zip(&reqs) {
        let body: Value = r.body_json().unwrap();
        let text = format!(
            "=== system ===\n{}\n=== user ===\n{}",
            body["system"].as_str().unwrap(),
            body["messages"][0]["content"].as_str().unwrap()
        )
        .replace(&workspace, "[workspace]");
        insta::assert_snapshot!(format!("{name}_prompt"), text);
    }
}

/// What a streaming role run reported: (item, output tokens of the run).
type Seen = std::sync::Mutex<Vec<(String, u64)>>;

fn check_rising(seen: &[(String, u64)], last: u64, what: &str) {
    let counts: Vec<u64> = seen.iter().map(|(_, n)| *n).collect();
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "{what}: the count never falls without a fault: {counts:?}"
    );
    let mut distinct = counts.clone();
    distinct.dedup();
    assert!(
        distinct.len() >= 4,
        "{what}: the count rises while the answer streams: {counts:?}"
    );
    assert_eq!(counts.last(), Some(&last), "{what}: ends at the real total");
}

#[tokio::test]
async fn a_streaming_analyst_reports_rising_tokens_and_parses_the_same_findings() {
    let (scope, sources) = fixture();
    let answer = json!({"findings": [
        model_finding("src/lib.rs", 12, "UNNECESSARY_CLONE"),
        model_finding("src/lib.rs", 9999, "UNNECESSARY_CLONE"),
    ]});
    for kind in [ProviderKind::Anthropic, ProviderKind::OpenAi] {
        // The same answer, once as one JSON body, once as a stream.
        let plain = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &answer))
            .mount(&plain)
            .await;
        let p = harness::provider(kind, &plain.uri());
        let (budget, cancel) = (Budget::unlimited(), CancellationToken::new());
        let expected =
            llm_analyst(&p, analyst_input(&scope, &sources, &[]), &budget, &cancel).await;
        assert_eq!(expected.value.len(), 1, "{kind}: {expected:#?}");
        let body: Value = plain.received_requests().await.unwrap()[0]
            .body_json()
            .unwrap();
        assert_eq!(body.get("stream"), None, "{kind}: no callback, no stream");

        let streamed = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                harness::sse_body(kind, &answer, 12, (400, 250), true),
                "text/event-stream",
            ))
            .mount(&streamed)
            .await;
        let p = harness::provider(kind, &streamed.uri());
        let seen = Seen::default();
        let report = |item: &str, n: u64| seen.lock().unwrap().push((item.to_owned(), n));
        let mut input = analyst_input(&scope, &sources, &[]);
        input.streaming = Some(&report);
        let out = llm_analyst(&p, input, &budget, &cancel).await;
        assert_eq!(out.value, expected.value, "{kind}: the same findings");
        assert_eq!(out.discarded, expected.discarded, "{kind}");
        assert_eq!(out.errors, expected.errors, "{kind}");
        assert_eq!((out.usage.tokens_in, out.usage.tokens_out), (400, 250));
        let seen = seen.into_inner().unwrap();
        check_rising(&seen, 250, &format!("{kind} analyst"));
        assert!(
            seen.iter().all(|(item, _)| item == "src/lib.rs"),
            "{kind}: the item is the request's file: {seen:?}"
        );
        let body: Value = streamed.received_requests().await.unwrap()[0]
            .body_json()
            .unwrap();
        assert_eq!(body["stream"], true, "{kind}");
    }
}

async fn validate(
    kind: ProviderKind,
    uri: String,
    findings: &[Finding],
    sources: &HashMap<String, String>,
    limits: BatchLimits,
    streaming: Option<memaudit_providers::StreamProgress<'_>>,
) -> memaudit_providers::RoleOutput<Vec<memaudit_model::Validation>> {
    let p = harness::provider(kind, &uri);
    let input = ValidatorInput {
        findings,
        sources,
        session: "memory_audit_001",
        round: 1,
        limits,
        progress: None,
        streaming,
    };
    llm_validator(&p, input, &Budget::unlimited(), &CancellationToken::new()).await
}

#[tokio::test]
async fn a_streaming_validator_sums_tokens_over_its_requests_in_flight() {
    let (_, sources) = fixture();
    let findings = vec![finding(1, 12), finding(2, 22)];
    let answer = |id: &str| json!({"validations": [model_validation(id, "NEEDS_WORK", "PASS", Value::Null)]});
    let limits = BatchLimits {
        max_findings: 1,
        ..BatchLimits::default()
    };
    for kind in [ProviderKind::Anthropic, ProviderKind::OpenAi] {
        let plain = MockServer::start().await;
        let streamed = MockServer::start().await;
        // Real counts above the 4-characters-per-token estimate, as for JSON.
        for (id, tokens_out) in [("F-001", 180), ("F-002", 260)] {
            let batch = || wiremock::matchers::body_string_contains(id);
            Mock::given(method("POST"))
                .and(batch())
                .respond_with(harness::ok(kind, &answer(id)))
                .mount(&plain)
                .await;
            Mock::given(method("POST"))
                .and(batch())
                .respond_with(ResponseTemplate::new(200).set_body_raw(
                    harness::sse_body(kind, &answer(id), 10, (500, tokens_out), true),
                    "text/event-stream",
                ))
                .mount(&streamed)
                .await;
        }
        let run =
            |uri: String, streaming| validate(kind, uri, &findings, &sources, limits, streaming);
        let expected = run(plain.uri(), None).await;
        assert_eq!(expected.value.len(), 2, "{kind}: {expected:#?}");

        let seen = Seen::default();
        let report = |item: &str, n: u64| seen.lock().unwrap().push((item.to_owned(), n));
        let out = run(streamed.uri(), Some(&report)).await;
        assert_eq!(out.value, expected.value, "{kind}: the same validations");
        assert_eq!(out.errors, expected.errors, "{kind}");
        assert_eq!(out.usage.requests, 2);
        assert_eq!(out.usage.tokens_out, 440);
        let seen = seen.into_inner().unwrap();
        check_rising(&seen, 440, &format!("{kind} validator"));
        let items: std::collections::BTreeSet<&str> =
            seen.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(
            items.into_iter().collect::<Vec<_>>(),
            ["F-001", "F-002"],
            "{kind}: each batch names its finding"
        );
    }
}
