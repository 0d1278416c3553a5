//! Real valgrind DHAT runs of the `alloc_fixture` crate: the exact allocation
//! counts must land on the right lines and findings, and a hoisting fix must
//! verify. Each test copies the fixture into its own temporary directory and
//! builds it there, so nothing is written into the repository.

use std::path::{Path, PathBuf};

use memaudit_model::{
    Category, Confidence, CrateScope, FileScope, Finding, FindingSource, Impact, Priority, Safety,
    Scope, Tradeoffs,
};
use memaudit_profile::{
    attribute, compare, hot_in_workload, measure_findings, parse_file, profile_target_with,
    unexplained_sites, Outcome, ProfileSummary, RunOptions, Target, Threshold, WorkspaceFiles,
};

/// The line of `String::with_capacity(16)` inside `label_lengths`' loop.
const STRING_LINE: u32 = 12;
/// The line of `vec![0u8; 64]` inside `buffers`' loop.
const VEC_LINE: u32 = 23;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/profile/alloc_fixture")
}

/// Copies the fixture's sources (not its target directory) into `dir`.
fn copy_fixture(dir: &Path) -> PathBuf {
    let root = dir.join("alloc_fixture");
    for f in [
        "Cargo.toml",
        "src/lib.rs",
        "src/bin/alloc_bin.rs",
        "benches/alloc_bench.rs",
    ] {
        let to = root.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture().join(f), to).unwrap();
    }
    root
}

fn profile(root: &Path, scratch: &Path, name: &str, plain_run: bool) -> (ProfileSummary, f64) {
    let out = scratch.join(format!("{name}.json"));
    let run = profile_target_with(
        root,
        Target::Test {
            package: "alloc_fixture".to_owned(),
            test_name: None,
            filter: None,
        },
        &out,
        &RunOptions {
            target_dir: Some(scratch.join("target")),
            plain_run,
            ..RunOptions::default()
        },
    )
    .expect("the fixture builds and runs under valgrind");
    assert_eq!(run.profile, out, "the profile goes where it was asked to");
    let profile = parse_file(&out).expect("valgrind's profile parses");
    let workspace = WorkspaceFiles::new(
        root,
        ["src/lib.rs".to_owned()],
        ["alloc_fixture".to_owned()],
    );
    (attribute(&profile, &workspace), run.slowdown.unwrap_or(0.0))
}

