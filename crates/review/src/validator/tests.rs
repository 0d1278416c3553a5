//! Validator tests: one `check` per rule over the real Rust fixtures in
//! `tests/fixtures/review/`. A finding is built by hand for the line holding
//! `needle`, as the Analyst would report it.

use std::path::PathBuf;

use memaudit_model::*;

use super::*;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/review")
}

fn source(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).expect("fixture exists")
}

/// A finding on the (unique) line of `fixture` containing `needle`.
fn finding(fixture: &str, category: Category, needle: &str) -> Finding {
    let src = source(fixture);
    let hits: Vec<(usize, &str)> = src
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "`{needle}` must be on exactly one line of {fixture}"
    );
    let (idx, code) = hits[0];
    let line = u32::try_from(idx + 1).expect("small fixture");
    Finding {
        id: "F-007".into(),
        fingerprint: format!("fp-{fixture}-{line}"),
        category,
        file: fixture.into(),
        line_start: line,
        line_end: line,
        crate_name: "worker".into(),
        priority: Priority::P0,
        item_path: "worker::f".into(),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: code.trim().into(),
        issue: "Allocation on every iteration.".into(),
        proposal: "let mut buf = String::new();\nbuf.clear();".into(),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: None,
            unit: "iteration".into(),
            applies_to: "every row".into(),
            level: Level::High,
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

/// Everything a validation says, for substring assertions.
fn text(v: &Validation) -> String {
    let mut t = format!(
        "{:?}\n{}\n{}\n{}\n{}\n{}\n",
        v.counterexample,
        v.lifetime.evidence,
        v.thread_safety.evidence,
        v.no_undefined_behavior.evidence,
        v.hot_path.evidence,
        v.estimate_plausible.evidence
    );
    for i in &v.issues {
        t.push_str(&format!(
            "{}: {} | {} | {}\n",
            i.id, i.description, i.risk, i.suggestion
        ));
    }
    t
}

fn check_with(
    fixture: &str,
    category: Category,
    needle: &str,
    tweak: impl FnOnce(&mut Finding),
    expected: Verdict,
    says: &[&str],
) -> Validation {
    let mut f = finding(fixture, category, needle);
    tweak(&mut f);
    let v = validate_in_source(&source(fixture), &f, None);
    let t = text(&v);
    assert_eq!(
        v.verdict, expected,
        "{fixture} `{needle}` should be {expected}; got {}:\n{t}",
        v.verdict
    );
    for s in says {
        assert!(
            t.contains(s),
            "{fixture} `{needle}`: expected {s:?} in:\n{t}"
        );
    }
    if v.verdict == Verdict::Rejected {
        assert!(
            v.counterexample.as_deref().is_some_and(|c| c.len() > 40),
            "a rejection carries a concrete counterexample: {t}"
        );
    }
    v
}

fn check(fixture: &str, category: Category, needle: &str, expected: Verdict, says: &[&str]) {
    check_with(fixture, category, needle, |_| {}, expected, says);
}

// --- the classic false positives -----------------------------------------

#[test]
fn arc_clone_moved_into_thread_is_rejected() {
    check(
        "arc_into_thread.rs",
        Category::UnnecessaryClone,
        "let shared = shared.clone();",
        Verdict::Rejected,
        &[
            "cloning an Arc is a refcount bump; the clone is needed to move ownership into the task",
            "thread::spawn",
            "[rule: refcount-clone-into-task]",
        ],
    );
}

#[test]
fn arc_clone_moved_into_tokio_task_is_rejected() {
    check(
        "arc_into_tokio.rs",
        Category::UnnecessaryClone,
        "Arc::clone(&pool)",
        Verdict::Rejected,
        &["tokio::spawn", "refcount bump"],
    );
}

#[test]
fn arc_clone_in_allocation_loop_finding_is_rejected_too() {
    check(
        "arc_into_thread.rs",
        Category::AllocationLoop,
        "let shared = shared.clone();",
        Verdict::Rejected,
        &["refcount bump"],
    );
}

#[test]
fn clone_whose_source_is_mutated_afterwards_is_rejected() {
    let v = check_with(
        "clone_then_mutate.rs",
        Category::UnnecessaryClone,
        "let snapshot = buf.clone();",
        |_| {},
        Verdict::Rejected,
        &[
            "borrow would conflict with the later mutation",
            "extend_from_slice",
            "E0502",
        ],
    );
    assert_eq!(
        v.lifetime.status,
        CheckStatus::Fail,
        "the borrow is the failure"
    );
}

#[test]
fn clone_whose_source_is_moved_afterwards_is_rejected() {
    check(
        "clone_then_move.rs",
        Category::UnnecessaryClone,
        "let copy = rows.clone();",
        Verdict::Rejected,
        &[
            "struct `Report`",
            "E0505",
            "[rule: source-moved-after-clone]",
        ],
    );
}

#[test]
fn boxed_recursive_variant_is_rejected() {
    check(
        "recursive_enum.rs",
        Category::HeapAvoidable,
        "Add(Box<Expr>, Box<Expr>)",
        Verdict::Rejected,
        &["infinite size", "E0072", "[rule: recursive-box]"],
    );
    check(
        "recursive_enum.rs",
        Category::HeapAvoidable,
        "pub next: Option<Box<Node>>",
        Verdict::Rejected,
        &["infinite size"],
    );
}

#[test]
fn box_needed_through_another_type_is_rejected() {
    check(
        "recursive_enum.rs",
        Category::HeapAvoidable,
        "Branch(Box<Pair>)",
        Verdict::Rejected,
        &["Pair → Tree", "infinite size"],
    );
}

#[test]
fn small_non_recursive_box_is_not_rejected() {
    // A boxed 4-byte array is a real HEAP_AVOIDABLE finding; a type
    // definition's hotness is unproven, so it needs work rather than approval.
    check(
        "recursive_enum.rs",
        Category::HeapAvoidable,
        "pub magic: Box<[u8; 4]>",
        Verdict::NeedsWork,
        &[
            "can live inline",
            "a type in a field of `Header`",
            "[rule: not-in-loop]",
        ],
    );
}

#[test]
fn box_dyn_trait_is_rejected() {
    check(
        "box_dyn.rs",
        Category::HeapAvoidable,
        "stages: Vec<Box<dyn Stage>>",
        Verdict::Rejected,
        &[
            "trait objects need indirection",
            "unsized",
            "[rule: box-dyn]",
        ],
    );
    check(
        "box_dyn.rs",
        Category::HeapAvoidable,
        "let stage: Box<dyn Stage> = Box::new",
        Verdict::Rejected,
        &["unsized"],
    );
    check(
        "box_dyn.rs",
        Category::HeapAvoidable,
        "    Box::new(Passthrough",
        Verdict::Rejected,
        &["unsized"],
    );
}

#[test]
fn allocations_on_error_paths_are_rejected() {
    let cases = [
        ("format!(\"line {n}: missing comma\")", "ok_or_else"),
        ("format!(\"line {n}: bad id: {e}\")", "map_err"),
        ("return Err(format!(\"line {n}: empty name\"))", "Err(..)"),
        ("format!(\"unknown id {id}\")", "panic!"),
        ("let msg = format!(\"row {} has id 0\"", "returns an error"),
        ("text.push_str(&row.name.to_string());", "#[cold]"),
    ];
    for (needle, why) in cases {
        check(
            "error_path.rs",
            Category::AllocationLoop,
            needle,
            Verdict::Rejected,
            &["cold path", why, "no steady-state"],
        );
    }
}

#[test]
fn eager_ok_or_argument_is_not_a_cold_path() {
    let v = check_with(
        "error_path.rs",
        Category::AllocationLoop,
        "ok_or(format!(\"no rows after {}\", row.id))",
        |_| {},
        Verdict::Approved,
        &["`for` loop"],
    );
    assert_eq!(
        v.hot_path.answer,
        Answer::Yes,
        "the argument runs every iteration"
    );
}

#[test]
fn copy_clones_are_rejected() {
    check(
        "copy_clone.rs",
        Category::UnnecessaryClone,
        "let key = id.clone();",
        Verdict::Rejected,
        &["`u64`", "no heap allocation", "[rule: copy-clone]"],
    );
    check(
        "copy_clone.rs",
        Category::UnnecessaryClone,
        "let at = origin.clone();",
        Verdict::Rejected,
        &["`Point`"],
    );
    check(
        "copy_clone.rs",
        Category::UnnecessaryClone,
        "let count = n.clone();",
        Verdict::Rejected,
        &["usize"],
    );
}

#[test]
fn allocation_in_test_code_is_rejected() {
    check(
        "test_code.rs",
        Category::AllocationLoop,
        "let expected = format!(\"row-{n}\");",
        Verdict::Rejected,
        &["#[cfg(test)]", "cargo test"],
    );
}

#[test]
fn findings_in_test_files_are_rejected_even_without_a_site() {
    let src = "fn helper() {}\n";
    let mut f = finding("test_code.rs", Category::CacheHostile, "pub fn label");
    f.file = "crates/worker/tests/it.rs".into();
    f.line_start = 1;
    f.line_end = 1;
    f.code = "fn helper() {}".into();
    let v = validate_in_source(src, &f, None);
    assert_eq!(v.verdict, Verdict::Rejected, "{}", text(&v));
}

// --- true positives -------------------------------------------------------

#[test]
fn format_in_hot_loop_is_approved_with_conditions() {
    let v = check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
        |_| {},
        Verdict::Approved,
        &["`for` loop at line 9", "pub fn render_rows"],
    );
    assert_eq!(v.hot_path.answer, Answer::Yes, "{}", text(&v));
    assert_eq!(v.lifetime.status, CheckStatus::Pass);
    assert_eq!(v.no_undefined_behavior.status, CheckStatus::Pass);
    assert!(v.issues.is_empty(), "no issues: {}", text(&v));
    assert!(
        v.conditions.iter().any(|c| c.contains("clear()")),
        "the approval says how to reuse the buffer: {:?}",
        v.conditions
    );
}

