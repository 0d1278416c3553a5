//! Snapshots of every rendered markdown document, plus the structural
//! properties the snapshots alone would not make obvious.

use memaudit_model::FindingState;
use memaudit_render::markdown::*;

use crate::fixture::{self, WORKSPACE};

fn round_findings(n: usize) -> Vec<memaudit_model::Finding> {
    fixture::export().rounds[n]
        .findings
        .iter()
        .filter(|r| r.state != FindingState::Fixed)
        .map(|r| r.finding.clone())
        .collect()
}

#[test]
fn analyst_md_snapshot() {
    let md = analyst_md("memory_audit_001", 1, &round_findings(0));
    insta::assert_snapshot!("analyst_round_1", md);
    let md = analyst_md("memory_audit_001", 2, &round_findings(1));
    insta::assert_snapshot!("analyst_round_2", md);
}

#[test]
fn validator_md_snapshot() {
    let export = fixture::export();
    for round in &export.rounds {
        let validations: Vec<_> = round
            .findings
            .iter()
            .filter(|r| r.state != FindingState::Fixed)
            .filter_map(|r| r.validation.clone())
            .collect();
        let md = validator_md("memory_audit_001", round.number, &validations);
        insta::assert_snapshot!(format!("validator_round_{}", round.number), md);
    }
}

#[test]
fn report_md_snapshot() {
    let export = fixture::export();
    for round in &export.rounds {
        let report = round.report.as_ref().expect("fixture rounds have reports");
        let md = report_md("memory_audit_001", report);
        insta::assert_snapshot!(format!("report_round_{}", round.number), md);
    }
}

#[test]
fn measured_report_md_snapshot() {
    insta::assert_snapshot!(
        "report_measured",
        report_md("memory_audit_001", &fixture::measured_report())
    );
}

#[test]
fn no_figure_without_a_basis_is_rendered_as_a_number() {
    // Round 2 states nothing: every figure is a dash with its reason.
    let report = fixture::export().rounds[1].report.clone().unwrap();
    let md = report_md("s", &report);
    for f in &report.summary.figures {
        let line = md
            .lines()
            .find(|l| {
                l.starts_with(match f.key.as_str() {
                    "memory_impact" => "- Estimated memory impact:",
                    _ => "- Estimated allocation reduction:",
                })
            })
            .unwrap_or_else(|| panic!("{} is shown", f.label));
        assert!(line.contains(": — ("), "unknown is a dash: {line}");
        assert!(
            !line.chars().any(|c| c.is_ascii_digit()),
            "no number: {line}"
        );
        assert!(md.contains(&f.basis), "its basis is written out");
    }
    // Estimated figures say so, and carry a numbered note.
    let md = report_md("s", fixture::export().rounds[0].report.as_ref().unwrap());
    assert!(md.contains("- Estimated allocation reduction: ~60% of the allocations flagged in hot code (estimate, not measured)²"));
    assert!(md.contains("² Not measured."));
    // A report stored before figures existed shows none as a number.
    let mut old = report.clone();
    old.summary.figures.clear();
    let md = report_md("s", &old);
    assert!(md.contains("- Headline figures: — (this report predates"));
}

#[test]
fn a_limited_report_cuts_long_lists_and_says_so() {
    let export = fixture::export();
    let report = export.rounds[0]
        .report
        .as_ref()
        .expect("fixture rounds have reports");
    let full = report_md("memory_audit_001", report);
    assert_eq!(
        report_md_limited("memory_audit_001", report, ReportLimits::ALL),
        full,
        "no limit is the full report"
    );
    let one = ReportLimits {
        per_crate: 1,
        per_list: 1,
    };
    let cut = report_md_limited("memory_audit_001", report, one);
    insta::assert_snapshot!("report_round_1_limited", cut);
    let longest = report
        .by_crate
        .iter()
        .map(|c| c.findings.len())
        .max()
        .unwrap_or(0);
    assert!(longest > 1, "the fixture has a crate with several findings");
    assert!(cut.contains(&format!("_First 1 of {longest} findings;")));
    assert!(cut.len() < full.len());
}

#[test]
fn status_md_snapshot() {
    insta::assert_snapshot!("status", status_md(&fixture::export().status));
}

#[test]
fn decisions_md_snapshot() {
    insta::assert_snapshot!("decisions", decisions_md(&fixture::export()));
}

#[test]
fn session_md_snapshot() {
    insta::assert_snapshot!("session", session_md(&fixture::export()));
}

