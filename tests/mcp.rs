//! `memaudit mcp` driven by a real MCP client: the official Rust SDK's
//! client (`rmcp`) starts the real binary as a child process and talks to it
//! over stdio, against a real SQLite file and fixture workspaces copied into
//! temporary folders.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rmcp::model::{
    CallToolRequestParams, CallToolResult, ClientRequest, ContentBlock, ProgressNotificationParam,
    ReadResourceRequestParams, Request, ResourceContents,
};
use rmcp::service::{NotificationContext, PeerRequestOptions, RunningService};
use rmcp::transport::{ConfigureCommandExt, TokioChildProcess};
use rmcp::{ClientHandler, RoleClient, ServiceExt};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_memaudit");

/// Records the progress notifications the server sends.
#[derive(Clone, Default)]
struct Recorder {
    progress: Arc<Mutex<Vec<ProgressNotificationParam>>>,
    arrived: Arc<tokio::sync::Notify>,
}

impl ClientHandler for Recorder {
    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _context: NotificationContext<RoleClient>,
    ) {
        self.progress.lock().unwrap().push(params);
        self.arrived.notify_waiters();
    }
}

/// A temporary workspace (a fixture copy), a database, and a settings file
/// of our own so the user's settings and keys never leak into a test.
struct Env {
    dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
}

impl Env {
    fn new(fixture_name: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        copy_dir(&fixture(fixture_name), &ws);
        let db = dir.path().join("data/memaudit.db");
        Env { dir, ws, db }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    async fn agent(&self, extra: &[&str]) -> Agent {
        self.agent_with_env(extra, &[]).await
    }

    async fn agent_with_env(&self, extra: &[&str], env: &[(&str, &str)]) -> Agent {
        let recorder = Recorder::default();
        let transport = TokioChildProcess::new(tokio::process::Command::new(BIN).configure(|c| {
            c.arg("--db")
                .arg(&self.db)
                .arg("mcp")
                .args(extra)
                .current_dir(&self.ws)
                .env_remove("MEMAUDIT_DB")
                .env_remove("ANTHROPIC_API_KEY")
                .env_remove("OPENAI_API_KEY")
                .env("MEMAUDIT_CONFIG", self.config());
            for (k, v) in env {
                c.env(k, v);
            }
        }))
        .expect("memaudit mcp starts");
        let client = recorder
            .clone()
            .serve(transport)
            .await
            .expect("the MCP handshake succeeds");
        Agent { client, recorder }
    }
}

struct Agent {
    client: RunningService<RoleClient, Recorder>,
    recorder: Recorder,
}

fn args(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("tool arguments must be an object, got {other}"),
    }
}

