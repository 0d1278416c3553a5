//! Coordinator tests: counts, ranking, grouping, deferral, focus, termination
//! and determinism, over hand-built records; one insta JSON snapshot of a
//! full report.

use memaudit_model::*;

use super::*;

struct F {
    id: &'static str,
    category: Category,
    crate_name: &'static str,
    file: &'static str,
    code: &'static str,
    level: Level,
    allocs: Option<u64>,
    bytes: Option<u64>,
    verdict: Option<Verdict>,
    hot: bool,
    proposal: &'static str,
    prerequisites: &'static [&'static str],
    safety: Safety,
}

const BASE: F = F {
    id: "F-001",
    category: Category::AllocationLoop,
    crate_name: "worker",
    file: "crates/worker/src/bridge.rs",
    code: "let line = format!(\"{}\", row);",
    level: Level::High,
    allocs: Some(2),
    bytes: None,
    verdict: Some(Verdict::Approved),
    hot: true,
    proposal: "buf.clear();",
    prerequisites: &[],
    safety: Safety::Safe,
};

fn record(f: F) -> FindingRecord {
    let n: u32 = f.id[2..].parse().expect("F-NNN id");
    let finding = Finding {
        id: f.id.into(),
        fingerprint: format!("fp-{}", f.id),
        category: f.category,
        file: f.file.into(),
        line_start: 10 + n,
        line_end: 10 + n,
        crate_name: f.crate_name.into(),
        priority: Priority::P0,
        item_path: "worker::f".into(),
        confidence: Confidence::High,
        safety: f.safety,
        code: f.code.into(),
        issue: format!(
            "{} in a hot loop. More detail follows.",
            f.category.description()
        ),
        proposal: f.proposal.into(),
        impact: Impact {
            allocations_avoided: f.allocs,
            bytes_saved: f.bytes,
            unit: "iteration".into(),
            applies_to: "every row".into(),
            level: f.level,
        },
        tradeoffs: Tradeoffs::default(),
        prerequisites: f.prerequisites.iter().map(|p| p.to_string()).collect(),
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    };
    let validation = f.verdict.map(|verdict| Validation {
        finding_id: f.id.into(),
        fingerprint: format!("fp-{}", f.id),
        verdict,
        lifetime: Check {
            status: CheckStatus::Pass,
            evidence: "local".into(),
        },
        thread_safety: Check {
            status: CheckStatus::NotApplicable,
            evidence: "single".into(),
        },
        no_undefined_behavior: Check {
            status: CheckStatus::Pass,
            evidence: "safe".into(),
        },
        estimate_plausible: Assessment {
            answer: Answer::Yes,
            evidence: "1".into(),
        },
        hot_path: Assessment {
            answer: if f.hot { Answer::Yes } else { Answer::Maybe },
            evidence: "loop".into(),
        },
        complexity_justified: Assessment {
            answer: Answer::Yes,
            evidence: "small".into(),
        },
        issues: if verdict == Verdict::NeedsWork {
            vec![ValidationIssue {
                id: format!("{}-I1", f.id),
                description: "The site is not inside a loop.".into(),
                risk: "r".into(),
                suggestion: "s".into(),
            }]
        } else {
            Vec::new()
        },
        conditions: Vec::new(),
        counterexample: (verdict == Verdict::Rejected).then(|| "needed".into()),
        score: None,
        score_reason: None,
        engine: "builtin".into(),
    });
    FindingRecord {
        finding,
        state: FindingState::New,
        validation,
        decision: None,
        evidence: None,
    }
}

fn decision(id: &str, kind: DecisionKind, note: &str) -> Decision {
    Decision {
        finding_id: id.into(),
        fingerprint: format!("fp-{id}"),
        kind,
        note: note.into(),
        defer_until_date: None,
        defer_until_round: None,
        round: 1,
        decided_at: "2026-01-14T10:00:00Z".into(),
    }
}

fn input<'a>(records: &'a [FindingRecord], scope: Option<&'a Scope>) -> CoordinatorInput<'a> {
    CoordinatorInput {
        session: "memory_audit_001",
        round: 1,
        records,
        scope,
        earlier_rounds: &[],
        focus: &[],
        measured: None,
        verified: &[],
        profile: None,
    }
}

