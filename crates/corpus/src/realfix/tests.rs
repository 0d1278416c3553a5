use std::collections::BTreeMap;
use std::path::Path;

use memaudit_model::{
    Category, Confidence, Finding, FindingSource, Impact, Priority, Safety, Tradeoffs,
};

use super::*;

const PARENT: &str = "0123456789abcdef0123456789abcdef01234567";
const FIX: &str = "89abcdef0123456789abcdef0123456789abcdef";

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(CASES_PATH)
}

fn case_text(id: &str, field: &str, value: &str) -> String {
    let mut fields: Vec<(&str, String)> = vec![
        ("id", format!("\"{id}\"")),
        ("repo", "\"owner/name\"".into()),
        ("parent", format!("\"{PARENT}\"")),
        ("fix", format!("\"{FIX}\"")),
        ("file", "\"crates/a/src/lib.rs\"".into()),
        ("lines", "[12, 10]".into()),
        ("category", "\"UNNECESSARY_CLONE\"".into()),
        ("summary", "\"borrows instead of cloning\"".into()),
        ("split", "\"tune\"".into()),
    ];
    match fields.iter_mut().find(|(k, _)| *k == field) {
        Some(slot) if value.is_empty() => {
            let k = slot.0;
            fields.retain(|(f, _)| *f != k);
        }
        Some(slot) => slot.1 = value.to_string(),
        None if !field.is_empty() => fields.push((field, value.to_string())),
        None => {}
    }
    let mut out = String::from("[[case]]\n");
    for (k, v) in fields {
        out.push_str(&format!("{k} = {v}\n"));
    }
    out
}

/// Parses a corpus of a good case followed by one with `field` set to
/// `value` (removed when `value` is empty) and checks that the error names
/// the given line and contains every `expected` fragment.
fn check_error(field: &str, value: &str, expected: &[&str]) {
    let text = format!(
        "# corpus\n{}\n{}",
        case_text("a-001", "", ""),
        case_text("a-002", field, value)
    );
    let err = parse(&text, Path::new("cases.toml"))
        .expect_err(&format!("`{field} = {value}` must be refused"))
        .to_string();
    for e in expected {
        assert!(
            err.contains(e),
            "the error for `{field} = {value}` must say `{e}` so the author can find it; got: {err}"
        );
    }
}

#[test]
fn a_good_case_parses_with_sorted_lines_and_its_line() {
    let text = format!("# corpus\n\n{}", case_text("a-001", "", ""));
    let cases = parse(&text, Path::new("cases.toml")).expect("a well-formed case parses");
    assert_eq!(cases.len(), 1);
    let c = &cases[0];
    assert_eq!(c.lines, vec![10, 12], "lines are sorted for scoring");
    assert_eq!(c.category, Category::UnnecessaryClone);
    assert_eq!(c.split, Split::Tune);
    assert_eq!(c.line, 4, "the case's line is where its id is");
}

#[test]
fn bad_cases_are_refused_with_line_and_field() {
    // The first case's id is on line 3; the second case's `[[case]]` is on
    // line 13 (a comment, 10 lines of the first case, a blank line), so its
    // fields are on lines 14 (id) to 22 (split).
    check_error("parent", "\"abc123\"", &["line 16", "parent", "40"]);
    check_error(
        "fix",
        &format!("\"{}\"", PARENT.to_uppercase()),
        &["line 17", "fix"],
    );
    check_error(
        "category",
        "\"CLONE\"",
        &["line 20", "category", "UNNECESSARY_CLONE"],
    );
    check_error("split", "\"train\"", &["line 22", "split", "holdout"]);
    check_error("lines", "[]", &["line 19", "lines", "at least one"]);
    check_error("lines", "[0, 4]", &["line 19", "1-based"]);
    check_error("file", "\"/abs/lib.rs\"", &["line 18", "file"]);
    check_error("file", "\"src/../lib.rs\"", &["line 18", "file"]);
    check_error("file", "\"src/lib.py\"", &["line 18", ".rs"]);
    check_error(
        "repo",
        "\"just-a-name\"",
        &["line 15", "repo", "owner/name"],
    );
    check_error("summary", "\"  \"", &["line 21", "summary", "non-empty"]);
    check_error("summary", "", &["summary"]);
    check_error("colour", "\"blue\"", &["colour"]);
    check_error(
        "id",
        "\"a-001\"",
        &["cases.toml:14", "a-001", "already used at line 3"],
    );
    check_error(
        "fix",
        &format!("\"{PARENT}\""),
        &["cases.toml:14", "parent must differ"],
    );
}

