//! Every command of the shell, called through real IPC messages on Tauri's
//! mock runtime: arguments are deserialised from the JSON the UI sends
//! (camelCase keys), results and `{code, message}` errors serialised back,
//! events delivered to listeners. No window and no web view: the end-to-end
//! tests (`e2e.rs`) cover those. Each test has its own database, settings
//! file and copy of a fixture workspace.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

mod harness;

use harness::{copy_dir, repo};
use memaudit_app::events::{FILES_CHANGED_EVENT, ROUND_EVENT};
use memaudit_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::{App, Listener, WebviewWindow, WebviewWindowBuilder};

const WAIT: Duration = Duration::from_secs(180);

struct Harness {
    _dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
    settings: PathBuf,
    app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    rounds: Receiver<Value>,
    files: Receiver<Value>,
}

impl Harness {
    fn new(fixture: &str) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("workspace");
        copy_dir(&repo().join("tests/fixtures/workspaces").join(fixture), &ws);
        let db = dir.path().join("memaudit.db");
        let settings = dir.path().join("config").join("config.toml");
        let state = AppState::at(db.clone(), settings.clone());
        let app = memaudit_app::app(mock_builder(), state)
            .build(mock_context(noop_assets()))
            .expect("the app builds on the mock runtime");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("a mock window");
        let (tx, rounds) = channel();
        app.listen_any(ROUND_EVENT, move |e| {
            let _ = tx.send(serde_json::from_str::<Value>(e.payload()).unwrap());
        });
        let (tx, files) = channel();
        app.listen_any(FILES_CHANGED_EVENT, move |e| {
            let _ = tx.send(serde_json::from_str::<Value>(e.payload()).unwrap());
        });
        Harness {
            _dir: dir,
            ws,
            db,
            settings,
            app,
            webview,
            rounds,
            files,
        }
    }

    fn ws(&self) -> String {
        self.ws.to_string_lossy().into_owned()
    }

    /// Invokes `cmd` with `args`; `Err` is the `{code, message}` payload.
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.webview, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("`{cmd}` failed: {e}"))
    }

    /// The error code of a call that must fail.
    fn code(&self, cmd: &str, args: Value) -> (String, String) {
        let e = self
            .call(cmd, args)
            .expect_err(&format!("`{cmd}` should have failed"));
        (
            e["code"].as_str().unwrap_or_default().to_owned(),
            e["message"].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Waits for the round's `RoundFinished`, returning every event seen.
    fn finish_round(&self, round: u64) -> (Value, Vec<Value>) {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let e = self.rounds.recv_timeout(left).unwrap_or_else(|_| {
                panic!(
                    "round {round} never finished; last events: {:?}",
                    last(&seen)
                )
            });
            seen.push(e.clone());
            if e["type"] == "RoundFinished" && e["round"] == round {
                return (e, seen);
            }
        }
    }

    fn start_audit(&self) -> i64 {
        let info = self.ok(
            "start_audit",
            json!({"path": self.ws(), "options": {"focus": "full", "priority": "all"}}),
        );
        info["id"].as_i64().expect("a session id")
    }
}

/// Invokes `cmd` on `webview` as the UI does; usable from any thread.
fn invoke(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: tauri::test::INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request)
        .map(|body| body.deserialize::<Value>().expect("a JSON reply"))
}

/// The last few events, for failure messages (a round sends thousands).
fn last(events: &[Value]) -> &[Value] {
    &events[events.len().saturating_sub(5)..]
}

fn decide(h: &Harness, session: i64, finding: &str, kind: &str, note: &str) -> Value {
    h.ok(
        "decide",
        json!({"sessionId": session, "request": {"finding_id": finding, "kind": kind, "note": note}}),
    )
}

#[test]
fn app_info_names_the_database_and_settings() {
    let h = Harness::new("audit_demo");
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["database"], h.db.to_string_lossy().as_ref());
    assert_eq!(info["settings"], h.settings.to_string_lossy().as_ref());
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    drop(h.app);
}

