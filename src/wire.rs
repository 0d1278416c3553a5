//! Request and reply shapes that only front ends use. With the model types,
//! the events and the error code, these are the types TypeScript sees: the
//! UI's bindings are generated from them (`tests/bindings.rs`).

use serde::{Deserialize, Serialize};

use memaudit_model::{DecisionKind, Focus, PriorityFilter};

/// Options of a new audit from the app.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct StartOptions {
    pub focus: Focus,
    pub priority: PriorityFilter,
}

/// A decision on one finding, as the Decide screen sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct DecideRequest {
    pub finding_id: String,
    pub kind: DecisionKind,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_until_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_until_round: Option<u32>,
}

/// Whether a provider's API key is stored; the key itself never crosses.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct KeyStatus {
    pub stored: bool,
}

/// Facts the app shows about itself (footer, error states).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub settings: String,
}

/// What every command rejects with across IPC.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ApiErrorPayload {
    pub code: crate::ErrorCode,
    pub message: String,
}

/// Export formats.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormatName {
    Md,
    Json,
    Sarif,
}