fn finding(id: &str, category: Category, start: u32, end: u32) -> Finding {
    Finding {
        id: id.to_owned(),
        fingerprint: format!("fp-{id}"),
        category,
        file: "src/lib.rs".to_owned(),
        line_start: start,
        line_end: end,
        crate_name: "alloc_fixture".to_owned(),
        priority: Priority::P1,
        item_path: "label_lengths".to_owned(),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: String::new(),
        issue: "A String per iteration.".to_owned(),
        proposal: "Hoist it.".to_owned(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

fn scope(root: &Path) -> Scope {
    Scope {
        workspace: root.to_string_lossy().into_owned(),
        crates: vec![CrateScope {
            name: "alloc_fixture".to_owned(),
            path: ".".to_owned(),
            priority: Priority::P1,
            score: 3,
            reasons: Vec::new(),
            files: vec![FileScope {
                path: "src/lib.rs".to_owned(),
                priority: Priority::P1,
                score: 3,
                reasons: Vec::new(),
                lines: 40,
                in_module_tree: true,
                overridden: None,
                functions: Vec::new(),
            }],
            error: None,
        }],
        ..Scope::default()
    }
}

#[test]
fn exact_counts_land_on_the_right_lines_and_findings() {
    let scratch = tempfile::tempdir().unwrap();
    let root = copy_fixture(scratch.path());
    let (summary, slowdown) = profile(&root, scratch.path(), "before", true);
    assert!(
        slowdown > 0.0,
        "a plain run was timed for the slowdown figure"
    );

    let site = |line: u32| {
        summary
            .sites
            .iter()
            .find(|s| s.file == "src/lib.rs" && s.line == line)
            .unwrap_or_else(|| panic!("no site at src/lib.rs:{line} in {:#?}", summary.sites))
    };
    let strings = site(STRING_LINE);
    assert_eq!(
        (strings.total_blocks, strings.total_bytes),
        (1_000, 16_000),
        "1,000 strings of 16 bytes at the with_capacity line"
    );
    assert_eq!(
        strings.at_exit_bytes, 0,
        "every string is dropped in the loop"
    );
    assert_eq!(strings.function, "alloc_fixture::label_lengths");
    let vecs = site(VEC_LINE);
    assert_eq!(
        (vecs.total_blocks, vecs.total_bytes),
        (10, 640),
        "10 buffers of 64 bytes at the vec! line"
    );
    assert!(
        summary.sites.iter().all(|s| s.line != 1),
        "libtest's generated main (lib.rs:1) is not a site: {:#?}",
        summary.sites
    );
    assert!(
        summary.total_blocks > 1_010 && summary.unattributed_blocks > 0,
        "libtest's own allocations are counted in the run but charged to no workspace line"
    );

    let findings = vec![
        finding("F-001", Category::AllocationLoop, 11, 15),
        finding("F-002", Category::AllocationLoop, 22, 25),
        finding("F-003", Category::UnnecessaryClone, 36, 36),
    ];
    let measured = measure_findings(&findings, &summary.sites);
    let ids: Vec<_> = measured
        .iter()
        .map(|m| (m.finding_id.as_str(), m.allocations, m.bytes))
        .collect();
    assert_eq!(
        ids,
        vec![("F-001", 1_000, 16_000), ("F-002", 10, 640)],
        "each loop finding gets exactly its line's allocations; the test body has none"
    );
    assert_eq!(
        measured[0].sites,
        vec![("src/lib.rs".to_owned(), STRING_LINE)]
    );
    assert!(
        hot_in_workload(&findings[0], &summary.sites),
        "1,000 allocations are hot"
    );
    assert!(
        !hot_in_workload(&findings[2], &summary.sites),
        "a finding whose lines never allocated is not hot"
    );

    let scope = scope(&root);
    let threshold = Threshold {
        min_blocks: 1_000,
        min_bytes: 1 << 20,
    };
    let unexplained = unexplained_sites(&scope, &[], &summary.sites, &threshold);
    assert_eq!(
        unexplained.len(),
        1,
        "only the 1,000-block site is heavy: {unexplained:#?}"
    );
    let new = &unexplained[0];
    assert_eq!(
        (new.id.as_str(), new.category, new.confidence, new.source),
        (
            "F-001",
            Category::AllocationLoop,
            Confidence::Medium,
            FindingSource::Measurement
        ),
        "a line inside a `for` body is an ALLOCATION_LOOP from the measurement"
    );
    assert_eq!(
        (new.line_start, new.item_path.as_str()),
        (STRING_LINE, "label_lengths")
    );
    assert_eq!(new.impact.allocations_avoided, Some(1_000));
    assert_eq!(new.code, "let mut s = String::with_capacity(16);");
    assert!(
        unexplained_sites(&scope, &findings, &summary.sites, &threshold).is_empty(),
        "a site covered by a finding is explained"
    );
}

#[test]
fn hoisting_the_allocation_verifies() {
    let scratch = tempfile::tempdir().unwrap();
    let root = copy_fixture(scratch.path());
    let (before, _) = profile(&root, scratch.path(), "before", false);

    let lib = root.join("src/lib.rs");
    let code = std::fs::read_to_string(&lib).unwrap();
    let fixed = code.replace(
        "    for i in 0..n {\n        let mut s = String::with_capacity(16);\n",
        "    let mut s = String::with_capacity(16);\n    for i in 0..n {\n        s.clear();\n",
    );
    assert_ne!(fixed, code, "the fix applies to the fixture's loop");
    std::fs::write(&lib, fixed).unwrap();
    let (after, _) = profile(&root, scratch.path(), "after", false);

    let f = finding("F-001", Category::AllocationLoop, 11, 15);
    let v = compare(&before, &after, &f);
    assert_eq!(v.outcome, Outcome::Verified, "{}", v.detail);
    assert_eq!(
        (v.before.allocations, v.after.allocations),
        (1_000, 1),
        "1,000 allocations become one hoisted allocation: {}",
        v.detail
    );
    assert!(
        v.whole_run_before.allocations - v.whole_run_after.allocations >= 990,
        "the whole run loses the allocations too: {v:?}"
    );

    // The reverse change is reported as worse.
    let back = compare(&after, &before, &f);
    assert_eq!(back.outcome, Outcome::Worse, "{}", back.detail);
}

#[test]
fn build_failures_and_missing_targets_are_reported() {
    let scratch = tempfile::tempdir().unwrap();
    let root = copy_fixture(scratch.path());
    let options = RunOptions {
        target_dir: Some(scratch.path().join("target")),
        plain_run: false,
        ..RunOptions::default()
    };
    let out = scratch.path().join("x.json");

    let missing = profile_target_with(
        &root,
        Target::Test {
            package: "alloc_fixture".to_owned(),
            test_name: Some("no_such_test".to_owned()),
            filter: None,
        },
        &out,
        &options,
    )
    .expect_err("an unknown test target cannot be profiled");
    assert!(
        matches!(missing, memaudit_profile::ProfileError::BuildFailed { .. }),
        "cargo refuses an unknown `--test`: {missing}"
    );

    std::fs::write(root.join("src/lib.rs"), "pub fn broken( {}\n").unwrap();
    let broken = profile_target_with(
        &root,
        Target::Test {
            package: "alloc_fixture".to_owned(),
            test_name: None,
            filter: None,
        },
        &out,
        &options,
    )
    .expect_err("code that does not compile cannot be profiled");
    match broken {
        memaudit_profile::ProfileError::BuildFailed { output, .. } => {
            assert!(
                output.contains("src/lib.rs"),
                "the compiler's error is kept: {output}"
            )
        }
        other => panic!("expected BuildFailed, got {other}"),
    }
    assert!(!out.exists(), "no profile is written when the build fails");
}

#[test]
fn summaries_round_trip_through_json_for_the_store() {
    let profile = parse_file(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/profile/valgrind_alloc_fixture.json"),
    )
    .unwrap();
    let ws = WorkspaceFiles::new(
        Path::new("/ws/alloc_fixture"),
        ["src/lib.rs".to_owned()],
        ["alloc_fixture".to_owned()],
    );
    let summary = attribute(&profile, &ws);
    let json = serde_json::to_string(&summary).unwrap();
    let back: ProfileSummary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, summary, "the store keeps summaries as JSON");
}
