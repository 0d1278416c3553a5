//! The CLI with LLM engines against a real HTTP server on 127.0.0.1 that
//! speaks the OpenAI chat-completions wire format (wiremock): the real
//! client, the real network code, the real database.

mod common;
use common::*;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use memaudit::model::{RoundStatus, SessionExport, Verdict};
use memaudit_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_memaudit");

struct Env {
    dir: tempfile::TempDir,
    ws: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        copy_dir(&fixture("audit_demo"), &ws);
        Env { dir, ws }
    }

    fn audit(&self, base_url: &str, engines: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--db")
            .arg(self.dir.path().join("db.sqlite"))
            .args([
                "audit",
                "--no-files",
                "--provider",
                "openai",
                "--model",
                "test-model",
            ])
            .args(["--base-url", base_url])
            .args(engines)
            .arg(&self.ws)
            .env("MEMAUDIT_CONFIG", self.dir.path().join("config.toml"))
            .env("OPENAI_API_KEY", "sk-test-not-a-real-key")
            .env_remove("MEMAUDIT_DB")
            .output()
            .unwrap()
    }

    /// Any memaudit command against this environment's database and
    /// settings, with the local server as the OpenAI-compatible provider.
    fn run(&self, base_url: &str, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--db")
            .arg(self.dir.path().join("db.sqlite"))
            .args(args)
            .args(["--provider", "openai", "--model", "test-model"])
            .args(["--base-url", base_url])
            .env("MEMAUDIT_CONFIG", self.dir.path().join("config.toml"))
            .env("OPENAI_API_KEY", "sk-test-not-a-real-key")
            .env_remove("MEMAUDIT_DB")
            .output()
            .unwrap()
    }

    fn export(&self) -> SessionExport {
        let store = Store::open(&self.dir.path().join("db.sqlite")).unwrap();
        let id = store.list_sessions().unwrap()[0].id;
        store.load_session(id).unwrap()
    }
}

fn check(status: &str) -> Value {
    json!({"status": status, "evidence": "read the loop"})
}

fn validation(id: &str, verdict: &str) -> Value {
    json!({
        "finding_id": id, "verdict": verdict,
        "lifetime": check("PASS"), "thread_safety": check("N/A"),
        "no_undefined_behavior": check("PASS"),
        "estimate_plausible": {"answer": "YES", "evidence": "one per row"},
        "hot_path": {"answer": "YES", "evidence": "called per file"},
        "complexity_justified": {"answer": "YES", "evidence": "small change"},
        "issues": [], "conditions": ["keep the signature"], "counterexample": null,
        "score": 8, "score_reason": "cheap fix"
    })
}

fn chat_answer(value: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": "chatcmpl-1", "object": "chat.completion",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": value.to_string()}}],
        "usage": {"prompt_tokens": 1200, "completion_tokens": 300}
    }))
}

#[tokio::test(flavor = "multi_thread")]
async fn an_llm_validator_gives_its_verdicts_and_the_tokens_are_recorded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(chat_answer(&json!({"validations": [
            validation("F-001", "APPROVED"),
            validation("F-002", "APPROVED"),
        ]})))
        .mount(&server)
        .await;
    let env = Env::new();
    let out = env.audit(&format!("{}/v1", server.uri()), &["--validator", "llm"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("sk-test"),
        "the key never appears in output"
    );

    let export = env.export();
    let round = &export.rounds[0];
    assert_eq!(round.status, RoundStatus::AwaitingDecision);
    let f1 = round
        .findings
        .iter()
        .find(|r| r.finding.id == "F-001")
        .unwrap();
    let v1 = f1.validation.as_ref().unwrap();
    assert_eq!(
        v1.engine, "llm:test-model",
        "F-001 carries the model's verdict"
    );
    assert_eq!(v1.verdict, Verdict::Approved);
    assert_eq!(
        (v1.score, v1.score_reason.as_deref()),
        (Some(8), Some("cheap fix")),
        "the second opinion and its reason are stored"
    );
    let others = round
        .findings
        .iter()
        .filter(|r| r.finding.id != "F-001" && r.finding.id != "F-002")
        .filter_map(|r| r.validation.as_ref());
    assert!(
        others.clone().count() > 0 && others.clone().all(|v| v.engine != "llm:test-model"),
        "findings the model did not answer keep the built-in verdict"
    );
    let run = round
        .role_runs
        .iter()
        .find(|r| r.role == Some(memaudit::model::Role::Validator))
        .unwrap();
    assert_eq!(run.engine, "llm:test-model");
    assert!(
        run.tokens_in >= 1200 && run.tokens_out >= 300,
        "tokens are recorded: {run:?}"
    );
    let requests = server.received_requests().await.unwrap();
    assert!(!requests.is_empty());
    for r in &requests {
        let body = String::from_utf8_lossy(&r.body);
        assert!(
            !body.contains("sk-test"),
            "the key travels only in the header"
        );
        assert_eq!(
            r.headers.get("authorization").map(|h| h.to_str().unwrap()),
            Some("Bearer sk-test-not-a-real-key")
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_key_stops_the_llm_analyst_cleanly_and_nothing_is_lost() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}
        })))
        .mount(&server)
        .await;
    let env = Env::new();
    let out = env.audit(&format!("{}/v1", server.uri()), &["--analyst", "llm"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the round fails with exit code 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.to_lowercase().contains("key"),
        "the error says the key was rejected: {stderr}"
    );
    assert!(
        !stderr.contains("sk-test"),
        "the key itself is never printed"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a rejected key is not retried"
    );
    let export = env.export();
    assert_eq!(export.rounds.len(), 1, "the session and its round are kept");
    assert_eq!(export.rounds[0].status, RoundStatus::Failed);
    assert!(export.rounds[0]
        .error
        .as_deref()
        .unwrap_or("")
        .contains("key"));
}