#[test]
fn per_iteration_vec_is_approved() {
    check(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let mut scratch = Vec::new();",
        Verdict::Approved,
        &["Vec::new"],
    );
}

#[test]
fn read_only_clone_in_loop_is_approved() {
    let v = check_with(
        "hot_loop.rs",
        Category::UnnecessaryClone,
        "let name = row.name.clone();",
        |_| {},
        Verdict::Approved,
        &["`row.name` is neither mutated nor moved"],
    );
    assert!(v
        .conditions
        .iter()
        .any(|c| c.contains("accepts a reference")));
}

#[test]
fn allocation_in_iterator_closure_counts_as_a_loop() {
    check(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let label = row.name.to_uppercase();",
        Verdict::Approved,
        &["`.for_each(..)` closure"],
    );
}

// --- borderline: NEEDS_WORK ---------------------------------------------

#[test]
fn allocation_outside_a_loop_needs_work() {
    check(
        "borderline.rs",
        Category::AllocationLoop,
        "let title = format!(",
        Verdict::NeedsWork,
        &["not inside a loop", "[rule: not-in-loop]"],
    );
}

#[test]
fn value_pushed_out_of_the_loop_is_rejected() {
    check(
        "borderline.rs",
        Category::AllocationLoop,
        "let name = format!(\"{}!\", row.name);",
        Verdict::Rejected,
        &["`name` is passed to `.push(..)`", "[rule: value-escapes]"],
    );
}

