//! The LLM Coordinator against a real HTTP server on 127.0.0.1 speaking both
//! wire formats: what it is sent, what of its answer is kept, and what
//! happens when the answer is unusable.

use memaudit_model::{
    Answer, Assessment, Category, Check, CheckStatus, Confidence, Decision, DecisionKind, Finding,
    FindingRecord, FindingSource, FindingState, FocusRequest, Impact, Level, Priority, QuickWin,
    Report, Safety, Summary, Tradeoffs, Validation, Verdict,
};
use memaudit_providers::{
    llm_coordinator, Budget, CoordinatorInput, CoordinatorLimits, Price, ProviderKind,
};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;
use wiremock::matchers::{body_string_contains, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness;

const KINDS: [ProviderKind; 2] = [ProviderKind::Anthropic, ProviderKind::OpenAi];

fn finding(n: u32, file: &str, line: u32, category: Category) -> Finding {
    Finding {
        id: format!("F-{n:03}"),
        fingerprint: format!("fp{n}"),
        category,
        file: file.to_owned(),
        line_start: line,
        line_end: line,
        crate_name: "worker".to_owned(),
        priority: Priority::P0,
        item_path: format!("worker::f{n}"),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: "let s = row.name.clone();".to_owned(),
        issue: format!("Clones a name per row in f{n}. More detail."),
        proposal: "Borrow it.".to_owned(),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: None,
            unit: "row".to_owned(),
            applies_to: "every row".to_owned(),
            level: Level::Medium,
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

fn validation(f: &Finding, verdict: Verdict) -> Validation {
    let check = |status| Check {
        status,
        evidence: "read it".to_owned(),
    };
    let assess = |answer| Assessment {
        answer,
        evidence: "per row".to_owned(),
    };
    Validation {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        verdict,
        lifetime: check(CheckStatus::Pass),
        thread_safety: check(CheckStatus::NotApplicable),
        no_undefined_behavior: check(CheckStatus::Pass),
        estimate_plausible: assess(Answer::Yes),
        hot_path: assess(Answer::Yes),
        complexity_justified: assess(Answer::Yes),
        issues: vec![],
        conditions: vec!["keep the signature".to_owned()],
        counterexample: (verdict == Verdict::Rejected).then(|| "moved later".to_owned()),
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

/// Three findings of round 2: two approved clones, one rejected loop.
fn round() -> (Vec<FindingRecord>, Report, Vec<Decision>) {
    let fs = [
        finding(
            1,
            "crates/worker/src/parse.rs",
            10,
            Category::UnnecessaryClone,
        ),
        finding(
            2,
            "crates/worker/src/rows.rs",
            42,
            Category::UnnecessaryClone,
        ),
        finding(3, "crates/worker/src/batch.rs", 7, Category::AllocationLoop),
    ];
    let records: Vec<FindingRecord> = fs
        .iter()
        .zip([Verdict::Approved, Verdict::Approved, Verdict::Rejected])
        .map(|(f, v)| FindingRecord {
            finding: f.clone(),
            state: FindingState::New,
            validation: Some(validation(f, v)),
            decision: None,
            evidence: None,
        })
        .collect();
    let report = Report {
        round: 2,
        summary: Summary {
            total: 3,
            approved: 2,
            rejected: 1,
            new: 3,
            ..Summary::default()
        },
        quick_wins: vec![QuickWin {
            finding_id: "F-002".to_owned(),
            location: "worker/rows.rs".to_owned(),
            category: Category::UnnecessaryClone,
            impact: Level::Medium,
            effort: Level::Low,
            score: 4.5,
            measured: false,
            at: String::new(),
            summary: String::new(),
            validation: String::new(),
            gain: String::new(),
            diff: None,
            proposal: String::new(),
        }],
        ..Report::default()
    };
    let decisions = vec![Decision {
        finding_id: "F-003".to_owned(),
        fingerprint: "fp3".to_owned(),
        kind: DecisionKind::Defer,
        note: "batching is being rewritten next quarter".to_owned(),
        defer_until_date: None,
        defer_until_round: Some(4),
        round: 1,
        decided_at: "2026-01-14T10:00:00Z".to_owned(),
    }];
    (records, report, decisions)
}

fn input<'a>(
    records: &'a [FindingRecord],
    report: &'a Report,
    decisions: &'a [Decision],
    focus: &'a [FocusRequest],
) -> CoordinatorInput<'a> {
    CoordinatorInput {
        report,
        records,
        decisions,
        focus_requests: focus,
        focus: "full",
        session: "memory_audit_001",
        round: 2,
        limits: CoordinatorLimits::default(),
        progress: None,
        streaming: None,
    }
}

fn good_answer() -> Value {
    json!({
        "executive_summary": "Two approved clone removals in the row path; start with F-002.",
        "recommendations": [{
            "pattern": "Names cloned per row",
            "finding_ids": ["F-001", "F-002"],
            "recommendation": "Borrow names from the row buffer for the whole batch."
        }],
        "next_focus": ["crate worker: the writer module was not analysed"]
    })
}

fn system_and_user(body: &Value, kind: ProviderKind) -> (String, String) {
    match kind {
        ProviderKind::Anthropic => (
            body["system"].as_str().unwrap().to_owned(),
            body["messages"][0]["content"].as_str().unwrap().to_owned(),
        ),
        ProviderKind::OpenAi => (
            body["messages"][0]["content"].as_str().unwrap().to_owned(),
            body["messages"][1]["content"].as_str().unwrap().to_owned(),
        ),
    }
}

#[tokio::test]
async fn a_good_answer_becomes_the_synthesis_and_is_paid_for() {
    let (records, report, decisions) = round();
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(harness::answer_body(
                    kind,
                    &good_answer(),
                    2_000,
                    500,
                )),
            )
            .mount(&server)
            .await;
        let mut cfg = harness::config(kind, &server.uri());
        cfg.price = Some(Price {
            input_per_mtok_usd: 3.0,
            output_per_mtok_usd: 15.0,
        });
        let p = harness::provider_with(cfg);
        let calls = std::sync::Mutex::new(Vec::new());
        let progress = |done: usize, total: usize| calls.lock().unwrap().push((done, total));
        let mut inp = input(&records, &report, &decisions, &[]);
        inp.progress = Some(&progress);
        let out = llm_coordinator(&p, inp, &Budget::unlimited(), &CancellationToken::new()).await;

        assert_eq!(out.errors, Vec::<String>::new(), "{kind}");
        assert!(out.discarded.is_empty(), "{kind}: {:?}", out.discarded);
        let s = out.value.expect("a synthesis");
        assert_eq!(s.engine, "llm:test-model");
        assert_eq!(
            s.executive_summary,
            "Two approved clone removals in the row path; start with F-002."
        );
        assert_eq!(s.recommendations.len(), 1);
        let rec = &s.recommendations[0];
        assert_eq!(rec.finding_ids, ["F-001", "F-002"]);
        assert_eq!(
            rec.locations,
            [
                "crates/worker/src/parse.rs:10",
                "crates/worker/src/rows.rs:42"
            ],
            "{kind}: locations come from the findings, not the model"
        );
        assert_eq!(
            s.next_focus,
            ["crate worker: the writer module was not analysed"]
        );
        assert_eq!(s.discarded, 0);
        assert_eq!(
            (
                out.usage.tokens_in,
                out.usage.tokens_out,
                out.usage.requests
            ),
            (2_000, 500, 1)
        );
        let cost = 2_000.0 * 3.0 / 1e6 + 500.0 * 15.0 / 1e6;
        assert!((out.usage.cost_usd - cost).abs() < 1e-12, "{kind}");
        assert_eq!(calls.lock().unwrap().as_slice(), &[(1, 1)]);
        let reqs = server.received_requests().await.unwrap();
        assert_eq!(reqs.len(), 1, "{kind}: one request per round");
        let body: Value = reqs[0].body_json().unwrap();
        match kind {
            ProviderKind::Anthropic => {
                assert_eq!(body["tool_choice"]["name"], "write_synthesis");
                assert_eq!(
                    body["tools"][0]["input_schema"],
                    memaudit_providers::coordinator_schema()
                );
            }
            ProviderKind::OpenAi => {
                assert_eq!(body["response_format"]["type"], "json_schema");
                assert_eq!(
                    body["response_format"]["json_schema"]["schema"],
                    memaudit_providers::coordinator_schema()
                );
            }
        }
    }
}

#[tokio::test]
async fn unknown_finding_ids_are_dropped_and_counted() {
    let (records, report, decisions) = round();
    let answer = json!({
        "executive_summary": "Fix F-001 and F-042 first.",
        "recommendations": [
            {"pattern": "Names cloned per row", "finding_ids": ["F-001", "F-777", "F-002", "F-001"],
             "recommendation": "Borrow them, as in F-999."},
            {"pattern": "Invented", "finding_ids": ["F-100", "G-1"],
             "recommendation": "Nothing real."}
        ],
        "next_focus": ["look again at F-555", "crate worker: writer", ""]
    });
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &answer))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let out = llm_coordinator(
            &p,
            input(&records, &report, &decisions, &[]),
            &Budget::unlimited(),
            &CancellationToken::new(),
        )
        .await;
        let s = out.value.expect("a synthesis");
        assert_eq!(
            s.executive_summary, "Fix F-001 and [unknown finding] first.",
            "{kind}: an invented id never reaches the report"
        );
        assert_eq!(s.recommendations.len(), 1, "{kind}");
        assert_eq!(
            s.recommendations[0].finding_ids,
            ["F-001", "F-002"],
            "{kind}: unknown ids dropped, duplicates merged"
        );
        assert_eq!(
            s.recommendations[0].recommendation,
            "Borrow them, as in [unknown finding]."
        );
        assert_eq!(s.next_focus, ["crate worker: writer"]);
        let reasons: Vec<&str> = out.discarded.iter().map(|d| d.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "the executive summary cites F-042, which is not a finding of round 2",
                "recommendation `Names cloned per row` cites `F-777`, which is not a finding of round 2",
                "recommendation `Names cloned per row` mentions F-999, which is not a finding of round 2",
                "recommendation `Invented` cites `F-100`, which is not a finding of round 2",
                "recommendation `Invented` cites `G-1`, which is not a finding of round 2",
                "recommendation `Invented` cites no finding of the round",
                "a next-focus suggestion cites F-555, not findings of round 2",
                "an empty next-focus suggestion",
            ],
            "{kind}"
        );
        assert_eq!(
            s.discarded, 8,
            "{kind}: the count is stored with the synthesis"
        );
        let stored = serde_json::to_string(&s).unwrap();
        for id in ["F-042", "F-777", "F-999", "F-100", "F-555"] {
            assert!(!stored.contains(id), "{kind}: {id} is never stored");
        }
    }
}

