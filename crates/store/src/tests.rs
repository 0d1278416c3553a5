//! Tests of the store as a whole: the migration set and the schema it
//! builds, opening real files (new, newer, damaged), and several writers on
//! one file. Crash and multi-process tests live in `tests/processes.rs`.

use std::path::Path;
use std::sync::{Arc, Barrier};

use memaudit_model::{DecisionKind, FindingState};

use crate::fixtures::{decision, finding, scope};
use crate::*;

#[test]
fn the_migration_set_is_valid() {
    let migrations = migrations().expect("migrations/ must load in from-directory layout");
    migrations
        .validate()
        .expect("every migration must apply to an empty database");
    assert!(
        Store::supported_schema_version() >= 1,
        "at least the initial migration is embedded"
    );
}

#[test]
fn the_schema_after_all_migrations() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let (kind, name, sql): (String, String, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(format!("-- {kind} {name}\n{};\n", sql.unwrap_or_default()))
        })
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    insta::assert_snapshot!(format!("-- user_version {version}\n\n{}", rows.join("\n")));
}

/// FNV-1a: a hash that never changes between Rust releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Migrations are only ever added: a changed line here means a shipped
/// migration was edited, which would leave existing databases behind.
#[test]
fn shipped_migrations_are_never_edited() {
    let mut lines: Vec<String> = MIGRATIONS_DIR
        .dirs()
        .map(|dir| {
            let up = dir
                .get_file(dir.path().join("up.sql"))
                .expect("every migration has an up.sql");
            format!("{} {:016x}", dir.path().display(), fnv1a(up.contents()))
        })
        .collect();
    lines.sort();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn opening_a_new_file_creates_folders_and_applies_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/memaudit.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    assert!(path.is_file(), "the database file exists");
    let conn = store.conn();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1, "foreign keys are enforced");
    assert_eq!(sync, 1, "synchronous = NORMAL");
    assert_eq!(version as usize, Store::supported_schema_version());
}

#[test]
fn data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memaudit.db");
    let id = {
        let store = Store::open(&path).unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.begin_round(s.id, &[], 1).unwrap();
        let a = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(s.id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        store
            .decide(s.id, &decision(&a, DecisionKind::Implement, "yes", 1))
            .unwrap();
        s.id
    };
    let store = Store::open(&path).unwrap();
    let export = store.load_session(id).unwrap();
    assert_eq!(export.rounds[0].findings.len(), 1);
    assert!(
        export.rounds[0].findings[0].decision.is_some(),
        "the decision is stored"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memaudit.db");
    drop(Store::open(&path).unwrap());
    let newer = Store::supported_schema_version() + 3;
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", newer as i64)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::NewerSchema {
            path: p,
            found,
            supported,
        }) => {
            assert_eq!(p, path, "the error names the file");
            assert_eq!(
                (found, supported),
                (newer, Store::supported_schema_version())
            );
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let after = std::fs::read(&path).unwrap();
    assert!(before == after, "a newer database must not be modified");
    let err = Store::open(&path).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the message names the file: {err}"
    );
    assert_eq!(err.code(), "database_newer");
}

fn check_corrupt(path: &Path, content: &[u8]) {
    std::fs::write(path, content).unwrap();
    match Store::open(path) {
        Err(StoreError::Corrupt { path: p, detail }) => {
            assert_eq!(p, path, "the error names the file");
            assert!(!detail.is_empty());
        }
        other => panic!("expected Corrupt for {}, got {other:?}", path.display()),
    }
    assert_eq!(
        std::fs::read(path).unwrap(),
        content,
        "a damaged file is left as it was"
    );
}

#[test]
fn files_that_are_not_databases_are_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    check_corrupt(
        &dir.path().join("notes.db"),
        b"# my notes\nnot a database\n",
    );
    let random: Vec<u8> = (0u32..8192)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    check_corrupt(&dir.path().join("random.db"), &random);
    check_corrupt(&dir.path().join("short.db"), b"SQLite");
}

#[test]
fn a_damaged_database_behind_a_valid_header_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memaudit.db");
    drop(Store::open(&path).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 16-byte magic, wreck the rest of the header and page 1.
    for (i, b) in bytes.iter_mut().enumerate().skip(16).take(4000) {
        *b = (i as u8).wrapping_mul(31) ^ 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    match Store::open(&path) {
        Err(StoreError::Corrupt { path: p, .. }) => assert_eq!(p, path),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memaudit.db");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.list_sessions().unwrap().is_empty());
}

#[test]
fn a_folder_in_the_way_cannot_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::Open { .. }),
        "a folder is not a database file: {err:?}"
    );
}

/// Two handles on one file (as the CLI and the app have) writing at the same
/// time from two threads: both succeed, nothing is lost.
#[test]
fn two_stores_write_the_same_file_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("memaudit.db"));
    const WRITES: u32 = 60;
    // Both open a brand-new file at the same moment, so the migrations race too.
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = ["/src/a", "/src/b"]
        .into_iter()
        .map(|root| {
            let path = Arc::clone(&path);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let store = Store::open(&path).unwrap();
                let s = store.create_session(root, &scope(root)).unwrap();
                store.begin_round(s.id, &[], 1).unwrap();
                for n in 1..=WRITES {
                    let f = finding(n, &format!("fp-{n}"), "src/a.rs");
                    store
                        .save_findings(s.id, 1, &[(f.clone(), FindingState::New)])
                        .unwrap();
                    store
                        .decide(s.id, &decision(&f, DecisionKind::Defer, "later", 1))
                        .unwrap();
                }
                s.id
            })
        })
        .collect();
    let ids: Vec<i64> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    let store = Store::open(&path).unwrap();
    for id in ids {
        let known = store.known_findings(id).unwrap();
        assert_eq!(
            known.len(),
            WRITES as usize,
            "every finding of session {id} is stored"
        );
        assert!(
            known
                .iter()
                .all(|k| k.decision == Some(DecisionKind::Defer)),
            "every decision of session {id} is stored"
        );
    }
}

#[test]
fn the_store_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
    assert_send_sync::<StoreError>();
}

#[test]
fn integrity_check_reports_orphan_rows() {
    let store = Store::open_in_memory().unwrap();
    store
        .integrity_check()
        .expect("a new database is consistent");
    {
        let conn = store.conn();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        conn.execute(
            "INSERT INTO decisions (finding, session_id, kind, note, round, decided_at) \
             VALUES (99, 98, 'defer', '', 1, '2026-11-02T09:30:00.000Z')",
            [],
        )
        .unwrap();
    }
    match store.integrity_check() {
        Err(StoreError::Corrupt { detail, .. }) => {
            assert!(detail.contains("decisions"), "names the table: {detail}")
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}