#[test]
fn hoisting_out_of_a_parallel_loop_is_rejected() {
    let v = check_with(
        "borderline.rs",
        Category::AllocationLoop,
        "let bytes = row.name.as_bytes().to_vec();",
        |_| {},
        Verdict::Rejected,
        &["rayon parallel iterator", "for_each_init"],
    );
    assert_eq!(v.thread_safety.status, CheckStatus::Fail);
}

#[test]
fn private_function_not_called_from_an_entry_point_is_only_maybe_hot() {
    let v = check_with(
        "borderline.rs",
        Category::AllocationLoop,
        "let s = row.name.to_string();",
        |_| {},
        Verdict::NeedsWork,
        &["not called from an entry point"],
    );
    assert_eq!(v.hot_path.answer, Answer::Maybe);
}

#[test]
fn analyst_doubt_the_validator_settles_is_answered_and_unknown_impact_needs_work() {
    let needle = "let line = format!(";
    // The Validator reads that `line` is only lent within the iteration:
    // the Analyst's doubt and low confidence are answered by that reading.
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        needle,
        |f| f.safety = Safety::NeedsReview,
        Verdict::Approved,
        &["only read or borrowed"],
    );
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        needle,
        |f| f.confidence = Confidence::Low,
        Verdict::Approved,
        &[],
    );
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        needle,
        |f| f.impact.allocations_avoided = None,
        Verdict::NeedsWork,
        &["[rule: impact-unknown]"],
    );
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        needle,
        |f| f.impact.allocations_avoided = Some(40),
        Verdict::NeedsWork,
        &[
            "claims 40 allocation(s) per iteration",
            "[rule: implausible-estimate]",
        ],
    );
}

#[test]
fn api_change_needs_work() {
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
        |f| {
            f.tradeoffs.cons =
                vec!["Requires modifying the Message API to accept borrowed data".into()]
        },
        Verdict::NeedsWork,
        &["[rule: api-change]", "Message API"],
    );
}