fn crate_scope(name: &str, priority: Priority, files: usize) -> CrateScope {
    CrateScope {
        name: name.into(),
        path: format!("crates/{name}"),
        priority,
        score: 5,
        reasons: Vec::new(),
        files: (0..files)
            .map(|i| FileScope {
                path: format!("crates/{name}/src/f{i}.rs"),
                priority,
                score: 5,
                reasons: Vec::new(),
                lines: 100,
                in_module_tree: true,
                overridden: None,
                functions: Vec::new(),
            })
            .collect(),
        error: None,
    }
}

/// The mixed round used by several tests and the snapshot.
fn round_one() -> Vec<FindingRecord> {
    vec![
        record(F {
            id: "F-001",
            bytes: Some(4096),
            ..BASE
        }),
        record(F {
            id: "F-002",
            file: "crates/worker/src/executor.rs",
            allocs: Some(1),
            ..BASE
        }),
        record(F {
            id: "F-003",
            file: "crates/worker/src/validation.rs",
            level: Level::Medium,
            ..BASE
        }),
        record(F {
            id: "F-004",
            category: Category::UnnecessaryClone,
            code: "let name = row.name.clone();",
            crate_name: "scout",
            file: "crates/scout/src/scan.rs",
            level: Level::Medium,
            allocs: Some(1),
            ..BASE
        }),
        record(F {
            id: "F-005",
            verdict: Some(Verdict::NeedsWork),
            code: "let v = Vec::new();",
            allocs: Some(3),
            ..BASE
        }),
        record(F {
            id: "F-006",
            verdict: Some(Verdict::Rejected),
            category: Category::UnnecessaryClone,
            code: "let shared = shared.clone();",
            ..BASE
        }),
        record(F {
            id: "F-007",
            level: Level::Low,
            code: "let s = x.to_string();",
            allocs: Some(1),
            ..BASE
        }),
        record(F {
            id: "F-008",
            category: Category::HeapAvoidable,
            code: "pub magic: Box<[u8; 4]>",
            crate_name: "scout",
            file: "crates/scout/src/header.rs",
            proposal:
                "pub magic: SmallVec<[u8; 4]>,\n// one\n// two\na\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk",
            prerequisites: &[
                "add the `smallvec` dependency",
                "change the public API of Header",
            ],
            allocs: Some(1),
            hot: false,
            ..BASE
        }),
    ]
}

fn check_counts(records: &[FindingRecord], expected: (u32, u32, u32, u32, u32)) {
    let s = coordinate(&input(records, None)).summary;
    assert_eq!(
        (s.total, s.approved, s.needs_work, s.rejected, s.new),
        expected,
        "(total, approved, needs_work, rejected, new)"
    );
}

#[test]
fn counts_follow_the_verdicts() {
    check_counts(&round_one(), (8, 6, 1, 1, 8));
    check_counts(&[], (0, 0, 0, 0, 0));
    let mut unvalidated = round_one();
    unvalidated[0].validation = None;
    check_counts(&unvalidated, (8, 5, 1, 1, 8));
}

#[test]
fn savings_sum_actionable_findings_and_the_percentage_is_over_hot_findings() {
    let mut records = round_one();
    records[1].decision = Some(decision("F-002", DecisionKind::RejectWontFix, "not now"));
    let s = coordinate(&input(&records, None)).summary;
    // Actionable: F-001 (2, 4096 B), F-003 (2), F-004 (1), F-007 (1), F-008 (1).
    assert_eq!(
        s.estimated_allocations_avoided,
        Some(7),
        "F-002 is rejected by the user"
    );
    assert_eq!(s.estimated_bytes_saved, Some(4096));
    // Hot, not rejected: F-001 2, F-003 2, F-004 1, F-005 3, F-007 1 = 9;
    // actionable among them: 6 → 66.7 %.
    assert_eq!(s.estimated_allocation_reduction_pct, Some(66.7));
    let none = coordinate(&input(&records[7..], None)).summary;
    assert_eq!(
        none.estimated_allocation_reduction_pct, None,
        "no hot finding, no estimate"
    );
    assert_eq!(
        none.estimated_bytes_saved, None,
        "nothing stated is null, not 0"
    );
    assert_eq!(none.figures[1].value, None);
    assert!(s
        .figures
        .iter()
        .all(|f| f.kind == memaudit_model::Basis::Estimated));
    assert_eq!(s.figures[1].key, "allocation_reduction");
    assert_eq!(s.figures[1].value.as_deref(), Some("~67%"));
}