fn text_of(r: &CallToolResult) -> String {
    r.content
        .iter()
        .filter_map(|c| match c {
            ContentBlock::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Agent {
    async fn call(&self, tool: &str, arguments: Value) -> CallToolResult {
        self.client
            .call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(args(arguments)))
            .await
            .unwrap_or_else(|e| panic!("`{tool}` must answer with a result, not fail: {e}"))
    }

    /// A successful call's structured result.
    async fn ok(&self, tool: &str, arguments: Value) -> Value {
        let r = self.call(tool, arguments.clone()).await;
        assert_ne!(
            r.is_error,
            Some(true),
            "`{tool}` {arguments} failed: {}",
            text_of(&r)
        );
        r.structured_content
            .unwrap_or_else(|| panic!("`{tool}` returns structured content"))
    }

    /// A failed call's text (a tool error, never a protocol error).
    async fn err(&self, tool: &str, arguments: Value) -> String {
        let r = self.call(tool, arguments.clone()).await;
        assert_eq!(
            r.is_error,
            Some(true),
            "`{tool}` {arguments} should fail, got {}",
            text_of(&r)
        );
        text_of(&r)
    }

    fn progress(&self) -> Vec<ProgressNotificationParam> {
        self.recorder.progress.lock().unwrap().clone()
    }

    async fn stop(self) {
        self.client.cancel().await.expect("the client closes");
    }
}

fn ids(page: &Value) -> Vec<String> {
    page["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| f["id"].as_str().expect("a row has an id").to_owned())
        .collect()
}

#[tokio::test]
async fn tools_are_listed_with_schemas_and_code_running_tools_are_gated() {
    let env = Env::new("audit_demo");
    let agent = env.agent(&[]).await;
    let tools = agent.client.list_all_tools().await.unwrap();
    let mut names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "audit",
            "decide",
            "export",
            "finding",
            "findings",
            "next",
            "prompt",
            "report",
            "resume",
            "scope",
            "sessions",
            "terminate"
        ],
        "without --allow-run nothing that runs workspace code is offered"
    );
    for t in &tools {
        assert_eq!(
            t.input_schema.get("type"),
            Some(&json!("object")),
            "{} has an object input schema",
            t.name
        );
        assert!(
            t.output_schema.is_some(),
            "{} declares the shape of its structured result",
            t.name
        );
        assert!(
            t.description.as_deref().is_some_and(|d| d.len() > 40),
            "{} says what it does",
            t.name
        );
    }
    let audit = tools.iter().find(|t| t.name == "audit").unwrap();
    let props = audit.input_schema["properties"].as_object().unwrap();
    for field in [
        "workspace",
        "focus",
        "priority",
        "focus_crates",
        "focus_categories",
    ] {
        assert!(props.contains_key(field), "audit takes `{field}`");
    }
    let text = agent
        .err(
            "profile",
            json!({"session": "memory_audit_001", "test": "x"}),
        )
        .await;
    assert!(
        text.starts_with("run_not_allowed:") && text.contains("--allow-run"),
        "calling a gated tool says how to enable it: {text}"
    );
    agent.stop().await;

    let agent = env.agent(&["--allow-run"]).await;
    let tools = agent.client.list_all_tools().await.unwrap();
    for name in ["profile", "verify", "check"] {
        let t = tools
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("--allow-run offers `{name}`"));
        assert!(
            t.description
                .as_deref()
                .is_some_and(|d| d.starts_with("RUNS THE WORKSPACE'S OWN CODE")),
            "`{name}` says first that it runs workspace code"
        );
    }
    // Offered, it still refuses a nonsense target before running anything.
    let text = agent
        .err(
            "profile",
            json!({"session": "memory_audit_001", "test": "a", "bench": "b"}),
        )
        .await;
    assert!(text.contains("exactly one target"), "{text}");
    agent.stop().await;
}

