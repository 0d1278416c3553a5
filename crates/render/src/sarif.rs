//! The SARIF 2.1.0 export, for code-scanning UIs and other tools.
//!
//! One run whose driver is `memaudit`, with one rule per category (all six,
//! always, so rule indices are stable) and one result per finding of the
//! latest round. What each field means is documented in `docs/sarif.md`.
//! This module maps the model onto SARIF; it must not decide verdicts or
//! states, and it never writes an absolute path (artifact URIs are relative
//! to `%SRCROOT%`).

use std::collections::BTreeMap;

use memaudit_model::{
    Category, Edit, Evidence, FindingRecord, FindingState, RunFigures, SessionExport, SiteFigures,
    StoredFixCheck, Verdict,
};
use serde_json::{json, Value};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Location, Message,
    MultiformatMessageString, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result, ResultKind, ResultLevel, Run, Sarif,
    Suppression, Tool, ToolComponent,
};

use crate::RenderError;

/// The key under which findings' fingerprints are published. Bump the
/// version if the fingerprint algorithm changes, so that consumers do not
/// match new fingerprints against old ones.
pub const FINGERPRINT_KEY: &str = "memaudit/v1";

/// Where artifact URIs are relative to: the audited workspace's root.
pub const SRCROOT: &str = "%SRCROOT%";

/// The official location of the SARIF 2.1.0 schema, written as `$schema`.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// What to do about each category, shown as a rule's help (workflow spec
/// section 3, "Fixes").
fn help(category: Category) -> &'static str {
    match category {
        Category::ArenaCandidate => {
            "Allocate values that are freed together from one arena (bumpalo, typed-arena, \
             slotmap) scoped to the unit of work, instead of one heap allocation each."
        }
        Category::UnnecessaryClone => {
            "Borrow (&T) instead of cloning; use Cow<'a, T> for usually-borrowed values, or \
             Arc<T> for shared ownership when the atomic overhead is acceptable."
        }
        Category::HeapAvoidable => {
            "Keep small, bounded data on the stack: SmallVec<[T; N]>, ArrayString<N>, or an \
             inline struct instead of Box<T>."
        }
        Category::LifetimeExtension => {
            "Drop large values before await points, bound caches with eviction, and break \
             lifetime dependencies that keep a parent alive."
        }
        Category::CacheHostile => {
            "Separate hot and cold fields, use struct-of-arrays for batch iteration, and \
             flatten pointer-chasing structures."
        }
        Category::AllocationLoop => {
            "Hoist allocations out of the loop, reuse buffers with clear(), and pre-allocate \
             with capacity."
        }
    }
}

/// Percent-encodes what may not appear in a URI path, keeping `/` as the
/// separator, so that any workspace-relative path is a valid relative URI.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn text(s: impl Into<String>) -> Message {
    Message {
        text: Some(s.into()),
        ..Default::default()
    }
}

fn multiformat(s: impl Into<String>) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.into()).build()
}

fn rule(category: Category) -> ReportingDescriptor {
    // Required fields go through the builder; optional ones are set directly
    // because the builder's setters cannot take an `Option`.
    let rule = ReportingDescriptor::builder().id(category.as_str()).build();
    ReportingDescriptor {
        name: Some(category_rule_name(category)),
        short_description: Some(multiformat(category.description())),
        full_description: Some(multiformat(format!(
            "{}: {}.",
            category.as_str(),
            category.description()
        ))),
        help: Some(multiformat(help(category))),
        default_configuration: Some(ReportingConfiguration {
            level: Some(json!("warning")),
            ..Default::default()
        }),
        properties: Some(PropertyBag {
            tags: Some(vec!["memory".to_owned(), "performance".to_owned()]),
            ..Default::default()
        }),
        ..rule
    }
}

/// `ARENA_CANDIDATE` → `ArenaCandidate`, SARIF's customary rule-name shape.
fn category_rule_name(category: Category) -> String {
    category
        .as_str()
        .split('_')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

/// SARIF's `baselineState` for a finding's state across rounds.
fn baseline_state(state: FindingState) -> &'static str {
    match state {
        FindingState::New => "new",
        FindingState::Persisting => "unchanged",
        FindingState::Stale => "updated",
        FindingState::Fixed => "absent",
    }
}

fn suppressions(record: &FindingRecord) -> Vec<Suppression> {
    let mut out = Vec::new();
    if let Some(d) = &record.decision {
        if d.kind.is_rejection() {
            let note = d.note.trim();
            let justification = if note.is_empty() {
                d.kind.label().to_owned()
            } else {
                format!("{}: {note}", d.kind.label())
            };
            out.push(
                Suppression::builder()
                    .kind(json!("external"))
                    .status(json!("accepted"))
                    .justification(justification)
                    .properties(bag([
                        ("source", json!("user")),
                        ("decision", json!(d.kind.as_str())),
                        ("decidedAt", json!(d.decided_at)),
                    ]))
                    .build(),
            );
        }
    }
    if let Some(v) = &record.validation {
        if v.verdict == Verdict::Rejected {
            let reason = v
                .counterexample
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or("Rejected by the Validator.");
            out.push(
                Suppression::builder()
                    .kind(json!("external"))
                    .status(json!("accepted"))
                    .justification(reason)
                    .properties(bag([
                        ("source", json!("validator")),
                        ("engine", json!(v.engine)),
                    ]))
                    .build(),
            );
        }
    }
    out
}