#[test]
fn a_profile_measures_the_headline_figures_and_the_quick_wins_gains() {
    let records = round_one();
    let measured: std::collections::HashMap<String, u64> =
        [(records[0].finding.fingerprint.clone(), 4_000)].into();
    let profile = ProfileEvidence {
        workload: memaudit_model::Workload {
            profile_id: 7,
            command: "cargo test -p worker --test load".into(),
            measured_at: "2026-11-30T10:00:00Z".into(),
        },
        run: memaudit_model::RunFigures {
            allocations: 80_000,
            bytes: 1 << 24,
            peak_live_bytes: Some(1 << 22),
        },
        sites: [(
            records[0].finding.fingerprint.clone(),
            memaudit_model::SiteFigures {
                allocations: 4_000,
                bytes: 256_000,
                max_live_bytes: Some(64_000),
            },
        )]
        .into(),
        at_peak: [(records[0].finding.fingerprint.clone(), 32_000)].into(),
    };
    let mut i = input(&records, None);
    i.measured = Some(&measured);
    i.profile = Some(&profile);
    let report = coordinate(&i);
    let m = report
        .summary
        .measured
        .as_ref()
        .expect("a profile measures");
    assert_eq!((m.findings, m.allocations), (1, 4_000));
    assert_eq!(m.allocation_share_pct, Some(5.0));
    assert_eq!(m.at_peak_bytes, Some(32_000));
    let f = &report.summary.figures;
    assert!(f.iter().all(|f| f.kind == memaudit_model::Basis::Measured));
    assert_eq!(f[1].value.as_deref(), Some("5.0%"));
    assert!(f[1].basis.contains("`cargo test -p worker --test load`"));
    assert_eq!(f[0].value.as_deref(), Some("31.2 KiB"));
    let win = &report.quick_wins[0];
    assert_eq!(win.finding_id, records[0].finding.id);
    assert!(
        win.gain
            .starts_with("4,000 allocations (250.0 KiB) at its lines, measured in `cargo test"),
        "{}",
        win.gain
    );
    assert!(win.validation.starts_with("APPROVED"), "{}", win.validation);
    assert_eq!(win.at, records[0].finding.location());
}

#[test]
fn without_a_profile_the_quick_wins_gain_is_a_labelled_estimate() {
    let report = coordinate(&input(&round_one(), None));
    assert!(report.summary.measured.is_none());
    for w in &report.quick_wins {
        assert!(
            w.gain.ends_with("(estimate, not measured)") || w.gain.starts_with("— not estimated"),
            "{}: {}",
            w.finding_id,
            w.gain
        );
        assert!(!w.validation.is_empty() && !w.at.is_empty());
        assert!(w.diff.is_some() || !w.proposal.is_empty());
    }
}

fn check_ranking(records: &[FindingRecord], expected: &[&str]) {
    let wins = coordinate(&input(records, None)).quick_wins;
    let ids: Vec<&str> = wins.iter().map(|w| w.finding_id.as_str()).collect();
    assert_eq!(ids, expected, "quick wins in rank order");
}

#[test]
fn quick_wins_rank_by_impact_safety_and_effort() {
    // F-001/F-002 High×Safe÷Low = 9; F-003/F-004 Medium = 6; F-008 has High
    // effort (long proposal, two prerequisites, API change) = 3; F-007 is LOW
    // impact (deferred); F-005/F-006 are not approved.
    check_ranking(&round_one(), &["F-001", "F-002", "F-003", "F-004", "F-008"]);
    let wins = coordinate(&input(&round_one(), None)).quick_wins;
    assert_eq!(
        wins[0].location, "worker/bridge.rs",
        "short location as in the spec"
    );
    assert_eq!(wins[4].effort, Level::High);
    assert_eq!(wins[4].score, 3.0);
}

#[test]
fn quick_wins_skip_what_the_user_rejected_or_deferred_and_keep_ten() {
    let mut records = round_one();
    records[0].decision = Some(decision("F-001", DecisionKind::RejectFalsePositive, "fp"));
    records[1].decision = Some(decision("F-002", DecisionKind::Defer, "later"));
    check_ranking(&records, &["F-003", "F-004", "F-008"]);

    let many: Vec<FindingRecord> = (1..=14)
        .map(|n| {
            let id: &'static str = Box::leak(format!("F-{n:03}").into_boxed_str());
            record(F { id, ..BASE })
        })
        .collect();
    let wins = coordinate(&input(&many, None)).quick_wins;
    assert_eq!(wins.len(), 10, "top ten only");
    assert_eq!(wins[9].finding_id, "F-010", "ties break by id");
}

