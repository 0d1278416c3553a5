//! Test support for the rule families' tests: a finding on the line of a
//! small source that holds a needle, as the Analyst would report it, with a
//! proposal, an issue and a reach to choose, and one `check` that validates
//! it and asserts the verdict and what the validation says.
//!
//! It must NOT hold expectations of its own: each family's tests say what
//! they expect.

use memaudit_model::*;

use super::validate_in_source;

/// A finding to validate: the line of `src` holding `needle`.
#[derive(Clone)]
pub(super) struct Given {
    src: String,
    finding: Finding,
}

impl Given {
    pub(super) fn new(src: &str, category: Category, needle: &str) -> Given {
        let hits: Vec<(usize, &str)> = src
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .collect();
        assert_eq!(hits.len(), 1, "`{needle}` must be on exactly one line");
        let (idx, code) = hits[0];
        let line = u32::try_from(idx + 1).expect("small source");
        Given {
            src: src.to_owned(),
            finding: Finding {
                id: "F-001".into(),
                fingerprint: format!("fp-{line}"),
                category,
                file: "src/lib.rs".into(),
                line_start: line,
                line_end: line,
                crate_name: "demo".into(),
                priority: Priority::P0,
                item_path: "demo::f".into(),
                confidence: Confidence::High,
                safety: Safety::Safe,
                code: code.trim().into(),
                issue: "`format!()` allocates on each iteration of the loop that takes this path."
                    .into(),
                proposal: "let mut buf = String::new(); // once, before the loop\nbuf.clear();"
                    .into(),
                impact: Impact {
                    allocations_avoided: Some(1),
                    bytes_saved: None,
                    unit: "iteration".into(),
                    applies_to: "every item".into(),
                    level: Level::Medium,
                },
                tradeoffs: Tradeoffs::default(),
                prerequisites: Vec::new(),
                source: FindingSource::Builtin,
                reach: None,
                edit: None,
            },
        }
    }

    pub(super) fn proposal(mut self, p: &str) -> Given {
        self.finding.proposal = p.to_owned();
        self
    }

    pub(super) fn issue(mut self, i: &str) -> Given {
        self.finding.issue = i.to_owned();
        self
    }

    pub(super) fn reach(mut self, r: Reach) -> Given {
        self.finding.reach = Some(r);
        self
    }

    /// Called per item: a loop up the chain (deeper than any loop here).
    pub(super) fn hot(self) -> Given {
        self.reach(Reach {
            heat: Heat::Hot,
            cold: None,
            loop_depth: 9,
            reasons: vec!["called per line from `run` (src/main.rs:3)".into()],
            process_per_pass: None,
            growth: None,
        })
    }
}

/// Everything a validation says, for substring assertions.
pub(super) fn said(v: &Validation) -> String {
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
    for c in &v.conditions {
        t.push_str(&format!("condition: {c}\n"));
    }
    t
}

/// Validates `given` without asserting the verdict: for tests that only
/// say which rule must not fire.
pub(super) fn validate(given: &Given) -> Validation {
    validate_in_source(&given.src, &given.finding, None)
}

/// Validates `given` and asserts the verdict and that the validation says
/// each of `says` (an empty string says nothing).
pub(super) fn check(given: &Given, want: Verdict, says: &[&str]) -> Validation {
    check_measured(given, None, want, says)
}

/// Like [`check`], with the allocations a heap profile measured at the
/// finding's lines.
pub(super) fn check_measured(
    given: &Given,
    measured: Option<u64>,
    want: Verdict,
    says: &[&str],
) -> Validation {
    let v = match measured {
        None => validate_in_source(&given.src, &given.finding, None),
        Some(n) => {
            let facts = super::gather(&given.src, &given.finding.file).expect("the source parses");
            let lines: Vec<&str> = given.src.lines().collect();
            super::judge(&lines, &facts, &given.finding, None, Some(n))
        }
    };
    let t = said(&v);
    assert_eq!(
        v.verdict, want,
        "`{}` should be {want}; got {}:\n{t}",
        given.finding.code, v.verdict
    );
    for s in says.iter().filter(|s| !s.is_empty()) {
        assert!(
            t.contains(s),
            "`{}`: expected {s:?} in:\n{t}",
            given.finding.code
        );
    }
    if v.verdict == Verdict::Rejected {
        assert!(
            v.counterexample.as_deref().is_some_and(|c| c.len() > 40),
            "a rejection carries a concrete counterexample: {t}"
        );
    }
    if v.verdict == Verdict::NeedsWork {
        assert_eq!(
            v.issues.len(),
            1,
            "NEEDS_WORK asks exactly one question: {t}"
        );
    }
    v
}
