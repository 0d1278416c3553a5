//! Exports with each finding's evidence attached, as the API layer attaches
//! it: a session with a heap profile (measured, verified and checked
//! findings, one profile without live-bytes figures) and the same session
//! without one, where every missing figure is "—" with its reason in
//! markdown and `null` in JSON and SARIF — never 0.

use memaudit_model::*;
use memaudit_render::markdown::{round_report_md, session_md};
use memaudit_render::{json::session_json, sarif::session_sarif};
use serde_json::Value;

use crate::fixture::{self, WORKSPACE};

const NO_PROFILE: &str = "no heap profile of this session yet; `memaudit profile` measures one";
const WORKLOAD: &str = "cargo test -p casparian_worker --test rows";

fn workload(id: i64, command: &str) -> Workload {
    Workload {
        profile_id: id,
        command: command.to_owned(),
        measured_at: "2026-01-16T10:00:00Z".to_owned(),
    }
}

fn checked_edit(f: &Finding) -> StoredFixCheck {
    let edit = Edit {
        summary: "reuse one row buffer".to_owned(),
        hunks: vec![Hunk {
            file: f.file.clone(),
            start: 120,
            end: 139,
            line: f.line_start,
            original: "let row = Vec::new();".to_owned(),
            replacement: "row.clear();".to_owned(),
        }],
    };
    StoredFixCheck {
        id: 7,
        round: 2,
        checked_at: "2026-01-16T11:00:00Z".to_owned(),
        check: FixCheck {
            finding_id: f.id.clone(),
            fingerprint: f.fingerprint.clone(),
            edit_hash: "e1d17".to_owned(),
            edit,
            status: FixStatus::Compiles,
            errors: Vec::new(),
            tests: Some(TestOutcome {
                packages: vec!["casparian_worker".to_owned()],
                passed: 12,
                ..TestOutcome::default()
            }),
            note: None,
            command: "cargo check --all-targets -p casparian_worker".to_owned(),
            files: Vec::new(),
            duration_ms: 1200,
            batched_with: 0,
        },
    }
}

/// The fixture session as exported before any profile: every finding says
/// why it has no measurement.
pub fn without_profile() -> SessionExport {
    let mut export = fixture::export();
    for round in &mut export.rounds {
        for rec in &mut round.findings {
            rec.evidence = Some(Evidence {
                unmeasured: Some(NO_PROFILE.to_owned()),
                ..Evidence::default()
            });
        }
    }
    export
}