fn bag<const N: usize>(entries: [(&str, Value); N]) -> PropertyBag {
    PropertyBag {
        additional_properties: entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect::<BTreeMap<_, _>>(),
        ..Default::default()
    }
}

/// A finding's edit as a SARIF fix: one artifact change per file, one
/// replacement per hunk. Regions are byte ranges of the file as analysed
/// (`byteOffset`/`byteLength`); the hunk's line is a property, for display.
fn fix(edit: &Edit, check: Option<&StoredFixCheck>) -> Fix {
    let changes = edit
        .files()
        .into_iter()
        .map(|file| ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: Some(uri_path(file)),
                uri_base_id: Some(SRCROOT.to_owned()),
                ..Default::default()
            },
            replacements: edit
                .hunks
                .iter()
                .filter(|h| h.file == file)
                .map(|h| Replacement {
                    deleted_region: Region {
                        byte_offset: Some(i64::from(h.start)),
                        byte_length: Some(i64::from(h.end.saturating_sub(h.start))),
                        ..Default::default()
                    },
                    inserted_content: Some(ArtifactContent {
                        text: Some(h.replacement.clone()),
                        ..Default::default()
                    }),
                    properties: Some(bag([("line", json!(h.line))])),
                })
                .collect(),
            properties: None,
        })
        .collect();
    Fix {
        artifact_changes: changes,
        description: Some(text(edit.summary.clone())),
        // The compiler's verdict on exactly this edit, when it was checked.
        properties: check.map(|c| {
            bag([
                ("checkStatus", json!(c.check.status.as_str())),
                ("checkSummary", json!(c.check.summary())),
                ("checkCommand", json!(c.check.command)),
                ("checkedAt", json!(c.checked_at)),
            ])
        }),
    }
}

/// The evidence properties of a result: camelCase JSON of the model's
/// evidence, with `null` for what nobody measured (never `0`).
fn evidence_props(e: &Evidence) -> Vec<(&'static str, Value)> {
    let site = |s: &SiteFigures| {
        json!({
            "allocations": s.allocations,
            "bytes": s.bytes,
            "maxLiveBytes": s.max_live_bytes,
        })
    };
    let run = |r: &RunFigures| {
        json!({
            "allocations": r.allocations,
            "bytes": r.bytes,
            "peakLiveBytes": r.peak_live_bytes,
        })
    };
    let measured = e.measured.as_ref().map(|m| {
        json!({
            "profileId": m.workload.profile_id,
            "workload": m.workload.command,
            "measuredAt": m.workload.measured_at,
            "site": site(&m.site),
            "run": run(&m.run),
        })
    });
    let verification = e.verification.as_ref().map(|v| {
        json!({
            "outcome": v.outcome,
            "siteBefore": site(&v.site_before),
            "siteAfter": site(&v.site_after),
            "runBefore": run(&v.run_before),
            "runAfter": run(&v.run_after),
            "detail": v.detail,
            "beforeProfile": v.before_profile,
            "afterProfile": v.after_profile,
            "verifiedAt": v.verified_at,
        })
    });
    let check = e.fix_check.as_ref().map(|c| {
        json!({
            "status": c.check.status.as_str(),
            "summary": c.check.summary(),
            "command": c.check.command,
            "editSummary": c.check.edit.summary,
            "editHash": c.check.edit_hash,
            "checkedAt": c.checked_at,
        })
    });
    vec![
        ("measured", measured.unwrap_or(Value::Null)),
        ("unmeasuredReason", json!(e.unmeasured)),
        ("verification", verification.unwrap_or(Value::Null)),
        ("fixCheck", check.unwrap_or(Value::Null)),
    ]
}