/// The OpenAI-compatible answer to the Coordinator's request only.
fn coordinator_mock(answer: ResponseTemplate) -> Mock {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(wiremock::matchers::body_string_contains("write_synthesis"))
        .respond_with(answer)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_llm_coordinator_adds_its_synthesis_to_the_builtin_report() {
    let server = MockServer::start().await;
    coordinator_mock(chat_answer(&json!({
        "executive_summary": "Start with the approved clone fixes; F-404 is invented.",
        "recommendations": [{
            "pattern": "Clones per row",
            "finding_ids": ["F-001", "F-002", "F-404"],
            "recommendation": "Borrow rows for the whole batch."
        }],
        "next_focus": ["the writer module"]
    })))
    .mount(&server)
    .await;
    let env = Env::new();
    let out = env.audit(&format!("{}/v1", server.uri()), &["--coordinator", "llm"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Start with the approved clone fixes; [unknown finding] is invented."),
        "the printed report carries the synthesis: {stdout}"
    );
    assert!(stdout.contains("Cross-cutting patterns seen by the LLM Coordinator (llm:test-model)"));
    assert!(stdout.contains("- the writer module (suggested by the LLM Coordinator)"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2 item(s) from the model were discarded"),
        "the dropped ids are reported: {stderr}"
    );

    let export = env.export();
    let round = &export.rounds[0];
    assert_eq!(round.status, RoundStatus::AwaitingDecision);
    let report = round.report.as_ref().unwrap();
    let synthesis = report.synthesis.as_ref().expect("stored with the report");
    assert_eq!(synthesis.engine, "llm:test-model");
    assert_eq!(synthesis.recommendations[0].finding_ids, ["F-001", "F-002"]);
    assert_eq!(synthesis.discarded, 2);
    assert!(
        report.summary.total > 0 && !report.termination.is_empty(),
        "the built-in counts and criteria are there"
    );
    let run = round
        .role_runs
        .iter()
        .find(|r| r.role == Some(memaudit::model::Role::Coordinator))
        .unwrap();
    assert_eq!(run.engine, "llm:test-model");
    assert_eq!((run.tokens_in, run.tokens_out), (1200, 300));
    assert_eq!(run.error, None);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "only the Coordinator used the LLM");
    let body = String::from_utf8_lossy(&requests[0].body);
    assert!(
        body.contains("Technical Program Manager"),
        "the spec's persona"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_llm_coordinator_leaves_the_builtin_report_and_a_warning() {
    let server = MockServer::start().await;
    coordinator_mock(ResponseTemplate::new(200).set_body_json(json!({
        "choices": [{"message": {"role": "assistant", "content": "no JSON, sorry"}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 10}
    })))
    .mount(&server)
    .await;
    let env = Env::new();
    let out = env.audit(&format!("{}/v1", server.uri()), &["--coordinator", "llm"]);
    assert!(
        out.status.success(),
        "the round still finishes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the LLM Coordinator failed")
            && stderr.contains("the built-in report is kept"),
        "{stderr}"
    );
    let export = env.export();
    let round = &export.rounds[0];
    assert_eq!(round.status, RoundStatus::AwaitingDecision);
    let report = round
        .report
        .as_ref()
        .expect("the built-in report is stored");
    assert_eq!(report.synthesis, None);
    assert!(!report.by_crate.is_empty());
    let run = round
        .role_runs
        .iter()
        .find(|r| r.role == Some(memaudit::model::Role::Coordinator))
        .unwrap();
    assert_eq!(run.status, "finished");
    assert!(
        run.error
            .as_deref()
            .unwrap_or("")
            .contains("invalid answer"),
        "{run:?}"
    );
    assert_eq!(
        (run.tokens_in, run.tokens_out),
        (200, 20),
        "both requests (answer and repair) are paid for"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn next_with_an_llm_coordinator_sends_the_users_decisions_and_focus() {
    let server = MockServer::start().await;
    coordinator_mock(chat_answer(&json!({
        "executive_summary": "F-001 stays deferred; the rest is new.",
        "recommendations": [], "next_focus": []
    })))
    .mount(&server)
    .await;
    let env = Env::new();
    let url = format!("{}/v1", server.uri());
    let out = env.audit(&url, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "round 1 is all built-in"
    );
    let session = env.export().session.name;
    let decide = Command::new(BIN)
        .arg("--db")
        .arg(env.dir.path().join("db.sqlite"))
        .args([
            "decide",
            &session,
            "F-001",
            "defer",
            "--note",
            "the parser is being rewritten",
        ])
        .env_remove("MEMAUDIT_DB")
        .output()
        .unwrap();
    assert!(
        decide.status.success(),
        "{}",
        String::from_utf8_lossy(&decide.stderr)
    );
    let out = env.run(
        &url,
        &[
            "next",
            &session,
            "--no-files",
            "--focus",
            "category:ALLOCATION_LOOP",
            "--coordinator",
            "llm",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one Coordinator request in round 2");
    let body: Value = requests[0].body_json().unwrap();
    let system = body["messages"][0]["content"].as_str().unwrap();
    assert!(system.contains("You are a Technical Program Manager"));
    assert!(
        system.contains("look deeper at: category ALLOCATION_LOOP"),
        "the focus request: {system}"
    );
    let user = body["messages"][1]["content"].as_str().unwrap();
    let doc: Value = serde_json::from_str(user.split_once("\n\n").unwrap().1).unwrap();
    let decisions = doc["user_decisions"].as_array().unwrap();
    assert!(
        decisions.iter().any(|d| d["decision"] == "Defer"
            && d["note"] == "the parser is being rewritten"
            && d["round"] == 1),
        "the round-1 decision travels to round 2: {decisions:?}"
    );
    let export = env.export();
    let round2 = &export.rounds[1];
    let synthesis = round2.report.as_ref().unwrap().synthesis.as_ref().unwrap();
    assert_eq!(
        synthesis.executive_summary,
        "F-001 stays deferred; the rest is new."
    );
}

/// A local OpenAI-compatible server on 127.0.0.1 that streams every answer
/// (server-sent events, chunked) in three bursts 150 ms apart, with many
/// small deltas per burst: the Validator gets a verdict for every finding
/// id in its request, the Coordinator a synthesis. Returns its base URL.
fn streaming_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for sock in listener.incoming() {
            let Ok(mut sock) = sock else { return };
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 16384];
                // The head, then the body by its content-length.
                let body = loop {
                    let n = sock.read(&mut chunk).unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                    let len: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        break String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).into_owned();
                    }
                };
                let answer = if body.contains("write_synthesis") {
                    json!({
                        "executive_summary": "Start with F-001.",
                        "recommendations": [], "next_focus": []
                    })
                } else {
                    let mut ids: Vec<String> = Vec::new();
                    for (i, _) in body.match_indices("F-") {
                        let id = &body[i..(i + 5).min(body.len())];
                        if id[2..].bytes().all(|b| b.is_ascii_digit())
                            && !ids.iter().any(|x| x == id)
                        {
                            ids.push(id.to_owned());
                        }
                    }
                    json!({"validations": ids.iter().map(|id| validation(id, "APPROVED")).collect::<Vec<_>>()})
                };
                let text = answer.to_string();
                // Above the client's 4-characters-a-token estimate, as for JSON.
                let completion = text.len() / 3 + 10;
                let chars: Vec<char> = text.chars().collect();
                let deltas: Vec<String> = chars
                    .chunks(8)
                    .map(|c| {
                        let piece: String = c.iter().collect();
                        format!(
                            "data: {}\n\n",
                            json!({"choices": [{"index": 0, "delta": {"content": piece}}]})
                        )
                    })
                    .collect();
                let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                            transfer-encoding: chunked\r\nconnection: close\r\n\r\n";
                if sock.write_all(head.as_bytes()).is_err() {
                    return;
                }
                let send = |sock: &mut std::net::TcpStream, data: &str| {
                    let _ = write!(sock, "{:x}\r\n{data}\r\n", data.len());
                    let _ = sock.flush();
                };
                let third = deltas.len().div_ceil(3);
                for (n, burst) in deltas.chunks(third).enumerate() {
                    if n > 0 {
                        std::thread::sleep(std::time::Duration::from_millis(150));
                    }
                    send(&mut sock, &burst.concat());
                }
                let end = format!(
                    "data: {}\n\ndata: {}\n\ndata: [DONE]\n\n",
                    json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
                    json!({"choices": [], "usage": {"prompt_tokens": 1000, "completion_tokens": completion}})
                );
                send(&mut sock, &end);
                let _ = sock.write_all(b"0\r\n\r\n");
            });
        }
    });
    url
}