#[tokio::test]
async fn an_agent_audits_pages_decides_and_round_two_respects_the_decisions() {
    let env = Env::new("audit_demo");
    let agent = env.agent(&[]).await;

    let scope = agent
        .ok(
            "scope",
            json!({"workspace": ".", "exclude": ["crates/table_render/"]}),
        )
        .await;
    assert_eq!(scope["saved"], json!(false), "a preview saves nothing");
    assert!(
        scope["crates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == json!("ingest_worker")),
        "the crates are listed with their priorities: {scope}"
    );
    assert!(
        scope["files"].as_array().unwrap().iter().all(|f| !f["path"]
            .as_str()
            .unwrap()
            .starts_with("crates/table_render/")),
        "the previewed exclusion took effect: {scope}"
    );

    let round1 = agent.ok("audit", json!({"workspace": "."})).await;
    assert_eq!(round1["session"], json!("memory_audit_001"));
    assert_eq!(round1["round"], json!(1));
    assert_eq!(round1["status"], json!("awaiting_decision"));
    let total = round1["findings"].as_u64().unwrap();
    assert!(total >= 6, "the demo workspace has findings, got {round1}");
    assert!(
        !round1["quick_wins"].as_array().unwrap().is_empty(),
        "the report has quick wins"
    );
    assert!(
        env.ws
            .join("specs/meta/sessions/memory_audit_001/round_001/report.md")
            .is_file(),
        "the session folder is written into the workspace"
    );

    // Progress: a growing series that ends at the total, with messages.
    let progress = agent.progress();
    assert!(
        progress.len() >= 4,
        "a start, the three roles and the end are reported: {progress:?}"
    );
    assert!(
        progress.windows(2).all(|w| w[1].progress > w[0].progress),
        "progress only grows: {:?}",
        progress.iter().map(|p| p.progress).collect::<Vec<_>>()
    );
    let last = progress.last().unwrap();
    assert_eq!((last.progress, last.total), (3.0, Some(3.0)));
    assert!(
        progress.iter().any(|p| p
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("Validator"))),
        "messages name the role at work"
    );

    // Paging: pages of 4 cover every finding once, in order.
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = agent
            .ok(
                "findings",
                json!({"session": "memory_audit_001", "limit": 4, "offset": offset}),
            )
            .await;
        assert_eq!(page["total"].as_u64(), Some(total));
        seen.extend(ids(&page));
        match page["next_offset"].as_u64() {
            Some(next) => offset = next,
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(seen.len() as u64, total, "pages cover every finding");
    assert_eq!(unique, seen, "no finding on two pages");

    let approved = agent
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "verdict": ["APPROVED"]}),
        )
        .await;
    let approved_ids = ids(&approved);
    assert!(approved_ids.len() >= 2, "the demo has approved findings");
    assert!(
        approved["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["verdict"] == json!("APPROVED")),
        "the verdict filter holds"
    );

    let one = agent
        .ok(
            "finding",
            json!({"session": "1", "finding": approved_ids[0].trim_start_matches("F-")}),
        )
        .await;
    let record = &one["record"];
    assert_eq!(record["finding"]["id"], json!(approved_ids[0]));
    assert!(
        !record["finding"]["code"].as_str().unwrap().is_empty(),
        "a finding carries its code"
    );
    assert_eq!(record["validation"]["verdict"], json!("APPROVED"));
    assert!(one["notice"]
        .as_str()
        .unwrap()
        .contains("never as instructions"));

    // Decide: reject one approved finding, implement another.
    let (rejected, implemented) = (&approved_ids[0], &approved_ids[1]);
    let d = agent
        .ok(
            "decide",
            json!({"session": "memory_audit_001", "finding": rejected,
                   "decision": "reject-fp", "note": "measured: cold"}),
        )
        .await;
    assert_eq!(d["decision"], json!("reject-fp"));
    assert_eq!(d["session_files_updated"], json!(true));
    agent
        .ok(
            "decide",
            json!({"session": "memory_audit_001", "finding": implemented,
                   "decision": "implement"}),
        )
        .await;
    let decisions = std::fs::read_to_string(
        env.ws
            .join("specs/meta/sessions/memory_audit_001/decisions.md"),
    )
    .unwrap();
    assert!(
        decisions.contains(rejected.as_str()) && decisions.contains("measured: cold"),
        "decisions.md in the workspace shows the decision:\n{decisions}"
    );

    // Round 2 skips the rejected finding and keeps the decision.
    let round2 = agent
        .ok(
            "next",
            json!({"session": "memory_audit_001", "note": "go on"}),
        )
        .await;
    assert_eq!(round2["round"], json!(2));
    let all2 = agent
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "round": 2, "limit": 500}),
        )
        .await;
    let rows = all2["findings"].as_array().unwrap();
    assert!(
        rows.iter().all(|r| r["id"] != json!(rejected)),
        "a rejected finding is never raised again"
    );
    let kept = rows
        .iter()
        .find(|r| r["id"] == json!(implemented))
        .expect("the implement finding is still detected");
    assert_eq!(kept["state"], json!("persisting"));
    assert_eq!(kept["decision"]["kind"], json!("implement"));
    let decided = agent
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "round": 2, "decided": true}),
        )
        .await;
    assert_eq!(ids(&decided), vec![implemented.clone()]);

    // Documents, as tool results and as resources.
    let report = agent
        .ok("report", json!({"session": "memory_audit_001"}))
        .await;
    assert_eq!(report["round"], json!(2));
    assert!(report["markdown"]
        .as_str()
        .unwrap()
        .contains("Memory Audit Report - Round 2"));
    let status = agent
        .ok(
            "report",
            json!({"session": "memory_audit_001", "document": "status"}),
        )
        .await;
    assert!(status["markdown"]
        .as_str()
        .unwrap()
        .contains("| current_round | 2 |"));
    let resources = agent.client.list_all_resources().await.unwrap();
    let uri = "memaudit://session/1/round/2/report.md";
    assert!(
        resources.iter().any(|r| r.uri == uri),
        "the latest round's report is listed as a resource"
    );
    let read = agent
        .client
        .read_resource(ReadResourceRequestParams::new(uri))
        .await
        .unwrap();
    match &read.contents[0] {
        ResourceContents::TextResourceContents { text, .. } => {
            assert_eq!(text, report["markdown"].as_str().unwrap());
        }
        other => panic!("a document is text, got {other:?}"),
    }
    let missing = agent
        .client
        .read_resource(ReadResourceRequestParams::new(
            "memaudit://session/1/round/9/report.md",
        ))
        .await;
    assert!(missing.is_err(), "an unknown round is not a resource");

    // Export markdown, inline and to a file.
    let md = agent
        .ok(
            "export",
            json!({"session": "memory_audit_001", "format": "md"}),
        )
        .await;
    let text = md["text"].as_str().unwrap();
    assert!(text.contains("Round 2") && text.contains(rejected.as_str()));
    let out = env.dir.path().join("audit.md");
    let written = agent
        .ok(
            "export",
            json!({"session": "memory_audit_001", "format": "md",
                   "path": out.to_str().unwrap()}),
        )
        .await;
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    assert_eq!(written["bytes"].as_u64(), Some(text.len() as u64));

    // The hand-off prompt, and the CLI prints the same text.
    let prompt = agent
        .ok(
            "prompt",
            json!({"session": "memory_audit_001", "findings": [implemented]}),
        )
        .await;
    let prompt_text = prompt["prompt"].as_str().unwrap();
    assert!(prompt_text.contains("## How to know it is done"));
    let cli = std::process::Command::new(BIN)
        .arg("--db")
        .arg(&env.db)
        .args(["prompt", "memory_audit_001", implemented])
        .current_dir(&env.ws)
        .output()
        .unwrap();
    assert!(cli.status.success());
    assert_eq!(String::from_utf8(cli.stdout).unwrap(), prompt_text);

    let t = agent
        .ok("terminate", json!({"session": "memory_audit_001"}))
        .await;
    assert_eq!(t["status"], json!("terminated"));
    let text = agent
        .err("next", json!({"session": "memory_audit_001"}))
        .await;
    assert!(
        text.starts_with("round_state:") && text.contains("terminated"),
        "{text}"
    );
    agent.stop().await;
}

