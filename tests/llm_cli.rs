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
use memaudit::store::Store;

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
