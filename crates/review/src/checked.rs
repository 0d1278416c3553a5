//! How the compiler's verdict on a finding's edit changes the Validator's.
//!
//! The Validator judges a proposal by reading the code; the checker applies
//! the proposal's edit in a scratch copy and compiles it. The compiler has
//! the last word where they meet:
//!
//! | compiler says | verdict becomes | why |
//! |---|---|---|
//! | a borrow-check error (E0597, E0505, E0382, E0502, E0499, E0506, E0521, E0716, E0373, E0507, E0515, a closure that cannot return a captured borrow) | REJECTED, the error as counterexample | the copy or allocation is what owns the data: the premise that it is unnecessary is false |
//! | any error, when the Validator already found that the value escapes (`value-escapes`) | REJECTED | the compiler confirms the escape |
//! | any other error (E0308 mismatched types, …) | NEEDS_WORK (never APPROVED), the error as an issue | the proposal is not a valid change as written; its idea may still hold |
//! | compiles, but tests fail that passed without the edit | NEEDS_WORK | the change alters behaviour |
//! | compiles (and the tests pass) | unchanged, with the result as evidence; an open `unproven-lifetime` issue is closed (the borrow checker proved it) and APPROVED follows when no other issue remains | |
//! | not checked | unchanged | |
//!
//! Pure: this module reads nothing and must NOT run the compiler; it
//! combines a [`Validation`] with a [`FixCheck`] made for the same finding
//! and edit.

use memaudit_model::{
    CheckStatus, CompileError, Finding, FixCheck, FixStatus, Validation, ValidationIssue, Verdict,
};

/// Error codes whose presence shows the value needs its own storage: the
/// borrow checker refused to let the copy (or per-iteration allocation) go.
pub const PREMISE_FALSE: &[&str] = &[
    "E0597", "E0505", "E0382", "E0502", "E0499", "E0506", "E0521", "E0716", "E0373", "E0507",
    "E0515",
];

/// Borrow-check errors rustc reports without a code.
const PREMISE_FALSE_MESSAGES: &[&str] = &[
    "captured variable cannot escape",
    "borrowed data escapes",
    "lifetime may not live long enough",
    "returns a value referencing data owned by the current function",
];

/// Validator rules that ask for exactly what a passing check shows.
const ANSWERED_BY_COMPILER: &[&str] = &["unproven-lifetime"];

/// Whether the error shows the value needs its own storage.
pub fn shows_premise_false(e: &CompileError) -> bool {
    e.code
        .as_deref()
        .is_some_and(|c| PREMISE_FALSE.contains(&c))
        || (e.code.is_none() && PREMISE_FALSE_MESSAGES.iter().any(|m| e.message.contains(m)))
}

/// What each premise-false code means for a memory proposal.
fn why(e: &CompileError) -> &'static str {
    match e.code.as_deref() {
        Some("E0597") | Some("E0716") => {
            "the value it borrows does not live long enough: the original code's copy or per-iteration allocation is what keeps the data alive"
        }
        Some("E0505") | Some("E0382") | Some("E0507") => {
            "the value is moved (or used after a move) while the proposal still needs it: the copy is what allows both uses"
        }
        Some("E0502") | Some("E0499") | Some("E0506") => {
            "the source is changed while the proposed borrow is alive: the copy is what lets it change"
        }
        Some("E0521") | Some("E0373") => {
            "the borrow would escape into a closure or thread that may outlive it: it needs an owned value"
        }
        Some("E0515") => "the borrow would be returned past the data it points to",
        _ => "the borrowed value escapes where a borrow cannot follow it",
    }
}

fn rule_of(issue: &ValidationIssue) -> Option<&str> {
    let start = issue.description.rfind("[rule: ")? + "[rule: ".len();
    let end = issue.description[start..].find(']')? + start;
    Some(&issue.description[start..end])
}

fn next_issue_id(v: &Validation, finding: &Finding) -> String {
    format!("{}-I{}", finding.id, v.issues.len() + 1)
}

/// Applies `check` (made for `finding`'s current edit) to `v`. See the
/// module's table.
pub fn apply_check(v: &mut Validation, finding: &Finding, check: &FixCheck) {
    match check.status {
        FixStatus::NotChecked => {}
        FixStatus::Fails => failed(v, finding, check),
        FixStatus::Compiles => match &check.tests {
            Some(t) if !t.pass() && t.error.is_none() => {
                let issue = ValidationIssue {
                    id: next_issue_id(v, finding),
                    description: format!(
                        "The edit compiles but {} test(s) that passed without it fail with it: {}. [rule: tests-fail-with-edit]",
                        t.failed.len(),
                        t.failed.join(", ")
                    ),
                    risk: "The change alters behaviour the tests pin down.".to_owned(),
                    suggestion: "Find out what the failing tests rely on; keep the original code if they are right.".to_owned(),
                };
                v.issues.push(issue);
                v.conditions
                    .push("The package's tests pass with the change applied.".to_owned());
                if v.verdict == Verdict::Approved {
                    v.verdict = Verdict::NeedsWork;
                }
            }
            _ => compiled(v, check),
        },
    }
}

