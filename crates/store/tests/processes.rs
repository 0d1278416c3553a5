//! The store across processes: a writer killed with SIGKILL at an arbitrary
//! point leaves a consistent database holding every committed decision, and
//! two processes writing one file at the same time both succeed.
//!
//! This binary is its own child: run with `MEMAUDIT_STORE_CHILD` set, it
//! becomes the writer process the tests spawn (hence `harness = false`).
//! It must not depend on timing: the parent kills the child after reading a
//! number of committed lines, wherever the child is at that moment.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use memaudit_model::{
    finding_id, Category, Confidence, Decision, DecisionKind, Finding, FindingSource, FindingState,
    Impact, Priority, Safety, Scope, Tradeoffs,
};
use memaudit_store::Store;

const CHILD: &str = "MEMAUDIT_STORE_CHILD";
const DB: &str = "MEMAUDIT_STORE_CHILD_DB";
const SESSION: &str = "MEMAUDIT_STORE_CHILD_SESSION";
const WORKSPACE: &str = "MEMAUDIT_STORE_CHILD_WORKSPACE";
const ITERATIONS: &str = "MEMAUDIT_STORE_CHILD_ITERATIONS";

/// Findings saved per transaction by the writer: large enough that a kill
/// often lands inside one.
const BATCH: u32 = 200;

fn main() {
    if std::env::var_os(CHILD).is_some() {
        writer();
        return;
    }
    let tests: [(&str, fn()); 2] = [
        (
            "a_killed_writer_loses_nothing_committed",
            a_killed_writer_loses_nothing_committed,
        ),
        ("two_processes_write_one_file", two_processes_write_one_file),
    ];
    for (name, test) in tests {
        test();
        println!("test {name} ... ok");
    }
}

/// The child: opens the database, then per iteration saves a batch of new
/// findings in one transaction and decides on the batch's first finding in
/// another, printing the decided id once that is committed.
fn writer() {
    let db = std::env::var(DB).expect("database path");
    let store = Store::open(Path::new(&db)).expect("child opens the database");
    let session = match std::env::var(SESSION) {
        Ok(id) => id.parse().expect("session id"),
        Err(_) => {
            let root = std::env::var(WORKSPACE).expect("workspace root");
            let s = store
                .create_session(&root, &Scope::default())
                .expect("create session");
            store
                .begin_round(s.id, &[], std::process::id())
                .expect("round");
            s.id
        }
    };
    let iterations: u32 = std::env::var(ITERATIONS)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX);
    let mut out = std::io::stdout().lock();
    writeln!(out, "session {session}").expect("stdout");
    out.flush().expect("stdout");
    for _ in 0..iterations {
        let first = store.next_finding_number(session).expect("next number");
        let batch: Vec<(Finding, FindingState)> = (first..first + BATCH)
            .map(|n| (finding(n), FindingState::New))
            .collect();
        store
            .save_findings(session, 1, &batch)
            .expect("save findings");
        let decided = &batch[0].0;
        store
            .decide(
                session,
                &Decision {
                    finding_id: decided.id.clone(),
                    fingerprint: decided.fingerprint.clone(),
                    kind: DecisionKind::Implement,
                    note: format!("decided by {}", std::process::id()),
                    defer_until_date: None,
                    defer_until_round: None,
                    round: 1,
                    decided_at: String::new(),
                },
            )
            .expect("decide");
        // Printed only after the commit returned: the parent may rely on it.
        writeln!(out, "{}", decided.id).expect("stdout");
        out.flush().expect("stdout");
    }
}

