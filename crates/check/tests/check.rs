//! The checker against real cargo on small workspaces written here: batches
//! taken apart, errors pinned on the right edit, tests compared with the
//! tests as they were, cancellation, and the user's files left exactly as
//! they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use memaudit_check::{check_edits, CancelFlag, Candidate, CheckError, CheckOptions};
use memaudit_model::{Edit, FixStatus, Hunk};

/// Writes `files` (path → text) into a fresh folder.
fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// An edit replacing the first occurrence of `from` in `file` by `to`.
fn edit(ws: &Path, file: &str, from: &str, to: &str) -> Edit {
    let text = std::fs::read_to_string(ws.join(file)).unwrap();
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` in {file}"));
    Edit {
        summary: format!("`{from}` → `{to}`"),
        hunks: vec![Hunk {
            file: file.into(),
            start: start as u32,
            end: (start + from.len()) as u32,
            line: text[..start].matches('\n').count() as u32 + 1,
            original: from.into(),
            replacement: to.into(),
        }],
    }
}

fn cand(id: &str, edit: Edit) -> Candidate {
    Candidate {
        finding_id: id.into(),
        fingerprint: format!("fp-{id}"),
        edit,
    }
}

const MANIFEST: &str =
    "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n";

const LIB: &str = "mod util;\n\npub fn one(x: u32) -> u32 {\n    x + 1\n}\n\npub fn two() -> usize {\n    let s = String::new();\n    s.len()\n}\n\npub fn three(x: u32) -> u32 {\n    util::helper(x) * 3\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn one() {\n        assert_eq!(super::one(1), 2);\n    }\n}\n";

const UTIL: &str = "pub fn helper(x: u32) -> u32 {\n    x\n}\n";

#[test]
fn a_failing_batch_is_taken_apart_and_the_workspace_is_untouched() {
    let ws = workspace(&[
        ("Cargo.toml", MANIFEST),
        ("src/lib.rs", LIB),
        ("src/util.rs", UTIL),
        // In no module tree: nothing compiles it.
        ("src/orphan.rs", "pub fn lost() -> u32 {\n    1\n}\n"),
    ]);
    let before = snapshot(ws.path());
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let candidates = vec![
        cand("F-001", edit(w, "src/lib.rs", "x + 1", "x + 1 + 0")),
        cand(
            "F-002",
            edit(
                w,
                "src/lib.rs",
                "let s = String::new();",
                "let s: u32 = String::new();",
            ),
        ),
        // Breaks a caller in another file, far from its own hunk.
        cand(
            "F-003",
            edit(
                w,
                "src/util.rs",
                "helper(x: u32) -> u32",
                "helper(x: u64) -> u64",
            ),
        ),
        cand("F-004", edit(w, "src/lib.rs", "* 3", "* 3 + 0")),
        cand(
            "F-005",
            edit(w, "src/orphan.rs", "1\n", "\"not even a number\"\n"),
        ),
    ];
    let opts = CheckOptions::new(cache.path().join("ws"));
    let run = check_edits(w, &candidates, &opts, &|_| {}).unwrap();
    let status: Vec<(&str, FixStatus)> = run
        .checks
        .iter()
        .map(|c| (c.finding_id.as_str(), c.status))
        .collect();
    assert_eq!(
        status,
        vec![
            ("F-001", FixStatus::Compiles),
            ("F-002", FixStatus::Fails),
            ("F-003", FixStatus::Fails),
            ("F-004", FixStatus::Compiles),
            ("F-005", FixStatus::NotChecked),
        ],
        "each edit is judged on its own merits: {:#?}",
        run.checks
    );
    assert!(
        run.checks[4]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("src/orphan.rs is not compiled")),
        "an edit to a file no build reads cannot pass for compiling: {:?}",
        run.checks[4].note
    );
    let f2 = &run.checks[1];
    let codes: Vec<Option<&str>> = f2.errors.iter().map(|e| e.code.as_deref()).collect();
    assert_eq!(
        codes,
        vec![Some("E0308"), Some("E0599")],
        "each error once (the library and its test harness report them twice): {:#?}",
        f2.errors
    );
    assert_eq!(
        (f2.errors[0].file.as_str(), f2.errors[0].line),
        ("src/lib.rs", 8)
    );
    let f3 = &run.checks[2];
    assert!(
        f3.errors
            .iter()
            .any(|e| e.code.as_deref() == Some("E0308") && e.file == "src/lib.rs"),
        "the caller's mismatch is F-003's, though it is in another file: {:#?}",
        f3.errors
    );
    assert_eq!(
        f3.errors[0].original_line,
        Some(f3.errors[0].line),
        "lib.rs is not edited by F-003"
    );
    assert!(run
        .checks
        .iter()
        .all(|c| c.command.starts_with("cargo check --all-targets -p demo")));
    assert_eq!(
        snapshot(ws.path()),
        before,
        "the user's files are byte-for-byte what they were, and nothing was added"
    );
    assert!(
        !cache.path().join("ws/scratch").exists(),
        "the scratch copy is removed"
    );
    assert!(
        !cache.path().join("ws/lock").exists(),
        "the lock is released"
    );
    assert!(
        cache.path().join("ws/target").is_dir(),
        "the build cache stays"
    );
    assert!(
        run.stats.builds >= 3,
        "baseline, batch, then the suspects: {:?}",
        run.stats
    );
}

#[test]
fn a_changed_file_and_a_broken_package_are_reported_not_checked() {
    let ws = workspace(&[
        ("Cargo.toml", MANIFEST),
        (
            "src/lib.rs",
            "pub fn f() -> u32 {\n    let x: u32 = \"no\";\n    x\n}\n",
        ),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let mut stale = edit(ws.path(), "src/lib.rs", "x\n", "x + 0\n");
    stale.hunks[0].original = "y\n".into();
    let candidates = vec![
        cand("F-001", stale),
        cand("F-002", edit(ws.path(), "src/lib.rs", "x\n", "x + 0\n")),
    ];
    let run = check_edits(
        ws.path(),
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap();
    assert_eq!(run.checks[0].status, FixStatus::NotChecked);
    assert!(
        run.checks[0]
            .note
            .as_deref()
            .unwrap()
            .contains("changed since the edit was computed"),
        "{:?}",
        run.checks[0].note
    );
    assert_eq!(run.checks[1].status, FixStatus::NotChecked);
    let note = run.checks[1].note.as_deref().unwrap();
    assert!(
        note.contains("package demo does not compile as it is")
            && note.contains("mismatched types"),
        "the reason names the package and its error: {note}"
    );
}

#[test]
fn tests_that_break_are_pinned_on_their_edit_and_old_failures_are_not() {
    let lib = "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n\npub fn twice(a: u32) -> u32 {\n    a * 2\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {\n        assert_eq!(super::add(1, 2), 3);\n    }\n    #[test]\n    fn doubles() {\n        assert_eq!(super::twice(2), 4);\n    }\n    #[test]\n    fn already_broken() {\n        assert_eq!(1, 2);\n    }\n}\n";
    let ws = workspace(&[("Cargo.toml", MANIFEST), ("src/lib.rs", lib)]);
    let cache = tempfile::tempdir().unwrap();
    let candidates = vec![
        cand("F-001", edit(ws.path(), "src/lib.rs", "a + b", "b + a")),
        cand("F-002", edit(ws.path(), "src/lib.rs", "a * 2", "a * 3")),
    ];
    let mut opts = CheckOptions::new(cache.path().join("ws"));
    opts.run_tests = true;
    let run = check_edits(ws.path(), &candidates, &opts, &|_| {}).unwrap();
    let good = run.checks[0].tests.as_ref().expect("F-001's tests ran");
    assert!(good.pass(), "{good:?}");
    assert_eq!(good.passed, 2);
    assert_eq!(
        good.failing_before,
        vec!["tests::already_broken".to_owned()]
    );
    let bad = run.checks[1].tests.as_ref().expect("F-002's tests ran");
    assert_eq!(bad.failed, vec!["tests::doubles".to_owned()]);
    assert!(!run.checks[1].good());
    assert_eq!(
        run.checks[1].status,
        FixStatus::Compiles,
        "it compiles; its tests fail"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_cancelled_check_stops_cargo_and_leaves_only_the_cache() {
    // A build script that sleeps, writing its pid where the test finds it.
    let build = "fn main() {\n    let out = std::env::var(\"OUT_DIR\").unwrap();\n    std::fs::write(format!(\"{out}/pid\"), std::process::id().to_string()).unwrap();\n    std::thread::sleep(std::time::Duration::from_secs(60));\n}\n";
    let ws = workspace(&[
        ("Cargo.toml", MANIFEST),
        ("build.rs", build),
        ("src/lib.rs", "pub fn f() -> u32 {\n    1\n}\n"),
    ]);
    let before = snapshot(ws.path());
    let cache = tempfile::tempdir().unwrap();
    let opts = CheckOptions::new(cache.path().join("ws"));
    let cancel: CancelFlag = opts.cancel.clone();
    let candidates = vec![cand("F-001", edit(ws.path(), "src/lib.rs", "1\n", "2\n"))];
    let root = ws.path().to_path_buf();
    let handle = std::thread::spawn(move || check_edits(&root, &candidates, &opts, &|_| {}));
    // Wait for the build script to start.
    let target = cache.path().join("ws/target");
    let started = Instant::now();
    let pid = loop {
        if let Some(pid) = find_pid(&target) {
            break pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the build script never started"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    cancel.cancel();
    let result = handle.join().unwrap();
    assert!(matches!(result, Err(CheckError::Cancelled)), "{result:?}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "cancelling does not wait for the build script"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !running(pid),
        "the build script ({pid}) was killed with cargo's process group"
    );
    assert!(
        !cache.path().join("ws/scratch").exists(),
        "no scratch copy is left"
    );
    assert!(
        !cache.path().join("ws/lock").exists(),
        "the lock is released"
    );
    assert_eq!(
        snapshot(ws.path()),
        before,
        "the user's files are untouched"
    );
}

#[cfg(target_os = "linux")]
/// Whether `pid` is a live process (a zombie waiting for its reaper is dead).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit(')').next().map(|r| r.trim().to_owned()))
        .is_some_and(|r| !r.starts_with('Z') && !r.starts_with('X'))
}

#[cfg(target_os = "linux")]
fn find_pid(dir: &Path) -> Option<u32> {
    let entries = std::fs::read_dir(dir).ok()?;
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Some(pid) = find_pid(&p) {
                return Some(pid);
            }
        } else if p.file_name().is_some_and(|n| n == "pid") {
            return std::fs::read_to_string(&p).ok()?.trim().parse().ok();
        }
    }
    None
}

#[cfg(unix)]
#[test]
fn a_second_check_of_the_same_workspace_waits_its_turn() {
    let ws = workspace(&[("Cargo.toml", MANIFEST), ("src/lib.rs", "pub fn f() {}\n")]);
    let cache = tempfile::tempdir().unwrap();
    let lock = cache.path().join("ws/lock");
    std::fs::create_dir_all(&lock).unwrap();
    // A live process holds it: this one's parent.
    std::fs::write(
        lock.join("pid"),
        std::os::unix::process::parent_id().to_string(),
    )
    .unwrap();
    let candidates = vec![cand("F-001", edit(ws.path(), "src/lib.rs", "{}", "{ }"))];
    let err = check_edits(
        ws.path(),
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap_err();
    assert!(matches!(err, CheckError::Busy { .. }), "{err}");
    // A lock left by a dead process is taken over.
    std::fs::write(lock.join("pid"), "4000000").unwrap();
    let run = check_edits(
        ws.path(),
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap();
    assert_eq!(run.checks[0].status, FixStatus::Compiles);
}

#[test]
fn an_error_far_from_other_edits_is_judged_from_the_batch_and_told_in_its_own_lines() {
    let filler: String = (0..50).map(|i| format!("pub fn pad{i}() {{}}\n")).collect();
    let lib = format!(
        "pub fn one(x: u32) -> u32 {{\n    x + 1\n}}\n{filler}pub fn two() -> usize {{\n    let s = String::new();\n    s.len()\n}}\n"
    );
    let ws = workspace(&[("Cargo.toml", MANIFEST), ("src/lib.rs", &lib)]);
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let bad_line = lib
        .lines()
        .position(|l| l.contains("String::new()"))
        .unwrap() as u32
        + 1;
    let candidates = vec![
        // Adds three lines above the other edit.
        cand(
            "F-001",
            edit(
                w,
                "src/lib.rs",
                "x + 1",
                "{\n        let y = x;\n        y + 1\n    }",
            ),
        ),
        cand(
            "F-002",
            edit(
                w,
                "src/lib.rs",
                "let s = String::new();",
                "let s: u32 = String::new();",
            ),
        ),
    ];
    let run = check_edits(
        w,
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap();
    assert_eq!(run.checks[0].status, FixStatus::Compiles);
    assert_eq!(run.checks[1].status, FixStatus::Fails);
    let e = &run.checks[1].errors[0];
    assert_eq!(e.code.as_deref(), Some("E0308"));
    assert_eq!(
        e.line, bad_line,
        "the line the error has with this edit alone, not in the batch's file"
    );
    assert!(
        e.rendered.contains(&format!("src/lib.rs:{bad_line}:")),
        "{}",
        e.rendered
    );
    assert_eq!(
        run.stats.builds, 3,
        "baseline, the batch, the rest without the suspect: no build of its own"
    );
    assert_eq!(run.checks[1].batched_with, 1);
}

/// A member named like another package in the build (here a path
/// dependency outside the workspace, as a crates.io release of the member
/// would be) makes `-p NAME` ambiguous to cargo; the checker names the
/// member by its package id, so its edits are still judged.
#[test]
fn a_member_named_like_a_dependency_is_still_checked() {
    let ws = workspace(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\", \"grammar\"]\nexclude = [\"vendor\"]\nresolver = \"2\"\n",
        ),
        (
            "app/Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ngrammar = { path = \"../vendor/grammar\" }\n",
        ),
        ("app/src/lib.rs", "pub fn n() -> u32 {\n    grammar::n()\n}\n"),
        (
            "grammar/Cargo.toml",
            "[package]\nname = \"grammar\"\nversion = \"0.2.0\"\nedition = \"2021\"\n",
        ),
        (
            "grammar/src/lib.rs",
            "pub fn words(s: &str) -> Vec<String> {\n    s.split(' ').map(|w| w.to_owned()).collect()\n}\n",
        ),
        (
            "vendor/grammar/Cargo.toml",
            "[package]\nname = \"grammar\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        ),
        ("vendor/grammar/src/lib.rs", "pub fn n() -> u32 {\n    1\n}\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    // Edits in two packages: cargo then needs both `-p`, and two of them
    // are what it cannot resolve by name.
    let candidates = vec![
        cand(
            "F-001",
            edit(w, "grammar/src/lib.rs", "w.to_owned()", "w.to_string()"),
        ),
        cand(
            "F-002",
            edit(w, "grammar/src/lib.rs", "Vec<String>", "Vec<u8>"),
        ),
        cand(
            "F-003",
            edit(w, "app/src/lib.rs", "grammar::n()", "grammar::n() + 0"),
        ),
    ];
    let mut opts = CheckOptions::new(cache.path().join("ws"));
    opts.offline = true;
    let run = check_edits(w, &candidates, &opts, &|_| {}).unwrap();
    let status: Vec<(&str, FixStatus)> = run
        .checks
        .iter()
        .map(|c| (c.finding_id.as_str(), c.status))
        .collect();
    assert_eq!(
        status,
        [
            ("F-001", FixStatus::Compiles),
            ("F-002", FixStatus::Fails),
            ("F-003", FixStatus::Compiles)
        ],
        "both edits of the member are judged, not left 'not checked' by an ambiguous -p: {:?}",
        run.checks.iter().map(|c| &c.note).collect::<Vec<_>>()
    );
    assert!(
        run.checks[0].command.contains("-p grammar"),
        "the command shown names the package plainly: {}",
        run.checks[0].command
    );
}

/// Two failing edits and a passing one in one file, each in its own
/// function: every error lies on a line only one edit changed, so both
/// failures are attributed from the batch and only the rest is built again.
#[test]
fn errors_on_lines_one_edit_changed_are_attributed_to_it() {
    let pad = |tag: &str| -> String {
        (0..45)
            .map(|i| format!("pub fn {tag}{i}() {{}}\n"))
            .collect()
    };
    let lib = format!(
        "pub fn one() -> usize {{\n    let s = String::new();\n    s.len()\n}}\n{}pub fn two(x: u32) -> u32 {{\n    x + 1\n}}\n{}pub fn three() -> usize {{\n    let v: Vec<u8> = Vec::new();\n    v.len()\n}}\n",
        pad("a"),
        pad("b")
    );
    let ws = workspace(&[("Cargo.toml", MANIFEST), ("src/lib.rs", &lib)]);
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let line_of = |needle: &str| lib.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
    let candidates = vec![
        cand(
            "F-001",
            edit(
                w,
                "src/lib.rs",
                "let s = String::new();",
                "let s: u8 = String::new();",
            ),
        ),
        cand("F-002", edit(w, "src/lib.rs", "x + 1", "x + 2")),
        cand(
            "F-003",
            edit(
                w,
                "src/lib.rs",
                "let v: Vec<u8> = Vec::new();",
                "let v: Vec<u8> = 7;",
            ),
        ),
    ];
    let run = check_edits(
        w,
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap();
    let status: Vec<FixStatus> = run.checks.iter().map(|c| c.status).collect();
    assert_eq!(
        status,
        vec![FixStatus::Fails, FixStatus::Compiles, FixStatus::Fails],
        "{:#?}",
        run.checks
    );
    for (i, needle) in [(0, "let s = String::new();"), (2, "let v: Vec<u8>")] {
        let e = &run.checks[i].errors[0];
        assert_eq!(e.code.as_deref(), Some("E0308"), "{e:#?}");
        assert_eq!(
            e.line,
            line_of(needle),
            "the line the error has with the edit alone"
        );
        assert_eq!(run.checks[i].errors.len(), 1, "{:#?}", run.checks[i].errors);
    }
    assert_eq!(
        run.stats.builds, 3,
        "baseline, the batch, the confirming build of the rest: no build of a failing edit alone"
    );
}

/// An error in a file no edit touches cannot be attributed by its lines:
/// the batch is split until the edit that caused it is alone.
#[test]
fn an_error_in_a_file_no_edit_touches_is_found_by_bisection() {
    let ws = workspace(&[
        ("Cargo.toml", MANIFEST),
        ("src/lib.rs", LIB),
        ("src/util.rs", "pub fn helper(x: u32) -> u32 {\n    x\n}\n\npub fn other(x: u32) -> u32 {\n    x + 1\n}\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let candidates = vec![
        cand("F-001", edit(w, "src/util.rs", "x + 1", "x + 2")),
        // Breaks `three` in lib.rs, which no edit touches (a return type
        // changed without the signature's words in the hunk, so it is
        // batched like a local edit).
        cand(
            "F-002",
            edit(
                w,
                "src/util.rs",
                "u32 {\n    x\n}",
                "u64 {\n    x as u64\n}",
            ),
        ),
    ];
    let run = check_edits(
        w,
        &candidates,
        &CheckOptions::new(cache.path().join("ws")),
        &|_| {},
    )
    .unwrap();
    assert_eq!(
        run.checks[0].status,
        FixStatus::Compiles,
        "{:#?}",
        run.checks
    );
    assert_eq!(run.checks[1].status, FixStatus::Fails, "{:#?}", run.checks);
    let e = &run.checks[1].errors[0];
    assert_eq!(
        e.file, "src/lib.rs",
        "the error is where the caller is: {e:#?}"
    );
    assert_eq!(
        run.stats.builds, 4,
        "baseline, the batch, then each half: the unattributed error is bisected"
    );
}

/// A workspace of two members, `up` depending on `low`, with `extra` added
/// to `low`'s source and 50 functions between `up`'s two.
fn layered(low_extra: &str) -> tempfile::TempDir {
    let filler: String = (0..50).map(|i| format!("pub fn pad{i}() {{}}\n")).collect();
    workspace(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"low\", \"up\"]\nresolver = \"2\"\n",
        ),
        (
            "low/Cargo.toml",
            "[package]\nname = \"low\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        ),
        (
            "low/src/lib.rs",
            &format!("pub fn base() -> u32 {{\n    let n: u32 = 1;\n    n\n}}\n{low_extra}"),
        ),
        (
            "up/Cargo.toml",
            "[package]\nname = \"up\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nlow = { path = \"../low\" }\n",
        ),
        (
            "up/src/lib.rs",
            &format!("pub fn a() -> u32 {{\n    let x = low::base();\n    x + 1\n}}\n{filler}pub fn b() -> usize {{\n    let s = String::new();\n    s.len()\n}}\n"),
        ),
    ])
}

/// Runs a check, returning it and the packages of each build after the
/// baseline.
fn check_traced(
    w: &Path,
    candidates: &[Candidate],
    cache: &Path,
) -> (memaudit_check::CheckRun, Vec<Vec<String>>) {
    let builds = std::sync::Mutex::new(Vec::new());
    let mut opts = CheckOptions::new(cache.join("ws"));
    opts.offline = true;
    let run = check_edits(w, candidates, &opts, &|e| {
        if let memaudit_check::CheckEvent::Building { packages, .. } = e {
            builds.lock().unwrap().push(packages);
        }
    })
    .unwrap();
    (run, builds.into_inner().unwrap())
}

/// The lower package's failing edit keeps cargo from building the upper
/// package in the first build; the upper package's edits are neither blamed
/// for it nor left unjudged: the next build (without the failing edit)
/// judges them, and the confirming build settles the passing one.
#[test]
fn a_failing_lower_package_neither_blames_nor_hides_the_upper_packages_edits() {
    let ws = layered("");
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let before = snapshot(w);
    let candidates = vec![
        cand(
            "F-low",
            edit(
                w,
                "low/src/lib.rs",
                "let n: u32 = 1;",
                "let n: u32 = \"one\";",
            ),
        ),
        cand("F-up-ok", edit(w, "up/src/lib.rs", "x + 1", "x + 2")),
        cand(
            "F-up-bad",
            edit(
                w,
                "up/src/lib.rs",
                "let s = String::new();",
                "let s: u32 = String::new();",
            ),
        ),
    ];
    let (run, builds) = check_traced(w, &candidates, cache.path());
    let status: Vec<(&str, FixStatus)> = run
        .checks
        .iter()
        .map(|c| (c.finding_id.as_str(), c.status))
        .collect();
    assert_eq!(
        status,
        [
            ("F-low", FixStatus::Fails),
            ("F-up-ok", FixStatus::Compiles),
            ("F-up-bad", FixStatus::Fails)
        ]
    );
    let low = &run.checks[0].errors;
    assert_eq!(low.len(), 1, "{low:?}");
    assert_eq!(
        (low[0].code.as_deref(), low[0].file.as_str(), low[0].line),
        (Some("E0308"), "low/src/lib.rs", 2)
    );
    let up = &run.checks[2].errors;
    assert_eq!(up.len(), 1, "{up:?}");
    assert_eq!(
        (up[0].code.as_deref(), up[0].file.as_str(), up[0].line),
        (Some("E0308"), "up/src/lib.rs", 56)
    );
    assert_eq!(
        builds,
        [vec!["low", "up"], vec!["up"], vec!["up"]],
        "all three edits; up's two without low's failing edit; the confirming build of the passing one"
    );
    assert_eq!(run.stats.builds, 4, "the baseline and three builds");
    assert!(!run.stats.baseline_reused);
    assert_eq!(snapshot(w), before, "the workspace is untouched");

    // Checked again with no file changed: the baseline is not built again.
    let (again, builds) = check_traced(w, &candidates, cache.path());
    assert!(again.stats.baseline_reused);
    assert_eq!(again.stats.builds, 3, "{builds:?}");
    let statuses = |r: &memaudit_check::CheckRun| {
        r.checks
            .iter()
            .map(|c| (c.status, c.errors.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(statuses(&again), statuses(&run));

    // A file changed: the baseline is built again.
    std::fs::write(w.join("low/src/extra.rs"), "// not part of any module\n").unwrap();
    let (third, _) = check_traced(w, &candidates, cache.path());
    assert!(!third.stats.baseline_reused);
    assert_eq!(third.stats.builds, 4);
    assert_eq!(statuses(&third), statuses(&run));
}

/// When the lower package's errors cannot be told apart (two edits in one
/// function, one of them failing), the blocked upper package's edits are
/// built next with the lower package's edits left out, not held back until
/// the lower package is sorted out; the confirming builds of both packages
/// then share one build.
#[test]
fn edits_blocked_by_an_unattributable_failure_are_built_without_the_lower_edits() {
    let ws = layered("\npub fn pair() -> usize {\n    let a = vec![1u8];\n    let b = a.clone();\n    a.len() + b.len()\n}\n");
    let cache = tempfile::tempdir().unwrap();
    let w = ws.path();
    let candidates = vec![
        // Moves `a` into `b`: `a.len()` below then fails (E0382), on a line
        // neither edit changed, next to both.
        cand("F-low-bad", edit(w, "low/src/lib.rs", "a.clone()", "a")),
        cand(
            "F-low-ok",
            edit(w, "low/src/lib.rs", "vec![1u8]", "vec![2u8]"),
        ),
        cand("F-up-ok", edit(w, "up/src/lib.rs", "x + 1", "x + 2")),
        cand(
            "F-up-bad",
            edit(
                w,
                "up/src/lib.rs",
                "let s = String::new();",
                "let s: u32 = String::new();",
            ),
        ),
    ];
    let (run, builds) = check_traced(w, &candidates, cache.path());
    let status: Vec<(&str, FixStatus)> = run
        .checks
        .iter()
        .map(|c| (c.finding_id.as_str(), c.status))
        .collect();
    assert_eq!(
        status,
        [
            ("F-low-bad", FixStatus::Fails),
            ("F-low-ok", FixStatus::Compiles),
            ("F-up-ok", FixStatus::Compiles),
            ("F-up-bad", FixStatus::Fails)
        ],
        "{builds:?} {:#?}",
        run.checks
            .iter()
            .map(|c| (&c.errors, &c.note))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        run.checks[0].errors[0].code.as_deref(),
        Some("E0382"),
        "{:?}",
        run.checks[0].errors
    );
    assert_eq!(
        builds,
        [
            vec!["low", "up"],
            vec!["up"],
            vec!["low"],
            vec!["low", "up"]
        ],
        "all four edits; up's two over low as it is; low's suspect alone; the \
         rest of low confirmed together with up's passing edit"
    );
    assert_eq!(run.stats.builds, 5);
}
