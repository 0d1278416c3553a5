//! End-to-end behaviour of `analyze` and `analyze_source`: skipped files,
//! fingerprint stability, ordering and ids, focus and priority filters, and
//! JSON snapshots of representative findings.

use std::path::Path;

use memaudit_analysis::{
    analyze, analyze_source, fingerprint, AnalyzeOptions, Category, FileContext, Focus, Priority,
    PriorityFilter, Scope,
};
use memaudit_model::{CrateScope, FileScope};

fn file(path: &str, priority: Priority) -> FileScope {
    FileScope {
        path: path.to_owned(),
        priority,
        score: 0,
        reasons: Vec::new(),
        lines: 0,
        in_module_tree: true,
        overridden: None,
        functions: Vec::new(),
    }
}

fn scope_of(dir: &Path, files: Vec<FileScope>) -> Scope {
    Scope {
        workspace: dir.display().to_string(),
        crates: vec![CrateScope {
            name: "demo".to_owned(),
            path: ".".to_owned(),
            priority: Priority::P1,
            score: 3,
            reasons: Vec::new(),
            files,
            error: None,
        }],
        ..Scope::default()
    }
}

const HOT: &str = "pub fn labels(rows: &[String]) -> usize {\n    let mut n = 0;\n    for row in rows {\n        let s = format!(\"<{row}>\");\n        n += s.len();\n    }\n    n\n}\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn bad_files_are_skipped_with_a_reason_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/good.rs", HOT);
    write(dir.path(), "src/broken.rs", "fn f( {");
    let deep = format!(
        "fn f() -> u32 {{ {}1{} }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    write(dir.path(), "src/deep.rs", &deep);
    let long = format!("fn f(a: u32) -> u32 {{ {}a }}", "a+".repeat(100_000));
    write(dir.path(), "src/long.rs", &long);
    // 50 MB of valid Rust: over the default 10 MiB limit, never read.
    let big_line = "pub fn f() -> u32 { 1 }\n";
    let big = big_line.repeat(50 * 1024 * 1024 / big_line.len());
    write(dir.path(), "src/huge.rs", &big);
    std::fs::write(dir.path().join("src/binary.rs"), [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let scope = scope_of(
        dir.path(),
        [
            "good", "broken", "deep", "long", "huge", "binary", "missing",
        ]
        .iter()
        .map(|n| file(&format!("src/{n}.rs"), Priority::P1))
        .collect(),
    );
    let analysis = analyze(
        &scope,
        &AnalyzeOptions {
            threads: 2,
            ..AnalyzeOptions::default()
        },
        &|_| {},
    );
    let reason = |name: &str| {
        analysis
            .skipped
            .iter()
            .find(|s| s.file == format!("src/{name}.rs"))
            .map(|s| s.error.clone())
            .unwrap_or_else(|| panic!("{name} must be skipped: {:?}", analysis.skipped))
    };
    assert!(
        reason("broken").contains("does not parse"),
        "{}",
        reason("broken")
    );
    assert!(reason("deep").contains("nest"), "{}", reason("deep"));
    assert!(reason("long").contains("operators"), "{}", reason("long"));
    assert!(reason("huge").contains("limit"), "{}", reason("huge"));
    assert!(reason("binary").contains("UTF-8"), "{}", reason("binary"));
    assert!(
        reason("missing").contains("cannot be read"),
        "{}",
        reason("missing")
    );
    assert_eq!(analysis.stats.files, 1, "only good.rs is analysed");
    assert_eq!(analysis.stats.skipped, 6);
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.file == "src/good.rs" && f.category == Category::AllocationLoop),
        "the good file still yields its finding"
    );
}

#[test]
fn a_huge_file_under_a_raised_limit_is_analysed_without_trouble() {
    let dir = tempfile::tempdir().unwrap();
    let big_line = "pub fn f() -> u32 { 1 }\n";
    write(
        dir.path(),
        "src/big.rs",
        &big_line.repeat(2 * 1024 * 1024 / big_line.len()),
    );
    let scope = scope_of(dir.path(), vec![file("src/big.rs", Priority::P2)]);
    let opts = AnalyzeOptions {
        max_file_bytes: 64 * 1024 * 1024,
        threads: 1,
        ..AnalyzeOptions::default()
    };
    let analysis = analyze(&scope, &opts, &|_| {});
    assert!(analysis.skipped.is_empty(), "{:?}", analysis.skipped);
    assert_eq!(analysis.stats.files, 1);
}

#[test]
fn fingerprints_survive_unrelated_lines_above() {
    let ctx = FileContext::new("demo");
    let before = analyze_source("src/a.rs", HOT, &ctx).unwrap();
    let shifted = format!("// a comment\nuse std::fmt;\n\nfn unrelated() {{}}\n{HOT}");
    let after = analyze_source("src/a.rs", &shifted, &ctx).unwrap();
    assert!(!before.is_empty());
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(
            b.fingerprint, a.fingerprint,
            "moving code down must keep its identity"
        );
        assert_eq!(
            a.line_start,
            b.line_start + 4,
            "line numbers do follow the code"
        );
    }
    assert_eq!(before[0].fingerprint.len(), 16);
    assert_ne!(
        fingerprint(Category::AllocationLoop, "labels", "x"),
        fingerprint(Category::UnnecessaryClone, "labels", "x"),
        "the category is part of the identity"
    );
    assert_eq!(
        fingerprint(Category::AllocationLoop, "labels", "let  s =\n format!()"),
        fingerprint(Category::AllocationLoop, "labels", "let s = format!()"),
        "whitespace does not matter"
    );
}

