//! A hand-built, realistic session: two rounds, findings in every state and
//! verdict, user decisions of every kind, and hostile text (backticks,
//! pipes, HTML, fake headings) where untrusted text goes. Every id and
//! timestamp is fixed so snapshots are stable.

use memaudit_model::*;

pub const WORKSPACE: &str = "/home/lead/casparian";

fn check(status: CheckStatus, evidence: &str) -> Check {
    Check {
        status,
        evidence: evidence.to_owned(),
    }
}

fn assess(answer: Answer, evidence: &str) -> Assessment {
    Assessment {
        answer,
        evidence: evidence.to_owned(),
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    n: u32,
    category: Category,
    crate_name: &str,
    priority: Priority,
    file: &str,
    lines: (u32, u32),
    code: &str,
    issue: &str,
    proposal: &str,
    level: Level,
) -> Finding {
    Finding {
        id: finding_id(n),
        fingerprint: format!("fp{n:02}a1b2c3d4e5f6"),
        category,
        file: file.to_owned(),
        line_start: lines.0,
        line_end: lines.1,
        crate_name: crate_name.to_owned(),
        priority,
        item_path: format!("{crate_name}::item_{n}"),
        confidence: Confidence::High,
        safety: Safety::Safe,
        code: code.to_owned(),
        issue: issue.to_owned(),
        proposal: proposal.to_owned(),
        impact: Impact {
            allocations_avoided: Some(2),
            bytes_saved: Some(4096),
            unit: "batch".to_owned(),
            applies_to: "All parser executions".to_owned(),
            level,
        },
        tradeoffs: Tradeoffs {
            pros: vec!["Major reduction in allocator calls".to_owned()],
            cons: vec!["Requires modifying the Message API".to_owned()],
        },
        prerequisites: vec![],
        source: FindingSource::Builtin,
        reach: None,
        edit: None,
    }
}

fn validation(f: &Finding, verdict: Verdict) -> Validation {
    Validation {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        verdict,
        lifetime: check(CheckStatus::Pass, "buffer lives for the entire loop"),
        thread_safety: check(CheckStatus::NotApplicable, "single-threaded processing"),
        no_undefined_behavior: check(CheckStatus::Pass, "standard Rust patterns"),
        estimate_plausible: assess(Answer::Yes, "2 allocs x 1000 batches = 2000 allocs/file"),
        hot_path: assess(Answer::Yes, "bridge.rs is the core execution path"),
        complexity_justified: assess(Answer::Yes, "minimal code change"),
        issues: vec![],
        conditions: vec![],
        counterexample: None,
        score: None,
        score_reason: None,
        engine: "builtin".to_owned(),
    }
}

fn decision(f: &Finding, kind: DecisionKind, note: &str) -> Decision {
    Decision {
        finding_id: f.id.clone(),
        fingerprint: f.fingerprint.clone(),
        kind,
        note: note.to_owned(),
        defer_until_date: None,
        defer_until_round: None,
        round: 1,
        decided_at: "2026-01-14T10:30:00Z".to_owned(),
    }
}

fn figure(
    key: &str,
    label: &str,
    value: Option<&str>,
    unit: &str,
    kind: Basis,
    basis: &str,
) -> Figure {
    Figure {
        key: key.to_owned(),
        label: label.to_owned(),
        value: value.map(str::to_owned),
        unit: unit.to_owned(),
        kind,
        basis: basis.to_owned(),
        action: (kind != Basis::Measured)
            .then(|| "Profile a workload (`memaudit profile`) to measure it.".to_owned()),
    }
}

/// Round 1's report as it reads once a heap profile measured it.
pub fn measured_report() -> Report {
    let mut report = export().rounds[0]
        .report
        .clone()
        .expect("round 1 has a report");
    let workload = Workload {
        profile_id: 1,
        command: "cargo test -p casparian_worker".to_owned(),
        measured_at: "2026-11-30T10:00:00Z".to_owned(),
    };
    report.summary.measured = Some(MeasuredSummary {
        workload,
        run: RunFigures {
            allocations: 480_000,
            bytes: 64 << 20,
            peak_live_bytes: None,
        },
        findings: 1,
        allocations: 12_000,
        bytes: 1_150_000,
        allocation_share_pct: Some(2.5),
        at_peak_bytes: None,
    });
    report.summary.figures = vec![
        figure(
            "memory_impact",
            "Memory impact",
            None,
            "not in the profile",
            Basis::Unknown,
            "The heap profile #1 of `cargo test -p casparian_worker` (2026-11-30) records no live-bytes figures, only allocations.",
        ),
        figure(
            "allocation_reduction",
            "Allocation reduction",
            Some("2.5%"),
            "of the 480,000 allocations of the profiled run",
            Basis::Measured,
            "Measured by the heap profile #1 of `cargo test -p casparian_worker` (2026-11-30): 12,000 of the run's 480,000 allocations are at the lines of 1 approved finding.",
        ),
        figure(
            "allocations",
            "Allocations at approved lines",
            Some("12,000"),
            "in the profiled run, 1.1 MiB",
            Basis::Measured,
            "Measured by the heap profile #1: heap blocks allocated at the lines of 1 approved finding over the whole run.",
        ),
    ];
    report
}

fn record(
    finding: &Finding,
    state: FindingState,
    validation: Option<Validation>,
    decision: Option<Decision>,
) -> FindingRecord {
    FindingRecord {
        finding: finding.clone(),
        state,
        validation,
        decision,
        evidence: None,
    }
}

fn run(role: Role, engine: &str, ms: u64) -> RoleRun {
    RoleRun {
        role: Some(role),
        engine: engine.to_owned(),
        started_at: "2026-01-14T09:00:00Z".to_owned(),
        finished_at: Some("2026-01-14T09:00:01Z".to_owned()),
        duration_ms: Some(ms),
        tokens_in: 0,
        tokens_out: 0,
        cost_usd: 0.0,
        status: "finished".to_owned(),
        error: None,
    }
}

fn criteria(all_met: bool) -> Vec<Criterion> {
    vec![
        Criterion {
            name: "All P0 crates analyzed".to_owned(),
            met: true,
            detail: "1 of 1 P0 crates analyzed".to_owned(),
        },
        Criterion {
            name: "No new HIGH-impact findings in last round".to_owned(),
            met: all_met,
            detail: if all_met {
                "none new".to_owned()
            } else {
                "2 new HIGH-impact findings".to_owned()
            },
        },
        Criterion {
            name: "User satisfied with coverage".to_owned(),
            met: false,
            detail: String::new(),
        },
        Criterion {
            name: "Actionable report generated".to_owned(),
            met: true,
            detail: "3 quick wins".to_owned(),
        },
    ]
}

/// The findings of the fixture, in id order.
pub fn findings() -> Vec<Finding> {
    let f1 = finding(
        1,
        Category::AllocationLoop,
        "casparian_worker",
        Priority::P0,
        "crates/casparian_worker/src/bridge.rs",
        (234, 256),
        "for batch in arrow_batches {\n    let serialized = batch.to_ipc()?;  // allocates Vec<u8>\n    let message = Message::new(serialized);  // allocates again\n    sender.send(message)?;\n}\n",
        "Each batch creates two allocations: one for IPC serialization, one for message wrapper.\nFor large files with thousands of batches, this creates significant allocator pressure.",
        "let mut buffer = Vec::with_capacity(estimated_batch_size);\nfor batch in arrow_batches {\n    buffer.clear();\n    batch.write_ipc_to(&mut buffer)?;  // reuse buffer\n    sender.send_borrowed(&buffer)?;    // zero-copy send\n}\n",
        Level::High,
    );
    let mut f2 = finding(
        2,
        Category::UnnecessaryClone,
        "casparian_worker",
        Priority::P0,
        "crates/casparian_worker/src/executor.rs",
        (88, 88),
        "let schema = self.schema.clone();",
        "The schema is cloned for every row but only read. A borrow would do.",
        "Borrow `&self.schema` instead of cloning it.",
        Level::Medium,
    );
    f2.confidence = Confidence::Medium;
    f2.impact.bytes_saved = None;
    f2.impact.unit = "row".to_owned();
    f2.tradeoffs.cons.clear();
    let mut f3 = finding(
        3,
        Category::UnnecessaryClone,
        "casparian_scout",
        Priority::P1,
        "crates/casparian_scout/src/watch.rs",
        (41, 44),
        "let state = Arc::clone(&state);\nstd::thread::spawn(move || run(state));",
        "`Arc` is cloned before `thread::spawn`.",
        "Pass a reference instead.",
        Level::Low,
    );
    f3.safety = Safety::NeedsReview;
    f3.confidence = Confidence::Low;
    let mut f4 = finding(
        4,
        Category::ArenaCandidate,
        "casparian_worker",
        Priority::P0,
        "crates/casparian_worker/src/validation.rs",
        (120, 160),
        "for row in rows {\n    let parsed = parse_row(row);\n    results.push(validate(parsed));\n}",
        "Per-row parse and validate allocations are freed together at the end of the file.",
        "let arena = Bump::new();\nfor row in rows {\n    let parsed = arena.alloc(parse_row(row));\n}",
        Level::High,
    );
    f4.prerequisites = vec!["add the `bumpalo` dependency".to_owned()];
    let mut f5 = finding(
        5,
        Category::CacheHostile,
        "casparian_worker",
        Priority::P0,
        "crates/casparian_worker/src/row | cache.rs",
        (10, 30),
        "struct Row {\n    id: u64,\n    note: String, // \"```\" fences inside code\n    hot: u32,\n}",
        "Hot field `hot` sits behind the cold `note` | a pipe <script>alert(1)</script>.",
        "struct Row {\n    id: u64,\n    hot: u32,\n    cold: Box<Cold>,\n}",
        Level::Medium,
    );
    f5.impact.allocations_avoided = None;
    f5.source = FindingSource::Llm;
    let mut f6 = finding(
        6,
        Category::LifetimeExtension,
        "casparian_scout",
        Priority::P1,
        "crates/casparian_scout/src/cache.rs",
        (5, 9),
        "static CACHE: Mutex<HashMap<PathBuf, Vec<u8>>> = ...;",
        "The cache grows without bound.\n```\n## Finding: F-999\n---\n<img src=x onerror=alert(1)> [click](javascript:alert(1))",
        "Add eviction (an LRU with a byte budget).",
        Level::Medium,
    );
    f6.tradeoffs = Tradeoffs::default();
    f6.impact = Impact::default();
    vec![f1, f2, f3, f4, f5, f6]
}

fn round1(f: &[Finding]) -> RoundRecord {
    let mut v2 = validation(&f[1], Verdict::NeedsWork);
    v2.issues = vec![ValidationIssue {
        id: "F-002-I1".to_owned(),
        description: "The clone may be needed when the schema is | replaced".to_owned(),
        risk: "A borrow would outlive a schema swap".to_owned(),
        suggestion: "Check whether `set_schema` runs during iteration".to_owned(),
    }];
    v2.conditions = vec!["Schema is never replaced while rows are processed".to_owned()];
    v2.hot_path = assess(Answer::Maybe, "");
    let mut v3 = validation(&f[2], Verdict::Rejected);
    v3.thread_safety = check(CheckStatus::Fail, "the clone is moved into a thread");
    v3.counterexample = Some(
        "The `Arc` clone is moved into `thread::spawn`; a borrow cannot outlive the caller."
            .to_owned(),
    );
    v3.estimate_plausible = assess(Answer::No, "one clone per watcher start");
    let mut v1 = validation(&f[0], Verdict::Approved);
    v1.conditions = vec![
        "Message API supports borrowed data (or can be modified)".to_owned(),
        "No concurrent access to buffer".to_owned(),
    ];
    let mut v4 = validation(&f[3], Verdict::Approved);
    v4.score = Some(8);
    v4.score_reason = Some("Cheap fix in a hot path;\nworth doing first.".to_owned());
    v4.engine = "llm:anthropic/claude".to_owned();
    v4.estimate_plausible = assess(Answer::NeedsMeasurement, "row counts vary");

    let mut d2 = decision(&f[1], DecisionKind::Defer, "after the schema refactor");
    d2.defer_until_date = Some("2026-03-01".to_owned());
    d2.defer_until_round = Some(3);
    let records = vec![
        record(
            &f[0],
            FindingState::New,
            Some(v1),
            Some(decision(
                &f[0],
                DecisionKind::Implement,
                "do it this sprint",
            )),
        ),
        record(&f[1], FindingState::New, Some(v2), Some(d2)),
        record(
            &f[2],
            FindingState::New,
            Some(v3),
            Some(decision(
                &f[2],
                DecisionKind::RejectFalsePositive,
                "Arc moved into a thread | not a waste",
            )),
        ),
        record(
            &f[3],
            FindingState::New,
            Some(v4),
            Some(decision(&f[3], DecisionKind::RejectWontFix, "")),
        ),
    ];
    let report = Report {
        round: 1,
        summary: Summary {
            total: 4,
            approved: 2,
            needs_work: 1,
            rejected: 1,
            new: 4,
            estimated_bytes_saved: Some(3 * 1024 * 1024 / 2),
            estimated_allocations_avoided: Some(2000),
            estimated_allocation_reduction_pct: Some(60.0),
            measured: None,
            figures: vec![
                figure(
                    "memory_impact",
                    "Memory impact",
                    Some("~1.5 MiB"),
                    "saved at peak",
                    Basis::Estimated,
                    "Not measured: the sum of the byte savings stated by 2 of 2 approved findings.",
                ),
                figure(
                    "allocation_reduction",
                    "Allocation reduction",
                    Some("~60%"),
                    "of the allocations flagged in hot code",
                    Basis::Estimated,
                    "Not measured. Hot-path findings state 5 allocations per pass through their code; approved findings remove 3 of them.",
                ),
                figure(
                    "allocations",
                    "Allocations removed per pass",
                    Some("~2,000"),
                    "summed over 2 approved findings",
                    Basis::Estimated,
                    "Each approved finding states the allocations one pass through its code would no longer make.",
                ),
            ],
            cold: 0,
            notes: 0,
        },
        quick_wins: vec![
            QuickWin {
                finding_id: "F-001".to_owned(),
                location: "casparian_worker/bridge.rs".to_owned(),
                category: Category::AllocationLoop,
                impact: Level::High,
                effort: Level::Medium,
                score: 6.0,
                measured: false,
                at: "crates/casparian_worker/src/bridge.rs:120-128".to_owned(),
                summary: "A `Vec` is allocated per batch in the receive loop.".to_owned(),
                validation: "APPROVED (builtin): hot path YES — runs once per received batch; lifetime PASS, thread safety PASS, no UB PASS".to_owned(),
                gain: "~1,000 allocations and ~1.0 MiB per batch (estimate, not measured)".to_owned(),
                diff: Some("--- a/crates/casparian_worker/src/bridge.rs\n+++ b/crates/casparian_worker/src/bridge.rs\n@@ line 121 @@\n-        let mut rows = Vec::new();\n+        rows.clear();\n".to_owned()),
                proposal: "Hoist `rows` above the loop and clear it per batch.".to_owned(),
            },
            QuickWin {
                finding_id: "F-004".to_owned(),
                location: "casparian_worker/validation.rs".to_owned(),
                category: Category::ArenaCandidate,
                impact: Level::High,
                effort: Level::High,
                score: 3.0,
                measured: true,
                at: "crates/casparian_worker/src/validation.rs:40-52".to_owned(),
                summary: "Per-row `String`s for error messages.".to_owned(),
                validation: "APPROVED (builtin): hot path YES; lifetime PASS, thread safety N/A, no UB PASS".to_owned(),
                gain: "12,000 allocations (1.1 MiB) at its lines, measured in `cargo test -p casparian_worker` (heap profile #1)".to_owned(),
                diff: None,
                proposal: "let arena = bumpalo::Bump::new(); // once per batch\n// per row:\nlet msg = bumpalo::format!(in &arena, \"row {}: {}\", i, err);".to_owned(),
            },
        ],
        recommendations: vec![Recommendation {
            pattern: "Buffer Reuse Pattern".to_owned(),
            category: Category::AllocationLoop,
            finding_ids: vec!["F-001".to_owned(), "F-004".to_owned()],
            locations: vec![
                "crates/casparian_worker/src/bridge.rs:234-256".to_owned(),
                "crates/casparian_worker/src/validation.rs:120-160".to_owned(),
            ],
            unified_fix: "A `BufferPool` utility reused per file.".to_owned(),
        }],
        by_crate: vec![
            CrateFindings {
                crate_name: "casparian_worker".to_owned(),
                priority: Priority::P0,
                findings: vec![
                    line(&f[0], Some(Verdict::Approved), FindingState::New),
                    line(&f[1], Some(Verdict::NeedsWork), FindingState::New),
                    line(&f[3], Some(Verdict::Approved), FindingState::New),
                ],
            },
            CrateFindings {
                crate_name: "casparian_scout".to_owned(),
                priority: Priority::P1,
                findings: vec![line(&f[2], Some(Verdict::Rejected), FindingState::New)],
            },
        ],
        deferred: vec![Deferred {
            finding_id: "F-002".to_owned(),
            reason: "Needs a schema ownership decision first".to_owned(),
        }],
        next_focus: vec![
            "casparian_scout file metadata storage".to_owned(),
            "Arena opportunities in batch file iteration".to_owned(),
        ],
        termination: criteria(false),
        verified: Vec::new(),
        synthesis: None,
    };
    RoundRecord {
        number: 1,
        status: RoundStatus::Decided,
        started_at: "2026-01-14T09:00:00Z".to_owned(),
        finished_at: Some("2026-01-14T09:00:03Z".to_owned()),
        error: None,
        findings: records,
        report: Some(report),
        role_runs: vec![
            run(Role::Analyst, "builtin", 1200),
            run(Role::Validator, "builtin", 300),
            run(Role::Coordinator, "builtin", 5),
        ],
        decision: Some(RoundDecision::Continue {
            focus: vec![
                FocusRequest::Crate("casparian_scout".to_owned()),
                FocusRequest::Category(Category::ArenaCandidate),
            ],
            note: "Look deeper at the scanner".to_owned(),
        }),
        focus: vec![],
    }
}

fn line(f: &Finding, verdict: Option<Verdict>, state: FindingState) -> CrateFindingLine {
    CrateFindingLine {
        finding_id: f.id.clone(),
        summary: f.summary().to_owned(),
        verdict,
        state,
    }
}

fn round2(f: &[Finding], r1: &RoundRecord) -> RoundRecord {
    let carried = |i: usize, state: FindingState| {
        let mut rec = r1.findings[i].clone();
        rec.state = state;
        rec
    };
    let mut v5 = validation(&f[4], Verdict::Approved);
    v5.conditions = vec!["Measure with `dhat` before | after".to_owned()];
    let records = vec![
        carried(0, FindingState::Fixed),
        carried(1, FindingState::Persisting),
        carried(2, FindingState::Persisting),
        carried(3, FindingState::Stale),
        record(&f[4], FindingState::New, Some(v5), None),
        record(&f[5], FindingState::New, None, None),
    ];
    let report = Report {
        round: 2,
        summary: Summary {
            total: 5,
            approved: 2,
            needs_work: 1,
            rejected: 1,
            new: 2,
            estimated_bytes_saved: None,
            estimated_allocations_avoided: None,
            estimated_allocation_reduction_pct: None,
            measured: None,
            figures: vec![
                figure(
                    "memory_impact",
                    "Memory impact",
                    None,
                    "not estimated",
                    Basis::Unknown,
                    "No approved finding states a byte saving, and the session has no heap profile.",
                ),
                figure(
                    "allocation_reduction",
                    "Allocation reduction",
                    None,
                    "not estimated",
                    Basis::Unknown,
                    "No hot-path finding states an allocation count, and the session has no heap profile.",
                ),
            ],
            cold: 0,
            notes: 0,
        },
        quick_wins: vec![QuickWin {
            finding_id: "F-005".to_owned(),
            location: "casparian_worker/row | cache.rs".to_owned(),
            category: Category::CacheHostile,
            impact: Level::Medium,
            effort: Level::Low,
            score: 4.0,
            measured: false,
            at: String::new(),
            summary: String::new(),
            validation: String::new(),
            gain: String::new(),
            diff: None,
            proposal: String::new(),
        }],
        recommendations: vec![],
        by_crate: vec![
            CrateFindings {
                crate_name: "casparian_worker".to_owned(),
                priority: Priority::P0,
                findings: vec![
                    line(&f[1], Some(Verdict::NeedsWork), FindingState::Persisting),
                    line(&f[3], Some(Verdict::Approved), FindingState::Stale),
                    line(&f[4], Some(Verdict::Approved), FindingState::New),
                ],
            },
            CrateFindings {
                crate_name: "casparian_scout".to_owned(),
                priority: Priority::P1,
                findings: vec![
                    line(&f[2], Some(Verdict::Rejected), FindingState::Persisting),
                    line(&f[5], None, FindingState::New),
                ],
            },
        ],
        deferred: vec![],
        next_focus: vec![],
        termination: criteria(true),
        verified: Vec::new(),
        // Round 2 had an LLM Coordinator; its prose must stay inert markdown.
        synthesis: Some(Synthesis {
            engine: "llm:test-model".to_owned(),
            executive_summary:
                "Two approved fixes touch the row cache.\n# not a heading\nStart with F-005."
                    .to_owned(),
            recommendations: vec![SynthesisRecommendation {
                pattern: "Per-row | allocations".to_owned(),
                finding_ids: vec!["F-002".to_owned(), "F-005".to_owned()],
                locations: vec!["casparian_worker/row_cache.rs:40".to_owned()],
                recommendation: "Reuse one buffer per batch.".to_owned(),
            }],
            next_focus: vec!["crate casparian_scout: only one file was read".to_owned()],
            discarded: 1,
        }),
    };
    RoundRecord {
        number: 2,
        status: RoundStatus::AwaitingDecision,
        started_at: "2026-01-15T09:00:00Z".to_owned(),
        finished_at: Some("2026-01-15T09:00:02Z".to_owned()),
        error: None,
        findings: records,
        report: Some(report),
        role_runs: vec![
            run(Role::Analyst, "builtin", 900),
            RoleRun {
                error: Some(format!(
                    "could not read {WORKSPACE}/crates/casparian_scout/src/gen.rs: permission denied"
                )),
                status: "finished".to_owned(),
                ..run(Role::Validator, "llm:ollama/qwen", 4000)
            },
        ],
        decision: None,
        focus: vec![
            FocusRequest::Crate("casparian_scout".to_owned()),
            FocusRequest::Category(Category::ArenaCandidate),
        ],
    }
}

fn scope() -> Scope {
    let reason = |signal: &str, file: &str, weight: i32| Reason {
        signal: signal.to_owned(),
        file: file.to_owned(),
        line: None,
        weight,
        detail: String::new(),
    };
    let file = |path: &str, priority: Priority, score: i32| FileScope {
        path: path.to_owned(),
        priority,
        score,
        reasons: vec![],
        lines: 100,
        in_module_tree: true,
        overridden: None,
        functions: Vec::new(),
    };
    Scope {
        workspace: WORKSPACE.to_owned(),
        crates: vec![
            CrateScope {
                name: "casparian_worker".to_owned(),
                path: "crates/casparian_worker".to_owned(),
                priority: Priority::P0,
                score: 7,
                reasons: vec![reason(
                    "name:worker",
                    "crates/casparian_worker/Cargo.toml",
                    5,
                )],
                files: vec![
                    file("crates/casparian_worker/src/bridge.rs", Priority::P0, 6),
                    file("crates/casparian_worker/src/executor.rs", Priority::P0, 5),
                ],
                error: None,
            },
            CrateScope {
                name: "casparian_scout".to_owned(),
                path: "crates/casparian_scout".to_owned(),
                priority: Priority::P1,
                score: 3,
                reasons: vec![],
                files: vec![file("crates/casparian_scout/src/watch.rs", Priority::P1, 3)],
                error: None,
            },
        ],
        excluded: vec![],
        warnings: vec![Warning {
            file: Some(format!("{WORKSPACE}/crates/broken/Cargo.toml")),
            line: Some(3),
            message: "expected `=`".to_owned(),
        }],
        overrides: ScopeOverrides {
            include: vec!["crates/my_new_crate/src/hot_path.rs".to_owned()],
            exclude: vec!["crates/*/tests/".to_owned()],
            force_priority: vec![ForcedPriority {
                pattern: "crates/critical_module".to_owned(),
                priority: Priority::P0,
            }],
            focus: None,
            priority_filter: None,
        },
        effects: vec![],
        focus: Focus::Full,
        priority_filter: PriorityFilter::All,
        scope_md: None,
    }
}

/// The whole two-round session.
pub fn export() -> SessionExport {
    let f = findings();
    let r1 = round1(&f);
    let r2 = round2(&f, &r1);
    SessionExport {
        schema_version: EXPORT_SCHEMA_VERSION,
        session: SessionInfo {
            id: 1,
            name: "memory_audit_001".to_owned(),
            workspace: WORKSPACE.to_owned(),
            created_at: "2026-01-14T09:00:00Z".to_owned(),
            updated_at: "2026-01-15T09:00:02Z".to_owned(),
            status: "active".to_owned(),
            rounds: 2,
            findings: 6,
        },
        scope: Some(scope()),
        rounds: vec![r1, r2],
        status: Status {
            session: "memory_audit_001".to_owned(),
            rounds: 2,
            current_round: 2,
            round_status: "awaiting_decision".to_owned(),
            total_findings: 6,
            approved: 2,
            needs_work: 1,
            rejected: 1,
            new: 2,
            persisting: 2,
            fixed: 1,
            stale: 1,
            decided_implement: 1,
            decided_defer: 1,
            decided_reject: 2,
            undecided: 2,
        },
    }
}
