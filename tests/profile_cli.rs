//! End to end tests of `memaudit profile` and `memaudit verify`: real
//! processes, a real SQLite file, the profile crate's fixture crates copied
//! into temporary folders, and real valgrind DHAT runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use memaudit_store::Store;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_memaudit");

/// `alloc_fixture`'s `String::with_capacity(16)` inside `label_lengths`' loop.
const STRING_LINE: u64 = 12;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/profile")
}

/// A temporary copy of one of the profile fixture crates (sources only, not
/// their target folders) and a database beside it.
struct Env {
    dir: tempfile::TempDir,
    ws: PathBuf,
    db: PathBuf,
}

impl Env {
    fn new(name: &str, files: &[&str]) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join(name);
        for f in files {
            let to = ws.join(f);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(fixtures().join(name).join(f), to).unwrap();
        }
        let db = dir.path().join("data/memaudit.db");
        Env { dir, ws, db }
    }

    fn alloc() -> Env {
        Env::new(
            "alloc_fixture",
            &[
                "Cargo.toml",
                "Cargo.lock",
                "src/lib.rs",
                "src/bin/alloc_bin.rs",
                "benches/alloc_bench.rs",
            ],
        )
    }

    fn run_with(&self, args: &[&str], path: Option<&str>) -> Output {
        let mut c = Command::new(BIN);
        c.arg("--db").arg(&self.db).args(args).current_dir(&self.ws);
        c.env_remove("MEMAUDIT_DB");
        if let Some(path) = path {
            c.env("PATH", path);
        }
        c.output().expect("memaudit runs")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None)
    }

    /// Runs memaudit, expects success, returns (stdout, stderr).
    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "memaudit {args:?} failed ({:?}):\n{stderr}",
            out.status
        );
        (String::from_utf8(out.stdout).expect("utf-8 output"), stderr)
    }

    fn json(&self, args: &[&str]) -> (Value, String) {
        let (stdout, stderr) = self.ok(args);
        let value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("memaudit {args:?} printed no JSON ({e}):\n{stdout}"));
        (value, stderr)
    }

    /// `memaudit audit` of the copy; returns the round's findings.
    fn audit(&self) -> Vec<Value> {
        let (export, _) = self.json(&["audit", ".", "--no-files", "--format", "json"]);
        export["rounds"][0]["findings"]
            .as_array()
            .expect("the round lists its findings")
            .iter()
            .map(|r| r["finding"].clone())
            .collect()
    }

    /// Runs memaudit, expects exit code 1, returns stderr.
    fn fails(&self, args: &[&str], path: Option<&str>) -> String {
        let out = self.run_with(args, path);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "memaudit {args:?} should fail with exit code 1:\n{stderr}"
        );
        stderr
    }
}

fn site_at<'a>(outcome: &'a Value, file: &str, line: u64) -> &'a Value {
    outcome["top_sites"]
        .as_array()
        .expect("top_sites is a list")
        .iter()
        .find(|s| s["file"] == file && s["line"] == line)
        .unwrap_or_else(|| panic!("no site at {file}:{line} in {:#}", outcome["top_sites"]))
}

fn covers(finding: &Value, line: u64) -> bool {
    finding["file"] == "src/lib.rs"
        && finding["line_start"].as_u64().unwrap() <= line
        && line <= finding["line_end"].as_u64().unwrap()
}