#[test]
fn low_priority_file_needs_work_and_scope_wins_over_the_finding() {
    let f = finding(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
    );
    let scope = Scope {
        crates: vec![CrateScope {
            name: "worker".into(),
            path: ".".into(),
            priority: Priority::P3,
            score: 0,
            reasons: Vec::new(),
            files: vec![FileScope {
                path: "hot_loop.rs".into(),
                priority: Priority::P3,
                score: 0,
                reasons: Vec::new(),
                lines: 40,
                in_module_tree: true,
                overridden: None,
                functions: Vec::new(),
            }],
            error: None,
        }],
        ..Scope::default()
    };
    let v = validate_in_source(&source("hot_loop.rs"), &f, Some(&scope));
    assert_eq!(v.verdict, Verdict::NeedsWork, "{}", text(&v));
    assert!(
        text(&v).contains("scope: `hot_loop.rs` is P3"),
        "{}",
        text(&v)
    );
}

#[test]
fn unsafe_proposal_is_rejected_and_justified_unsafe_needs_work() {
    check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
        |f| f.proposal = "unsafe { buf.set_len(0) }".into(),
        Verdict::Rejected,
        &["`unsafe`", "`set_len`", "[rule: unsafe-proposal]"],
    );
    let v = check_with(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
        |f| f.proposal = "// SAFETY: len 0 is always in bounds\nunsafe { buf.set_len(0) }".into(),
        Verdict::Approved,
        &["SAFETY"],
    );
    assert_eq!(v.no_undefined_behavior.status, CheckStatus::Unclear);
}

#[test]
fn cache_hostile_layout_needs_measurement() {
    let mut f = finding(
        "cache_hostile.rs",
        Category::CacheHostile,
        "pub struct Record",
    );
    f.line_end = 7;
    let v = validate_in_source(&source("cache_hostile.rs"), &f, None);
    assert_eq!(v.verdict, Verdict::NeedsWork, "{}", text(&v));
    assert_eq!(v.estimate_plausible.answer, Answer::NeedsMeasurement);
    assert_eq!(v.thread_safety.status, CheckStatus::NotApplicable);
}

#[test]
fn wrong_lines_need_work_with_site_not_found() {
    let mut f = finding("hot_loop.rs", Category::UnnecessaryClone, "pub fn sum_rows");
    f.code = "pub fn sum_rows(rows: &[Row]) -> f64 {".into();
    let v = validate_in_source(&source("hot_loop.rs"), &f, None);
    assert_eq!(v.verdict, Verdict::NeedsWork);
    assert!(text(&v).contains("[rule: site-not-found]"), "{}", text(&v));
}

// --- files that cannot be examined --------------------------------------

fn check_unclear(root: &std::path::Path, mut f: Finding, why: &str) {
    f.id = "F-003".into();
    let v = validate(root, std::slice::from_ref(&f), None);
    assert_eq!(v.len(), 1, "one validation per finding");
    let v = &v[0];
    assert_eq!(v.verdict, Verdict::NeedsWork, "{}", text(v));
    assert_eq!(v.lifetime.status, CheckStatus::Unclear);
    assert_eq!(v.thread_safety.status, CheckStatus::Unclear);
    assert_eq!(v.no_undefined_behavior.status, CheckStatus::Unclear);
    assert_eq!(v.issues[0].id, "F-003-I1");
    assert!(text(v).contains(why), "expected {why:?} in {}", text(v));
}

#[test]
fn missing_changed_unparsable_files_need_work_never_panic() {
    let root = fixtures();
    let base = finding(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
    );

    let mut missing = base.clone();
    missing.file = "gone.rs".into();
    check_unclear(&root, missing, "cannot read `gone.rs`");

    let mut changed = base.clone();
    changed.code = "let line = row.name.repeat(3);".into();
    check_unclear(&root, changed, "no longer matches");

    let mut moved = base.clone();
    moved.line_start = 900;
    moved.line_end = 901;
    check_unclear(&root, moved, "points at lines 900-901");

    let mut broken = base.clone();
    broken.file = "unparsable.rs".into();
    broken.line_start = 3;
    broken.line_end = 3;
    broken.code = "let s = row.name.clone();".into();
    check_unclear(&root, broken, "cannot parse `unparsable.rs` at line 1");

    let mut escape = base;
    escape.file = "../../Cargo.toml".into();
    check_unclear(&root, escape, "not inside the workspace");
}

#[test]
fn validate_keeps_input_order_and_reads_each_file_once() {
    let a = finding(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
    );
    let b = finding(
        "copy_clone.rs",
        Category::UnnecessaryClone,
        "let key = id.clone();",
    );
    let c = finding(
        "hot_loop.rs",
        Category::UnnecessaryClone,
        "let name = row.name.clone();",
    );
    let out = validate(&fixtures(), &[a.clone(), b.clone(), c.clone()], None);
    let got: Vec<_> = out
        .iter()
        .map(|v| (v.fingerprint.clone(), v.verdict))
        .collect();
    assert_eq!(
        got,
        vec![
            (a.fingerprint, Verdict::Approved),
            (b.fingerprint, Verdict::Rejected),
            (c.fingerprint, Verdict::Approved),
        ],
        "validations come back in the findings' order"
    );
}