fn finding(n: u32) -> Finding {
    Finding {
        id: finding_id(n),
        fingerprint: format!("fp-{n}"),
        category: Category::AllocationLoop,
        file: format!("src/file_{}.rs", n % 50),
        line_start: n,
        line_end: n + 2,
        crate_name: "worker".into(),
        priority: Priority::P0,
        item_path: "worker::run".into(),
        confidence: Confidence::Medium,
        safety: Safety::Safe,
        code: "for row in rows { let s = format!(\"{row}\"); }".repeat(4),
        issue: "A String is allocated per row. Reuse one buffer.".into(),
        proposal: "let mut s = String::new(); for row in rows { s.clear(); }".into(),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: None,
            unit: "row".into(),
            applies_to: "every row".into(),
            level: memaudit_model::Level::High,
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

fn spawn_writer(db: &Path, envs: &[(&str, String)]) -> Child {
    let exe = std::env::current_exe().expect("test binary path");
    let mut cmd = Command::new(exe);
    cmd.env(CHILD, "1")
        .env(DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().expect("spawn writer process")
}

fn a_killed_writer_loses_nothing_committed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("memaudit.db");
    let session = {
        let store = Store::open(&db).expect("open");
        let s = store
            .create_session("/src/app", &Scope::default())
            .expect("session");
        store.begin_round(s.id, &[], 1).expect("round");
        s.id
    };
    let mut committed: Vec<String> = Vec::new();
    // Kill the writer several times on the same file, after a different
    // number of commits each time, so kills land in different places.
    for kill_after in [1usize, 4, 9, 15] {
        let mut child = spawn_writer(&db, &[(SESSION, session.to_string())]);
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let header = lines.next().expect("child says hello").expect("utf-8");
        assert_eq!(header, format!("session {session}"));
        let mut seen = 0;
        for line in lines.by_ref() {
            committed.push(line.expect("utf-8 line"));
            seen += 1;
            if seen == kill_after {
                child.kill().expect("SIGKILL the writer");
                break;
            }
        }
        // Lines already written before the kill are commits too.
        for line in lines {
            committed.push(line.expect("utf-8 line"));
        }
        let status = child.wait().expect("reap writer");
        assert!(
            !status.success(),
            "the writer was killed, not finished: {status}"
        );

        let store = Store::open(&db).expect("a killed writer's database reopens");
        store
            .integrity_check()
            .expect("integrity_check is ok after SIGKILL");
        let known = store.known_findings(session).expect("known findings");
        assert_eq!(
            known.len() as u32 % BATCH,
            0,
            "batches are all-or-nothing: {} findings is not a whole number of batches",
            known.len()
        );
        for id in &committed {
            let k = known
                .iter()
                .find(|k| &k.id == id)
                .unwrap_or_else(|| panic!("committed finding {id} is missing"));
            assert_eq!(
                k.decision,
                Some(DecisionKind::Implement),
                "committed decision on {id} is missing"
            );
        }
    }
    assert!(committed.len() >= 29, "every kill came after its commits");
}

fn two_processes_write_one_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("memaudit.db");
    drop(Store::open(&db).expect("create the database"));
    const ITER: u32 = 25;
    let children: Vec<Child> = (0..2)
        .map(|_| {
            spawn_writer(
                &db,
                &[
                    (WORKSPACE, "/src/shared".to_owned()),
                    (ITERATIONS, ITER.to_string()),
                ],
            )
        })
        .collect();
    let mut sessions = Vec::new();
    for mut child in children {
        let stdout = child.stdout.take().expect("piped stdout");
        let lines: Vec<String> = BufReader::new(stdout)
            .lines()
            .collect::<Result<_, _>>()
            .expect("utf-8 output");
        let status = child.wait().expect("reap writer");
        assert!(status.success(), "a writer failed: {status}");
        assert_eq!(lines.len() as u32, ITER + 1, "every iteration committed");
        let id: i64 = lines[0]
            .strip_prefix("session ")
            .and_then(|id| id.parse().ok())
            .expect("session line");
        sessions.push(id);
    }
    let store = Store::open(&db).expect("reopen");
    store.integrity_check().expect("integrity ok");
    let mut names: Vec<String> = sessions
        .iter()
        .map(|&id| store.session(id).expect("session").name)
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["memory_audit_001", "memory_audit_002"],
        "two processes never hand out the same session name"
    );
    for id in sessions {
        let known = store.known_findings(id).expect("known");
        assert_eq!(
            known.len() as u32,
            ITER * BATCH,
            "session {id} has all its findings"
        );
        let decided = known.iter().filter(|k| k.decision.is_some()).count();
        assert_eq!(decided as u32, ITER, "session {id} has all its decisions");
    }
}
