//! The JSON export: versioned, pretty, and a lossless image of the model.

use memaudit_model::{SessionExport, EXPORT_SCHEMA_VERSION};
use memaudit_render::json::session_json;

use crate::fixture;

#[test]
fn session_json_snapshot() {
    insta::assert_snapshot!("session_json", session_json(&fixture::export()));
}

#[test]
fn json_round_trips_and_carries_the_current_schema_version() {
    let mut export = fixture::export();
    export.schema_version = 0; // a stale value must not leak into the file
    let json = session_json(&export);
    let back: SessionExport = serde_json::from_str(&json).expect("the export reads back");
    assert_eq!(back.schema_version, EXPORT_SCHEMA_VERSION);
    export.schema_version = EXPORT_SCHEMA_VERSION;
    assert_eq!(back, export, "nothing is lost in a round trip");
    assert!(
        json.starts_with("{\n  \"schema_version\": "),
        "pretty, version first"
    );
}