#[test]
fn every_rule_is_documented_in_the_module_table() {
    let docs = include_str!("mod.rs");
    for rule in RULES {
        let row = format!("//! | `{}` | {} |", rule.id, rule.verdict);
        assert!(
            docs.contains(&row),
            "rule `{}` needs a row in the module docs",
            rule.id
        );
    }
}

#[test]
fn validation_is_deterministic() {
    let f = finding(
        "error_path.rs",
        Category::AllocationLoop,
        "return Err(format!(",
    );
    let a = validate_in_source(&source("error_path.rs"), &f, None);
    let b = validate_in_source(&source("error_path.rs"), &f, None);
    assert_eq!(a, b, "same input, same validation");
}

// --- clones through references -------------------------------------------

#[test]
fn clone_of_a_string_reference_allocates_and_is_not_copy() {
    // `label: &String`: `label.clone()` resolves to `String::clone`.
    check(
        "ref_clone.rs",
        Category::UnnecessaryClone,
        "let l = label.clone();",
        Verdict::Approved,
        &["`label` is neither mutated nor moved"],
    );
}

#[test]
fn clone_of_a_reference_to_copy_or_unsized_data_is_rejected() {
    check(
        "ref_clone.rs",
        Category::UnnecessaryClone,
        "let n = name.clone();",
        Verdict::Rejected,
        &["`str` is not `Clone`", "[rule: copy-clone]"],
    );
    check(
        "ref_clone.rs",
        Category::UnnecessaryClone,
        "let m = limit.clone();",
        Verdict::Rejected,
        &["`u64::clone`", "[rule: copy-clone]"],
    );
    check(
        "ref_clone.rs",
        Category::UnnecessaryClone,
        "let k = nested.clone();",
        Verdict::Rejected,
        &["reference to a reference", "[rule: copy-clone]"],
    );
}

// --- pre-sizing: `Vec::new()` → `Vec::with_capacity(n)` ------------------

fn presize(needle: &str, len: &str) -> impl FnOnce(&mut Finding) {
    let binding = needle
        .trim_start_matches("let mut ")
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let len = len.to_owned();
    move |f: &mut Finding| {
        f.issue = format!("`{binding}` starts empty and receives exactly one `push` per iteration");
        f.proposal = format!("let mut {binding} = Vec::with_capacity({len});");
        f.impact.allocations_avoided = None;
        f.impact.unit = "call".into();
    }
}

#[test]
fn empty_vec_filled_once_per_iteration_of_a_slice_loop_is_approved() {
    let v = check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut out = Vec::new();",
        presize("let mut out", "rows.len()"),
        Verdict::Approved,
        &[
            "one push per iteration of the `for` loop at line 8",
            "`rows` is a `&[Record]`",
            "only the initial capacity",
        ],
    );
    assert_eq!(v.hot_path.answer, Answer::Yes, "{}", text(&v));
    assert!(
        v.conditions.iter().any(|c| c.contains("exactly once")),
        "{:?}",
        v.conditions
    );
}

#[test]
fn presizing_without_a_known_length_or_one_push_per_iteration_needs_work() {
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut fields = Vec::new();",
        presize("let mut fields", "8"),
        Verdict::NeedsWork,
        &[
            "`.split(..)` yields an unknown number",
            "[rule: presize-unproven]",
        ],
    );
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut kept = Vec::new();",
        presize("let mut kept", "rows.len()"),
        Verdict::NeedsWork,
        &["inside a branch at line 27", "[rule: presize-unproven]"],
    );
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut one = Vec::new();",
        presize("let mut one", "1"),
        Verdict::NeedsWork,
        &[
            "runs once per call, not in a loop",
            "[rule: presize-unproven]",
        ],
    );
}

#[test]
fn presizing_a_buffer_whose_push_a_continue_skips_needs_work() {
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut merged: Vec<(String, usize)> = Vec::new();",
        presize("let mut merged", "rows.len()"),
        Verdict::NeedsWork,
        &[
            "the `continue` at line",
            "only an upper bound",
            "[rule: presize-unproven]",
        ],
    );
}