#[test]
fn the_spec_formats_are_followed() {
    let export = fixture::export();
    let analyst = analyst_md("s", 1, &round_findings(0));
    for needle in [
        "## Finding: F-001\n\n**Category:** ALLOCATION_LOOP\n**Location:** `crates/casparian_worker/src/bridge.rs:234-256`\n**Confidence:** HIGH\n**Safety:** SAFE\n",
        "### Current Code\n```rust\nfor batch in arrow_batches {",
        "### Issue\n",
        "### Proposed Alternative\n```rust\n",
        "### Estimated Impact\n- Allocations avoided: ~2 per batch\n- Memory saved: ~4.0 KiB per batch\n- Applicable to: All parser executions\n",
        "### Trade-offs\n- Pro: Major reduction in allocator calls\n- Con: Requires modifying the Message API\n",
        "### Prerequisites\n- [ ] Requires: add the `bumpalo` dependency\n",
    ] {
        assert!(analyst.contains(needle), "analyst.md lacks {needle:?}");
    }

    let r1 = &export.rounds[0];
    let validations: Vec<_> = r1
        .findings
        .iter()
        .filter_map(|r| r.validation.clone())
        .collect();
    let validator = validator_md("s", 1, &validations);
    for needle in [
        "## Validation: F-001\n\n**Verdict:** APPROVED\n",
        "### Safety Analysis\n- Lifetime correctness: PASS - buffer lives for the entire loop\n- Thread safety: N/A - single-threaded processing\n- No undefined behavior: PASS - standard Rust patterns\n",
        "### Impact Verification\n- Estimate plausible: YES - ",
        "### Conditions for Approval\n- [x] Message API supports borrowed data (or can be modified)\n",
        "- **F-002-I1**: The clone may be needed when the schema is | replaced\n  - Risk: ",
        "### Counterexample (if rejecting)\nThe `Arc` clone is moved",
    ] {
        assert!(validator.contains(needle), "validator.md lacks {needle:?}");
    }

    let report = report_md("s", r1.report.as_ref().unwrap());
    for needle in [
        "## Memory Audit Report - Round 1\n",
        "### Executive Summary\n- Total findings: 4\n- Approved (ready to implement): 2\n- Needs work: 1\n- Rejected: 1\n",
        "- Estimated memory impact: ~1.5 MiB saved at peak (estimate, not measured)¹\n- Estimated allocation reduction: ~60% of the allocations flagged in hot code (estimate, not measured)²\n",
        "### Quick Wins (Implement First)\n| ID | Location | Category | Impact | Effort |\n|----|----------|----------|--------|--------|\n| F-001 | casparian_worker/bridge.rs | ALLOCATION_LOOP | High | Medium |\n",
        "1. **Buffer Reuse Pattern**: Found in 2 locations.\n",
        "#### casparian_worker (P0)\n- F-001: Each batch creates two allocations: one for IPC serialization, one for message wrapper. - APPROVED (new)\n",
        "### Deferred (Low ROI)\n- F-002: Needs a schema ownership decision first\n",
        "### Next Round Focus\n- casparian_scout file metadata storage\n",
        "### Termination Criteria\n- [x] All P0 crates analyzed - 1 of 1 P0 crates analyzed\n- [ ] No new HIGH-impact findings",
    ] {
        assert!(report.contains(needle), "report.md lacks {needle:?}");
    }
    let sections: Vec<&str> = report.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        sections,
        [
            "### Executive Summary",
            "### Quick Wins (Implement First)",
            "### Architectural Recommendations",
            "### Findings by Crate",
            "### Deferred (Low ROI)",
            "### Next Round Focus",
            "### Termination Criteria",
        ],
        "report.md has the spec's sections in the spec's order, then the criteria"
    );
}

#[test]
fn hostile_text_cannot_break_the_document() {
    let analyst = analyst_md("s", 2, &round_findings(1));
    // F-005's code contains a triple backtick: its fence must be longer.
    assert!(
        analyst.contains("````rust\nstruct Row {\n    id: u64,\n    note: String, // \"```\""),
        "code with backticks gets a longer fence:\n{analyst}"
    );
    // F-006's issue tries to open a fence and fake a finding heading.
    assert!(
        analyst.contains("The cache grows without bound.\n\\```\n\\## Finding: F-999\n\\---\n"),
        "untrusted text must not open fences or start headings:\n{analyst}"
    );
    let headings = analyst
        .lines()
        .filter(|l| l.starts_with("## Finding: "))
        .count();
    assert_eq!(headings, 5, "one heading per finding of round 2, no more");

    let report = report_md("s", fixture::export().rounds[1].report.as_ref().unwrap());
    assert!(
        report.contains(
            "| F-005 | casparian_worker/row \\| cache.rs | CACHE_HOSTILE | Medium | Low |"
        ),
        "pipes in table cells are escaped:\n{report}"
    );
}

#[test]
fn no_absolute_path_except_the_workspace_line() {
    let export = fixture::export();
    let session = session_md(&export);
    let hits: Vec<&str> = session.lines().filter(|l| l.contains(WORKSPACE)).collect();
    assert_eq!(
        hits,
        [format!("**Workspace:** `{WORKSPACE}`").as_str()],
        "the workspace path appears once, on its own line"
    );
    for doc in [decisions_md(&export), status_md(&export.status)] {
        assert!(!doc.contains(WORKSPACE), "no absolute path in:\n{doc}");
    }
}

#[test]
fn decisions_list_each_decision_once_under_its_round() {
    let md = decisions_md(&fixture::export());
    assert_eq!(
        md.matches("| F-002 |").count(),
        1,
        "a decision carried into round 2 is listed once:\n{md}"
    );
    assert!(
        md.contains("| F-002 | `crates/casparian_worker/src/executor.rs:88` | defer | after the schema refactor | 2026-01-14 | 2026-03-01 or round 3 |"),
        "defer shows its date and round:\n{md}"
    );
    assert!(md.contains("**Decision:** Continue\n**Note:** Look deeper at the scanner\n"));
    assert!(md.contains("- crate casparian_scout\n- category ARENA_CANDIDATE\n"));
    assert!(md.contains("**Undecided:** F-005, F-006"), "{md}");
    assert!(md.contains("## Round 2\n"), "{md}");
    assert!(md.contains("**Decision:** pending"), "{md}");
}