fn failed(v: &mut Validation, finding: &Finding, check: &FixCheck) {
    let first = check.errors.first();
    let headline = first.map_or_else(|| "the build failed".to_owned(), CompileError::headline);
    let premise = check.errors.iter().find(|e| shows_premise_false(e));
    let escapes = v.issues.iter().any(|i| rule_of(i) == Some("value-escapes"));
    if v.verdict == Verdict::Rejected {
        // Already rejected: the compiler's error is one more piece of
        // evidence.
        let issue = ValidationIssue {
            id: next_issue_id(v, finding),
            description: format!("The compiler agrees: the edit does not compile ({headline}). [rule: edit-does-not-compile]"),
            risk: "None: the finding is rejected.".to_owned(),
            suggestion: "Keep the code as it is.".to_owned(),
        };
        v.issues.push(issue);
        return;
    }
    if let Some(e) = premise.or(first.filter(|_| escapes)) {
        let reason = if shows_premise_false(e) {
            why(e)
        } else {
            "the value leaves the place the proposal assumes it stays (the Validator found it escapes), and the compiler refuses the edit"
        };
        v.verdict = Verdict::Rejected;
        v.counterexample = Some(format!(
            "Applying the proposed edit (\"{}\") does not compile: {}. {}: {reason}.",
            check.edit.summary,
            e.headline(),
            capitalised("the premise is false")
        ));
        if shows_premise_false(e) {
            v.lifetime.status = CheckStatus::Fail;
            v.lifetime.evidence = format!("the borrow checker refuses the edit: {}", e.headline());
        }
        v.issues.insert(
            0,
            ValidationIssue {
                id: String::new(),
                description: format!("The edit does not compile: {}. [rule: edit-premise-false]", e.headline()),
                risk: "Applying the proposal breaks the build; the original code is needed as written.".to_owned(),
                suggestion: "Keep the code as it is.".to_owned(),
            },
        );
        v.conditions.clear();
    } else {
        v.verdict = Verdict::NeedsWork;
        v.issues.insert(
            0,
            ValidationIssue {
                id: String::new(),
                description: format!(
                    "The edit does not compile: {headline}{}. [rule: edit-does-not-compile]",
                    if check.errors.len() > 1 {
                        format!(" (and {} more error(s))", check.errors.len() - 1)
                    } else {
                        String::new()
                    }
                ),
                risk: "The proposal is not a valid change as written.".to_owned(),
                suggestion:
                    "Rework the change until `cargo check` accepts it, or reject the finding."
                        .to_owned(),
            },
        );
        v.conditions.insert(
            0,
            "The proposed change compiles (`cargo check`).".to_owned(),
        );
    }
    renumber(v, finding);
}