#[test]
fn unsafe_or_needs_review_findings_rank_lower() {
    let records = vec![
        record(F {
            id: "F-001",
            safety: Safety::NeedsReview,
            ..BASE
        }),
        record(F {
            id: "F-002",
            ..BASE
        }),
    ];
    check_ranking(&records, &["F-002", "F-001"]);
}

#[test]
fn three_format_in_loop_findings_make_one_recommendation() {
    let records = round_one();
    let recs = coordinate(&input(&records, None)).recommendations;
    assert_eq!(
        recs.len(),
        1,
        "only the format! pattern reaches three places: {recs:#?}"
    );
    let r = &recs[0];
    assert_eq!(r.finding_ids, vec!["F-001", "F-002", "F-003"]);
    assert!(
        r.pattern.starts_with("`format!` in a loop"),
        "{}",
        r.pattern
    );
    assert!(r.unified_fix.contains("BufferPool"), "{}", r.unified_fix);
    assert_eq!(
        r.locations,
        vec![
            "crates/worker/src/bridge.rs:11",
            "crates/worker/src/executor.rs:12",
            "crates/worker/src/validation.rs:13",
        ]
    );
}

#[test]
fn rejected_findings_do_not_form_patterns() {
    let records: Vec<_> = ["F-001", "F-002", "F-003"]
        .into_iter()
        .map(|id| {
            record(F {
                id,
                verdict: Some(Verdict::Rejected),
                ..BASE
            })
        })
        .collect();
    assert!(coordinate(&input(&records, None))
        .recommendations
        .is_empty());
    let vecs: Vec<_> = ["F-001", "F-002", "F-003"]
        .into_iter()
        .map(|id| {
            record(F {
                id,
                code: "let mut v = Vec::with_capacity(8);",
                verdict: Some(Verdict::NeedsWork),
                ..BASE
            })
        })
        .collect();
    let recs = coordinate(&input(&vecs, None)).recommendations;
    assert_eq!(recs.len(), 1);
    assert!(recs[0]
        .pattern
        .starts_with("per-iteration `Vec` allocation"));
}

#[test]
fn findings_by_crate_follow_scope_priority() {
    let scope = Scope {
        crates: vec![
            crate_scope("scout", Priority::P0, 1),
            crate_scope("worker", Priority::P1, 1),
        ],
        ..Scope::default()
    };
    let by_crate = coordinate(&input(&round_one(), Some(&scope))).by_crate;
    let names: Vec<_> = by_crate
        .iter()
        .map(|c| (c.crate_name.as_str(), c.priority))
        .collect();
    assert_eq!(
        names,
        vec![("scout", Priority::P0), ("worker", Priority::P1)]
    );
    assert_eq!(by_crate[0].findings[0].finding_id, "F-004");
    assert_eq!(
        by_crate[0].findings[0].summary,
        "Clone where borrow would suffice in a hot loop."
    );
    assert_eq!(by_crate[1].findings.len(), 6);
}

#[test]
fn deferred_lists_low_impact_needs_work_and_user_deferrals_with_reasons() {
    let mut records = round_one();
    let mut d = decision("F-002", DecisionKind::Defer, "after the 2.0 release");
    d.defer_until_round = Some(3);
    records[1].decision = Some(d);
    let deferred = coordinate(&input(&records, None)).deferred;
    let got: Vec<(&str, &str)> = deferred
        .iter()
        .map(|d| (d.finding_id.as_str(), d.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "F-002",
                "deferred by the user until round 3: after the 2.0 release"
            ),
            ("F-005", "NEEDS_WORK: The site is not inside a loop."),
            ("F-007", "LOW impact (per iteration)"),
        ]
    );
}

#[test]
fn next_focus_names_requests_unanalysed_crates_and_rework() {
    let mut scope = Scope {
        crates: vec![
            crate_scope("worker", Priority::P0, 2),
            crate_scope("scout", Priority::P1, 1),
            crate_scope("cli", Priority::P3, 1),
        ],
        ..Scope::default()
    };
    scope.priority_filter = PriorityFilter::P0;
    let records = round_one();
    let focus = [
        FocusRequest::Crate("scout".into()),
        FocusRequest::Category(Category::ArenaCandidate),
    ];
    let mut inp = input(&records, Some(&scope));
    inp.focus = &focus;
    let next = coordinate(&inp).next_focus;
    assert_eq!(
        next,
        vec![
            "User request: look deeper at category ARENA_CANDIDATE",
            "User request: look deeper at crate scout",
            "Analyse crate `scout` (P1): outside the priority filter `p0`",
            "Rework 1 NEEDS_WORK finding(s) in ALLOCATION_LOOP: F-005",
        ]
    );
}