#[test]
fn a_folder_that_is_not_a_workspace_is_refused_with_its_code() {
    let h = Harness::new("empty");
    // Outside any Cargo project (discovery looks upwards for one).
    let notes = h.ws.parent().unwrap().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("todo.txt"), "no Cargo.toml here").unwrap();
    let (code, message) = h.code("open_workspace", json!({"path": notes.to_string_lossy()}));
    assert_eq!(code, "not_a_workspace", "{message}");
    assert!(
        message.contains("Cargo.toml"),
        "says what is missing: {message}"
    );
    let (code, _) = h.code(
        "open_workspace",
        json!({"path": h.ws.join("no-such-folder").to_string_lossy()}),
    );
    assert!(
        code == "not_a_workspace" || code == "io",
        "a missing folder: {code}"
    );
    assert_eq!(h.ok("recent_workspaces", json!({})), json!([]));
    assert_eq!(h.ok("list_sessions", json!({})), json!([]));
}

fn overrides(exclude: &str) -> Value {
    json!({
        "include": [], "exclude": [exclude],
        "force_priority": [{"pattern": "crates/ingest_worker/**", "priority": "P0"}]
    })
}

fn save_scope(h: &Harness, exclude: &str) -> Result<Value, Value> {
    h.call(
        "save_scope",
        json!({"path": h.ws(), "overrides": overrides(exclude), "focus": "clones", "priorityFilter": "p0_p1"}),
    )
}

fn session_scope_md(h: &Harness) -> PathBuf {
    h.ws.join("specs/meta/sessions/memory_audit_001/scope.md")
}

