//! Sessions, rounds, decisions and the whole-session export shape.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Category, Finding, ParseEnumError, Report, Scope, Validation};

/// A finding's state across rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingState {
    /// First seen in this round.
    #[default]
    New,
    /// Seen in an earlier round and still detected.
    Persisting,
    /// Seen earlier, no longer detected.
    Fixed,
    /// The code changed since the round that reported it.
    Stale,
}

impl FindingState {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingState::New => "new",
            FindingState::Persisting => "persisting",
            FindingState::Fixed => "fixed",
            FindingState::Stale => "stale",
        }
    }
}

impl fmt::Display for FindingState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The user's decision on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Implement,
    Defer,
    /// Not a real problem; never raise it again.
    RejectFalsePositive,
    /// Real but not worth fixing; never raise it again.
    RejectWontFix,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Implement => "implement",
            DecisionKind::Defer => "defer",
            DecisionKind::RejectFalsePositive => "reject-fp",
            DecisionKind::RejectWontFix => "reject-wontfix",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Implement => "Implement",
            DecisionKind::Defer => "Defer",
            DecisionKind::RejectFalsePositive => "Reject (false positive)",
            DecisionKind::RejectWontFix => "Reject (won't fix)",
        }
    }

    pub fn is_rejection(self) -> bool {
        matches!(
            self,
            DecisionKind::RejectFalsePositive | DecisionKind::RejectWontFix
        )
    }
}

impl fmt::Display for DecisionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DecisionKind {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "implement" => Ok(DecisionKind::Implement),
            "defer" => Ok(DecisionKind::Defer),
            "reject-fp" | "reject-false-positive" => Ok(DecisionKind::RejectFalsePositive),
            "reject-wontfix" | "reject-won't-fix" | "wontfix" => Ok(DecisionKind::RejectWontFix),
            _ => Err(ParseEnumError::new(
                "decision (implement, defer, reject-fp, reject-wontfix)",
                s,
            )),
        }
    }
}

/// The user's decision on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Decision {
    pub finding_id: String,
    pub fingerprint: String,
    pub kind: DecisionKind,
    pub note: String,
    /// For `defer`: until which date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_until_date: Option<String>,
    /// For `defer`: until which round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defer_until_round: Option<u32>,
    /// Round in which the decision was taken.
    pub round: u32,
    /// RFC 3339 UTC timestamp.
    pub decided_at: String,
}

/// A request for the next round to look deeper somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FocusRequest {
    Crate(String),
    File(String),
    Category(Category),
}

impl fmt::Display for FocusRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FocusRequest::Crate(c) => write!(f, "crate {c}"),
            FocusRequest::File(p) => write!(f, "file {p}"),
            FocusRequest::Category(c) => write!(f, "category {c}"),
        }
    }
}

impl FromStr for FocusRequest {
    type Err = ParseEnumError;
    /// `crate:NAME`, `file:PATH` or `category:NAME`; a bare category name
    /// also works.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some((kind, value)) = s.split_once(':') {
            let value = value.trim();
            if value.is_empty() {
                return Err(ParseEnumError::new("focus request", s));
            }
            return match kind.trim() {
                "crate" => Ok(FocusRequest::Crate(value.to_owned())),
                "file" => Ok(FocusRequest::File(value.to_owned())),
                "category" => value.parse().map(FocusRequest::Category),
                _ => Err(ParseEnumError::new(
                    "focus request (crate:NAME, file:PATH, category:NAME)",
                    s,
                )),
            };
        }
        s.parse().map(FocusRequest::Category).map_err(|_| {
            ParseEnumError::new("focus request (crate:NAME, file:PATH, category:NAME)", s)
        })
    }
}

/// The user's decision at the end of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoundDecision {
    Continue {
        focus: Vec<FocusRequest>,
        note: String,
    },
    Terminate {
        note: String,
    },
}