#[test]
fn a_low_note_keeps_its_question_but_awaits_no_rework() {
    let mut records = round_one();
    let r = records
        .iter_mut()
        .find(|r| r.finding.id == "F-005")
        .expect("F-005 awaits rework in round one");
    r.finding.proposal = "// Once `items` is complete:\nitems.shrink_to_fit();".into();
    assert!(is_note(&r.finding));
    let inp = input(&records, None);
    assert!(
        !coordinate(&inp)
            .next_focus
            .iter()
            .any(|l| l.starts_with("Rework")),
        "a note is not rework"
    );
    let rework = criteria(&inp)
        .into_iter()
        .find(|(n, _)| n == "No findings awaiting rework")
        .expect("the criterion");
    assert!(rework.1, "a note does not hold the session open");
}

fn criteria(inp: &CoordinatorInput) -> Vec<(String, bool)> {
    termination(inp)
        .into_iter()
        .map(|c| (c.name, c.met))
        .collect()
}

fn check_termination(inp: &CoordinatorInput, expected: [bool; 5]) {
    let got = criteria(inp);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "All P0 crates analysed",
            "No new HIGH-impact findings in the last round",
            "No findings awaiting rework",
            "Actionable report generated",
            "User satisfied with coverage",
        ]
    );
    let met: Vec<bool> = got.iter().map(|(_, m)| *m).collect();
    assert_eq!(met, expected, "{:#?}", termination(inp));
}

#[test]
fn termination_criteria_are_evaluated() {
    let scope = Scope {
        crates: vec![crate_scope("worker", Priority::P0, 2)],
        ..Scope::default()
    };
    let records = round_one();
    // Round 1: new HIGH findings, F-005 awaits rework, approvals exist.
    check_termination(
        &input(&records, Some(&scope)),
        [true, false, false, true, false],
    );
    // Without a scope, P0 coverage is unknown.
    check_termination(&input(&records, None), [false, false, false, true, false]);
    // A P0 crate with an unreadable manifest is not analysed.
    let mut broken = scope.clone();
    broken.crates[0].error = Some("bad TOML".into());
    let t = termination(&input(&records, Some(&broken)));
    assert!(!t[0].met && t[0].detail.contains("bad TOML"), "{:?}", t[0]);

    // Round 2: the same findings persist, F-005 is deferred, the user terminates.
    let earlier = [RoundRecord {
        number: 1,
        status: RoundStatus::Decided,
        started_at: "2026-01-14T09:00:00Z".into(),
        finished_at: None,
        error: None,
        findings: records.clone(),
        report: None,
        role_runs: Vec::new(),
        decision: Some(RoundDecision::Terminate {
            note: "enough".into(),
        }),
        focus: Vec::new(),
    }];
    let mut round2 = records.clone();
    for r in &mut round2 {
        r.state = FindingState::Persisting;
    }
    round2[4].decision = Some(decision("F-005", DecisionKind::Defer, "needs a profile"));
    let mut inp = input(&round2, Some(&scope));
    inp.round = 2;
    inp.earlier_rounds = &earlier;
    check_termination(&inp, [true, true, true, true, true]);
    assert_eq!(coordinate(&inp).summary.new, 0, "nothing is new in round 2");
}

#[test]
fn report_without_approvals_is_actionable_only_when_all_decided() {
    let mut records = vec![record(F {
        verdict: Some(Verdict::NeedsWork),
        ..BASE
    })];
    check_termination(&input(&records, None), [false, false, false, false, false]);
    records[0].decision = Some(decision("F-001", DecisionKind::Defer, ""));
    check_termination(&input(&records, None), [false, false, true, true, false]);
}

