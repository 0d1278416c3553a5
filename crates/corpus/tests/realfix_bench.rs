//! The realfix benchmark end to end on git repositories made here: a package
//! committed with a waste, a fix commit, a bare mirror of it, a corpus file
//! pointing at it. The real binary exports the parent, runs the Analyst and
//! scores; no network, no other project's code.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const MANIFEST: &str = "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";

/// The waste: a `String` made only to be lent to `contains`, on line 3.
const WASTE: &str = "//! Demo.\n\npub fn allowed(list: &[String], name: &str) -> bool {\n    list.contains(&name.to_string())\n}\n";
const FIXED: &str = "//! Demo.\n\npub fn allowed(list: &[String], name: &str) -> bool {\n    list.iter().any(|s| s == name)\n}\n";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=memaudit",
            "-c",
            "user.email=memaudit@example.invalid",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} must succeed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A repository with the package under `crates/demo`, a parent and a fix
/// commit, mirrored bare as `owner+demo.git` in `mirror`; returns (parent, fix).
fn make_mirror(work: &Path, mirror: &Path) -> (String, String) {
    let src = work.join("src-repo");
    std::fs::create_dir_all(&src).expect("mkdir");
    git(&src, &["init", "-q"]);
    write(&src.join("crates/demo/Cargo.toml"), MANIFEST);
    write(&src.join("crates/demo/src/lib.rs"), WASTE);
    write(&src.join("crates/demo/tests/data.txt"), "not rust\n");
    git(&src, &["add", "-A"]);
    git(&src, &["commit", "-q", "-m", "parent"]);
    let parent = git(&src, &["rev-parse", "HEAD"]);
    write(&src.join("crates/demo/src/lib.rs"), FIXED);
    git(&src, &["commit", "-q", "-am", "fix"]);
    let fix = git(&src, &["rev-parse", "HEAD"]);
    std::fs::create_dir_all(mirror).expect("mkdir");
    git(
        work,
        &[
            "clone",
            "-q",
            "--bare",
            src.to_str().expect("utf-8 path"),
            mirror.join("owner+demo.git").to_str().expect("utf-8 path"),
        ],
    );
    (parent, fix)
}

fn case(id: &str, repo: &str, parent: &str, fix: &str, lines: &str, split: &str) -> String {
    format!(
        "[[case]]\nid = \"{id}\"\nrepo = \"{repo}\"\nparent = \"{parent}\"\nfix = \"{fix}\"\n\
         file = \"crates/demo/src/lib.rs\"\nlines = [{lines}]\ncategory = \"UNNECESSARY_CLONE\"\n\
         summary = \"a String made only to be lent\"\nsplit = \"{split}\"\n\n"
    )
}

#[test]
fn the_bench_exports_the_parent_analyses_it_and_scores_each_case() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mirror = tmp.path().join("mirror");
    let (parent, fix) = make_mirror(tmp.path(), &mirror);
    let missing = "0".repeat(40);
    let corpus = [
        case("demo-001", "owner/demo", &parent, &fix, "4", "tune"),
        // The same fix pointed at the signature line: no finding covers it.
        case("demo-002", "owner/demo", &parent, &fix, "3", "holdout"),
        case("demo-003", "nobody/absent", &parent, &fix, "4", "tune"),
        case("demo-004", "owner/demo", &missing, &fix, "4", "tune"),
    ]
    .concat();
    let cases = tmp.path().join("cases.toml");
    std::fs::write(&cases, corpus).expect("write corpus");
    let cache = tmp.path().join("cache");
    let json = tmp.path().join("out.json");

    let out = Command::new(env!("CARGO_BIN_EXE_realfix"))
        .arg("--cases")
        .arg(&cases)
        .arg("--mirror")
        .arg(&mirror)
        .arg("--cache")
        .arg(&cache)
        .arg("--json")
        .arg(&json)
        .arg("--threads")
        .arg("1")
        .arg("--verbose")
        .output()
        .expect("the bench runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the bench must succeed:\n{stdout}\n{stderr}"
    );

    assert!(
        stdout.contains("FOUND  demo-001"),
        "the `&name.to_string()` on line 4 is found with its category:\n{stdout}"
    );
    assert!(
        stdout.contains("missed demo-002"),
        "no finding covers line 3:\n{stdout}"
    );
    assert!(
        stdout.contains("nobody/absent: demo-003"),
        "a repository missing from the mirror is listed as no source:\n{stdout}"
    );
    assert!(
        stdout.contains("demo-004: commit") && stdout.contains("is not in the mirror"),
        "a parent missing from the mirror is listed as not counted:\n{stdout}"
    );

    // Only what the Analyst reads is exported, and the export is reused.
    let exported = cache.join("owner+demo").join(&parent).join("crates+demo");
    assert!(
        exported.join("crates/demo/src/lib.rs").is_file(),
        "the parent's source is exported under the cache"
    );
    assert!(
        !exported.join("crates/demo/tests/data.txt").exists(),
        "test data is not exported"
    );
    assert_eq!(
        std::fs::read_to_string(exported.join("crates/demo/src/lib.rs")).expect("read"),
        WASTE,
        "the parent's version of the file is analysed, not the fix's"
    );

    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("json written"))
        .expect("valid JSON");
    let cases = doc["cases"].as_array().expect("cases array");
    assert_eq!(cases.len(), 2, "only scored cases are listed: {doc}");
    assert_eq!(cases[0]["id"], "demo-001");
    assert_eq!(cases[0]["found"], true);
    assert_eq!(cases[0]["category_found"], true);
    assert_eq!(cases[1]["found"], false);
    assert!(
        cases[0]["findings"].as_u64().unwrap_or(0) >= 1,
        "findings counts every finding of the package: {doc}"
    );
    let tune = &doc["tables"][0];
    assert_eq!(tune["split"], "tune");
    assert_eq!(tune["total"]["cases"], 1);
    assert_eq!(tune["total"]["found"], 1);
    assert_eq!(doc["not_counted"][0]["id"], "demo-004");
}

#[test]
fn a_malformed_corpus_stops_the_bench_with_its_line_and_field() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cases = tmp.path().join("cases.toml");
    std::fs::write(
        &cases,
        case("x-001", "owner/demo", "abc", &"1".repeat(40), "4", "tune"),
    )
    .expect("write corpus");
    let out = Command::new(env!("CARGO_BIN_EXE_realfix"))
        .arg("--cases")
        .arg(&cases)
        .arg("--mirror")
        .arg(tmp.path())
        .output()
        .expect("the bench runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a bad corpus is an error");
    assert!(
        stderr.contains("line 4") && stderr.contains("parent") && stderr.contains("abc"),
        "the error names the line and the field:\n{stderr}"
    );
}