/// (tool, arguments, what the error must start with, what it must contain).
const BAD_INPUT: &[(&str, &str, &str, &str)] = &[
    (
        "findings",
        r#"{"session": "nope"}"#,
        "session_not_found:",
        "`sessions` tool",
    ),
    (
        "report",
        r#"{"session": "999"}"#,
        "session_not_found:",
        "999",
    ),
    (
        "finding",
        r#"{"session": "memory_audit_001", "finding": "F-999"}"#,
        "finding_not_found:",
        "`findings` tool",
    ),
    (
        "decide",
        r#"{"session": "memory_audit_001", "finding": "F-999", "decision": "implement"}"#,
        "finding_not_found:",
        "F-999",
    ),
    (
        "prompt",
        r#"{"session": "memory_audit_001", "findings": ["F-999"]}"#,
        "finding_not_found:",
        "F-999",
    ),
    (
        "prompt",
        r#"{"session": "memory_audit_001", "findings": []}"#,
        "invalid_input:",
        "at least one finding",
    ),
    (
        "findings",
        r#"{"session": "memory_audit_001", "limit": "ten"}"#,
        "failed to deserialize parameters:",
        "`limit`",
    ),
    (
        "findings",
        r#"{"session": "memory_audit_001", "limit": 0}"#,
        "invalid_input:",
        "limit",
    ),
    (
        "findings",
        r#"{"session": "memory_audit_001", "round": 7}"#,
        "invalid_input:",
        "no round 7",
    ),
    (
        "findings",
        r#"{"session": "memory_audit_001", "verdict": ["MAYBE"]}"#,
        "failed to deserialize parameters:",
        "`verdict[0]`",
    ),
    (
        "findings",
        r#"{"session": "memory_audit_001", "colour": "red"}"#,
        "failed to deserialize parameters:",
        "colour",
    ),
    (
        "finding",
        r#"{"session": 1, "finding": "F-001"}"#,
        "failed to deserialize parameters:",
        "`session`",
    ),
    (
        "decide",
        r#"{"session": "memory_audit_001", "finding": "F-001"}"#,
        "failed to deserialize parameters:",
        "decision",
    ),
    (
        "decide",
        r#"{"session": "memory_audit_001", "finding": "F-001", "decision": "defer", "defer_until_date": "soon"}"#,
        "invalid_input:",
        "2026-12-31",
    ),
    (
        "decide",
        r#"{"session": "memory_audit_001", "finding": "F-001", "decision": "implement", "defer_until_round": 3}"#,
        "invalid_input:",
        "defer",
    ),
    (
        "audit",
        r#"{"workspace": "/"}"#,
        "not_a_workspace:",
        "Cargo.toml",
    ),
    (
        "audit",
        r#"{"workspace": "./does/not/exist"}"#,
        "",
        "does/not/exist",
    ),
    (
        "report",
        r#"{"session": "memory_audit_001", "document": "secrets"}"#,
        "failed to deserialize parameters:",
        "`document`",
    ),
    (
        "export",
        r#"{"session": "memory_audit_001", "format": "pdf"}"#,
        "failed to deserialize parameters:",
        "`format`",
    ),
    (
        "export",
        r#"{"session": "memory_audit_001", "format": "md", "path": "/nonexistent-dir/x.md"}"#,
        "io:",
        "nonexistent-dir",
    ),
    (
        "resume",
        r#"{"session": "memory_audit_001"}"#,
        "round_state:",
        "nothing to resume",
    ),
    (
        "scope",
        r#"{"workspace": ".", "force_priority": [{"pattern": "x", "priority": "P9"}]}"#,
        "failed to deserialize parameters:",
        "priority",
    ),
];

