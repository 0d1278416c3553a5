//! Fixes the compiler has checked, end to end through the real binary: an
//! audit of the `fix_check` fixture workspace, `memaudit check --tests` with
//! real cargo in a scratch copy, the exact verdicts and errors of the edits
//! that do not compile, the user's files byte-for-byte unchanged, then
//! `memaudit apply` (dry run, write, refusals) and `--undo`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use memaudit::model::{
    Category, Confidence, FindingSource, FindingState, Impact, Priority, Safety, Tradeoffs, Verdict,
};
use memaudit_store::Store;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_memaudit");

struct Env {
    _dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
    cache: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("fix_check");
        common::copy_dir(&common::fixture("fix_check"), &ws);
        let _ = std::fs::remove_dir_all(ws.join("target"));
        Env {
            db: dir.path().join("data/memaudit.db"),
            cache: dir.path().join("cache"),
            ws,
            _dir: dir,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .current_dir(&self.ws)
            .env_remove("MEMAUDIT_DB")
            .env("MEMAUDIT_CACHE", &self.cache)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "memaudit {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn refused(&self, args: &[&str], why: &str) {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "memaudit {args:?} must refuse");
        assert!(
            stderr.contains(why),
            "memaudit {args:?} says why ({why}):\n{stderr}"
        );
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.ws.join(file)).unwrap()
    }
}

