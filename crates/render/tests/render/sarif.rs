//! The SARIF export validated against the official SARIF 2.1.0 JSON schema
//! (the copy that serde-sarif generates its types from), and its mapping of
//! states, verdicts and decisions.

use memaudit_render::sarif::session_sarif;
use serde_json::Value;

use crate::fixture;

const ERRATUM: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Escapes the stray `]` of every erratum pattern; returns how many.
fn patch_errata(v: &mut Value) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == ERRATUM {
                    *value = Value::from("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
                    n += 1;
                } else {
                    n += patch_errata(value);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(patch_errata).sum(),
        _ => 0,
    }
}

/// The official schema, with one known erratum patched in memory: the
/// `language` patterns have a stray `]` (see [`ERRATUM`]), which is not a
/// valid ECMA-262 regex, so a strict validator refuses to compile the
/// schema. memaudit emits no `language` property anyway.
fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    ))
    .expect("the SARIF schema ships with the tests");
    let mut schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert!(
        patch_errata(&mut schema) > 0,
        "the shipped schema is the published one, erratum included"
    );
    schema
}

fn sarif() -> Value {
    let text = session_sarif(&fixture::export()).expect("SARIF renders");
    serde_json::from_str(&text).expect("SARIF is JSON")
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles");
    let log = sarif();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");

    // The validator must be able to fail: a result without a message is invalid.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(
        !validator.is_valid(&broken),
        "the schema check catches a missing message"
    );
}

#[test]
fn sarif_of_a_session_without_rounds_is_valid() {
    let mut export = fixture::export();
    export.rounds.clear();
    let log: Value = serde_json::from_str(&session_sarif(&export).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema()).unwrap();
    assert!(validator.is_valid(&log), "an empty run is valid SARIF");
    assert_eq!(log["runs"][0]["results"], Value::Array(vec![]));
}

#[test]
fn sarif_round_trips_through_serde_sarif() {
    let text = session_sarif(&fixture::export()).unwrap();
    let typed: serde_sarif::sarif::Sarif =
        serde_json::from_str(&text).expect("serde-sarif reads our output");
    let again: Value = serde_json::to_value(&typed).unwrap();
    assert_eq!(again, sarif(), "nothing is lost or renamed in a round trip");
}

#[test]
fn results_map_the_latest_round() {
    let log = sarif();
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "memaudit");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "ARENA_CANDIDATE",
            "UNNECESSARY_CLONE",
            "HEAP_AVOIDABLE",
            "LIFETIME_EXTENSION",
            "CACHE_HOSTILE",
            "ALLOCATION_LOOP"
        ]
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 6, "all of round 2's records");

    // (finding, level, kind, baselineState, number of suppressions)
    let check = |id: &str, level: &str, kind: &str, baseline: &str, suppressions: usize| {
        let r = results
            .iter()
            .find(|r| r["properties"]["findingId"] == id)
            .unwrap_or_else(|| panic!("{id} is a result"));
        assert_eq!(r["level"], level, "{id} level");
        assert_eq!(r["kind"], kind, "{id} kind");
        assert_eq!(r["baselineState"], baseline, "{id} baselineState");
        let n = r["suppressions"].as_array().map_or(0, Vec::len);
        assert_eq!(n, suppressions, "{id} suppressions");
        r.clone()
    };
    check("F-001", "none", "pass", "absent", 0); // fixed
    check("F-002", "note", "fail", "unchanged", 0); // NEEDS_WORK, deferred
    let f3 = check("F-003", "note", "fail", "unchanged", 2); // REJECTED + reject-fp
    check("F-004", "warning", "fail", "updated", 1); // stale, reject-wontfix
    check("F-005", "warning", "fail", "new", 0); // APPROVED
    check("F-006", "note", "fail", "new", 0); // not validated

    let s = &f3["suppressions"];
    assert_eq!(s[0]["kind"], "external");
    assert_eq!(
        s[0]["justification"],
        "Reject (false positive): Arc moved into a thread | not a waste"
    );
    assert!(s[1]["justification"]
        .as_str()
        .unwrap()
        .starts_with("The `Arc` clone is moved"));

    let f5 = results
        .iter()
        .find(|r| r["properties"]["findingId"] == "F-005")
        .unwrap();
    let loc = &f5["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "crates/casparian_worker/src/row%20%7C%20cache.rs"
    );
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(loc["region"]["startLine"], 10);
    assert_eq!(loc["region"]["endLine"], 30);
    assert_eq!(f5["partialFingerprints"]["memaudit/v1"], "fp05a1b2c3d4e5f6");
    assert_eq!(f5["properties"]["confidence"], "HIGH");
    assert_eq!(f5["properties"]["safety"], "SAFE");
    assert_eq!(f5["properties"]["impact"]["level"], "Medium");
    assert_eq!(f5["ruleId"], "CACHE_HOSTILE");
    assert_eq!(f5["ruleIndex"], 4);

    let text = serde_json::to_string(&log).unwrap();
    assert!(
        !text.contains(fixture::WORKSPACE),
        "no absolute path in SARIF"
    );
}

#[test]
fn an_edit_is_a_fix_with_byte_range_replacements_and_a_design_change_is_not() {
    use memaudit_model::{Edit, Hunk};
    let mut export = fixture::export();
    let latest = export.rounds.last_mut().unwrap();
    let record = latest
        .findings
        .iter_mut()
        .find(|r| r.finding.id == "F-005")
        .unwrap();
    let file = record.finding.file.clone();
    let hunk = |start: u32, end: u32, line: u32, original: &str, replacement: &str| Hunk {
        file: file.clone(),
        start,
        end,
        line,
        original: original.into(),
        replacement: replacement.into(),
    };
    record.finding.edit = Some(Edit {
        summary: "hoist `line` out of the loop and `clear()` it each iteration".into(),
        hunks: vec![
            hunk(120, 120, 9, "", "let mut line = String::new();\n    "),
            hunk(
                180,
                205,
                11,
                "let mut line = String::new();",
                "line.clear();",
            ),
        ],
    });
    let log: Value = serde_json::from_str(&session_sarif(&export).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "a result with fixes is valid SARIF: {errors:#?}"
    );
    let results = log["runs"][0]["results"].as_array().unwrap();
    let f5 = results
        .iter()
        .find(|r| r["properties"]["findingId"] == "F-005")
        .unwrap();
    let fix = &f5["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "hoist `line` out of the loop and `clear()` it each iteration"
    );
    let change = &fix["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"]["uri"],
        "crates/casparian_worker/src/row%20%7C%20cache.rs"
    );
    assert_eq!(change["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let r = &change["replacements"];
    assert_eq!(r[0]["deletedRegion"]["byteOffset"], 120);
    assert_eq!(
        r[0]["deletedRegion"]["byteLength"], 0,
        "an insertion deletes nothing"
    );
    assert_eq!(
        r[0]["insertedContent"]["text"],
        "let mut line = String::new();\n    "
    );
    assert_eq!(r[1]["deletedRegion"]["byteOffset"], 180);
    assert_eq!(r[1]["deletedRegion"]["byteLength"], 25);
    assert_eq!(r[1]["properties"]["line"], 11);
    let others_have_no_fix = results
        .iter()
        .filter(|r| r["properties"]["findingId"] != "F-005")
        .all(|r| r.get("fixes").is_none());
    assert!(
        others_have_no_fix,
        "a finding without an edit (a design change) gets no fix"
    );
}