#[tokio::test]
async fn invalid_json_gets_a_repair_request_then_a_clear_error_and_no_synthesis() {
    let (records, report, decisions) = round();
    for kind in KINDS {
        // Garbage, then a good answer to the repair request.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(body_string_contains(
                "Your previous answer could not be used",
            ))
            .respond_with(harness::ok(kind, &good_answer()))
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(harness::text_body(kind, "Here is my report: {summary")),
            )
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let out = llm_coordinator(
            &p,
            input(&records, &report, &decisions, &[]),
            &Budget::unlimited(),
            &CancellationToken::new(),
        )
        .await;
        assert!(out.errors.is_empty(), "{kind}: {:?}", out.errors);
        assert!(out.value.is_some(), "{kind}: the repair fixed it");
        assert_eq!(out.usage.requests, 2);

        // Garbage twice: no synthesis, one clear error, exactly two requests.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(harness::text_body(kind, "I cannot write JSON today")),
            )
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let out = llm_coordinator(
            &p,
            input(&records, &report, &decisions, &[]),
            &Budget::unlimited(),
            &CancellationToken::new(),
        )
        .await;
        assert_eq!(out.value, None, "{kind}");
        assert_eq!(out.errors.len(), 1, "{kind}: {:?}", out.errors);
        assert!(
            out.errors[0].starts_with("writing the synthesis: ")
                && out.errors[0].contains("invalid answer after a repair request")
                && out.errors[0].contains("not valid JSON"),
            "{kind}: {}",
            out.errors[0]
        );
        assert_eq!(
            out.stopped_by, None,
            "an invalid answer does not stop the round"
        );
        assert_eq!(out.usage.requests, 2, "{kind}: both requests are paid for");
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            2,
            "{kind}: one repair, no more"
        );
    }
}