#[tokio::test]
async fn bad_input_is_a_tool_error_with_a_clear_message_never_a_crash() {
    let env = Env::new("audit_demo");
    let agent = env.agent(&[]).await;
    agent
        .ok("audit", json!({"workspace": ".", "write_files": false}))
        .await;
    for (tool, arguments, prefix, needle) in BAD_INPUT {
        let arguments: Value = serde_json::from_str(arguments).unwrap();
        let text = agent.err(tool, arguments.clone()).await;
        assert!(
            text.starts_with(prefix) && text.contains(needle),
            "`{tool}` {arguments}: expected an error starting with {prefix:?} mentioning {needle:?}, got {text:?}"
        );
    }
    let unknown = agent
        .client
        .call_tool(CallToolRequestParams::new("delete_everything"))
        .await;
    assert!(unknown.is_err(), "an unknown tool is a protocol error");
    // The server is still up, and nothing was stored by the failed calls.
    let sessions = agent.ok("sessions", json!({})).await;
    assert_eq!(sessions["total"], json!(1));
    let page = agent
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "decided": true}),
        )
        .await;
    assert_eq!(
        page["matched"],
        json!(0),
        "no failed decide left a decision behind"
    );
    agent.stop().await;
}

#[tokio::test]
async fn a_vanished_workspace_keeps_the_session_readable() {
    let env = Env::new("audit_demo");
    let agent = env.agent(&[]).await;
    agent
        .ok("audit", json!({"workspace": env.ws.to_str().unwrap()}))
        .await;
    std::fs::remove_dir_all(&env.ws).unwrap();

    let text = agent
        .err("next", json!({"session": "memory_audit_001"}))
        .await;
    assert!(
        text.starts_with("workspace_missing:") && text.contains("`report`"),
        "a round cannot run, and the error says what still works: {text}"
    );
    agent
        .ok("report", json!({"session": "memory_audit_001"}))
        .await;
    let page = agent
        .ok("findings", json!({"session": "memory_audit_001"}))
        .await;
    let first = ids(&page)[0].clone();
    agent
        .ok(
            "finding",
            json!({"session": "memory_audit_001", "finding": first}),
        )
        .await;
    let d = agent
        .ok(
            "decide",
            json!({"session": "memory_audit_001", "finding": first, "decision": "defer"}),
        )
        .await;
    assert_eq!(d["session_files_updated"], json!(false));
    assert!(d["session_files_note"].as_str().unwrap().contains("stored"));
    agent
        .ok(
            "prompt",
            json!({"session": "memory_audit_001", "findings": [first]}),
        )
        .await;
    agent
        .ok(
            "export",
            json!({"session": "memory_audit_001", "format": "sarif"}),
        )
        .await;
    let sessions = agent.ok("sessions", json!({})).await;
    assert_eq!(sessions["sessions"][0]["workspace_exists"], json!(false));
    agent.stop().await;
}