#[test]
fn presizing_a_buffer_handed_over_inside_its_loop_is_rejected() {
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut group = Vec::new();",
        presize("let mut group", "rows.len()"),
        Verdict::Rejected,
        &[
            "`group` is handed over with `std::mem::take(&mut group)`",
            "[rule: buffer-handed-over]",
        ],
    );
    check_with(
        "presize.rs",
        Category::AllocationLoop,
        "let mut batch = Vec::new();",
        presize("let mut batch", "rows.len()"),
        Verdict::Rejected,
        &["emptied with `.drain(..)`", "[rule: buffer-handed-over]"],
    );
}

// --- types in signatures, fields and `let` annotations -------------------

fn per_value(f: &mut Finding) {
    f.impact.allocations_avoided = Some(1);
    f.impact.unit = "value built".into();
    f.proposal = "[u8; 8] // inline, no Box".into();
}

#[test]
fn box_in_a_public_signature_is_found_and_needs_its_callers() {
    check_with(
        "type_sites.rs",
        Category::HeapAvoidable,
        "pub fn small_box() -> Box<[u8; 8]>",
        per_value,
        Verdict::NeedsWork,
        &[
            "the return type of `fn small_box`",
            "every `Box<[u8; 8]>` value is one heap allocation",
            "[rule: api-change]",
        ],
    );
    // A private fn's parameter: found, no API change, but no loop shown.
    let v = check_with(
        "type_sites.rs",
        Category::HeapAvoidable,
        "fn fill(seed: Box<[u8; 4]>)",
        per_value,
        Verdict::NeedsWork,
        &["parameter `seed` of `fn fill`", "[rule: not-in-loop]"],
    );
    assert!(!text(&v).contains("site-not-found"), "{}", text(&v));
    assert!(!text(&v).contains("api-change"), "{}", text(&v));
}

fn shared_slice(f: &mut Finding) {
    f.confidence = Confidence::Medium;
    f.safety = Safety::NeedsReview;
    f.impact.allocations_avoided = Some(1);
    f.impact.bytes_saved = Some(8);
    f.impact.level = Level::Low;
    f.impact.unit = "value shared".into();
    f.proposal = "Arc<[u64]> // one block: counts and data together; build it with `Arc::from(buffer)` (or `.into()`)".into();
}

#[test]
fn shared_buffer_fields_are_found_and_decided() {
    for needle in [
        "pub rows: Arc<Vec<u64>>",
        "name: Option<Rc<String>>",
        "Text(Rc<String>)",
    ] {
        let v = check_with(
            "shared_buffers.rs",
            Category::HeapAvoidable,
            needle,
            shared_slice,
            Verdict::Approved,
            &["cannot grow"],
        );
        assert!(!text(&v).contains("site-not-found"), "{}", text(&v));
        assert_eq!(v.lifetime.status, CheckStatus::Pass, "{}", text(&v));
    }
    // Approved, and a LOW note: its worth is per value and per read.
    let mut f = finding(
        "shared_buffers.rs",
        Category::HeapAvoidable,
        "pub rows: Arc<Vec<u64>>",
    );
    shared_slice(&mut f);
    assert!(crate::coordinator::is_note(&f));
    f.proposal = "Arc<[u64]> // one block".into();
    f.category = Category::CacheHostile;
    assert!(
        !crate::coordinator::is_note(&f),
        "only the heap finding's swap"
    );
    f.category = Category::HeapAvoidable;
    f.proposal = "Arc<Vec<u64>>".into();
    assert!(!crate::coordinator::is_note(&f));
    // Grown in place through `Arc::make_mut`: the `Vec` is used as one.
    check_with(
        "shared_buffers_grown.rs",
        Category::HeapAvoidable,
        "pub lines: Arc<Vec<String>>",
        shared_slice,
        Verdict::Rejected,
        &["[rule: shared-buffer-changed]", "`append`", "make_mut"],
    );
    check_with(
        "shared_buffers.rs",
        Category::HeapAvoidable,
        "pub words: std::rc::Rc<Vec<String>>",
        shared_slice,
        Verdict::Rejected,
        &["[rule: test-code]"],
    );
}

#[test]
fn box_in_a_let_annotation_inside_a_hot_loop_is_approved() {
    check_with(
        "type_sites.rs",
        Category::HeapAvoidable,
        "let tmp: Box<[u8; 2]>",
        per_value,
        Verdict::Approved,
        &["`for` loop at line 30", "can live inline"],
    );
}

