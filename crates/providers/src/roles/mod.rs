//! The LLM engines of the Analyst, Validator and Coordinator roles: prompts
//! in, the model's own types out (`Finding`, `Validation`, `Synthesis`),
//! checked against the real code and the round's findings so that nothing
//! the model invents is stored as real.
//!
//! This module must NOT trust the model: every path, line, category, id and
//! code snippet is checked or re-taken from the sources; items that fail are
//! returned in `discarded` with the reason, never silently dropped and never
//! kept. It must NOT execute anything: answers are data.

mod analyst;
mod coordinator;
pub mod prompts;
mod validator;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use analyst::{analyst_schema, llm_analyst, AnalystInput, ChunkLimits, KnownFinding};
pub use coordinator::{coordinator_schema, llm_coordinator, CoordinatorInput, CoordinatorLimits};
pub use validator::{llm_validator, validator_schema, BatchLimits, ValidatorInput};

use crate::error::ProviderError;
use crate::usage::Usage;

/// An item the model returned that memaudit refused, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discarded {
    pub reason: String,
    /// The item exactly as the model gave it.
    pub item: Value,
}

/// What one LLM role run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleOutput<T> {
    pub value: T,
    /// Tokens, cost and requests of every call of the run, failed ones included.
    pub usage: Usage,
    pub discarded: Vec<Discarded>,
    /// Requests that failed (after retries), with what they covered.
    pub errors: Vec<String>,
    /// The error that stopped the run early (key rejected, budget spent,
    /// cancelled), if any; its code is what the UI branches on.
    pub stopped_by: Option<ProviderError>,
}

impl<T: Default> Default for RoleOutput<T> {
    fn default() -> Self {
        RoleOutput {
            value: T::default(),
            usage: Usage::default(),
            discarded: Vec::new(),
            errors: Vec::new(),
            stopped_by: None,
        }
    }
}

/// Progress of a role run: requests finished out of requests planned.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Send + Sync);

/// `   12 | code`: what the model sees, so it can cite real line numbers.
fn numbered(lines: &[&str], first_line: usize) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        out.push_str(&format!("{:>5} | {l}\n", first_line + i));
    }
    out
}

/// Violations like `/findings/3/...` grouped by item index.
fn violations_by_item(
    violations: &[String],
    array: &str,
) -> std::collections::HashMap<usize, Vec<String>> {
    let prefix = format!("/{array}/");
    let mut map: std::collections::HashMap<usize, Vec<String>> = std::collections::HashMap::new();
    for v in violations {
        if let Some(rest) = v.strip_prefix(&prefix) {
            let idx = rest.split(['/', ':']).next().and_then(|n| n.parse().ok());
            if let Some(i) = idx {
                map.entry(i).or_default().push(v.clone());
            }
        }
    }
    map
}

/// Records a failed request. Run-stopping errors are kept once, in
/// `stopped_by`: the cause (key rejected, budget spent) wins over the
/// `Cancelled` it triggers in the run's other requests.
fn record_failure<T>(out: &mut RoleOutput<T>, what: &str, e: ProviderError) {
    if !e.stops_the_run() {
        out.errors.push(format!("{what}: {e}"));
        return;
    }
    let replace = match &out.stopped_by {
        None => true,
        Some(ProviderError::Cancelled) => e != ProviderError::Cancelled,
        Some(_) => false,
    };
    if replace {
        out.stopped_by = Some(e);
    }
}

/// Adds the stop reason to `errors`, once, after every result is in.
fn finish<T>(out: &mut RoleOutput<T>) {
    if let Some(e) = &out.stopped_by {
        out.errors.push(format!("run stopped: {e}"));
    }
}

/// Whether a failed request should cancel the run's other requests. A spent
/// budget does not: requests in flight are already paid for, so they finish
/// and count, while queued ones are refused by the budget without a request.
fn cancels_the_run(e: &ProviderError) -> bool {
    e.stops_the_run() && !matches!(e, ProviderError::BudgetExhausted { .. })
}