/// The fixture session after profiling: F-005 measured, verified and its
/// edit checked; F-002 measured by an imported profile without live bytes;
/// the others not reached by the workload.
pub fn with_profile() -> SessionExport {
    let mut export = fixture::export();
    for round in &mut export.rounds {
        for rec in &mut round.findings {
            let f = &rec.finding;
            rec.evidence = Some(match f.id.as_str() {
                "F-005" => Evidence {
                    measured: Some(Measured {
                        workload: workload(3, WORKLOAD),
                        site: SiteFigures {
                            allocations: 10_000,
                            bytes: 640_000,
                            max_live_bytes: Some(4096),
                        },
                        run: RunFigures {
                            allocations: 25_000,
                            bytes: 2_000_000,
                            peak_live_bytes: Some(65_536),
                        },
                    }),
                    unmeasured: None,
                    verification: Some(VerificationEvidence {
                        outcome: "verified".to_owned(),
                        site_before: SiteFigures {
                            allocations: 10_000,
                            bytes: 640_000,
                            max_live_bytes: Some(4096),
                        },
                        site_after: SiteFigures {
                            allocations: 1,
                            bytes: 64,
                            max_live_bytes: Some(64),
                        },
                        run_before: RunFigures {
                            allocations: 25_000,
                            bytes: 2_000_000,
                            peak_live_bytes: Some(65_536),
                        },
                        run_after: RunFigures {
                            allocations: 15_001,
                            bytes: 1_360_064,
                            peak_live_bytes: Some(61_504),
                        },
                        detail: "allocations at crates/casparian_worker/src/row_cache.rs fell from 10000 to 1 (-100.0%)".to_owned(),
                        before_profile: Some(3),
                        after_profile: Some(4),
                        verified_at: "2026-01-16T12:00:00Z".to_owned(),
                    }),
                    fix_check: Some(checked_edit(f)),
                },
                "F-002" => Evidence {
                    measured: Some(Measured {
                        workload: workload(2, "imported dhat-heap.json"),
                        site: SiteFigures {
                            allocations: 300,
                            bytes: 9_600,
                            max_live_bytes: None,
                        },
                        run: RunFigures {
                            allocations: 4_000,
                            bytes: 128_000,
                            peak_live_bytes: None,
                        },
                    }),
                    ..Evidence::default()
                },
                _ => Evidence {
                    unmeasured: Some(format!(
                        "the profiled workload (#3, `{WORKLOAD}`) allocated nothing at these lines"
                    )),
                    ..Evidence::default()
                },
            });
        }
    }
    // Round 2's report as the Coordinator writes it once profile #3 exists:
    // F-005, approved, is the measured one.
    if let Some(report) = export.rounds[1].report.as_mut() {
        let run = RunFigures {
            allocations: 25_000,
            bytes: 2_000_000,
            peak_live_bytes: Some(65_536),
        };
        report.summary.measured = Some(MeasuredSummary {
            workload: workload(3, WORKLOAD),
            run,
            findings: 1,
            allocations: 10_000,
            bytes: 640_000,
            allocation_share_pct: Some(40.0),
            at_peak_bytes: Some(4096),
        });
        let figure = |key: &str, label: &str, value: &str, unit: &str, basis: &str| Figure {
            key: key.to_owned(),
            label: label.to_owned(),
            value: Some(value.to_owned()),
            unit: unit.to_owned(),
            kind: Basis::Measured,
            basis: basis.to_owned(),
            action: None,
        };
        report.summary.figures = vec![
            figure(
                "memory_impact",
                "Memory impact",
                "4.0 KiB",
                "of the 64.0 KiB peak is at approved lines",
                "Measured by the heap profile #3 of `cargo test -p casparian_worker --test rows` (2026-01-16): bytes allocated at the approved findings' lines that were live at the run's peak heap (64.0 KiB).",
            ),
            figure(
                "allocation_reduction",
                "Allocation reduction",
                "40.0%",
                "of the 25,000 allocations of the profiled run",
                "Measured by the heap profile #3 of `cargo test -p casparian_worker --test rows` (2026-01-16): 10,000 of the run's 25,000 allocations are at the lines of 1 approved finding.",
            ),
            figure(
                "allocations",
                "Allocations at approved lines",
                "10,000",
                "in the profiled run, 625.0 KiB",
                "Measured by the heap profile #3: heap blocks allocated at the lines of 1 approved finding over the whole run.",
            ),
        ];
    }
    export
}

fn round2_report(export: &SessionExport) -> String {
    round_report_md("memory_audit_001", &export.rounds[1], WORKSPACE)
}

#[test]
fn report_md_with_and_without_a_profile() {
    let with = round2_report(&with_profile());
    insta::assert_snapshot!("report_round_2_with_profile", with);
    let without = round2_report(&without_profile());
    insta::assert_snapshot!("report_round_2_without_profile", without);
    for md in [&with, &without] {
        assert!(
            md.contains("| Estimated (Analyst) | Measured (heap profile) |"),
            "the Quick Wins table sets the estimate beside the measurement:\n{md}"
        );
    }
    assert!(
        with.contains("10000 allocs, 625.0 KiB (profile #3)"),
        "{with}"
    );
    assert!(
        without.contains(&format!("— ({NO_PROFILE})")),
        "a missing measurement is a dash with the reason:\n{without}"
    );
}

#[test]
fn a_report_without_attached_evidence_keeps_the_plain_table() {
    // Screens with their own findings table render the report without
    // evidence; no column of unexplained dashes appears there.
    let md = round2_report(&fixture::export());
    assert!(!md.contains("Measured (heap profile)"), "{md}");
    assert_eq!(
        md,
        memaudit_render::markdown::report_md(
            "memory_audit_001",
            fixture::export().rounds[1].report.as_ref().unwrap()
        )
    );
}