#[test]
fn findings_are_ordered_by_priority_then_file_then_line_with_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/low.rs", HOT);
    write(dir.path(), "src/high.rs", &format!("{HOT}\npub fn again(v: &[String]) -> usize {{ v.iter().map(|x| x.to_string()).count() }}\n"));
    let scope = scope_of(
        dir.path(),
        vec![
            file("src/low.rs", Priority::P3),
            file("src/high.rs", Priority::P0),
        ],
    );
    let seen = std::sync::Mutex::new(Vec::new());
    let analysis = analyze(&scope, &AnalyzeOptions::default(), &|p| {
        seen.lock().unwrap().push(p.files_done)
    });
    let order: Vec<_> = analysis
        .findings
        .iter()
        .map(|f| (f.priority, f.file.as_str(), f.line_start))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "P0 first, then by file and line");
    for (i, f) in analysis.findings.iter().enumerate() {
        assert_eq!(f.id, format!("F-{:03}", i + 1));
        assert_eq!(f.crate_name, "demo");
    }
    assert_eq!(
        seen.lock().unwrap().len(),
        2,
        "one progress report per file"
    );
}

#[test]
fn focus_and_priority_filters_apply() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "src/a.rs",
        "pub enum Msg { Ping, Data([u8; 512]) }\n",
    );
    write(dir.path(), "src/b.rs", HOT);
    let mut scope = scope_of(
        dir.path(),
        vec![
            file("src/a.rs", Priority::P0),
            file("src/b.rs", Priority::P2),
        ],
    );
    let all = analyze(&scope, &AnalyzeOptions::default(), &|_| {});
    assert!(all
        .findings
        .iter()
        .any(|f| f.category == Category::CacheHostile));
    scope.focus = Focus::Arena;
    let arena = analyze(&scope, &AnalyzeOptions::default(), &|_| {});
    assert!(
        arena
            .findings
            .iter()
            .all(|f| Focus::Arena.includes(f.category)),
        "scope focus applies"
    );
    let p0 = analyze(
        &scope,
        &AnalyzeOptions {
            priority: Some(PriorityFilter::P0),
            focus: Some(Focus::Full),
            ..AnalyzeOptions::default()
        },
        &|_| {},
    );
    assert!(
        p0.findings.iter().all(|f| f.file == "src/a.rs"),
        "only P0 files"
    );
    let only = analyze(
        &scope,
        &AnalyzeOptions {
            only_files: Some(vec!["src/b.rs".into()]),
            ..AnalyzeOptions::default()
        },
        &|_| {},
    );
    assert_eq!(only.stats.files, 1, "only_files limits the run");
}

#[test]
fn every_finding_is_complete() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/arena_candidate/arenas.rs"),
    )
    .unwrap();
    let findings = analyze_source(
        "crates/demo/src/worker/arenas.rs",
        &src,
        &FileContext::new("demo"),
    )
    .unwrap();
    for f in &findings {
        assert!(
            !f.issue.is_empty() && !f.proposal.is_empty(),
            "{}: issue and proposal",
            f.id
        );
        assert!(!f.code.is_empty(), "{}: code", f.id);
        assert!(
            f.item_path.starts_with("worker::arenas"),
            "{}: item path {}",
            f.id,
            f.item_path
        );
        assert!(
            !f.impact.unit.is_empty() && !f.impact.applies_to.is_empty(),
            "{}: impact",
            f.id
        );
        assert!(
            !f.tradeoffs.pros.is_empty() && !f.tradeoffs.cons.is_empty(),
            "{}: trade-offs",
            f.id
        );
        let first = src.lines().nth(f.line_start as usize - 1).unwrap();
        assert!(
            f.code.starts_with(first),
            "{}: code is the exact source lines",
            f.id
        );
    }
}

#[test]
fn snapshot_clone_findings() {
    let src = "pub fn only_read(cfg: &Config) -> usize {\n    let name = cfg.name.clone();\n    name.len()\n}\npub struct Config { pub name: String }\n";
    let findings = analyze_source("src/config.rs", src, &FileContext::new("demo")).unwrap();
    insta::assert_json_snapshot!("clone_findings", findings);
}

#[test]
fn snapshot_loop_and_layout_findings() {
    let src = "pub enum Msg { Ping, Data([u8; 512]) }\n\npub fn labels(rows: &[String]) -> Vec<usize> {\n    let mut out = Vec::new();\n    for row in rows {\n        let s = format!(\"<{row}>\");\n        out.push(s.len());\n    }\n    out\n}\n";
    let findings = analyze_source("crates/w/src/worker.rs", src, &FileContext::new("w")).unwrap();
    insta::assert_json_snapshot!("loop_and_layout_findings", findings);
}
