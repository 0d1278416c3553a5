//! The JSON export: a [`SessionExport`] serialised as pretty JSON, versioned
//! by its `schema_version` field (documented in `docs/export-json.md`).
//!
//! The shape is the model's serde shape and nothing else: this module must
//! not rename, drop or add fields, so that a JSON export can be read back
//! into a `SessionExport` by any tool that links the model crate.

use memaudit_model::{SessionExport, EXPORT_SCHEMA_VERSION};

/// Pretty-printed JSON of the whole session. `schema_version` is always the
/// model's [`EXPORT_SCHEMA_VERSION`], whatever the value carried in.
pub fn session_json(export: &SessionExport) -> String {
    let mut export = export.clone();
    export.schema_version = EXPORT_SCHEMA_VERSION;
    match serde_json::to_string_pretty(&export) {
        Ok(json) => json,
        // The model has no maps with non-string keys and no custom
        // serialisers, so this cannot happen; if it ever does, the export
        // still is valid JSON that says what went wrong instead of a panic.
        Err(e) => serde_json::json!({
            "schema_version": EXPORT_SCHEMA_VERSION,
            "error": format!("serialising the session failed: {e}"),
        })
        .to_string(),
    }
}