#[test]
fn a_round_reports_streamed_tokens_in_role_progress_events() {
    use memaudit::config::{EngineKind, ProviderChoice, Settings};
    use memaudit::model::Role;
    use memaudit::rounds::{self, Cancel};
    use memaudit::{AuditOptions, RoundEvent};

    let url = streaming_server();
    let env = Env::new();
    let settings = Settings {
        validator_engine: EngineKind::Llm,
        coordinator_engine: EngineKind::Llm,
        provider: ProviderChoice::Openai,
        model: "test-model".to_owned(),
        base_url: url,
        ..Settings::default()
    };
    let opts = AuditOptions {
        engines: memaudit::engines::Engines::from_settings(&settings),
        ..AuditOptions::default()
    };
    let store = Store::open(&env.dir.path().join("db.sqlite")).unwrap();
    let info = rounds::start_session(&store, &env.ws, &opts).unwrap();
    let events = std::sync::Mutex::new(Vec::new());
    let emit = |e: RoundEvent| events.lock().unwrap().push(e);
    let outcome = rounds::run_round(&store, info.id, &[], &opts, &emit, &Cancel::new()).unwrap();
    assert_eq!(outcome.status, RoundStatus::AwaitingDecision);
    let events = events.into_inner().unwrap();
    let export = store.load_session(info.id).unwrap();
    let round = &export.rounds[0];

    for role in [Role::Validator, Role::Coordinator] {
        let position = |want: &dyn Fn(&RoundEvent) -> bool| events.iter().position(want).unwrap();
        let started =
            position(&|e| matches!(e, RoundEvent::RoleStarted { role: r, .. } if *r == role));
        let finished =
            position(&|e| matches!(e, RoundEvent::RoleFinished { role: r, .. } if *r == role));
        let tokens: Vec<u64> = events[started..finished]
            .iter()
            .filter_map(|e| match e {
                RoundEvent::RoleProgress {
                    role: r,
                    tokens_out,
                    ..
                } if *r == role => *tokens_out,
                _ => None,
            })
            .collect();
        let progress_events = events[started..finished]
            .iter()
            .filter(|e| matches!(e, RoundEvent::RoleProgress { role: r, .. } if *r == role))
            .count();
        let duration_ms = match &events[finished] {
            RoundEvent::RoleFinished { duration_ms, .. } => *duration_ms,
            _ => unreachable!(),
        };
        println!(
            "{role:?}: {progress_events} progress events in {duration_ms} ms, tokens {tokens:?}"
        );
        let mut distinct = tokens.clone();
        distinct.dedup();
        assert!(
            distinct.len() >= 2 && tokens.windows(2).all(|w| w[0] <= w[1]),
            "{role:?}: token counts arrive and rise while the role runs: {tokens:?}"
        );
        let run = round
            .role_runs
            .iter()
            .find(|r| r.role == Some(role))
            .unwrap();
        assert_eq!(
            tokens.last(),
            Some(&run.tokens_out),
            "{role:?}: the last event has the stored figure"
        );
        // At most one event per 100 ms, plus the first and the last: the
        // answer had dozens of deltas per request.
        let bound = 2 + (duration_ms / 100) as usize;
        assert!(
            progress_events <= bound,
            "{role:?}: {progress_events} events in {duration_ms} ms"
        );
    }
    // The built-in Analyst's events carry no token figure at all.
    assert!(events.iter().all(|e| !matches!(
        e,
        RoundEvent::RoleProgress {
            role: Role::Analyst,
            tokens_out: Some(_),
            ..
        }
    )));
    let json = serde_json::to_value(
        events
            .iter()
            .find(|e| {
                matches!(
                    e,
                    RoundEvent::RoleProgress {
                        role: Role::Analyst,
                        ..
                    }
                )
            })
            .unwrap(),
    )
    .unwrap();
    assert!(json.get("tokens_out").is_none(), "absent, not null: {json}");
}