#[test]
fn profile_measures_the_fixture_and_verify_confirms_the_hoist() {
    let env = Env::alloc();
    let findings = env.audit();
    let reported = findings.iter().find(|f| covers(f, STRING_LINE)).cloned();

    // Before any profile, exports say so: no figures, and the reason.
    let (before, _) = env.json(&["export", "memory_audit_001", "--format", "json"]);
    for record in before["rounds"][0]["findings"].as_array().unwrap() {
        let evidence = &record["evidence"];
        assert!(evidence["measured"].is_null(), "{evidence:#}");
        assert!(
            evidence["unmeasured"]
                .as_str()
                .is_some_and(|r| r.starts_with("no heap profile")),
            "{evidence:#}"
        );
    }
    // The headline figures say they are not measured, and none is a 0 for
    // "unknown".
    let summary = &before["rounds"][0]["report"]["summary"];
    assert!(summary["measured"].is_null(), "{summary:#}");
    for figure in summary["figures"].as_array().expect("figures") {
        assert_ne!(figure["kind"], "measured", "{figure:#}");
        assert!(
            figure["value"].is_null() == (figure["kind"] == "unknown"),
            "a value exactly when estimated: {figure:#}"
        );
    }
    for key in ["estimated_bytes_saved", "estimated_allocations_avoided"] {
        assert_ne!(summary[key], Value::from(0), "unknown is null: {summary:#}");
    }

    let (outcome, stderr) = env.json(&[
        "profile",
        "memory_audit_001",
        "--test",
        "alloc_fixture",
        "--format",
        "json",
    ]);
    assert!(
        stderr.contains("memaudit profile runs `cargo test -p alloc_fixture --lib` from")
            && stderr.contains("(the workspace's own code) under valgrind"),
        "running the workspace's code is announced: {stderr}"
    );
    let strings = site_at(&outcome, "src/lib.rs", STRING_LINE);
    assert_eq!(
        (&strings["total_blocks"], &strings["total_bytes"]),
        (&Value::from(1_000), &Value::from(16_000)),
        "exactly 1,000 strings of 16 bytes at the with_capacity line"
    );
    assert_eq!(strings["function"], "alloc_fixture::label_lengths");
    assert_eq!(
        outcome["top_sites"][0]["line"], STRING_LINE,
        "the heaviest site comes first"
    );

    // The finding at that line: the Analyst's, or one raised from the
    // measurement when the Analyst reported none.
    let finding = match &reported {
        Some(f) => f.clone(),
        None => outcome["new_findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| covers(f, STRING_LINE))
            .cloned()
            .unwrap_or_else(|| panic!("no finding covers line 12: {outcome:#}")),
    };
    let id = finding["id"].as_str().unwrap().to_owned();
    let measured = outcome["measured"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["finding_id"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} is not measured: {:#}", outcome["measured"]));
    assert_eq!(
        measured["allocations"], 1_000,
        "{id} measured 1,000 allocations"
    );
    if reported.is_some() {
        assert!(
            outcome["new_findings"].as_array().unwrap().is_empty(),
            "a reported site raises no new finding: {:#}",
            outcome["new_findings"]
        );
    }

    // The table names the site and the finding too.
    let (table, _) = env.ok(&["profile", "memory_audit_001", "--test", "alloc_fixture"]);
    assert!(
        table.contains("src/lib.rs:12  alloc_fixture::label_lengths  1000"),
        "the table lists the site: {table}"
    );
    assert!(table.contains(&id), "the table lists {id}: {table}");

    // The fix from the profile crate's verify test: hoist the String.
    let lib = env.ws.join("src/lib.rs");
    let code = std::fs::read_to_string(&lib).unwrap();
    let fixed = code.replace(
        "    for i in 0..n {\n        let mut s = String::with_capacity(16);\n",
        "    let mut s = String::with_capacity(16);\n    for i in 0..n {\n        s.clear();\n",
    );
    assert_ne!(fixed, code, "the fix applies to the fixture's loop");
    std::fs::write(&lib, fixed).unwrap();

    let (verify, stderr) = env.json(&["verify", "memory_audit_001", &id, "--format", "json"]);
    assert!(
        stderr.contains("(the workspace's own code) under valgrind"),
        "verify announces the run too: {stderr}"
    );
    let v = &verify["verification"];
    assert_eq!(v["outcome"], "verified", "{:#}", v);
    assert_eq!(
        (&v["before"]["allocations"], &v["after"]["allocations"]),
        (&Value::from(1_000), &Value::from(1)),
        "1,000 allocations become one: {}",
        v["detail"]
    );
    let drop = v["whole_run_before"]["allocations"].as_u64().unwrap()
        - v["whole_run_after"]["allocations"].as_u64().unwrap();
    assert!(drop >= 990, "the whole run loses them too: {v:#}");

    let (table, _) = env.ok(&["verify", "memory_audit_001", &id]);
    assert!(
        table.starts_with(&format!("{id} of memory_audit_001: verified\n")),
        "the table leads with the outcome: {table}"
    );
    assert!(table.contains("1000 → 1"), "before → after: {table}");

    // Everything is in the database.
    let store = Store::open(&env.db).unwrap();
    let session = store.list_sessions().unwrap()[0].id;
    assert_eq!(
        store.profiles(session).unwrap().len(),
        4,
        "one profile per `profile` and per `verify`"
    );
    let verifications = store.verifications(session).unwrap();
    assert_eq!(
        verifications
            .iter()
            .map(|v| (v.finding_id.as_str(), v.outcome.as_str()))
            .collect::<Vec<_>>(),
        vec![(id.as_str(), "verified"), (id.as_str(), "verified")]
    );
    let measured: Vec<u64> = store
        .measurements(session)
        .unwrap()
        .into_iter()
        .filter(|m| m.finding_id == id)
        .map(|m| m.allocations)
        .collect();
    assert!(
        measured.contains(&1_000),
        "the measurement before the fix is stored: {measured:?}"
    );

    // The report shows the verified saving apart from the estimates.
    let (report, _) = env.ok(&["show", "memory_audit_001"]);
    let section = report
        .split("### Verified Savings (measured)")
        .nth(1)
        .unwrap_or_else(|| panic!("the report has a verified-savings section:\n{report}"));
    assert!(
        section.contains(&format!("| {id} | verified | 1000 | 1 |")),
        "before and after are in the table:\n{section}"
    );

    // The evidence travels with every export and with `show --format json`.
    let (export, _) = env.json(&["export", "memory_audit_001", "--format", "json"]);
    let round = export["rounds"]
        .as_array()
        .and_then(|r| r.last())
        .expect("the session has a round");
    let record = round["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["finding"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} is in the export"));
    let evidence = &record["evidence"];
    let measured = &evidence["measured"];
    assert!(
        measured["workload"]["command"]
            .as_str()
            .is_some_and(|c| c.starts_with("cargo test -p alloc_fixture")),
        "the workload that measured it: {evidence:#}"
    );
    assert!(measured["workload"]["profile_id"].is_i64(), "{evidence:#}");
    assert!(
        measured["run"]["allocations"].as_u64() >= measured["site"]["allocations"].as_u64(),
        "{evidence:#}"
    );
    let verification = &evidence["verification"];
    assert_eq!(verification["outcome"], "verified", "{evidence:#}");
    assert_eq!(
        (
            &verification["site_before"]["allocations"],
            &verification["site_after"]["allocations"]
        ),
        (&Value::from(1_000), &Value::from(1)),
        "{evidence:#}"
    );
    assert!(
        verification["run_before"]["allocations"].as_u64()
            > verification["run_after"]["allocations"].as_u64(),
        "{evidence:#}"
    );
    assert!(evidence["fix_check"].is_null(), "never checked: null");

    let (shown, _) = env.json(&["show", "memory_audit_001", "--format", "json"]);
    assert_eq!(&shown, round, "show and export agree on the round's shape");

    // With a profile, the headline figures are measurements of the newest
    // profiled workload (here the run after the fix).
    let summary = &round["report"]["summary"];
    assert!(
        summary["measured"]["workload"]["command"]
            .as_str()
            .is_some_and(|c| c.starts_with("cargo test -p alloc_fixture")),
        "{summary:#}"
    );
    let reduction = summary["figures"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["key"] == "allocation_reduction"))
        .unwrap_or_else(|| panic!("an allocation reduction figure: {summary:#}"));
    assert_eq!(reduction["kind"], "measured", "{reduction:#}");
    assert!(
        reduction["unit"]
            .as_str()
            .is_some_and(|u| u.contains("allocations of the profiled run")),
        "{reduction:#}"
    );

    let (md, _) = env.ok(&["export", "memory_audit_001", "--format", "md"]);
    assert!(
        md.lines()
            .any(|l| l.starts_with("- Measured allocation reduction: ")
                && l.contains("of the profiled run (measured)")),
        "the summary's reduction is measured:\n{md}"
    );
    assert!(
        md.contains("workload `cargo test -p alloc_fixture"),
        "the markdown export names the workload:\n{md}"
    );
    assert!(
        md.contains("**Verification:** verified"),
        "and the verification:\n{md}"
    );
    let (sarif, _) = env.json(&["export", "memory_audit_001", "--format", "sarif"]);
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["findingId"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} is a SARIF result"));
    assert_eq!(
        result["properties"]["verification"]["outcome"], "verified",
        "{result:#}"
    );
    assert!(
        result["properties"]["measured"]["site"].is_object(),
        "{result:#}"
    );
}

/// `alloc_fixture`'s `vec![0u8; 64]` inside `buffers`' loop.
const BUFFER_LINE: u64 = 23;

#[test]
fn bin_and_bench_targets_are_built_with_debug_info_and_measured_exactly() {
    let env = Env::alloc();
    env.audit();

    // A binary, with its arguments after `--`: release build, debug info.
    let (outcome, stderr) = env.json(&[
        "profile",
        "memory_audit_001",
        "--bin",
        "alloc_bin",
        "--format",
        "json",
        "--",
        "500",
    ]);
    assert!(
        stderr.contains("runs `cargo run --release --bin alloc_bin -- 500`"),
        "announced as the command it runs: {stderr}"
    );
    let strings = site_at(&outcome, "src/lib.rs", STRING_LINE);
    assert_eq!(
        (&strings["total_blocks"], &strings["total_bytes"]),
        (&Value::from(500), &Value::from(8_000)),
        "the argument reached the binary: 500 strings of 16 bytes"
    );
    assert_eq!(strings["function"], "alloc_fixture::label_lengths");
    assert!(
        outcome["top_sites"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["file"] == "src/bin/alloc_bin.rs"),
        "the binary's own frames are workspace frames: {:#}",
        outcome["top_sites"]
    );

    // A bench target without a harness.
    let (outcome, stderr) = env.json(&[
        "profile",
        "memory_audit_001",
        "--bench",
        "alloc_bench",
        "--format",
        "json",
    ]);
    assert!(
        stderr.contains("runs `cargo bench --bench alloc_bench`"),
        "{stderr}"
    );
    let buffers = site_at(&outcome, "src/lib.rs", BUFFER_LINE);
    assert_eq!(
        (&buffers["total_blocks"], &buffers["total_bytes"]),
        (&Value::from(10), &Value::from(640)),
        "exactly 10 buffers of 64 bytes"
    );

    // A target that does not exist: cargo's own error, nothing stored.
    let stderr = env.fails(
        &["profile", "memory_audit_001", "--bin", "no_such_bin"],
        None,
    );
    assert!(stderr.contains("no_such_bin"), "names the target: {stderr}");
    let store = Store::open(&env.db).unwrap();
    let session = store.list_sessions().unwrap()[0].id;
    assert_eq!(store.profiles(session).unwrap().len(), 2);
}

#[test]
fn a_dhat_rs_profile_is_imported_without_running_anything() {
    let env = Env::new(
        "dhat_rs_fixture",
        &["Cargo.toml", "Cargo.lock", "src/main.rs"],
    );
    env.audit();
    let profile = fixtures().join("dhat_rs_heap.json");
    let (outcome, stderr) = env.json(&[
        "profile",
        "memory_audit_001",
        "--import",
        profile.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        !stderr.contains("runs"),
        "an import runs nothing and says nothing of running: {stderr}"
    );
    assert_eq!(outcome["source"]["source"], "import");
    assert_eq!(outcome["tool"], "dhat_rs");
    let labels = site_at(&outcome, "src/main.rs", 11);
    assert_eq!(
        (&labels["total_blocks"], &labels["function"]),
        (&Value::from(100), &Value::from("dhat_rs_fixture::labels")),
        "dhat-rs's crate-relative frames land on the workspace's file"
    );
    assert!(
        outcome["run"].is_null(),
        "no build, no run: {:#}",
        outcome["run"]
    );

    let store = Store::open(&env.db).unwrap();
    let session = store.list_sessions().unwrap()[0].id;
    assert_eq!(store.profiles(session).unwrap()[0].target, "import");
}

#[test]
fn broken_profiles_name_the_file_and_position() {
    let env = Env::alloc();
    env.audit();
    let bad = env.dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{\n  \"dhatFileVersion\": 2,\n  \"mode\": \"heap\",\n  \"pps\": [\n",
    )
    .unwrap();
    let stderr = env.fails(
        &[
            "profile",
            "memory_audit_001",
            "--import",
            bad.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        stderr.contains(&format!("{}:5:", bad.display())) && stderr.contains("truncated"),
        "the file, its line and what is wrong: {stderr}"
    );

    let missing = env.dir.path().join("nowhere.json");
    let stderr = env.fails(
        &[
            "profile",
            "memory_audit_001",
            "--import",
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        stderr.contains(&missing.display().to_string()),
        "a missing file is named: {stderr}"
    );

    let store = Store::open(&env.db).unwrap();
    let session = store.list_sessions().unwrap()[0].id;
    assert!(
        store.profiles(session).unwrap().is_empty(),
        "nothing stored"
    );
}

#[test]
fn without_valgrind_nothing_runs_and_the_hint_says_how_to_install_it() {
    let env = Env::alloc();
    env.audit();
    let empty = env.dir.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let stderr = env.fails(
        &["profile", "memory_audit_001", "--test", "alloc_fixture"],
        Some(empty.to_str().unwrap()),
    );
    assert!(
        stderr.contains("valgrind was not found") && stderr.contains("apt-get install valgrind"),
        "the install hint: {stderr}"
    );
    assert!(
        !stderr.contains("memaudit profile runs"),
        "no run is announced when none can happen: {stderr}"
    );
    assert!(
        !env.ws.join("target").exists(),
        "nothing was built in the workspace"
    );
}

#[test]
fn usage_mistakes_are_refused_before_anything_runs() {
    let env = Env::alloc();
    env.audit();
    // No target at all: clap's usage error.
    let out = env.run(&["profile", "memory_audit_001"]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = env.fails(
        &[
            "profile",
            "memory_audit_001",
            "--test",
            "alloc_fixture",
            "--",
            "x",
        ],
        None,
    );
    assert!(stderr.contains("--filter"), "{stderr}");
    let id = env
        .audit_known_id()
        .expect("the Analyst reports the fixture's loop allocation");
    let stderr = env.fails(&["verify", "memory_audit_001", &id], None);
    assert!(
        stderr.contains("no profile to compare with"),
        "verify needs a profile first: {stderr}"
    );
    let stderr = env.fails(&["verify", "memory_audit_001", "F-999"], None);
    assert!(stderr.contains("has no finding `F-999`"), "{stderr}");
    // An imported profile cannot be re-run to verify a fix.
    let profile = fixtures().join("dhat_rs_heap.json");
    env.ok(&[
        "profile",
        "memory_audit_001",
        "--import",
        profile.to_str().unwrap(),
    ]);
    let stderr = env.fails(&["verify", "memory_audit_001", &id], None);
    assert!(
        stderr.contains("imported profile, which memaudit cannot re-run"),
        "{stderr}"
    );
    assert!(
        !env.ws.join("target").exists(),
        "nothing was built in the workspace"
    );
}

impl Env {
    /// The first finding id the session knows, if any.
    fn audit_known_id(&self) -> Option<String> {
        let store = Store::open(&self.db).unwrap();
        let session = store.list_sessions().unwrap()[0].id;
        store
            .known_findings(session)
            .unwrap()
            .into_iter()
            .next()
            .map(|k| k.id)
    }
}

#[test]
fn the_next_round_ranks_by_measured_allocations_and_flags_cold_approvals() {
    let env = Env::alloc();
    env.audit();
    env.ok(&["profile", "memory_audit_001", "--test", "alloc_fixture"]);
    let (export, _) = env.json(&["next", "memory_audit_001", "--no-files", "--format", "json"]);
    let round = &export["rounds"][1];
    let wins = round["report"]["quick_wins"].as_array().unwrap();
    let hot = round["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| covers(&r["finding"], STRING_LINE))
        .expect("the 1,000-allocation line has a finding");
    assert_eq!(
        hot["validation"]["verdict"], "APPROVED",
        "measured hot outranks the file's P3 heuristic: {:#}",
        hot["validation"]
    );
    assert_eq!(
        wins.first().map(|w| &w["finding_id"]),
        Some(&hot["finding"]["id"]),
        "the measured site is the first quick win: {wins:#?}"
    );
    assert!(
        wins.iter().all(|w| w["measured"] == true),
        "with a profile, every quick win is ranked by what was measured: {wins:#?}"
    );
    let mut cold_approvals = 0;
    for r in round["findings"].as_array().unwrap() {
        let Some(v) = r["validation"].as_object() else {
            continue;
        };
        let note = v["conditions"].as_array().unwrap().iter().any(|c| {
            c.as_str()
                .unwrap_or("")
                .starts_with("Not hot in this workload")
        });
        let hot = covers(&r["finding"], STRING_LINE);
        if hot {
            assert!(
                !note,
                "the measured 1,000-allocation site is not called cold"
            );
        } else if v["verdict"] == "APPROVED" {
            assert!(note, "an approval that allocated nothing says so: {v:#?}");
            cold_approvals += 1;
        }
    }
    eprintln!("approved findings flagged as not hot: {cold_approvals}");
}
