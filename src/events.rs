//! Progress events of a round, streamed to the CLI's progress bar and the
//! desktop app. Names are past tense: each says what just happened.

use serde::Serialize;

use memaudit_model::{Role, RoundStatus};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type")]
pub enum RoundEvent {
    /// A round began (or resumed).
    RoundStarted {
        session_id: i64,
        session: String,
        round: u32,
        resumed: bool,
    },
    /// A role began; `total` is the number of work items when known.
    RoleStarted {
        round: u32,
        role: Role,
        engine: String,
        total: u64,
    },
    /// A role advanced: `done` of `total` items, `current` names the item.
    /// An LLM role also reports `tokens_out`, the output tokens of its run
    /// so far (streamed: it grows while the model writes); at most about ten
    /// of these events a second per role. Absent (not `null`) for the
    /// built-in engines, so consumers that predate it read the same JSON.
    RoleProgress {
        round: u32,
        role: Role,
        done: u64,
        total: u64,
        current: String,
        findings: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tokens_out: Option<u64>,
    },
    /// A role finished; `summary` is a one-line account of what it did.
    RoleFinished {
        round: u32,
        role: Role,
        duration_ms: u64,
        summary: String,
    },
    /// A role's finished work was taken from the database (resume).
    RoleSkipped {
        round: u32,
        role: Role,
        reason: String,
    },
    /// Something went wrong that did not stop the round.
    Warned { round: u32, message: String },
    /// The round stopped: awaiting the user's decision, or interrupted/failed.
    RoundFinished {
        session_id: i64,
        round: u32,
        status: RoundStatus,
        findings: u64,
        new: u64,
    },
}