#[test]
fn vec_of_boxes_in_fields_and_variants_is_checked_for_cache_hostile() {
    // `Vec<Box<Node>>` inside `Node`: the `Vec` is the indirection, so
    // `Vec<Node>` is fine and the recursive-box rule must not fire.
    for needle in [
        "pub children: Vec<Box<Node>>",
        "pub leaves: Vec<Box<Leaf>>",
        "Many(Vec<Box<Leaf>>)",
    ] {
        let v = check_with(
            "type_sites.rs",
            Category::CacheHostile,
            needle,
            |f| {
                f.proposal = "Vec<Leaf>".into();
                f.impact.unit = "element stored".into();
            },
            Verdict::Approved,
            &["is its own heap allocation"],
        );
        assert_eq!(v.estimate_plausible.answer, Answer::Yes, "{}", text(&v));
    }
    check(
        "type_sites.rs",
        Category::CacheHostile,
        "pub plugins: Vec<Box<dyn Fn(u32) -> u32>>",
        Verdict::Rejected,
        &["[rule: box-dyn]"],
    );
}

// --- the Validator's own reasons -------------------------------------------

#[test]
fn a_mapping_closures_result_is_kept_by_the_consumer() {
    let v = check_with(
        "stored_values.rs",
        Category::AllocationLoop,
        ".map(|(i, b)| format!(",
        |f| {
            f.safety = Safety::NeedsReview;
            f.tradeoffs.cons = vec!["The value is stored.".into()];
        },
        Verdict::Rejected,
        &[
            "the result of the `.map(..)` closure",
            "one buffer cleared and rewritten per iteration cannot replace it",
            "[rule: value-escapes]",
        ],
    );
    assert_eq!(v.lifetime.status, CheckStatus::Unclear, "{}", text(&v));
    assert!(
        !text(&v).contains("analyst-unsure"),
        "the Validator's own reason replaces the Analyst's label: {}",
        text(&v)
    );
}

#[test]
fn analyst_doubt_alone_names_the_stated_risk_and_local_callers_are_no_api() {
    // Moving a drop point is proven only by the borrow checker: the
    // Analyst's doubt stays the question.
    check_with(
        "stored_values.rs",
        Category::LifetimeExtension,
        "let header = String::from(",
        |f| {
            f.safety = Safety::NeedsReview;
            f.proposal = "let header: &str = \"| \";".into();
            f.tradeoffs.cons =
                vec!["Callers that need a `String` must convert at the point of use.".into()];
        },
        Verdict::NeedsWork,
        &[
            "its stated risk: \"Callers that need",
            "[rule: analyst-unsure]",
        ],
    );
    let v = check_with(
        "stored_values.rs",
        Category::HeapAvoidable,
        "let header = String::from(",
        |f| {
            f.proposal = "let header: &str = \"| \";".into();
            f.tradeoffs.cons =
                vec!["Callers that need a `String` must convert at the point of use.".into()];
        },
        Verdict::Approved,
        &[],
    );
    assert!(!text(&v).contains("api-change"), "{}", text(&v));
}

// --- shapes seen in registry crates ----------------------------------------

#[test]
fn presizing_over_a_field_collection_finds_the_fields_type() {
    check_with(
        "registry_shapes.rs",
        Category::AllocationLoop,
        "let mut defs = vec![];",
        presize("let mut defs", "self.defs.len()"),
        Verdict::Approved,
        &["`self.defs` is a `HashMap<String, u32>`"],
    );
}

#[test]
fn allocation_loop_finding_is_judged_at_the_site_in_the_loop() {
    check(
        "registry_shapes.rs",
        Category::AllocationLoop,
        "errs.iter().map(|err| err.to_string())",
        Verdict::Rejected,
        &[
            "`err.to_string()`",
            "the result of the `.map(..)` closure",
            "[rule: value-escapes]",
        ],
    );
}

#[test]
fn arena_finding_on_a_recursive_type_is_located() {
    let mut f = finding(
        "registry_shapes.rs",
        Category::ArenaCandidate,
        "pub enum Tree",
    );
    f.line_end = f.line_start + 3;
    f.code = source("registry_shapes.rs")
        .lines()
        .skip(f.line_start as usize - 1)
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    let v = validate_in_source(&source("registry_shapes.rs"), &f, None);
    let t = text(&v);
    assert_eq!(v.verdict, Verdict::NeedsWork, "{t}");
    assert!(!t.contains("site-not-found"), "the enum is the site: {t}");
    assert!(
        !t.contains("recursive-box"),
        "an arena also breaks the recursion: {t}"
    );
    assert!(t.contains("[rule: unproven-lifetime]"), "{t}");
}

