//! The clippy source end to end: real `cargo clippy` runs over a copy of
//! `tests/fixtures/clippy` (copied so no target dir lands in the repo).

use std::path::{Path, PathBuf};

use memaudit_analysis::clippy::clippy_findings_with;
use memaudit_analysis::{clippy_findings, AnalyzeError, Category, Finding, Safety, Scope};
use memaudit_model::{CrateScope, FileScope, FindingSource, Priority};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/clippy")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &dest);
            }
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fn scope_of(dir: &Path, files: &[&str]) -> Scope {
    Scope {
        workspace: dir.to_string_lossy().into_owned(),
        crates: vec![CrateScope {
            name: "clippy-fixture".to_owned(),
            path: ".".to_owned(),
            priority: Priority::P1,
            score: 3,
            reasons: Vec::new(),
            files: files
                .iter()
                .map(|f| FileScope {
                    path: (*f).to_owned(),
                    priority: Priority::P1,
                    score: 3,
                    reasons: Vec::new(),
                    lines: 40,
                    in_module_tree: true,
                    overridden: None,
                    functions: Vec::new(),
                })
                .collect(),
            error: None,
        }],
        ..Scope::default()
    }
}

fn find<'a>(findings: &'a [Finding], lint: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.item_path.starts_with(&format!("clippy::{lint} ")))
        .unwrap_or_else(|| panic!("no {lint} finding in {findings:#?}"))
}

/// (lint, category, lines, safety, text the proposal must contain)
fn check(
    findings: &[Finding],
    lint: &str,
    category: Category,
    lines: (u32, u32),
    safety: Safety,
    proposal: &str,
) {
    let f = find(findings, lint);
    assert_eq!(f.category, category, "{lint}: category");
    assert_eq!((f.line_start, f.line_end), lines, "{lint}: lines");
    assert_eq!(f.safety, safety, "{lint}: safety");
    assert_eq!(f.source, FindingSource::Clippy, "{lint}: source");
    assert_eq!(f.file, "src/lib.rs", "{lint}: file");
    assert_eq!(f.crate_name, "clippy-fixture", "{lint}: crate");
    assert_eq!(f.priority, Priority::P1, "{lint}: priority");
    assert!(
        f.proposal.contains(proposal),
        "{lint}: proposal {:?} lacks {proposal:?}",
        f.proposal
    );
    assert!(
        f.issue.starts_with(&format!("clippy::{lint}: ")),
        "{lint}: issue {:?}",
        f.issue
    );
    assert_eq!(f.fingerprint.len(), 16, "{lint}: fingerprint");
}

#[test]
fn fixture_lints_arrive_as_findings_of_the_right_category() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let findings = clippy_findings(&scope_of(dir.path(), &["src/lib.rs"])).unwrap();

    check(
        &findings,
        "redundant_clone",
        Category::UnnecessaryClone,
        (5, 5),
        Safety::Safe,
        "let copy = owned;",
    );
    check(
        &findings,
        "vec_box",
        Category::HeapAvoidable,
        (9, 9),
        Safety::NeedsReview,
        "fn total(values: Vec<u64>) -> u64 {",
    );
    check(
        &findings,
        "large_enum_variant",
        Category::CacheHostile,
        (17, 20),
        Safety::NeedsReview,
        "Payload(Box<[u8; 4096]>),",
    );
    check(
        &findings,
        "format_push_string",
        Category::AllocationLoop,
        (32, 32),
        Safety::NeedsReview,
        "write!(out, \"{row},\")",
    );

    let clone = find(&findings, "redundant_clone");
    assert_eq!(
        clone.code, "    let copy = owned.clone();",
        "the real source line"
    );
    assert_eq!(
        clone.confidence,
        memaudit_analysis::Confidence::High,
        "machine-applicable"
    );
    let enum_ = find(&findings, "large_enum_variant");
    assert!(
        enum_.code.starts_with("pub enum Message {") && enum_.code.ends_with('}'),
        "{}",
        enum_.code
    );
    assert_eq!(
        enum_.impact.level,
        memaudit_model::Level::High,
        "large variants weigh more"
    );
    assert_eq!(
        findings.len(),
        4,
        "one finding per lint (targets deduplicated), clean code silent: {findings:#?}"
    );
    let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["F-001", "F-002", "F-003", "F-004"],
        "ids in line order"
    );
    assert!(
        findings
            .windows(2)
            .all(|w| w[0].line_start < w[1].line_start),
        "line order"
    );
    assert!(
        !fixture().join("target").exists(),
        "nothing built inside the repo"
    );
    assert!(
        dir.path().join("target/memaudit-clippy").is_dir(),
        "own target dir"
    );
}

#[test]
fn files_out_of_scope_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let findings = clippy_findings(&scope_of(dir.path(), &["src/other.rs"])).unwrap();
    assert!(
        findings.is_empty(),
        "src/lib.rs is not in scope: {findings:#?}"
    );
}

#[test]
fn code_that_does_not_compile_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    std::fs::write(
        dir.path().join("src/lib.rs"),
        "pub fn broken() -> u32 {\n    \"not a number\"\n}\n",
    )
    .unwrap();
    let err = clippy_findings(&scope_of(dir.path(), &["src/lib.rs"])).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, AnalyzeError::ClippyFailed { .. }), "{err:?}");
    assert!(text.contains("cargo clippy failed"), "{text}");
    assert!(
        text.contains("mismatched types"),
        "names the compiler error: {text}"
    );
}

#[test]
fn a_missing_cargo_is_reported_as_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-cargo");
    let err = clippy_findings_with(&scope_of(dir.path(), &["src/lib.rs"]), &missing).unwrap_err();
    assert!(
        matches!(err, AnalyzeError::ClippyUnavailable { .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("cargo clippy is not available"),
        "{err}"
    );
}

#[test]
fn a_lint_the_user_denies_is_still_a_finding() {
    // `deny` in the crate beats our `-W`, so the build "fails" on the lint
    // itself: that is a result, not a broken workspace.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let lib = dir.path().join("src/lib.rs");
    let source = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(
        &lib,
        source.replacen(
            "pub fn shout",
            "#[deny(clippy::redundant_clone)]\npub fn shout",
            1,
        ),
    )
    .unwrap();
    let findings = clippy_findings(&scope_of(dir.path(), &["src/lib.rs"])).unwrap();
    let clone = find(&findings, "redundant_clone");
    assert_eq!(
        (clone.line_start, clone.category),
        (6, Category::UnnecessaryClone),
        "{clone:#?}"
    );
}