#[test]
fn status_counts_the_latest_round_and_carries_decisions() {
    let mut r1 = round_one();
    r1[5].decision = Some(decision("F-006", DecisionKind::RejectFalsePositive, "Arc"));
    r1[0].decision = Some(decision("F-001", DecisionKind::Implement, ""));
    let mut r2 = round_one();
    r2[0].state = FindingState::Fixed;
    r2[1].state = FindingState::Stale;
    for r in &mut r2[2..] {
        r.state = FindingState::Persisting;
    }
    r2[2].decision = Some(decision("F-003", DecisionKind::Defer, ""));
    let round = |number, findings, status| RoundRecord {
        number,
        status,
        started_at: String::new(),
        finished_at: None,
        error: None,
        findings,
        report: None,
        role_runs: Vec::new(),
        decision: None,
        focus: Vec::new(),
    };
    let rounds = vec![
        round(1, r1, RoundStatus::Decided),
        round(2, r2, RoundStatus::AwaitingDecision),
    ];
    let s = status("memory_audit_001", &rounds);
    assert_eq!(
        (
            s.rounds,
            s.current_round,
            s.round_status.as_str(),
            s.total_findings
        ),
        (2, 2, "awaiting_decision", 8)
    );
    assert_eq!((s.approved, s.needs_work, s.rejected), (6, 1, 1));
    assert_eq!((s.new, s.persisting, s.fixed, s.stale), (0, 6, 1, 1));
    assert_eq!(
        (
            s.decided_implement,
            s.decided_defer,
            s.decided_reject,
            s.undecided
        ),
        (1, 1, 1, 5),
        "F-001 implement and F-006 reject carry over from round 1"
    );
    assert_eq!(status("memory_audit_002", &[]).rounds, 0);
}

#[test]
fn effort_grows_with_proposal_prerequisites_and_api_changes() {
    let check = |proposal: &str, prereqs: &[&str], expected: Level| {
        let mut f = record(BASE).finding;
        f.proposal = proposal.into();
        f.prerequisites = prereqs.iter().map(|p| p.to_string()).collect();
        assert_eq!(effort(&f), expected, "{proposal:?} with {prereqs:?}");
    };
    check("buf.clear();", &[], Level::Low);
    check(
        "buf.clear();",
        &["add the `smallvec` dependency"],
        Level::Low,
    );
    check(
        "a\nb\nc\nd\ne",
        &["add the `smallvec` dependency"],
        Level::Medium,
    );
    check(
        "buf.clear();",
        &["change the signature of `send`"],
        Level::Medium,
    );
    check(
        "a\nb\nc\nd\ne",
        &["one", "change the public API"],
        Level::High,
    );
    check("```rust\n// comment\n\nbuf.clear();\n```", &[], Level::Low);
}

#[test]
fn report_is_deterministic_whatever_the_record_order() {
    let records = round_one();
    let mut reversed = records.clone();
    reversed.reverse();
    let a = coordinate(&input(&records, None));
    let b = coordinate(&input(&reversed, None));
    assert_eq!(a, b, "the report does not depend on record order");
}

#[test]
fn full_report_snapshot() {
    let scope = Scope {
        crates: vec![
            crate_scope("worker", Priority::P0, 3),
            crate_scope("scout", Priority::P1, 2),
        ],
        ..Scope::default()
    };
    let records = round_one();
    let focus = [FocusRequest::File("crates/scout/src/scan.rs".into())];
    let mut inp = input(&records, Some(&scope));
    inp.focus = &focus;
    insta::assert_json_snapshot!("full_report", coordinate(&inp));
}

#[test]
fn measured_allocations_rank_quick_wins_once_a_profile_exists() {
    // With a profile: F-004 (estimated Medium) measured 5,000 allocations
    // outranks everything; F-001 measured 150 drops to Medium; F-002, F-003
    // and F-008 allocated nothing in the workload and are no quick wins.
    let records = round_one();
    let measured: std::collections::HashMap<String, u64> =
        [("fp-F-004".to_owned(), 5_000), ("fp-F-001".to_owned(), 150)]
            .into_iter()
            .collect();
    let mut i = input(&records, None);
    i.measured = Some(&measured);
    let wins = coordinate(&i).quick_wins;
    let ids: Vec<&str> = wins.iter().map(|w| w.finding_id.as_str()).collect();
    assert_eq!(
        ids,
        ["F-004", "F-001"],
        "measured impact decides the ranking"
    );
    assert!(wins.iter().all(|w| w.measured), "measured ranks say so");
    assert_eq!(wins[0].impact, Level::High);
    assert_eq!(wins[1].impact, Level::Medium);
}

#[test]
fn a_cut_validation_sentence_never_leaves_code_open() {
    let long = format!(
        "per iteration of the `for` loop {} in `fn f`; called",
        "x".repeat(150)
    );
    let cut = first_sentence(&long);
    assert_eq!(cut.matches('`').count() % 2, 0, "{cut}");
    assert!(cut.ends_with('…'), "{cut}");
    assert_eq!(first_sentence("Runs per row. Then more."), "Runs per row.");
}