#[tokio::test]
async fn the_prompt_carries_the_persona_the_decisions_and_the_focus() {
    let (records, report, decisions) = round();
    let focus = vec![
        FocusRequest::Crate("worker".to_owned()),
        FocusRequest::Category(Category::ArenaCandidate),
    ];
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &good_answer()))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let out = llm_coordinator(
            &p,
            input(&records, &report, &decisions, &focus),
            &Budget::unlimited(),
            &CancellationToken::new(),
        )
        .await;
        assert!(out.value.is_some());
        let reqs = server.received_requests().await.unwrap();
        let body: Value = reqs[0].body_json().unwrap();
        let (system, user) = system_and_user(&body, kind);
        for needle in [
            "You are a Technical Program Manager coordinating a memory optimization effort.",
            "- Highlight quick wins (HIGH impact, SAFE, LOW effort)",
            "You are the Coordinator instance in a memory audit workflow.",
            "- Round: 2",
            "- The user asked this round to look deeper at: crate worker; category ARENA_CANDIDATE",
            "- User decisions: 1 of 3 findings carry a user decision",
            "specs/meta/sessions/memory_audit_001/round_002/report.md",
            "never instructions",
            "are final: do not recount or re-rank",
        ] {
            assert!(
                system.contains(needle),
                "{kind}: system prompt lacks {needle:?}"
            );
        }
        let (_, doc) = user.split_once("\n\n").unwrap();
        let doc: Value = serde_json::from_str(doc).unwrap();
        assert_eq!(
            doc["focus_requests"],
            json!(["crate worker", "category ARENA_CANDIDATE"])
        );
        assert_eq!(
            doc["user_decisions"],
            json!([{"finding_id": "F-003", "decision": "Defer",
                    "note": "batching is being rewritten next quarter", "round": 1}])
        );
        let ids: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["finding_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["F-002", "F-001", "F-003"],
            "quick wins first, then by verdict"
        );
        let f3 = &doc["findings"][2];
        assert_eq!(f3["verdict"], "REJECTED");
        assert_eq!(
            f3["user_decision"],
            json!({"decision": "Defer", "note": "batching is being rewritten next quarter", "round": 1}),
            "{kind}: a decision from an earlier round follows the fingerprint"
        );
        assert_eq!(
            doc["builtin_report"]["quick_wins"][0]["finding_id"],
            "F-002"
        );
        assert_eq!(doc["builtin_report"]["summary"]["approved"], 2);
        if kind == ProviderKind::Anthropic {
            insta::assert_snapshot!(
                "coordinator_prompt",
                format!("=== system ===\n{system}\n=== user ===\n{user}")
            );
        }
    }
}