#[test]
fn scope_overrides_are_kept_and_written_to_the_sessions_scope_md() {
    let h = Harness::new("audit_demo");
    let scope = h.ok("open_workspace", json!({"path": h.ws()}));
    let crates: Vec<&str> = scope["crates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(crates.contains(&"ingest_worker"), "{crates:?}");
    let recent = h.ok("recent_workspaces", json!({}));
    assert_eq!(recent.as_array().unwrap().len(), 1);

    let saved = save_scope(&h, "crates/table_render/**").expect("saved");
    assert_eq!(saved["focus"], "clones");
    assert_eq!(saved["priority_filter"], "p0_p1");
    // Kept for the workspace: opening it again applies them.
    let reopened = h.ok("open_workspace", json!({"path": h.ws()}));
    assert_eq!(
        reopened["overrides"]["exclude"],
        json!(["crates/table_render/**"])
    );

    h.start_audit();
    h.finish_round(1);
    save_scope(&h, "crates/nothing/**").expect("saved with a session");
    let md = std::fs::read_to_string(session_scope_md(&h)).expect("scope.md of the session");
    assert!(md.contains("crates/nothing/**"), "{md}");
}

#[test]
fn a_scope_md_that_cannot_be_written_fails_clearly_and_the_overrides_stay() {
    let h = Harness::new("audit_demo");
    h.ok("open_workspace", json!({"path": h.ws()}));
    h.start_audit();
    h.finish_round(1);
    // A read-only workspace, as far as memaudit can tell: a folder stands
    // where scope.md goes (root ignores permission bits).
    let md = session_scope_md(&h);
    std::fs::remove_file(&md).unwrap();
    std::fs::create_dir(&md).unwrap();
    let e = save_scope(&h, "crates/table_render/**").expect_err("scope.md is blocked");
    assert_eq!(e["code"], "io", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("scope.md"),
        "the message names the file: {e}"
    );
    let reopened = h.ok("open_workspace", json!({"path": h.ws()}));
    assert_eq!(
        reopened["overrides"]["exclude"],
        json!(["crates/table_render/**"]),
        "the overrides were stored before the file failed"
    );
}

#[test]
fn a_whole_audit_through_the_commands() {
    let h = Harness::new("audit_demo");
    h.ok("open_workspace", json!({"path": h.ws()}));
    let id = h.start_audit();
    let (finished, events) = h.finish_round(1);
    assert_eq!(
        finished["status"],
        "awaiting_decision",
        "{:?}",
        last(&events)
    );
    assert_eq!(events[0]["type"], "RoundStarted");
    for role in ["analyst", "validator", "coordinator"] {
        assert!(
            events
                .iter()
                .any(|e| e["type"] == "RoleFinished" && e["role"] == role),
            "{role} finished: {:?}",
            last(&events)
        );
    }
    let sessions = h.ok("list_sessions", json!({}));
    assert_eq!(sessions[0]["id"], id);

    // The overview: rows without code, proposals or evidence, equal to the
    // one derived from the whole export.
    let overview = h.ok("load_session", json!({"sessionId": id}));
    let store = memaudit::Store::open(&h.db).unwrap();
    let derived = memaudit::model::SessionOverview::from_export(&store.load_session(id).unwrap());
    assert_eq!(overview, serde_json::to_value(&derived).unwrap());
    let rows = overview["rounds"][0]["findings"]
        .as_array()
        .unwrap()
        .clone();
    assert!(rows.len() >= 3, "the fixture has findings: {}", rows.len());
    for row in &rows {
        assert!(row.get("code").is_none() && row.get("proposal").is_none());
        assert!(row["summary"].as_str().is_some_and(|s| !s.is_empty()));
    }
    assert!(overview["crates"]
        .as_array()
        .unwrap()
        .contains(&json!("ingest_worker")));
    let report = &overview["rounds"][0]["report"];
    assert!(report["termination"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));

    // One finding whole, by any spelling of its id.
    let first = rows[0]["id"].as_str().unwrap().to_owned();
    let page = h.ok(
        "load_finding",
        json!({"sessionId": id, "round": 1, "findingId": first.to_lowercase()}),
    );
    assert_eq!(page["record"]["finding"]["id"], first.as_str());
    assert!(page["record"]["finding"]["code"]
        .as_str()
        .is_some_and(|c| !c.is_empty()));
    assert_eq!(page["measured"], Value::Null);
    assert_eq!(page["can_verify"], false);
    let (code, _) = h.code(
        "load_finding",
        json!({"sessionId": id, "round": 1, "findingId": "F-999"}),
    );
    assert_eq!(code, "finding_not_found");

    // "Copy prompt": the core's hand-off text, with the core's errors.
    let handoff = h.ok(
        "handoff_prompt",
        json!({"sessionId": id, "round": 1, "findingIds": [first.clone()]}),
    );
    assert_eq!(handoff["finding_ids"], json!([first.clone()]));
    assert!(handoff["text"]
        .as_str()
        .is_some_and(|t| t.contains("## How to know it is done")));
    let (code, _) = h.code(
        "handoff_prompt",
        json!({"sessionId": id, "round": 1, "findingIds": ["F-999"]}),
    );
    assert_eq!(code, "finding_not_found");

    let html = h.ok("report_html", json!({"sessionId": id, "round": 1}));
    let html = html.as_str().unwrap();
    assert!(html.contains("Memory Audit Report - Round 1"), "{html}");
    assert!(!html.contains("<script"), "raw HTML is off");

    // Decisions, then round 2 respects them.
    let rejected = rows[1]["id"].as_str().unwrap().to_owned();
    let d = decide(&h, id, &first, "implement", "now");
    assert_eq!(d["kind"], "implement");
    decide(&h, id, &rejected, "reject_false_positive", "not real");
    let (code, _) = h.code(
        "decide",
        json!({"sessionId": id, "request": {"finding_id": "F-999", "kind": "defer", "note": ""}}),
    );
    assert_eq!(code, "finding_not_found");
    let refused = h
        .call(
            "decide",
            json!({"sessionId": id, "request": {"finding_id": first, "kind": "maybe", "note": ""}}),
        )
        .expect_err("an unknown decision kind is refused at the IPC boundary");
    assert!(refused.to_string().contains("unknown variant"), "{refused}");

    h.ok(
        "next_round",
        json!({"sessionId": id, "focus": [{"kind": "crate", "value": "ingest_worker"}], "note": "deeper"}),
    );
    let (finished, _) = h.finish_round(2);
    assert_eq!(finished["status"], "awaiting_decision");
    let overview = h.ok("load_session", json!({"sessionId": id}));
    let round2 = overview["rounds"][1]["findings"].as_array().unwrap();
    assert!(
        round2.iter().all(|r| r["id"] != rejected.as_str()),
        "a finding rejected as a false positive is never raised again"
    );
    let kept = round2
        .iter()
        .find(|r| r["id"] == first.as_str())
        .expect("the implemented finding persists");
    assert_eq!(kept["decision"]["kind"], "implement");

    // Export in every format to a chosen file.
    for (format, needle) in [
        ("md", "Memory Audit"),
        ("json", "\"schema_version\""),
        ("sarif", "\"version\": \"2.1.0\""),
    ] {
        let path = h.ws.parent().unwrap().join(format!("export.{format}"));
        h.ok(
            "export_session",
            json!({"sessionId": id, "format": format, "path": path.to_string_lossy()}),
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(needle),
            "{format}: {}",
            &text[..200.min(text.len())]
        );
    }
    let (code, _) = h.code(
        "export_session",
        json!({"sessionId": id, "format": "pdf", "path": "/tmp/x.pdf"}),
    );
    assert_eq!(code, "invalid_input");
    let nowhere = h.ws.parent().unwrap().join("gone/export.md");
    let (code, message) = h.code(
        "export_session",
        json!({"sessionId": id, "format": "md", "path": nowhere.to_string_lossy()}),
    );
    assert_eq!(code, "io");
    assert!(message.contains("folder does not exist"), "{message}");

    h.ok("terminate", json!({"sessionId": id, "note": "done"}));
    let sessions = h.ok("list_sessions", json!({}));
    assert_eq!(sessions[0]["status"], "terminated");
    let (code, _) = h.code("terminate", json!({"sessionId": id, "note": "again"}));
    assert_eq!(code, "round_state");
    let (code, _) = h.code("load_session", json!({"sessionId": 9999}));
    assert_eq!(code, "session_not_found");
}

/// A workspace big enough that a debug-build Analyst is still reading it
/// when the cancel arrives.
fn big_workspace(root: &Path) {
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"big\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    let src = root.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut lib = String::new();
    for m in 0..400 {
        lib.push_str(&format!("pub mod m{m};\n"));
        let mut body = String::new();
        for f in 0..40 {
            body.push_str(&format!(
                "pub fn f{f}(rows: &[String]) -> Vec<String> {{\n    let mut out = Vec::new();\n    for r in rows {{\n        out.push(r.clone());\n    }}\n    out\n}}\n"
            ));
        }
        std::fs::write(src.join(format!("m{m}.rs")), body).unwrap();
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
}

#[test]
fn a_cancelled_round_is_interrupted_and_resumes_to_the_end() {
    let h = Harness::new("empty");
    big_workspace(&h.ws);
    let id = h.start_audit();
    // Cancel as soon as the Analyst reports progress.
    let deadline = Instant::now() + WAIT;
    loop {
        let e = h
            .rounds
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the round reports progress");
        if e["type"] == "RoleProgress" {
            break;
        }
        assert_ne!(
            e["type"], "RoundFinished",
            "finished before it could be cancelled: {e}"
        );
    }
    h.ok("cancel_round", json!({"sessionId": id}));
    let (finished, _) = h.finish_round(1);
    assert_eq!(finished["status"], "interrupted");
    // Cancelling what is not running is not an error.
    h.ok("cancel_round", json!({"sessionId": id}));

    h.ok("resume_round", json!({"sessionId": id}));
    let (finished, events) = h.finish_round(1);
    assert_eq!(finished["status"], "awaiting_decision");
    assert!(
        events
            .iter()
            .any(|e| e["type"] == "RoundStarted" && e["resumed"] == true),
        "the round resumed"
    );
}

#[test]
fn settings_round_trip_through_the_file() {
    let h = Harness::new("audit_demo");
    let mut settings = h.ok("get_settings", json!({}));
    settings["validator_engine"] = json!("llm");
    settings["model"] = json!("test-model");
    h.ok("save_settings", json!({"settings": settings.clone()}));
    let text = std::fs::read_to_string(&h.settings).expect("the settings file is written");
    assert!(text.contains("test-model"), "{text}");
    assert_eq!(h.ok("get_settings", json!({})), settings);

    std::fs::write(&h.settings, "this is [not toml").unwrap();
    let (code, message) = h.code("get_settings", json!({}));
    assert_eq!(code, "invalid_input", "{message}");
    assert!(
        message.contains("config.toml"),
        "the message names the file: {message}"
    );
}

#[test]
fn keys_are_checked_before_the_keychain() {
    let h = Harness::new("audit_demo");
    let (code, _) = h.code("key_status", json!({"provider": "acme"}));
    assert_eq!(code, "invalid_input");
    let (code, _) = h.code(
        "set_api_key",
        json!({"provider": "anthropic", "key": "   "}),
    );
    assert_eq!(code, "invalid_input");
}

const KEY_CHILD: &str = "MEMAUDIT_APP_KEYRING_CHILD";

/// `set_api_key` and `key_status` against a real kernel keyring: the test
/// re-runs itself inside a private `keyctl session`, so no real key of the
/// machine is touched.
#[test]
fn an_api_key_is_stored_in_the_keychain_and_never_returned() {
    if std::env::var_os(KEY_CHILD).is_some() {
        keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
        // keyutils keeps keys in the user's persistent keyring too: a
        // service of this run's own keeps them apart from real ones.
        std::env::set_var(
            "MEMAUDIT_KEYRING_SERVICE",
            format!("memaudit-app-test-{}", std::process::id()),
        );
        let h = Harness::new("audit_demo");
        assert_eq!(
            h.ok("key_status", json!({"provider": "openai"})),
            json!({"stored": false})
        );
        h.ok(
            "set_api_key",
            json!({"provider": "openai", "key": "sk-app-test-1"}),
        );
        let status = h.ok("key_status", json!({"provider": "openai"}));
        assert_eq!(status, json!({"stored": true}));
        assert!(!status.to_string().contains("sk-app-test-1"));
        memaudit::keys::delete("openai").expect("the test key is removed");
        assert_eq!(
            h.ok("key_status", json!({"provider": "openai"})),
            json!({"stored": false})
        );
        println!("keychain exercised");
        return;
    }
    let has_keyctl = std::process::Command::new("keyctl")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_keyctl,
        "`keyctl` is missing (apt-get install keyutils; scripts/test.sh installs it)"
    );
    let out = std::process::Command::new("keyctl")
        .args(["session", "-"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "an_api_key_is_stored_in_the_keychain_and_never_returned",
            "--exact",
            "--nocapture",
        ])
        .env(KEY_CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("keychain exercised"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_edited_file_is_reported_and_rechecked() {
    let h = Harness::new("audit_demo");
    let (code, _) = h.code("reanalyze_changed", json!({"sessionId": 1}));
    assert_eq!(code, "session_not_found");
    h.ok("open_workspace", json!({"path": h.ws()}));
    let id = h.start_audit();
    h.finish_round(1);
    let (code, message) = h.code("reanalyze_changed", json!({"sessionId": id}));
    assert_eq!(code, "invalid_input", "{message}");

    let file = h.ws.join("crates/ingest_worker/src/pipeline.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n// edited\n")).unwrap();
    let batch = h
        .files
        .recv_timeout(Duration::from_secs(30))
        .expect("the watcher reports the edit");
    assert_eq!(
        batch["files"],
        json!(["crates/ingest_worker/src/pipeline.rs"])
    );
    h.ok("reanalyze_changed", json!({"sessionId": id}));
    let (finished, _) = h.finish_round(2);
    assert_eq!(finished["status"], "awaiting_decision");
}

#[test]
fn a_workspace_deleted_while_open_keeps_its_session_readable() {
    let h = Harness::new("audit_demo");
    h.ok("open_workspace", json!({"path": h.ws()}));
    let id = h.start_audit();
    h.finish_round(1);
    let overview = h.ok("load_session", json!({"sessionId": id}));
    let first = overview["rounds"][0]["findings"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    std::fs::remove_dir_all(&h.ws).unwrap();
    // Let the watcher see the deletion; it must not take anything down.
    std::thread::sleep(Duration::from_millis(800));

    assert_eq!(h.ok("list_sessions", json!({}))[0]["id"], id);
    h.ok("load_session", json!({"sessionId": id}));
    h.ok(
        "load_finding",
        json!({"sessionId": id, "round": 1, "findingId": first}),
    );
    h.ok("report_html", json!({"sessionId": id, "round": 1}));
    // The decision is stored although the session files cannot be.
    decide(&h, id, &first, "defer", "after the move");
    let overview = h.ok("load_session", json!({"sessionId": id}));
    assert_eq!(
        overview["rounds"][0]["findings"][0]["decision"]["kind"],
        "defer"
    );

    h.ok(
        "next_round",
        json!({"sessionId": id, "focus": [], "note": ""}),
    );
    // The round cannot start; the user is told why.
    let warned = h
        .rounds
        .recv_timeout(WAIT)
        .expect("an event says why round 2 did not start");
    assert_eq!(warned["type"], "Warned", "{warned}");
    assert!(
        warned["message"]
            .as_str()
            .is_some_and(|m| m.contains("no longer exists")),
        "{warned}"
    );
    let (code, _) = h.code("open_workspace", json!({"path": h.ws()}));
    assert!(code == "not_a_workspace" || code == "io", "{code}");
    let target =
        json!({"kind": "test", "package": "ingest_worker", "test_name": null, "filter": null});
    let (code, message) = h.code(
        "profile_session",
        json!({"sessionId": id, "target": target}),
    );
    assert_eq!(code, "workspace_missing", "{message}");
}

#[test]
fn profiles_are_imported_listed_and_tied_to_findings() {
    let h = Harness::new("audit_demo");
    let id = h.start_audit();
    h.finish_round(1);
    let view = h.ok("profile_view", json!({"sessionId": id, "profileId": null}));
    assert_eq!(view["profiles"], json!([]));
    assert_eq!(view["selected"], Value::Null);
    let (code, _) = h.code(
        "verify_finding",
        json!({"sessionId": id, "findingId": "F-001"}),
    );
    assert_eq!(code, "round_state", "nothing to compare with yet");

    // A profile whose frames are in a workspace of its own: it imports, and
    // nothing of this workspace is measured.
    let profile = repo().join("tests/fixtures/profile/valgrind_alloc_fixture.json");
    let summary = h.ok(
        "import_profile",
        json!({"sessionId": id, "path": profile.to_string_lossy()}),
    );
    assert!(summary["total_blocks"].as_u64().unwrap() > 0);
    let view = h.ok("profile_view", json!({"sessionId": id, "profileId": null}));
    assert_eq!(view["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(view["selected"], summary["profile_id"]);
    assert!(view["profiles"][0]["source"]
        .as_str()
        .unwrap()
        .starts_with("imported "));
    let (code, _) = h.code("profile_view", json!({"sessionId": id, "profileId": 4242}));
    assert_eq!(code, "invalid_input");

    let (code, message) = h.code(
        "import_profile",
        json!({"sessionId": id, "path": h.ws.join("Cargo.toml").to_string_lossy()}),
    );
    assert_eq!(code, "invalid_input", "{message}");
    assert!(message.contains("Cargo.toml"), "names the file: {message}");

    let target =
        json!({"kind": "test", "package": "ingest_worker", "test_name": null, "filter": null});
    let notice = h.ok("profile_notice", json!({"sessionId": id, "target": target}));
    let notice = notice.as_str().unwrap();
    assert!(notice.contains("cargo test -p ingest_worker"), "{notice}");
    assert!(notice.contains(&h.ws()), "says where: {notice}");
    let (code, message) = h.code(
        "verify_finding",
        json!({"sessionId": id, "findingId": "F-001"}),
    );
    assert_eq!(
        code, "invalid_input",
        "an imported profile cannot be re-run: {message}"
    );
}

#[test]
fn a_profile_run_is_cancelled_and_stores_nothing() {
    let h = Harness::new("empty");
    std::fs::remove_dir_all(&h.ws).unwrap();
    copy_dir(&repo().join("tests/fixtures/profile/alloc_fixture"), &h.ws);
    let _ = std::fs::remove_dir_all(h.ws.join("target"));
    let id = h.start_audit();
    h.finish_round(1);
    // Nothing running: not an error.
    h.ok("cancel_profile", json!({"sessionId": id}));

    // Cancel as soon as the profile build has begun (its folder exists);
    // the build, the plain run and the valgrind run together take seconds.
    let webview = h.webview.clone();
    let started = h.ws.join("target/memaudit-profile");
    let stopper = std::thread::spawn(move || {
        let deadline = Instant::now() + WAIT;
        while !started.exists() {
            assert!(Instant::now() < deadline, "the profile run never began");
            std::thread::sleep(Duration::from_millis(10));
        }
        invoke(&webview, "cancel_profile", json!({"sessionId": id})).expect("cancel_profile");
    });
    let target =
        json!({"kind": "test", "package": "alloc_fixture", "test_name": null, "filter": null});
    let (code, message) = h.code(
        "profile_session",
        json!({"sessionId": id, "target": target}),
    );
    stopper.join().unwrap();
    assert_eq!(code, "cancelled", "{message}");
    assert!(message.contains("nothing was stored"), "{message}");
    let store = memaudit::Store::open(&h.db).unwrap();
    assert!(store.profiles(id).unwrap().is_empty());

    // The next run is not affected by the old flag.
    let summary = h.ok(
        "profile_session",
        json!({"sessionId": id, "target": target}),
    );
    assert!(summary["total_blocks"].as_u64().unwrap() >= 1_000);
}

/// The fix-check commands over IPC: the notice, a check with its
/// `check-event`s, the finding's fix state, apply, a refused second apply
/// (`invalid_input` with the reason), undo.
#[test]
fn fix_checks_apply_and_undo_over_ipc() {
    let h = Harness::new("fix_check");
    let cache = h._dir.path().join("cache");
    // The cache root is read per call; only fix checks use it.
    std::env::set_var("MEMAUDIT_CACHE", &cache);
    let sid = h.start_audit();
    h.finish_round(1);
    let (tx, checks) = channel();
    h.app
        .listen_any(memaudit_app::events::CHECK_EVENT, move |e| {
            let _ = tx.send(serde_json::from_str::<Value>(e.payload()).unwrap());
        });
    // The finding that lends `&text.clone()` in crates/good.
    let overview = h.ok("load_session", json!({"sessionId": sid}));
    let id = overview["rounds"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"] == "crates/good/src/lib.rs" && r["line_start"] == 16)
        .expect("the lent clone is a finding")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let state = h.ok("fix_state", json!({"sessionId": sid, "findingId": id}));
    assert!(state["edit"]["summary"]
        .as_str()
        .unwrap()
        .contains(".clone()"));
    assert!(
        state["apply_refusal"]
            .as_str()
            .unwrap()
            .contains("has not been checked"),
        "{state}"
    );
    let notice = h.ok("check_notice", json!({"sessionId": sid, "tests": false}));
    assert!(notice
        .as_str()
        .unwrap()
        .contains("build scripts and proc macros run"));
    let outcome = h.ok(
        "check_fixes",
        json!({"sessionId": sid, "request": {"findings": [id], "tests": false}}),
    );
    assert_eq!(
        outcome["checks"][0]["check"]["status"], "compiles",
        "{outcome}"
    );
    let events: Vec<Value> = checks.try_iter().collect();
    assert!(
        events
            .iter()
            .any(|e| e["session_id"] == sid && e["progress"]["type"] == "Checked"),
        "progress is emitted as check-event: {events:?}"
    );
    let before = std::fs::read_to_string(h.ws.join("crates/good/src/lib.rs")).unwrap();
    h.ok("apply_fix", json!({"sessionId": sid, "findingId": id}));
    let after = std::fs::read_to_string(h.ws.join("crates/good/src/lib.rs")).unwrap();
    assert_eq!(after, before.replace("&text.clone()", "&text"));
    let applied = h.ok("fix_state", json!({"sessionId": sid, "findingId": id}));
    let diff = applied["diff"].as_str().unwrap();
    assert!(
        diff.contains("-    let n = count_words(&text.clone());\n")
            && diff.contains("+    let n = count_words(&text);\n")
            && applied["applied"].is_object(),
        "an applied fix still shows its edit against the text it replaced: {diff}"
    );
    let (code, message) = h.code("apply_fix", json!({"sessionId": sid, "findingId": id}));
    assert_eq!(code, "invalid_input");
    assert!(message.contains("already applied"), "{message}");
    h.ok("undo_fix", json!({"sessionId": sid, "findingId": id}));
    assert_eq!(
        std::fs::read_to_string(h.ws.join("crates/good/src/lib.rs")).unwrap(),
        before
    );
    h.ok("cancel_check", json!({"sessionId": sid}));
}