#[test]
fn session_md_lists_each_findings_evidence() {
    let md = session_md(&with_profile());
    let section = md
        .split("#### Evidence: F-005")
        .nth(1)
        .and_then(|rest| rest.split("\n#### ").next())
        .expect("F-005 has an evidence section");
    insta::assert_snapshot!("session_evidence_f005", section);
    assert!(
        md.contains("max live — (not recorded by the profile)"),
        "an imported profile without live bytes shows a dash, not 0 bytes"
    );
    assert!(!md.contains("max live 0 bytes"));
}

/// The evidence of round 2's findings in the JSON export, by finding id.
fn json_evidence(export: &SessionExport) -> Value {
    let json: Value = serde_json::from_str(&session_json(export)).expect("valid JSON");
    let findings = json["rounds"][1]["findings"]
        .as_array()
        .expect("round 2 has findings")
        .iter()
        .map(|r| {
            (
                r["finding"]["id"].as_str().unwrap_or_default().to_owned(),
                r["evidence"].clone(),
            )
        })
        .collect::<serde_json::Map<_, _>>();
    Value::Object(findings)
}

#[test]
fn json_export_with_and_without_a_profile() {
    let with = json_evidence(&with_profile());
    insta::assert_json_snapshot!("json_evidence_with_profile", with);
    let without = json_evidence(&without_profile());
    insta::assert_json_snapshot!("json_evidence_without_profile", without);
    assert_eq!(
        with["F-002"]["measured"]["site"]["max_live_bytes"],
        Value::Null,
        "unknown is null, never 0"
    );
    assert_eq!(without["F-005"]["measured"], Value::Null);
    assert_eq!(without["F-005"]["unmeasured"], NO_PROFILE);
    // Lossless: the export reads back with the evidence.
    let export = with_profile();
    let back: SessionExport = serde_json::from_str(&session_json(&export)).unwrap();
    assert_eq!(back, export);
}

#[test]
fn summary_figures_travel_in_the_exports_with_and_without_a_profile() {
    for (name, export) in [
        ("with_profile", with_profile()),
        ("without_profile", without_profile()),
    ] {
        let json: Value = serde_json::from_str(&session_json(&export)).expect("valid JSON");
        let summary = json["rounds"][1]["report"]["summary"].clone();
        insta::assert_json_snapshot!(format!("json_summary_{name}"), summary);
        for key in ["estimated_bytes_saved", "estimated_allocations_avoided"] {
            assert_ne!(summary[key], Value::from(0), "unknown is null: {name}");
        }
        let log: Value =
            serde_json::from_str(&session_sarif(&export).expect("SARIF")).expect("valid JSON");
        let props = &log["runs"][0]["properties"];
        assert_eq!(props["figures"], summary["figures"], "{name}");
        assert_eq!(props["measured"], summary["measured"], "{name}");
    }
}

fn sarif_result(export: &SessionExport, id: &str) -> Value {
    let log: Value = serde_json::from_str(&session_sarif(export).unwrap()).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["findingId"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} is a result"))
}

#[test]
fn sarif_results_carry_the_evidence_and_the_checked_edit() {
    let with = sarif_result(&with_profile(), "F-005");
    let evidence = serde_json::json!({
        "measured": with["properties"]["measured"],
        "unmeasuredReason": with["properties"]["unmeasuredReason"],
        "verification": with["properties"]["verification"],
        "fixCheck": with["properties"]["fixCheck"],
        "fixes": with["fixes"],
    });
    insta::assert_json_snapshot!("sarif_evidence_with_profile", evidence);
    let without = sarif_result(&without_profile(), "F-005");
    assert_eq!(without["properties"]["measured"], Value::Null);
    assert_eq!(without["properties"]["unmeasuredReason"], NO_PROFILE);
    assert_eq!(without["properties"]["verification"], Value::Null);
    assert_eq!(without["properties"]["fixCheck"], Value::Null);
    assert!(
        without.get("fixes").is_none_or(Value::is_null),
        "no edit, no fix"
    );
    let imported = sarif_result(&with_profile(), "F-002");
    assert_eq!(
        imported["properties"]["measured"]["site"]["maxLiveBytes"],
        Value::Null
    );
}