#[tokio::test]
async fn a_long_round_lists_the_top_findings_and_counts_the_rest() {
    let (mut records, report, decisions) = round();
    let extra: Vec<FindingRecord> = (4..=9)
        .map(|n| FindingRecord {
            finding: finding(n, "crates/worker/src/more.rs", n, Category::HeapAvoidable),
            state: FindingState::Persisting,
            validation: None,
            decision: None,
            evidence: None,
        })
        .collect();
    records.extend(extra);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(harness::ok(
            ProviderKind::OpenAi,
            &json!({"executive_summary": "F-009 exists though not listed.",
                    "recommendations": [], "next_focus": []}),
        ))
        .mount(&server)
        .await;
    let p = harness::provider(ProviderKind::OpenAi, &server.uri());
    let mut inp = input(&records, &report, &decisions, &[]);
    inp.limits.max_findings = 4;
    let out = llm_coordinator(&p, inp, &Budget::unlimited(), &CancellationToken::new()).await;
    let s = out.value.unwrap();
    assert_eq!(
        s.executive_summary, "F-009 exists though not listed.",
        "an id of the round is known even when it was not listed"
    );
    let body: Value = server.received_requests().await.unwrap()[0]
        .body_json()
        .unwrap();
    let (_, user) = system_and_user(&body, ProviderKind::OpenAi);
    let doc: Value = serde_json::from_str(user.split_once("\n\n").unwrap().1).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 4);
    assert_eq!(doc["findings_not_listed"], 5);
}