/// Where a round is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Created; roles not started or running.
    Running,
    /// Analyst, Validator and Coordinator finished; waiting for the user.
    AwaitingDecision,
    /// The user decided (continue or terminate).
    Decided,
    /// Stopped by a crash, kill or cancel before the Coordinator finished;
    /// resumable.
    Interrupted,
    /// Stopped by an error; `error` on the round says why.
    Failed,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Running => "running",
            RoundStatus::AwaitingDecision => "awaiting_decision",
            RoundStatus::Decided => "decided",
            RoundStatus::Interrupted => "interrupted",
            RoundStatus::Failed => "failed",
        }
    }
}

impl FromStr for RoundStatus {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "running" => Ok(RoundStatus::Running),
            "awaiting_decision" => Ok(RoundStatus::AwaitingDecision),
            "decided" => Ok(RoundStatus::Decided),
            "interrupted" => Ok(RoundStatus::Interrupted),
            "failed" => Ok(RoundStatus::Failed),
            _ => Err(ParseEnumError::new("round status", s)),
        }
    }
}

/// The three roles of the workflow.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Analyst,
    Validator,
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Analyst, Role::Validator, Role::Coordinator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Analyst => "analyst",
            Role::Validator => "validator",
            Role::Coordinator => "coordinator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "analyst" => Ok(Role::Analyst),
            "validator" => Ok(Role::Validator),
            "coordinator" => Ok(Role::Coordinator),
            _ => Err(ParseEnumError::new("role", s)),
        }
    }
}

/// One run of one role in a round: which engine, how long, what it cost.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct RoleRun {
    pub role: Option<Role>,
    /// `builtin` or `llm:<provider>/<model>`.
    pub engine: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub duration_ms: Option<u64>,
    pub tokens_in: u64,
    pub tokens_out: u64,
    pub cost_usd: f64,
    /// `running`, `finished`, `failed`, `cancelled`.
    pub status: String,
    pub error: Option<String>,
}

/// Identity and life of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionInfo {
    /// Database id; unique across all workspaces.
    pub id: i64,
    /// Folder name, `memory_audit_001`.
    pub name: String,
    /// Absolute path of the workspace root when the session was made.
    pub workspace: String,
    pub created_at: String,
    pub updated_at: String,
    /// `active` or `terminated`.
    pub status: String,
    pub rounds: u32,
    pub findings: u32,
}

/// A finding as it stands in one round: with its state, verdict and decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FindingRecord {
    pub finding: Finding,
    pub state: FindingState,
    pub validation: Option<Validation>,
    pub decision: Option<Decision>,
    /// Measurements, verification and the compiler's check: attached when
    /// the session leaves memaudit (exports, `show --format json`); absent
    /// where a screen fetches them on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub evidence: Option<crate::Evidence>,
}

/// One round with everything it produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoundRecord {
    pub number: u32,
    pub status: RoundStatus,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
    pub findings: Vec<FindingRecord>,
    pub report: Option<Report>,
    pub role_runs: Vec<RoleRun>,
    pub decision: Option<RoundDecision>,
    /// Focus requests this round was asked to honour.
    #[serde(default)]
    pub focus: Vec<FocusRequest>,
}

/// `status.md`'s counts (workflow spec step 3).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Status {
    pub session: String,
    pub rounds: u32,
    pub current_round: u32,
    pub round_status: String,
    pub total_findings: u32,
    pub approved: u32,
    pub needs_work: u32,
    pub rejected: u32,
    pub new: u32,
    pub persisting: u32,
    pub fixed: u32,
    pub stale: u32,
    pub decided_implement: u32,
    pub decided_defer: u32,
    pub decided_reject: u32,
    pub undecided: u32,
}

/// Current version of the JSON export schema (`docs/export-json.md`).
pub const EXPORT_SCHEMA_VERSION: u32 = 2;

/// A whole session: what JSON export writes, what the UI and the Markdown
/// export read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionExport {
    pub schema_version: u32,
    pub session: SessionInfo,
    pub scope: Option<Scope>,
    pub rounds: Vec<RoundRecord>,
    pub status: Status,
}
