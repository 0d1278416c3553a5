//! Small, fully populated model values for the store's tests: every field
//! set, so a column that is dropped on the way in or out shows up as a
//! difference. Test-only; must not be used by the store itself.

use memaudit_model::*;

pub(crate) fn scope(root: &str) -> Scope {
    let reason = Reason {
        signal: "dep:tokio".into(),
        file: "crates/worker/Cargo.toml".into(),
        line: Some(12),
        weight: 3,
        detail: "async runtime".into(),
    };
    Scope {
        workspace: root.into(),
        crates: vec![CrateScope {
            name: "worker".into(),
            path: "crates/worker".into(),
            priority: Priority::P0,
            score: 7,
            reasons: vec![reason.clone()],
            files: vec![FileScope {
                path: "crates/worker/src/lib.rs".into(),
                priority: Priority::P0,
                score: 5,
                reasons: vec![reason],
                lines: 420,
                in_module_tree: true,
                overridden: Some("force_priority crates/worker: P0".into()),
                functions: Vec::new(),
            }],
            error: None,
        }],
        excluded: vec![Excluded {
            path: "target/".into(),
            reason: "build output".into(),
        }],
        warnings: vec![Warning {
            file: Some("crates/broken/Cargo.toml".into()),
            line: Some(3),
            message: "expected `=`".into(),
        }],
        overrides: ScopeOverrides {
            include: vec!["crates/worker/".into()],
            exclude: vec!["tests/".into()],
            force_priority: vec![ForcedPriority {
                pattern: "crates/worker".into(),
                priority: Priority::P0,
            }],
            focus: Some(Focus::Clones),
            priority_filter: Some(PriorityFilter::P0P1),
        },
        effects: vec![OverrideEffect {
            kind: "exclude".into(),
            pattern: "tests/".into(),
            matched: vec!["tests/it.rs".into()],
            summary: "excluded 1 file".into(),
        }],
        focus: Focus::Clones,
        priority_filter: PriorityFilter::P0P1,
        scope_md: None,
    }
}

pub(crate) fn finding(n: u32, fingerprint: &str, file: &str) -> Finding {
    Finding {
        id: finding_id(n),
        fingerprint: fingerprint.into(),
        category: Category::UnnecessaryClone,
        file: file.into(),
        line_start: 10,
        line_end: 12,
        crate_name: "worker".into(),
        priority: Priority::P1,
        item_path: "worker::Bridge::flush".into(),
        confidence: Confidence::High,
        safety: Safety::NeedsReview,
        code: "let v = rows.clone();".into(),
        issue: "`rows` is cloned but never used again. The clone allocates per batch.".into(),
        proposal: "let v = rows;".into(),
        impact: Impact {
            allocations_avoided: Some(1),
            bytes_saved: Some(4096),
            unit: "batch".into(),
            applies_to: "every batch flushed".into(),
            level: Level::Medium,
        },
        tradeoffs: Tradeoffs {
            pros: vec!["one allocation less".into()],
            cons: vec!["moves `rows`".into()],
        },
        prerequisites: vec!["none".into()],
        source: FindingSource::Clippy,
        reach: None,
        edit: None,
    }
}

pub(crate) fn validation(f: &Finding, verdict: Verdict) -> Validation {
    let pass = |e: &str| Check {
        status: CheckStatus::Pass,
        evidence: e.into(),
    };
    let yes = |e: &str| Assessment {
        answer: Answer::Yes,
        evidence: e.into(),
    };
    Validation {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        verdict,
        lifetime: pass("no borrow outlives the batch"),
        thread_safety: Check {
            status: CheckStatus::NotApplicable,
            evidence: "single thread".into(),
        },
        no_undefined_behavior: pass("safe code only"),
        estimate_plausible: yes("one Vec per batch"),
        hot_path: Assessment {
            answer: Answer::NeedsMeasurement,
            evidence: "called per batch".into(),
        },
        complexity_justified: yes("one-line change"),
        issues: vec![ValidationIssue {
            id: format!("{}-I1", f.id),
            description: "caller may reuse rows".into(),
            risk: "compile error".into(),
            suggestion: "check callers".into(),
        }],
        conditions: vec!["rows unused afterwards".into()],
        counterexample: (verdict == Verdict::Rejected).then(|| "rows used at line 20".into()),
        score: Some(7),
        score_reason: Some("cheap, local change".into()),
        engine: "builtin".into(),
    }
}

pub(crate) fn report(round: u32) -> Report {
    Report {
        round,
        summary: Summary {
            total: 2,
            approved: 1,
            needs_work: 0,
            rejected: 1,
            new: 2,
            estimated_bytes_saved: Some(4096),
            estimated_allocations_avoided: Some(1),
            estimated_allocation_reduction_pct: Some(12.5),
            cold: 0,
            notes: 0,
            ..Summary::default()
        },
        quick_wins: vec![QuickWin {
            finding_id: "F-001".into(),
            location: "worker/src/a.rs".into(),
            category: Category::UnnecessaryClone,
            impact: Level::Medium,
            effort: Level::Low,
            score: 4.5,
            measured: false,
            at: String::new(),
            summary: String::new(),
            validation: String::new(),
            gain: String::new(),
            diff: None,
            proposal: String::new(),
        }],
        recommendations: vec![Recommendation {
            pattern: "clone before send".into(),
            category: Category::UnnecessaryClone,
            finding_ids: vec!["F-001".into(), "F-002".into()],
            locations: vec!["src/a.rs:10".into(), "src/b.rs:10".into()],
            unified_fix: "move instead of clone".into(),
        }],
        by_crate: vec![CrateFindings {
            crate_name: "worker".into(),
            priority: Priority::P1,
            findings: vec![CrateFindingLine {
                finding_id: "F-001".into(),
                summary: "`rows` is cloned".into(),
                verdict: Some(Verdict::Approved),
                state: FindingState::New,
            }],
        }],
        deferred: vec![Deferred {
            finding_id: "F-002".into(),
            reason: "low ROI".into(),
        }],
        next_focus: vec!["crate worker".into()],
        termination: vec![Criterion {
            name: "All P0 crates analyzed".into(),
            met: true,
            detail: "1 of 1".into(),
        }],
        verified: Vec::new(),
        synthesis: None,
    }
}

pub(crate) fn decision(f: &Finding, kind: DecisionKind, note: &str, round: u32) -> Decision {
    Decision {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        kind,
        note: note.into(),
        defer_until_date: (kind == DecisionKind::Defer).then(|| "2027-01-31".into()),
        defer_until_round: (kind == DecisionKind::Defer).then_some(4),
        round,
        decided_at: "2026-11-02T09:30:00.000Z".into(),
    }
}