#[test]
fn a_documented_items_site_starts_at_its_name() {
    let mut f = finding(
        "registry_shapes.rs",
        Category::ArenaCandidate,
        "pub struct List",
    );
    f.line_end = f.line_start + 2;
    f.code = "pub struct List {".into();
    let v = validate_in_source(&source("registry_shapes.rs"), &f, None);
    assert!(
        !text(&v).contains("site-not-found"),
        "doc comments above the item do not hide it: {}",
        text(&v)
    );
}

/// A scope in which `file` is a P3 file of crate `worker`.
fn p3_scope(file: &str) -> Scope {
    Scope {
        workspace: fixtures().to_string_lossy().into_owned(),
        crates: vec![CrateScope {
            name: "worker".into(),
            path: ".".into(),
            priority: Priority::P3,
            score: 0,
            reasons: Vec::new(),
            files: vec![FileScope {
                path: file.into(),
                priority: Priority::P3,
                score: 0,
                reasons: Vec::new(),
                lines: 0,
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
fn a_measured_site_is_hot_whatever_its_file_priority() {
    let f = finding(
        "hot_loop.rs",
        Category::AllocationLoop,
        "let line = format!(",
    );
    let scope = p3_scope("hot_loop.rs");
    let root = fixtures();
    let plain = validate(&root, std::slice::from_ref(&f), Some(&scope));
    assert_eq!(
        plain[0].verdict,
        Verdict::NeedsWork,
        "by the heuristic a P3 loop is cold: {}",
        text(&plain[0])
    );
    let hot: std::collections::HashMap<String, u64> = [(f.fingerprint.clone(), 1_000)].into();
    let measured = validate_measured(&root, std::slice::from_ref(&f), Some(&scope), Some(&hot));
    assert_eq!(
        measured[0].verdict,
        Verdict::Approved,
        "1,000 measured allocations outrank the P3 heuristic: {}",
        text(&measured[0])
    );
    assert!(text(&measured[0]).contains("measured: 1000 allocations"));

    // With a profile in which the line allocated nothing, an approval says so.
    let none: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let cold = validate_measured(&root, std::slice::from_ref(&f), None, Some(&none));
    assert_eq!(cold[0].verdict, Verdict::Approved, "{}", text(&cold[0]));
    assert!(
        cold[0]
            .conditions
            .iter()
            .any(|c| c.starts_with("Not hot in this workload")),
        "{:?}",
        cold[0].conditions
    );
}

// --- branches and borrows that outlive a statement ---------------------------

#[test]
fn a_buffer_in_one_arm_of_a_dispatch_match_is_a_question() {
    check_with(
        "arms.rs",
        Category::AllocationLoop,
        "let mut names = vec![];",
        |f| {
            f.proposal =
                "let mut names = Vec::new(); // once, before the loop\n// in the loop body:\nnames.clear(); // keeps the capacity".into()
        },
        Verdict::NeedsWork,
        &["[rule: dispatch-arm]", "`Token::Open`"],
    );
}

#[test]
fn a_reused_buffer_for_one_arm_value_of_a_match_is_rejected() {
    check_with(
        "arms.rs",
        Category::AllocationLoop,
        "Token::Word(w) => format!(",
        |f| {
            f.proposal = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"\\\"{}\\\"\", w).unwrap();\n// use `&buf` where the formatted value was used".into()
        },
        Verdict::Rejected,
        &["[rule: arm-value]", "E0308"],
    );
}

#[test]
fn a_clone_lent_to_a_loop_that_mutates_its_source_is_rejected() {
    check_with(
        "arms.rs",
        Category::UnnecessaryClone,
        "for (name, body) in &self.macros[parent].clone() {",
        |f| {
            f.proposal =
                "// Lend the original instead of a fresh copy:\n&self.macros[parent]".into()
        },
        Verdict::Rejected,
        &["[rule: source-mutated-after-clone]", "self.macros"],
    );
    check_with(
        "arms.rs",
        Category::UnnecessaryClone,
        "for (name, _) in &self.macros[parent].clone() {",
        |f| {
            f.proposal =
                "// Lend the original instead of a fresh copy:\n&self.macros[parent]".into()
        },
        Verdict::NeedsWork,
        &[
            "`self.macros[..]` is neither mutated nor moved",
            "[rule: not-in-loop]",
        ],
    );
}

#[test]
fn a_reused_buffer_for_one_branch_value_of_an_if_is_rejected() {
    check_with(
        "arms.rs",
        Category::AllocationLoop,
        "format!(\"'{}'\", total)",
        |f| {
            f.proposal = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"'{}'\", total).unwrap();\n// use `&buf` where the formatted value was used".into()
        },
        Verdict::Rejected,
        &["[rule: arm-value]", "`if` branch", "E0308"],
    );
}