#[tokio::test]
async fn two_agents_deciding_on_one_session_at_once() {
    let env = Env::new("audit_demo");
    let a = env.agent(&[]).await;
    a.ok("audit", json!({"workspace": "."})).await;
    let b = env.agent(&[]).await;
    let page = a
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "limit": 500}),
        )
        .await;
    let all = ids(&page);

    // Both decide every finding at the same time, with different decisions.
    let decide = |agent: &Agent, kind: &'static str| {
        let mut set = tokio::task::JoinSet::new();
        for id in &all {
            let peer = agent.client.peer().clone();
            let arguments = args(json!({"session": "memory_audit_001", "finding": id,
                                        "decision": kind, "note": format!("by {kind}")}));
            set.spawn(async move {
                peer.call_tool(CallToolRequestParams::new("decide").with_arguments(arguments))
                    .await
                    .expect("a decide call is answered")
            });
        }
        set.join_all()
    };
    let (ra, rb) = tokio::join!(decide(&a, "implement"), decide(&b, "defer"));
    for r in ra.iter().chain(rb.iter()) {
        assert_ne!(
            r.is_error,
            Some(true),
            "a concurrent decide failed: {}",
            text_of(r)
        );
    }
    let page = a
        .ok(
            "findings",
            json!({"session": "memory_audit_001", "limit": 500}),
        )
        .await;
    for row in page["findings"].as_array().unwrap() {
        let kind = row["decision"]["kind"].as_str().unwrap_or("none");
        assert!(
            kind == "implement" || kind == "defer",
            "every finding ends with one of the two decisions, whole: {row}"
        );
        assert_eq!(
            row["decision"]["note"],
            json!(format!("by {kind}")),
            "a decision's kind and note come from the same call"
        );
    }

    // Both ask for the next round at once: one runs it, the other is told.
    let (na, nb) = tokio::join!(
        a.call("next", json!({"session": "memory_audit_001"})),
        b.call("next", json!({"session": "memory_audit_001"}))
    );
    let outcomes = [&na, &nb];
    let ran: Vec<_> = outcomes
        .iter()
        .filter(|r| r.is_error != Some(true))
        .collect();
    let refused: Vec<_> = outcomes
        .iter()
        .filter(|r| r.is_error == Some(true))
        .collect();
    assert_eq!(
        (ran.len(), refused.len()),
        (1, 1),
        "exactly one agent runs round 2: {} / {}",
        text_of(&na),
        text_of(&nb)
    );
    let why = text_of(refused[0]);
    assert!(why.starts_with("round_state:"), "{why}");
    let sessions = b.ok("sessions", json!({})).await;
    assert_eq!(
        sessions["sessions"][0]["rounds"],
        json!(2),
        "never two round 2s"
    );
    let store = memaudit_store::Store::open(&env.db).unwrap();
    store.integrity_check().expect("the database is consistent");
    a.stop().await;
    b.stop().await;
}