#[test]
fn broken_toml_names_its_line() {
    let err = parse("[[case]]\nid = \"a\nrepo = 1\n", Path::new("x.toml"))
        .expect_err("an unterminated string is refused")
        .to_string();
    assert!(err.starts_with("x.toml: "), "the file is named: {err}");
    assert!(err.contains("line 2"), "the line is named: {err}");
}

#[test]
fn file_in_package_strips_the_package_folder() {
    let text = case_text("a-001", "", "");
    let case = &parse(&text, Path::new("c.toml")).expect("parses")[0];
    assert_eq!(file_in_package(case, "crates/a"), "src/lib.rs");
    assert_eq!(file_in_package(case, ""), "crates/a/src/lib.rs");
}

fn finding(file: &str, category: Category, start: u32, end: u32) -> Finding {
    Finding {
        id: "F-001".to_owned(),
        fingerprint: String::new(),
        category,
        file: file.to_owned(),
        line_start: start,
        line_end: end,
        crate_name: "a".to_owned(),
        priority: Priority::P1,
        item_path: "f".to_owned(),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: String::new(),
        issue: format!("{} at {start}", category.as_str()),
        proposal: String::new(),
        impact: Impact::default(),
        tradeoffs: Tradeoffs::default(),
        prerequisites: Vec::new(),
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

/// Scores `findings` against a case on lines 10 and 12 of `src/lib.rs`
/// with category UNNECESSARY_CLONE.
fn check_score(findings: &[Finding], found: bool, category_found: bool, near: Option<(u32, u32)>) {
    let text = case_text("a-001", "", "");
    let case = &parse(&text, Path::new("c.toml")).expect("parses")[0];
    let o = score(case, "src/lib.rs", findings);
    assert_eq!(o.found, found, "found for {findings:?}");
    assert_eq!(
        o.category_found, category_found,
        "category found for {findings:?}"
    );
    assert_eq!(
        o.findings,
        findings.len(),
        "every finding of the package counts"
    );
    assert_eq!(
        o.nearest.map(|n| (n.line_start, n.distance)),
        near,
        "nearest for {findings:?}"
    );
}

#[test]
fn a_finding_counts_when_it_covers_a_changed_line_of_the_same_file() {
    use Category::*;
    check_score(&[], false, false, None);
    // Same lines, another file: not found.
    check_score(
        &[finding("src/other.rs", UnnecessaryClone, 10, 10)],
        false,
        false,
        None,
    );
    // Line 11 lies between the case's lines but was not changed.
    check_score(
        &[finding("src/lib.rs", UnnecessaryClone, 11, 11)],
        false,
        false,
        Some((11, 1)),
    );
    // A span that contains a changed line counts.
    check_score(
        &[finding("src/lib.rs", UnnecessaryClone, 5, 10)],
        true,
        true,
        Some((5, 0)),
    );
    check_score(
        &[finding("src/lib.rs", UnnecessaryClone, 12, 30)],
        true,
        true,
        Some((12, 0)),
    );
    // Found, wrong category.
    check_score(
        &[finding("src/lib.rs", AllocationLoop, 12, 12)],
        true,
        false,
        Some((12, 0)),
    );
    // The right category on the lines is the nearest shown.
    check_score(
        &[
            finding("src/lib.rs", AllocationLoop, 10, 10),
            finding("src/lib.rs", UnnecessaryClone, 12, 12),
            finding("src/lib.rs", UnnecessaryClone, 40, 41),
        ],
        true,
        true,
        Some((12, 0)),
    );
    // Below the lines, the distance is to the last one.
    check_score(
        &[finding("src/lib.rs", HeapAvoidable, 20, 22)],
        false,
        false,
        Some((20, 8)),
    );
}

#[test]
fn the_table_sums_per_split_and_category() {
    let text = format!(
        "{}\n{}\n{}",
        case_text("a", "", ""),
        case_text("b", "split", "\"holdout\""),
        case_text("c", "category", "\"ALLOCATION_LOOP\"")
    );
    let cases = parse(&text, Path::new("c.toml")).expect("parses");
    let mut table = Table::default();
    let hit = Outcome {
        found: true,
        category_found: false,
        findings: 4,
        in_file: 1,
        nearest: None,
    };
    let miss = Outcome {
        found: false,
        category_found: false,
        findings: 2,
        in_file: 0,
        nearest: None,
    };
    table.add(&cases[0], &hit);
    table.add(&cases[1], &miss);
    table.add(&cases[2], &miss);
    let tune = table.total(Split::Tune);
    assert_eq!((tune.cases, tune.found, tune.findings), (2, 1, 6));
    assert!((tune.recall() - 0.5).abs() < 1e-9);
    assert!((tune.findings_per_case() - 3.0).abs() < 1e-9);
    assert_eq!(table.total(Split::Holdout).cases, 1);
    let rendered = table.render(Split::Tune);
    assert!(
        rendered.contains("UNNECESSARY_CLONE") && rendered.contains("ALLOCATION_LOOP"),
        "each category of the split has a row:\n{rendered}"
    );
    assert!(
        !table.render(Split::Holdout).contains("ALLOCATION_LOOP"),
        "a category without cases in the split has no row"
    );
}

/// The committed corpus is what the benchmark measures: it must parse and
/// be big and balanced enough for its figures to mean something.
#[test]
fn the_committed_corpus_is_well_formed_and_balanced() {
    let path = corpus_path();
    let cases = load(&path).unwrap_or_else(|e| panic!("{e}"));
    let problems = balance_problems(&cases);
    assert!(
        problems.is_empty(),
        "{} is not fit to measure with:\n{}",
        path.display(),
        problems.join("\n")
    );
    // A fifth of the cases is held out over projects too, so the holdout
    // figure is not one project's habits.
    let mut repos: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for c in &cases {
        let e = repos.entry(c.repo.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(c.split == Split::Holdout);
    }
    let holdout_repos = repos.values().filter(|(_, h)| *h > 0).count();
    assert!(
        holdout_repos * 2 >= repos.len(),
        "holdout cases come from only {holdout_repos} of {} projects: {repos:?}",
        repos.len()
    );
    for (repo, (n, _)) in &repos {
        assert!(
            *n <= 16,
            "{repo} has {n} cases: at most about 15 per project, so the corpus is not one project's habits"
        );
    }
    // A fix that touches several files has one case per file: those cases
    // agree on the parent and never point at the same file twice.
    let mut by_fix: BTreeMap<(&str, &str), Vec<&Case>> = BTreeMap::new();
    for c in &cases {
        by_fix.entry((&c.repo, &c.fix)).or_default().push(c);
    }
    for group in by_fix.values() {
        let first = group[0];
        for c in &group[1..] {
            assert_eq!(
                c.parent, first.parent,
                "{} and {}: one fix, one parent",
                first.id, c.id
            );
            assert!(
                group.iter().filter(|o| o.file == c.file).count() == 1,
                "{}: one case per file of a fix",
                c.id
            );
        }
    }
}

#[test]
fn a_small_or_lopsided_corpus_is_not_fit_to_measure_with() {
    let text = format!(
        "{}\n{}",
        case_text("a", "", ""),
        case_text("b", "split", "\"holdout\"")
    );
    let cases = parse(&text, Path::new("c.toml")).expect("parses");
    let problems = balance_problems(&cases).join("\n");
    for expected in [
        "2 cases, at least 100",
        "HEAP_AVOIDABLE: 0 cases",
        "UNNECESSARY_CLONE: 1 of 2 cases are holdout",
        "1 of 2 cases are holdout (50%)",
    ] {
        assert!(
            problems.contains(expected),
            "the balance check must report `{expected}`:\n{problems}"
        );
    }
}