fn result(record: &FindingRecord) -> Result {
    let f = &record.finding;
    let verdict = record.validation.as_ref().map(|v| v.verdict);
    let fixed = record.state == FindingState::Fixed;
    // SARIF (3.27.9): a result whose kind is not "fail" must have level
    // "none". A fixed finding is reported as a passing, absent result so
    // that code-scanning UIs can close it.
    let (kind, level) = if fixed {
        (ResultKind::Pass, ResultLevel::None)
    } else {
        let level = match verdict {
            Some(Verdict::Approved) => ResultLevel::Warning,
            Some(Verdict::NeedsWork) | Some(Verdict::Rejected) | None => ResultLevel::Note,
        };
        (ResultKind::Fail, level)
    };
    let start = i64::from(f.line_start.max(1));
    let end = i64::from(f.line_end).max(start);
    let rule_index = Category::ALL
        .iter()
        .position(|c| *c == f.category)
        .and_then(|i| i64::try_from(i).ok());

    let mut props = vec![
        ("findingId", json!(f.id)),
        ("category", json!(f.category.as_str())),
        ("crate", json!(f.crate_name)),
        ("priority", json!(f.priority.as_str())),
        ("itemPath", json!(f.item_path)),
        ("confidence", json!(f.confidence.as_str())),
        ("safety", json!(f.safety.as_str())),
        ("state", json!(record.state.as_str())),
        (
            "verdict",
            json!(verdict.map_or("NOT_VALIDATED", Verdict::as_str)),
        ),
        (
            "impact",
            json!({
                "level": f.impact.level.as_str(),
                "allocationsAvoided": f.impact.allocations_avoided,
                "bytesSaved": f.impact.bytes_saved,
                "unit": f.impact.unit,
                "appliesTo": f.impact.applies_to,
            }),
        ),
        ("proposal", json!(f.proposal)),
        ("source", json!(f.source)),
    ];
    if let Some(d) = &record.decision {
        props.push(("decision", json!(d.kind.as_str())));
    }
    let check = record.evidence.as_ref().and_then(|e| e.fix_check.as_ref());
    if let Some(e) = &record.evidence {
        props.extend(evidence_props(e));
    }
    // The checked edit is the one to offer: a check holds for exactly it.
    let edit = check.map(|c| &c.check.edit).or(f.edit.as_ref());
    let suppressions = suppressions(record);

    let base = Result::builder().message(text(f.issue.trim())).build();
    Result {
        rule_id: Some(f.category.as_str().to_owned()),
        rule_index,
        kind: Some(kind),
        level: Some(level),
        locations: Some(vec![Location {
            physical_location: Some(PhysicalLocation {
                artifact_location: Some(ArtifactLocation {
                    uri: Some(uri_path(&f.file)),
                    uri_base_id: Some(SRCROOT.to_owned()),
                    ..Default::default()
                }),
                region: Some(Region {
                    start_line: Some(start),
                    end_line: Some(end),
                    snippet: (!f.code.is_empty()).then(|| ArtifactContent {
                        text: Some(f.code.clone()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }]),
        partial_fingerprints: Some(BTreeMap::from([(
            FINGERPRINT_KEY.to_owned(),
            f.fingerprint.clone(),
        )])),
        baseline_state: Some(json!(baseline_state(record.state))),
        // A design change has no edit: no fix, its proposal stays prose.
        fixes: edit.filter(|_| !fixed).map(|e| vec![fix(e, check)]),
        suppressions: (!suppressions.is_empty()).then_some(suppressions),
        properties: Some(PropertyBag {
            tags: Some(vec![f.category.as_str().to_owned()]),
            additional_properties: props.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        }),
        ..base
    }
}

/// The session's latest round as a SARIF 2.1.0 log (pretty JSON).
///
/// Only the latest round's findings are results: earlier rounds are history,
/// and every finding still known is carried into the latest round with its
/// state (fixed ones as `absent`). A session with no rounds gives a run with
/// no results.
pub fn session_sarif(export: &SessionExport) -> std::result::Result<String, RenderError> {
    let latest = export.rounds.iter().max_by_key(|r| r.number);
    let results: Vec<Result> = latest
        .map(|r| r.findings.iter().map(result).collect())
        .unwrap_or_default();

    let driver = ToolComponent::builder().name("memaudit").build();
    let driver = ToolComponent {
        full_name: Some(format!("memaudit {}", env!("CARGO_PKG_VERSION"))),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        semantic_version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        rules: Some(Category::ALL.into_iter().map(rule).collect()),
        ..driver
    };
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .build();
    let run = Run {
        results: Some(results),
        column_kind: Some(json!("unicodeCodePoints")),
        properties: Some(bag([
            ("session", json!(export.session.name)),
            ("round", json!(latest.map(|r| r.number))),
            (
                "exportSchemaVersion",
                json!(memaudit_model::EXPORT_SCHEMA_VERSION),
            ),
            // The latest report's headline figures with their basis, and
            // what a heap profile measured (null without one).
            (
                "figures",
                json!(latest
                    .and_then(|r| r.report.as_ref())
                    .map(|r| &r.summary.figures)),
            ),
            (
                "measured",
                json!(latest
                    .and_then(|r| r.report.as_ref())
                    .and_then(|r| r.summary.measured.as_ref())),
            ),
        ])),
        ..run
    };
    let mut log = Sarif::builder()
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    log.schema = Some(SCHEMA_URI.to_owned());
    serde_json::to_string_pretty(&log).map_err(|source| RenderError::Serialize {
        what: "SARIF",
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        let check = |path: &str, expected: &str| {
            assert_eq!(uri_path(path), expected, "path: {path:?}");
        };
        check("crates/a/src/lib.rs", "crates/a/src/lib.rs");
        check("my dir/ä.rs", "my%20dir/%C3%A4.rs");
        check("a#b?.rs", "a%23b%3F.rs");
    }

    #[test]
    fn rule_names_are_camel_case() {
        assert_eq!(
            category_rule_name(Category::UnnecessaryClone),
            "UnnecessaryClone"
        );
        assert_eq!(
            category_rule_name(Category::AllocationLoop),
            "AllocationLoop"
        );
    }
}