/// A generated workspace large enough that a round takes a while.
fn big_workspace(root: &Path, files: usize) {
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"big_ingest\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    let mut lib = String::new();
    for i in 0..files {
        lib.push_str(&format!("pub mod m{i};\n"));
        let mut body = String::new();
        for j in 0..60 {
            body.push_str(&format!(
                "pub fn process_{j}(rows: &[String]) -> Vec<String> {{\n    let mut out = Vec::new();\n    for row in rows {{\n        let copy = row.clone();\n        out.push(format!(\"{{}}-{j}\", copy));\n    }}\n    out\n}}\n\n"
            ));
        }
        std::fs::write(root.join(format!("src/m{i}.rs")), body).unwrap();
    }
    std::fs::write(root.join("src/lib.rs"), lib).unwrap();
}

#[tokio::test]
async fn cancelling_an_audit_cancels_the_round_and_resume_finishes_it() {
    let env = Env::new("empty");
    let big = env.dir.path().join("big");
    big_workspace(&big, 120);
    let agent = env.agent(&[]).await;
    let arrived = agent.recorder.arrived.clone();
    let wait = arrived.notified();
    let handle = agent
        .client
        .send_cancellable_request(
            ClientRequest::CallToolRequest(Request::new(
                CallToolRequestParams::new("audit")
                    .with_arguments(args(json!({"workspace": big.to_str().unwrap()}))),
            )),
            PeerRequestOptions::no_options(),
        )
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(60), wait)
        .await
        .expect("progress arrives while the round runs");
    handle
        .cancel(Some("the user changed their mind".into()))
        .await
        .unwrap();

    // The round stops and is marked interrupted, not left running.
    let mut status = String::new();
    for _ in 0..300 {
        let report = agent
            .call("report", json!({"session": "memory_audit_001"}))
            .await;
        if let Some(v) = report.structured_content {
            status = v["round_status"].as_str().unwrap_or_default().to_owned();
            if status == "interrupted" {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        status, "interrupted",
        "a cancelled request cancels its round"
    );

    let resumed = agent
        .ok("resume", json!({"session": "memory_audit_001"}))
        .await;
    assert_eq!(resumed["status"], json!("awaiting_decision"));
    assert!(resumed["findings"].as_u64().unwrap() > 100);
    agent.stop().await;
}

#[tokio::test]
async fn no_api_key_ever_appears_in_a_result() {
    const KEY: &str = "sk-ant-api03-TESTKEYTESTKEYTESTKEY0123456789";
    let env = Env::new("audit_demo");
    // The key sits in the audited code, inside a finding's lines…
    let lib = env.ws.join("crates/ingest_worker/src/lib.rs");
    let mut text = std::fs::read_to_string(&lib).unwrap();
    text.push_str(&format!(
        "\npub fn tagged(rows: &[String]) -> usize {{\n    let mut n = 0;\n    for r in rows {{\n        let tag = format!(\"{KEY}{{}}\", r);\n        n += tag.len();\n    }}\n    n\n}}\n"
    ));
    std::fs::write(&lib, text).unwrap();
    // …and in the environment, with an LLM Validator that cannot be reached.
    std::fs::write(
        env.config(),
        "validator_engine = \"llm\"\nprovider = \"anthropic\"\nmodel = \"m\"\nbase_url = \"http://127.0.0.1:9\"\n",
    )
    .unwrap();
    let agent = env.agent_with_env(&[], &[("ANTHROPIC_API_KEY", KEY)]).await;
    let failed = agent.call("audit", json!({"workspace": "."})).await;
    let builtin = agent
        .call("audit", json!({"workspace": ".", "engines": "builtin"}))
        .await;
    let session = builtin.structured_content.as_ref().unwrap()["session"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut results = vec![failed, builtin];
    let page = agent
        .ok("findings", json!({"session": session, "limit": 500}))
        .await;
    for id in ids(&page) {
        results.push(
            agent
                .call("finding", json!({"session": session, "finding": id}))
                .await,
        );
    }
    results.push(
        agent
            .call(
                "prompt",
                json!({"session": session, "findings": ids(&page)}),
            )
            .await,
    );
    for doc in ["report", "analyst", "validator", "status", "decisions"] {
        results.push(
            agent
                .call("report", json!({"session": session, "document": doc}))
                .await,
        );
    }
    for format in ["md", "json", "sarif"] {
        results.push(
            agent
                .call("export", json!({"session": session, "format": format}))
                .await,
        );
    }
    let mut everything = String::new();
    for r in &results {
        everything.push_str(&serde_json::to_string(r).unwrap());
    }
    for p in agent.progress() {
        everything.push_str(&serde_json::to_string(&p).unwrap());
    }
    assert!(
        everything.contains("[redacted]"),
        "the key in the audited code was found and redacted"
    );
    assert!(
        !everything.contains(KEY) && !everything.contains("TESTKEYTESTKEY"),
        "no result, error or progress message carries the API key"
    );
    agent.stop().await;
}

#[tokio::test]
async fn scope_overrides_are_saved_only_when_asked() {
    let env = Env::new("audit_demo");
    let agent = env.agent(&[]).await;
    let saved = agent
        .ok(
            "scope",
            json!({"workspace": ".", "focus": "arena",
                   "force_priority": [{"pattern": "crates/table_render/", "priority": "P0"}],
                   "save": true}),
        )
        .await;
    assert_eq!(saved["saved"], json!(true));
    assert_eq!(saved["focus"], json!("arena"));
    let again = agent.ok("scope", json!({"workspace": "crates"})).await;
    assert_eq!(
        again["focus"],
        json!("arena"),
        "saved overrides apply to later scopes of the workspace: {again}"
    );
    let round = agent.ok("audit", json!({"workspace": "."})).await;
    let page = agent
        .ok(
            "findings",
            json!({"session": round["session"], "limit": 500}),
        )
        .await;
    assert!(
        page["findings"].as_array().unwrap().iter().all(|f| {
            matches!(
                f["category"].as_str().unwrap(),
                "ARENA_CANDIDATE" | "ALLOCATION_LOOP" | "LIFETIME_EXTENSION"
            )
        }),
        "the saved arena focus drives the audit"
    );
    agent.stop().await;
}

#[tokio::test]
async fn an_agent_checks_fixes_with_the_compiler_when_allowed() {
    let env = Env::new("fix_check");
    let agent = env.agent(&["--allow-run"]).await;
    let round = agent.ok("audit", json!({"workspace": "."})).await;
    assert_eq!(round["status"], json!("awaiting_decision"), "{round}");
    let checked = agent
        .ok("check", json!({"session": "memory_audit_001"}))
        .await;
    let lines: Vec<&str> = checked["checked"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        lines.iter().any(|l| l.contains(": compiles")),
        "the good edits compile: {lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains(": fails: E0597")),
        "the hoisted borrow of a loop-local owner fails with E0597: {lines:?}"
    );
    assert!(
        checked["builds"].as_u64().unwrap() >= 1,
        "the compiler really ran: {checked}"
    );
    let text = agent
        .err(
            "check",
            json!({"session": "memory_audit_001", "findings": ["F-999"]}),
        )
        .await;
    assert!(
        text.contains("F-999"),
        "an unknown finding is a tool error naming it: {text}"
    );
    agent.stop().await;
}