fn compiled(v: &mut Validation, check: &FixCheck) {
    let evidence = format!("{} ({})", check.summary(), check.command);
    if v.verdict == Verdict::Rejected {
        v.lifetime.evidence = format!("{}; {evidence}", v.lifetime.evidence);
        return;
    }
    v.lifetime.status = CheckStatus::Pass;
    v.lifetime.evidence = format!("proven by the compiler: {evidence}");
    let before = v.issues.len();
    v.issues
        .retain(|i| !rule_of(i).is_some_and(|r| ANSWERED_BY_COMPILER.contains(&r)));
    if v.issues.len() != before {
        v.conditions
            .retain(|c| !c.contains("run `cargo check` and the tests"));
        if v.issues.is_empty() && v.verdict == Verdict::NeedsWork {
            v.verdict = Verdict::Approved;
        }
    }
    v.conditions.insert(0, format!("Checked: {evidence}."));
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn renumber(v: &mut Validation, finding: &Finding) {
    for (n, issue) in v.issues.iter_mut().enumerate() {
        issue.id = format!("{}-I{}", finding.id, n + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use memaudit_model::{Answer, Assessment, Check, Edit, TestOutcome};

    fn validation(verdict: Verdict, rules: &[&str]) -> Validation {
        let check = |s| Check {
            status: s,
            evidence: "read from the code".into(),
        };
        let assess = Assessment {
            answer: Answer::Yes,
            evidence: String::new(),
        };
        Validation {
            finding_id: "F-001".into(),
            fingerprint: "fp".into(),
            verdict,
            lifetime: check(CheckStatus::Unclear),
            thread_safety: check(CheckStatus::Pass),
            no_undefined_behavior: check(CheckStatus::Pass),
            estimate_plausible: assess.clone(),
            hot_path: assess.clone(),
            complexity_justified: assess,
            issues: rules
                .iter()
                .enumerate()
                .map(|(i, r)| ValidationIssue {
                    id: format!("F-001-I{}", i + 1),
                    description: format!("Something. [rule: {r}]"),
                    risk: String::new(),
                    suggestion: String::new(),
                })
                .collect(),
            conditions: vec![
                "Apply the change on a branch and run `cargo check` and the tests.".into(),
            ],
            counterexample: None,
            score: None,
            score_reason: None,
            engine: "builtin".into(),
        }
    }

    fn fix(status: FixStatus, code: Option<&str>, message: &str) -> FixCheck {
        FixCheck {
            finding_id: "F-001".into(),
            fingerprint: "fp".into(),
            edit_hash: "h".into(),
            edit: Edit {
                summary: "hoist `words` out of the loop".into(),
                hunks: Vec::new(),
            },
            status,
            errors: code
                .map(|c| CompileError {
                    code: Some(c.to_owned()).filter(|c| !c.is_empty()),
                    message: message.into(),
                    file: "src/lib.rs".into(),
                    line: 12,
                    original_line: Some(11),
                    rendered: String::new(),
                })
                .into_iter()
                .collect(),
            tests: None,
            note: None,
            command: "cargo check --all-targets -p demo".into(),
            files: Vec::new(),
            duration_ms: 900,
            batched_with: 0,
        }
    }

    fn finding() -> Finding {
        crate::example_finding()
    }

    /// Applies `check` to a validation of `verdict` with issues of `rules`
    /// and compares the verdict and the first issue's rule.
    fn check(
        verdict: Verdict,
        rules: &[&str],
        fc: FixCheck,
        want: Verdict,
        first_rule: Option<&str>,
    ) {
        let mut v = validation(verdict, rules);
        apply_check(&mut v, &finding(), &fc);
        assert_eq!(v.verdict, want, "{v:#?}");
        assert_eq!(v.issues.first().and_then(rule_of), first_rule, "{v:#?}");
        if want == Verdict::Rejected && verdict != Verdict::Rejected {
            assert!(v
                .counterexample
                .as_deref()
                .is_some_and(|c| c.contains("does not compile")));
        }
        for (n, i) in v.issues.iter().enumerate() {
            assert_eq!(i.id, format!("F-001-I{}", n + 1), "issue ids stay in order");
        }
    }

    #[test]
    fn borrow_check_errors_reject_the_premise() {
        for code in ["E0597", "E0505", "E0382", "E0502", "E0521"] {
            check(
                Verdict::Approved,
                &[],
                fix(FixStatus::Fails, Some(code), "does not live long enough"),
                Verdict::Rejected,
                Some("edit-premise-false"),
            );
        }
        check(
            Verdict::NeedsWork,
            &["cold-file"],
            fix(
                FixStatus::Fails,
                Some(""),
                "captured variable cannot escape `FnMut` closure body",
            ),
            Verdict::Rejected,
            Some("edit-premise-false"),
        );
    }

    #[test]
    fn other_errors_need_work_and_never_approve() {
        check(
            Verdict::Approved,
            &[],
            fix(FixStatus::Fails, Some("E0308"), "mismatched types"),
            Verdict::NeedsWork,
            Some("edit-does-not-compile"),
        );
        // A type error where the Validator saw the value escape: confirmed.
        check(
            Verdict::NeedsWork,
            &["value-escapes"],
            fix(
                FixStatus::Fails,
                Some("E0277"),
                "a value of type `Vec<String>` cannot be built",
            ),
            Verdict::Rejected,
            Some("edit-premise-false"),
        );
        check(
            Verdict::Rejected,
            &["cold-path"],
            fix(FixStatus::Fails, Some("E0308"), "mismatched types"),
            Verdict::Rejected,
            Some("cold-path"),
        );
    }

    #[test]
    fn a_compiled_edit_is_evidence_and_answers_the_lifetime_question() {
        let mut v = validation(Verdict::NeedsWork, &["unproven-lifetime"]);
        let mut fc = fix(FixStatus::Compiles, None, "");
        fc.tests = Some(TestOutcome {
            packages: vec!["demo".into()],
            passed: 212,
            ..TestOutcome::default()
        });
        apply_check(&mut v, &finding(), &fc);
        assert_eq!(
            v.verdict,
            Verdict::Approved,
            "the borrow checker proved the lifetime: {v:#?}"
        );
        assert_eq!(v.lifetime.status, CheckStatus::Pass);
        assert!(
            v.conditions[0].contains("212 test(s) of demo pass"),
            "{:?}",
            v.conditions
        );
        assert_eq!(
            v.conditions.len(),
            1,
            "the `run cargo check` condition is met: {:?}",
            v.conditions
        );

        check(
            Verdict::NeedsWork,
            &["cold-file"],
            fix(FixStatus::Compiles, None, ""),
            Verdict::NeedsWork,
            Some("cold-file"),
        );
        let mut broken = fix(FixStatus::Compiles, None, "");
        broken.tests = Some(TestOutcome {
            packages: vec!["demo".into()],
            passed: 3,
            failed: vec!["tests::doubles".into()],
            ..TestOutcome::default()
        });
        check(
            Verdict::Approved,
            &[],
            broken,
            Verdict::NeedsWork,
            Some("tests-fail-with-edit"),
        );
        check(
            Verdict::Approved,
            &[],
            fix(FixStatus::NotChecked, None, ""),
            Verdict::Approved,
            None,
        );
    }
}
