//! End-to-end tests of the `memaudit` binary: real processes, a real SQLite
//! file, real fixture workspaces copied into temporary folders.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use memaudit::model::{DecisionKind, FindingState, RoundStatus, SessionExport};
use memaudit_store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_memaudit");

/// A temporary copy of a fixture workspace and a database beside it.
struct Env {
    _dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
}

impl Env {
    fn new(fixture_name: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        copy_dir(&fixture(fixture_name), &ws);
        let db = dir.path().join("data/memaudit.db");
        Env { _dir: dir, ws, db }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.arg("--db").arg(&self.db).args(args).current_dir(&self.ws);
        c.env_remove("MEMAUDIT_DB");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("memaudit runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "memaudit {args:?} failed ({:?}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn export(&self) -> SessionExport {
        let store = Store::open(&self.db).expect("the database opens");
        let s = store.list_sessions().unwrap();
        store.load_session(s[0].id).unwrap()
    }
}

fn current(export: &SessionExport, round: u32) -> Vec<&memaudit::model::FindingRecord> {
    export.rounds[round as usize - 1]
        .findings
        .iter()
        .filter(|r| matches!(r.state, FindingState::New | FindingState::Persisting))
        .collect()
}

#[test]
fn two_rounds_with_decisions_end_to_end() {
    let env = Env::new("audit_demo");
    let json = env.ok(&["audit", ".", "--format", "json"]);
    let round1: SessionExport =
        serde_json::from_str(&json).expect("audit --format json is a session");
    assert_eq!(round1.session.name, "memory_audit_001");
    let r1 = current(&round1, 1);
    assert!(
        r1.len() >= 6,
        "the demo workspace has several findings, got {}",
        r1.len()
    );
    assert!(
        r1.iter().all(|r| r.state == FindingState::New),
        "round 1 findings are all new"
    );
    assert!(
        r1.iter().all(|r| r.validation.is_some()),
        "every finding is validated"
    );
    let report = round1.rounds[0]
        .report
        .as_ref()
        .expect("round 1 has a report");
    assert_eq!(
        (report.summary.total + report.summary.cold + report.summary.notes) as usize,
        r1.len(),
        "every finding is counted, in cold code or a LOW note"
    );

    // Decide three findings, then fix a whole file by hand.
    let implement = r1[0].finding.clone();
    let rejected = r1[1].finding.clone();
    let deferred = r1[2].finding.clone();
    env.ok(&[
        "decide",
        "memory_audit_001",
        &implement.id,
        "implement",
        "--note",
        "reuse a buffer",
    ]);
    env.ok(&[
        "decide",
        "memory_audit_001",
        &rejected.id,
        "reject-fp",
        "--note",
        "cold path",
    ]);
    env.ok(&[
        "decide",
        "memory_audit_001",
        &deferred.id,
        "defer",
        "--until",
        "round:3",
    ]);
    let fixed_file = "crates/table_render/src/lib.rs";
    let fixed_before: Vec<_> = r1
        .iter()
        .filter(|r| r.finding.file == fixed_file)
        .map(|r| r.finding.fingerprint.clone())
        .collect();
    assert!(
        !fixed_before.is_empty(),
        "the demo has findings in {fixed_file}"
    );
    std::fs::write(
        env.ws.join(fixed_file),
        "//! Renders nothing any more.\npub fn render() {}\n",
    )
    .unwrap();

    let json = env.ok(&[
        "next",
        "memory_audit_001",
        "--format",
        "json",
        "--note",
        "round two",
    ]);
    let export: SessionExport = serde_json::from_str(&json).unwrap();
    assert_eq!(export.rounds.len(), 2);
    let round2 = &export.rounds[1];
    assert_eq!(round2.status, RoundStatus::AwaitingDecision);
    let mut ids: Vec<_> = round2
        .findings
        .iter()
        .map(|r| r.finding.id.clone())
        .collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "no finding appears twice in round 2");
    assert!(
        round2
            .findings
            .iter()
            .all(|r| r.finding.fingerprint != rejected.fingerprint),
        "a rejected finding is never raised again"
    );
    let kept = round2
        .findings
        .iter()
        .find(|r| r.finding.fingerprint == implement.fingerprint)
        .expect("the implement finding is still detected");
    assert_eq!(kept.state, FindingState::Persisting);
    assert_eq!(
        kept.finding.id, implement.id,
        "a known fingerprint keeps its id"
    );
    assert_eq!(
        kept.decision.as_ref().map(|d| d.kind),
        Some(DecisionKind::Implement),
        "decisions carry over"
    );
    for fp in &fixed_before {
        let r = round2
            .findings
            .iter()
            .find(|r| &r.finding.fingerprint == fp)
            .expect("findings of the edited file are listed");
        assert_eq!(
            r.state,
            FindingState::Fixed,
            "{} is no longer detected",
            r.finding.id
        );
    }
    assert!(
        round2.findings.iter().all(|r| r.state != FindingState::New),
        "nothing new appeared: only known code was analysed"
    );
    let decision = export.rounds[0]
        .decision
        .as_ref()
        .expect("round 1 records the continue decision");
    assert!(matches!(
        decision,
        memaudit::model::RoundDecision::Continue { .. }
    ));

    // The session folder mirrors the database.
    let dir = env.ws.join("specs/meta/sessions/memory_audit_001");
    for f in [
        "round_001/analyst.md",
        "round_001/validator.md",
        "round_001/report.md",
        "round_002/analyst.md",
        "round_002/validator.md",
        "round_002/report.md",
        "decisions.md",
        "status.md",
        "scope.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} is written");
    }
    let decisions = std::fs::read_to_string(dir.join("decisions.md")).unwrap();
    assert!(
        decisions.contains(&implement.id) && decisions.contains("reuse a buffer"),
        "decisions.md lists the decision and its note"
    );
    let analyst = std::fs::read_to_string(dir.join("round_001/analyst.md")).unwrap();
    assert!(
        analyst.contains(&format!("## Finding: {}", implement.id)),
        "analyst.md uses the workflow format"
    );

    // The database holds the same.
    let stored = env.export();
    assert_eq!(stored.rounds.len(), 2);
    assert_eq!(stored.status.rounds, 2);

    // Exports.
    let sarif = env.ok(&["export", "memory_audit_001", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let out = env.ws.join("report.md");
    env.ok(&[
        "export",
        "memory_audit_001",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains("Round 2") || md.contains("round 2") || md.contains("Round 002"),
        "the markdown export covers round 2"
    );

    // Terminate; a further round is refused with a clear message.
    env.ok(&["terminate", "memory_audit_001", "--note", "enough"]);
    let out = env.run(&["next", "memory_audit_001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("terminated"));
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(BIN)
        .args(["audit", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
    let out = Command::new(BIN)
        .args(["decide", "x", "F-1", "maybe"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown decision is a usage error"
    );
}

#[test]
fn a_folder_without_cargo_toml_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let empty = dir.path().join("not-a-workspace");
    std::fs::create_dir(&empty).unwrap();
    for args in [vec!["scope"], vec!["audit"]] {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(&args)
            .arg(&empty)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} fails with exit code 1"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("not-a-workspace"),
            "the error names the path: {err}"
        );
    }
}

#[test]
fn fail_on_gates_ci() {
    let env = Env::new("audit_demo");
    let out = env.run(&["audit", ".", "--no-files", "--fail-on", "any"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "--fail-on any exits 3 when there are findings"
    );
    let env = Env::new("empty");
    let out = env.run(&["audit", ".", "--no-files", "--fail-on", "any"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an empty workspace passes the gate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn scope_json_has_the_documented_shape() {
    let env = Env::new("spec_example");
    let json = env.ok(&["scope", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in ["workspace", "crates", "excluded", "warnings"] {
        assert!(v.get(key).is_some(), "scope JSON has `{key}`");
    }
    let worker = v["crates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "casparian_worker")
        .unwrap();
    assert_eq!(worker["priority"], "P0");
    let reason = &worker["reasons"][0];
    for key in ["signal", "file", "line", "weight"] {
        assert!(reason.get(key).is_some(), "a reason has `{key}`");
    }
    assert!(
        !worker["files"][0]["path"]
            .as_str()
            .unwrap()
            .starts_with('/'),
        "paths are workspace-relative"
    );
}

#[test]
fn a_corrupt_database_is_named_and_left_alone() {
    let env = Env::new("single");
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    std::fs::write(
        &env.db,
        b"this is not sqlite, just some text that fills the header page..",
    )
    .unwrap();
    let before = std::fs::read(&env.db).unwrap();
    let out = env.run(&["sessions"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(env.db.to_str().unwrap()),
        "the error names the database file: {err}"
    );
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "a corrupt file is never modified"
    );
}

#[test]
fn an_unwritable_session_folder_is_a_warning_and_the_round_is_stored() {
    let env = Env::new("audit_demo");
    // A plain file where the `specs` folder must go makes the session folder
    // unwritable even for root, unlike permissions.
    std::fs::write(env.ws.join("specs"), "in the way").unwrap();
    let out = env.run(&["audit", "."]);
    assert!(
        out.status.success(),
        "the audit succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("session files not written"),
        "the user is told: {err}"
    );
    assert_eq!(
        env.export().rounds.len(),
        1,
        "the round is stored in the database"
    );
}

#[test]
fn two_processes_share_the_database() {
    let a = Env::new("audit_demo");
    let b_ws = a.ws.parent().unwrap().join("ws2");
    copy_dir(&fixture("audit_demo"), &b_ws);
    let spawn = |ws: &Path| {
        Command::new(BIN)
            .arg("--db")
            .arg(&a.db)
            .args(["audit", "--no-files"])
            .arg(ws)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let p1 = spawn(&a.ws);
    let p2 = spawn(&b_ws);
    for p in [p1, p2] {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "both audits succeed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = Store::open(&a.db).unwrap();
    assert_eq!(store.list_sessions().unwrap().len(), 2);
}

/// Writes a crate big enough that a round takes a while in a debug build.
fn add_big_crate(ws: &Path, files: usize) {
    let dir = ws.join("crates/bulk_processor/src");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        ws.join("crates/bulk_processor/Cargo.toml"),
        "[package]\nname = \"bulk_processor\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    let mut lib = String::new();
    for i in 0..files {
        lib.push_str(&format!("pub mod m{i};\n"));
        let mut body = String::from(
            "pub fn rows(rows: &[String]) -> Vec<String> {\n    let mut out = Vec::new();\n",
        );
        for j in 0..40 {
            body.push_str(&format!(
                "    for row in rows {{\n        let s{j} = format!(\"{{}}-{j}\", row);\n        out.push(s{j});\n    }}\n"
            ));
        }
        body.push_str("    out\n}\n");
        std::fs::write(dir.join(format!("m{i}.rs")), body).unwrap();
    }
    std::fs::write(dir.join("lib.rs"), lib).unwrap();
}

#[test]
fn a_killed_round_resumes_and_no_decision_is_lost() {
    let env = Env::new("audit_demo");
    let json = env.ok(&["audit", ".", "--format", "json", "--no-files"]);
    let round1: SessionExport = serde_json::from_str(&json).unwrap();
    let first = current(&round1, 1)[0].finding.clone();
    env.ok(&[
        "decide",
        "memory_audit_001",
        &first.id,
        "implement",
        "--note",
        "must survive a kill",
    ]);

    add_big_crate(&env.ws, 400);
    let mut child = env
        .cmd(&["next", "memory_audit_001", "--no-files"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until round 2 is running, then kill the process without warning.
    let store = Store::open(&env.db).unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let info = store.list_sessions().unwrap().remove(0);
        if info.rounds == 2 {
            break;
        }
        assert!(Instant::now() < deadline, "round 2 never started");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the round finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(store);

    let show = env.ok(&[
        "show",
        "memory_audit_001",
        "--round",
        "2",
        "--format",
        "json",
    ]);
    let r2: memaudit::model::RoundRecord = serde_json::from_str(&show).unwrap();
    assert_eq!(
        r2.status,
        RoundStatus::Interrupted,
        "a killed round is reported as interrupted"
    );

    env.ok(&["resume", "memory_audit_001", "--no-files"]);
    let export = env.export();
    assert_eq!(
        export.rounds.len(),
        2,
        "resume finishes round 2, it does not start round 3"
    );
    assert_eq!(export.rounds[1].status, RoundStatus::AwaitingDecision);
    let kept = export.rounds[1]
        .findings
        .iter()
        .find(|r| r.finding.fingerprint == first.fingerprint)
        .expect("the decided finding is still there");
    let decision = kept
        .decision
        .as_ref()
        .expect("the decision survived the kill");
    assert_eq!(decision.note, "must survive a kill");
    assert!(
        export.rounds[1]
            .findings
            .iter()
            .any(|r| r.finding.file.starts_with("crates/bulk_processor/")),
        "the resumed round analysed the new crate"
    );
}

/// A workspace's own scope.md, written before any session: excludes one
/// file with findings and forces a crate's priority.
const ROOT_SCOPE_MD: &str = "# Memory Audit Scope

## User Overrides (optional)

### Force Exclude
- crates/table_render/src/lib.rs

### Force Priority
- crates/ingest_worker: P0
";

fn files_of(export: &SessionExport) -> Vec<String> {
    export.rounds[0]
        .findings
        .iter()
        .map(|r| r.finding.file.clone())
        .collect()
}

#[test]
fn a_root_scope_md_is_read_before_the_first_session_and_seeds_the_sessions() {
    let env = Env::new("audit_demo");
    let without = env.ok(&["analyze", ".", "--format", "json"]);
    assert!(
        without.contains("crates/table_render/src/lib.rs"),
        "the fixture has findings in the file the scope.md will exclude"
    );
    std::fs::write(env.ws.join("scope.md"), ROOT_SCOPE_MD).unwrap();

    let out = env.run(&["scope", ".", "--format", "json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("scope.md: applied scope.md"),
        "scope says which scope.md it read: {stderr}"
    );
    let scope: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scope["scope_md"], "scope.md", "the JSON names it too");
    assert_eq!(
        scope["excluded"][0]["path"], "crates/table_render/src/lib.rs",
        "the root scope.md's exclusion applies without a session"
    );

    let analyzed = env.ok(&["analyze", ".", "--format", "json"]);
    assert!(
        !analyzed.contains("crates/table_render/src/lib.rs"),
        "analyze applies the root scope.md"
    );

    let out = env.run(&["audit", ".", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("scope.md: applied scope.md"));
    let export = env.export();
    assert!(
        !files_of(&export)
            .iter()
            .any(|f| f == "crates/table_render/src/lib.rs"),
        "the first round applies the root scope.md"
    );
    let seeded =
        std::fs::read_to_string(env.ws.join("specs/meta/sessions/memory_audit_001/scope.md"))
            .expect("the session folder has a scope.md");
    assert!(
        seeded.contains("- crates/table_render/src/lib.rs")
            && seeded.contains("- crates/ingest_worker: P0"),
        "the session's scope.md is seeded with the root scope.md's overrides:\n{seeded}"
    );
}

#[test]
fn scope_md_flag_applies_a_file_and_a_missing_one_is_an_error() {
    let env = Env::new("audit_demo");
    let elsewhere = env.ws.join("../my-scope.md");
    std::fs::write(&elsewhere, ROOT_SCOPE_MD).unwrap();

    let out = env.run(&["scope", ".", "--scope-md", "../my-scope.md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("scope.md: applied") && stderr.contains("my-scope.md"),
        "the given file is named: {stderr}"
    );
    let analyzed = env.ok(&[
        "analyze",
        ".",
        "--scope-md",
        "../my-scope.md",
        "--format",
        "json",
    ]);
    assert!(!analyzed.contains("crates/table_render/src/lib.rs"));

    let out = env.run(&["audit", ".", "--scope-md", "nope.md"]);
    assert!(!out.status.success(), "a missing --scope-md fails");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nope.md") && stderr.contains("does not exist"),
        "the error names the missing file: {stderr}"
    );
    let out = env.run(&["scope", "."]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("scope.md: none"),
        "without any scope.md, scope says so"
    );
}

#[test]
fn a_huge_generated_file_is_listed_not_parsed_and_the_rest_is_analysed() {
    let env = Env::new("audit_demo");
    // 11 MB of generated tables: over the 10 MB parse limit.
    let mut big = String::from("pub static TABLE: &[u32] = &[\n");
    while big.len() < 11 * 1024 * 1024 {
        big.push_str("    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,\n");
    }
    big.push_str("];\n");
    std::fs::write(env.ws.join("crates/ingest_worker/src/generated.rs"), big).unwrap();
    let json = env.ok(&["analyze", ".", "--format", "json"]);
    let analysis: serde_json::Value = serde_json::from_str(&json).unwrap();
    let skipped = analysis["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["file"] == "crates/ingest_worker/src/generated.rs"
                && s["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("MiB") && e.contains("not parsed"))),
        "the huge file is reported as skipped with its size: {skipped:?}"
    );
    assert!(
        !analysis["findings"].as_array().unwrap().is_empty(),
        "the other files are still analysed"
    );
}

/// The Analyst reads one file at a time, so a type declared in another file
/// is unknown to it; the Validator sees the whole workspace's types: a
/// clone of a `Copy` type from another file is rejected, one of a type that
/// owns heap data is not.
#[test]
fn the_validator_knows_types_declared_in_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(ws.join("src")).unwrap();
    std::fs::write(
        ws.join("Cargo.toml"),
        "[package]\nname = \"shapes\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(
        ws.join("src/types.rs"),
        "#[derive(Clone, Copy)]\npub struct Point {\n    pub x: u32,\n    pub y: u32,\n}\n\n#[derive(Clone)]\npub struct Record {\n    pub name: String,\n    pub tags: Vec<String>,\n}\n",
    )
    .unwrap();
    std::fs::write(
        ws.join("src/lib.rs"),
        "pub mod types;\nuse types::{Point, Record};\n\npub fn keep_point(out: &mut Vec<Point>, p: Point) {\n    out.push(p.clone());\n}\n\npub fn keep_record(out: &mut Vec<Record>, r: Record) {\n    out.push(r.clone());\n}\n",
    )
    .unwrap();
    let db = dir.path().join("memaudit.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["audit", "."])
        .current_dir(&ws)
        .env_remove("MEMAUDIT_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&db).unwrap();
    let s = store.list_sessions().unwrap();
    let export = store.load_session(s[0].id).unwrap();
    let at = |line: u32| {
        export.rounds[0]
            .findings
            .iter()
            .find(|r| r.finding.file == "src/lib.rs" && r.finding.line_start == line)
            .unwrap_or_else(|| panic!("a finding at src/lib.rs:{line}"))
    };
    let point = at(5);
    let v = point.validation.as_ref().expect("validated");
    assert_eq!(v.verdict, memaudit::model::Verdict::Rejected, "{v:#?}");
    assert!(
        v.issues.iter().any(|i| i.description.contains("is `Copy`")),
        "the rejection names the `Copy` type: {v:#?}"
    );
    let record = at(9).validation.as_ref().expect("validated");
    assert!(
        !record
            .issues
            .iter()
            .any(|i| i.description.contains("is `Copy`")),
        "{record:#?}"
    );
}