/// Every file of the workspace but memaudit's own session mirror.
fn user_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            if rel.starts_with("specs") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` in the fixture")) as u32
        + 1
}

/// Adds the finding an LLM Analyst would report for `start`'s clone of the
/// sender ("drop the clone"), validated by the built-in Validator.
fn add_llm_finding(env: &Env, session: i64) -> String {
    let store = Store::open(&env.db).unwrap();
    let file = "crates/bad/src/lib.rs";
    let line = line_of(&env.read(file), "let tx2 = tx.clone();");
    let id = memaudit::model::finding_id(store.next_finding_number(session).unwrap());
    let f = memaudit::model::Finding {
        id: id.clone(),
        fingerprint: "llm-sender-clone".into(),
        category: Category::UnnecessaryClone,
        file: file.into(),
        line_start: line,
        line_end: line,
        crate_name: "fixcheck_bad".into(),
        priority: Priority::P1,
        item_path: "start".into(),
        confidence: Confidence::Medium,
        safety: Safety::Safe,
        code: "    let tx2 = tx.clone();".into(),
        issue: "The sender is cloned although it is only used to send one value.".into(),
        proposal: "let tx2 = tx; // send through the borrowed sender".into(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Llm,
        reach: None,
        edit: None,
    };
    store
        .save_findings(session, 1, &[(f.clone(), FindingState::New)])
        .unwrap();
    let v = memaudit_review::validator::validate(&env.ws, std::slice::from_ref(&f), None);
    store.save_validations(session, 1, &v).unwrap();
    id
}

#[test]
fn checked_fixes_end_to_end() {
    let env = Env::new();
    let export: Value = serde_json::from_str(&env.ok(&[
        "audit",
        env.ws.to_str().unwrap(),
        "--no-files",
        "--format",
        "json",
    ]))
    .unwrap();
    let session = export["session"]["name"].as_str().unwrap().to_owned();
    let session_id = export["session"]["id"].as_i64().unwrap();
    let llm = add_llm_finding(&env, session_id);
    let before = user_files(&env.ws);

    let outcome: Value =
        serde_json::from_str(&env.ok(&["check", &session, "--tests", "--format", "json"])).unwrap();
    assert_eq!(
        user_files(&env.ws),
        before,
        "`memaudit check` leaves the user's files byte-for-byte as they were"
    );

    // Which finding is which: by file and line in the fixture.
    let bad = env.read("crates/bad/src/lib.rs");
    let by_place: BTreeMap<(String, u32), String> = export["rounds"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let f = &r["finding"];
            (
                (
                    f["file"].as_str().unwrap().to_owned(),
                    f["line_start"].as_u64().unwrap() as u32,
                ),
                f["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let id_at = |needle: &str| {
        by_place[&("crates/bad/src/lib.rs".to_owned(), line_of(&bad, needle))].clone()
    };
    let checks: BTreeMap<String, &Value> = outcome["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["check"]["finding_id"].as_str().unwrap().to_owned(),
                &c["check"],
            )
        })
        .collect();

    // The edit that must not compile and that only the compiler catches,
    // with the exact error.
    let expect_error = |id: &str, code: &str, message: &str, needle: &str| {
        let c = checks
            .get(id)
            .unwrap_or_else(|| panic!("{id} was checked: {outcome:#}"));
        assert_eq!(c["status"], "fails", "{id}: {c:#}");
        let e = &c["errors"][0];
        assert_eq!(e["code"], code, "{id}: {c:#}");
        assert_eq!(e["message"], message, "{id}: {c:#}");
        assert_eq!(e["file"], "crates/bad/src/lib.rs");
        // The line is the error's line in the edited file; mapped back it
        // is the fixture's line with `needle` (when outside the edit).
        if let Some(orig) = e["original_line"].as_u64() {
            assert_eq!(orig as u32, line_of(&bad, needle), "{id}: {c:#}");
        }
    };
    let words = id_at("let mut words: Vec<&str> = Vec::new();");
    expect_error(
        &words,
        "E0597",
        "`owned` does not live long enough",
        "words.extend(owned.split(' '));",
    );
    // Two the Validator rejects from the code before any check (its rules
    // name the same reasons the compiler would): nothing is compiled for
    // them. A `format!` a `map` closure hands to `collect()` is not even
    // raised: no reused buffer can stand in for a value that is kept.
    let chars = id_at("let s = c.to_string();");
    let keys_line = line_of(&bad, "ids.iter().map(|id| format!(\"key-{id}\")).collect()");
    assert!(
        !by_place.contains_key(&("crates/bad/src/lib.rs".to_owned(), keys_line)),
        "a kept value is not raised: {by_place:?}"
    );
    for id in [&chars, &llm] {
        assert!(
            !checks.contains_key(id.as_str()),
            "{id} is REJECTED by the Validator, so it is not checked: {outcome:#}"
        );
    }

    // Every edit of `good` compiles and its tests pass.
    let good: Vec<&Value> = checks
        .values()
        .filter(|c| c["edit"]["hunks"][0]["file"] == "crates/good/src/lib.rs")
        .copied()
        .collect();
    assert_eq!(
        good.len(),
        11,
        "the good crate's eleven mechanical proposals: {outcome:#}"
    );
    for c in &good {
        assert_eq!(c["status"], "compiles", "{c:#}");
        assert_eq!(c["tests"]["passed"], 3, "{c:#}");
        assert_eq!(c["tests"]["failed"], serde_json::json!([]), "{c:#}");
    }

    // The verdicts follow the compiler.
    let verdict = |id: &str| -> Verdict {
        let store = Store::open(&env.db).unwrap();
        let record = store.round(session_id, 1).unwrap();
        record
            .findings
            .iter()
            .find(|r| r.finding.id == id)
            .and_then(|r| r.validation.as_ref())
            .map(|v| v.verdict)
            .unwrap()
    };
    assert_eq!(
        verdict(&words),
        Verdict::Rejected,
        "E0597: the buffer cannot outlive `owned`"
    );
    let rule = |id: &str| -> String {
        let store = Store::open(&env.db).unwrap();
        let record = store.round(session_id, 1).unwrap();
        record
            .findings
            .iter()
            .find(|r| r.finding.id == id)
            .and_then(|r| r.validation.as_ref())
            .and_then(|v| v.issues.first())
            .map(|i| i.description.clone())
            .unwrap_or_default()
    };
    for (id, why) in [
        (&chars, "[rule: borrow-changes-type]"),
        (&llm, "[rule: refcount-clone-into-task]"),
    ] {
        assert_eq!(verdict(id), Verdict::Rejected, "{id}: {}", rule(id));
        assert!(
            rule(id).contains(why),
            "{id} is rejected by {why}: {}",
            rule(id)
        );
    }
    let validator_md = env.ok(&["show", &session, "--doc", "validator"]);
    assert!(
        validator_md.contains("3 test(s) of fixcheck_good pass"),
        "compiled and tested is evidence in validator.md:\n{validator_md}"
    );
    assert!(
        validator_md.contains("E0597: `owned` does not live long enough"),
        "the error is the counterexample:\n{validator_md}"
    );

    // Apply: a dry run writes nothing.
    let clone = by_place[&("crates/good/src/lib.rs".to_owned(), 16)].clone();
    let good_before = env.read("crates/good/src/lib.rs");
    let diff = env.ok(&["apply", &session, &clone, "--dry-run"]);
    assert!(
        diff.contains("-    let n = count_words(&text.clone());\n+    let n = count_words(&text);"),
        "{diff}"
    );
    assert_eq!(
        env.read("crates/good/src/lib.rs"),
        good_before,
        "a dry run writes nothing"
    );
    // Refusals: an edit that does not compile; one whose file changed.
    env.refused(&["apply", &session, &words], "does not compile");
    env.ok(&["apply", &session, &clone]);
    assert_eq!(
        env.read("crates/good/src/lib.rs"),
        good_before.replace("count_words(&text.clone())", "count_words(&text)"),
        "exactly the checked edit is written"
    );
    env.refused(&["apply", &session, &clone], "already applied");
    let other = by_place[&("crates/good/src/lib.rs".to_owned(), 26)].clone();
    env.refused(
        &["apply", &session, &other],
        "changed since the edit was checked",
    );
    // Undo puts the file back byte for byte, once.
    env.ok(&["apply", &session, &clone, "--undo"]);
    assert_eq!(env.read("crates/good/src/lib.rs"), good_before);
    env.refused(&["apply", &session, &clone, "--undo"], "nothing to undo");
    // Undo refuses when the file changed after the fix was written.
    env.ok(&["apply", &session, &clone]);
    let edited = env.read("crates/good/src/lib.rs") + "// a later edit\n";
    std::fs::write(env.ws.join("crates/good/src/lib.rs"), &edited).unwrap();
    env.refused(
        &["apply", &session, &clone, "--undo"],
        "changed since the fix was applied",
    );
    assert_eq!(
        env.read("crates/good/src/lib.rs"),
        edited,
        "a refused undo writes nothing"
    );
}
