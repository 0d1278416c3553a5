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

use tokio_util::sync::CancellationToken;

use crate::client::{Provider, StructuredRequest, StructuredResponse};
use crate::error::ProviderError;
use crate::usage::{Budget, Usage};

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

/// Streaming progress of a role run: `(item, tokens_out)`, the work item
/// whose answer just grew (an Analyst request's files, a Validator batch's
/// finding ids, `synthesis`) and the output tokens of the whole run so far,
/// summed over its requests: the finished ones at their real count, the ones
/// streaming at their count so far. Giving one makes the role stream its
/// requests (server-sent events); when a request finishes, its real count
/// is reported too, so a server that does not stream still moves the figure
/// once per request.
pub type StreamProgress<'a> = &'a (dyn Fn(&str, u64) + Send + Sync);

/// The output tokens of a role run's requests, one slot per request, summed
/// for [`StreamProgress`].
struct Tally {
    slots: std::sync::Mutex<Vec<u64>>,
}

impl Tally {
    fn new(requests: usize) -> Tally {
        Tally {
            slots: std::sync::Mutex::new(vec![0; requests]),
        }
    }

    /// Records request `i`'s output tokens so far; returns the run's total.
    fn set(&self, i: usize, tokens_out: u64) -> u64 {
        // A poisoned lock only means a callback panicked; the counts are
        // still plain numbers.
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = slots.get_mut(i) {
            *slot = tokens_out;
        }
        slots.iter().sum()
    }
}

/// Sends request `i` of a role run: streamed, reporting the run's output
/// tokens to `streaming`, when the caller asked for progress; as one answer
/// otherwise. Either way `usage` gets what every attempt cost.
async fn ask(
    p: &Provider,
    req: &StructuredRequest,
    budget: &Budget,
    cancel: &CancellationToken,
    usage: &mut Usage,
    streaming: Option<(StreamProgress<'_>, &Tally, usize, &str)>,
) -> Result<StructuredResponse, ProviderError> {
    let Some((report, tally, i, item)) = streaming else {
        return p.structured_metered(req, budget, cancel, usage).await;
    };
    let on_tokens = |n: u64| report(item, tally.set(i, n));
    let r = p
        .structured_streaming(req, budget, cancel, usage, &on_tokens)
        .await;
    // The real count of what was paid for, also when the server answered
    // without streaming or the call failed after a charged answer.
    report(item, tally.set(i, usage.tokens_out));
    r
}

/// Sends a role run's requests concurrently (the provider's semaphore
/// bounds how many are in flight) and returns each one's result and cost,
/// in order. `requests` pairs each request with its progress label. A
/// run-stopping error in one request cancels the others, so a rejected key
/// costs one request, not one per part; `progress` hears of every finished
/// request, `streaming` of the run's output tokens as answers grow.
async fn ask_all(
    p: &Provider,
    requests: Vec<(StructuredRequest, String)>,
    budget: &Budget,
    cancel: &CancellationToken,
    progress: Option<Progress<'_>>,
    streaming: Option<StreamProgress<'_>>,
) -> Vec<(Result<StructuredResponse, ProviderError>, Usage)> {
    let parts = requests.len();
    let run = cancel.child_token();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tally = Tally::new(parts);
    let calls = requests.into_iter().enumerate().map(|(i, (req, item))| {
        let (run, done, tally) = (&run, &done, &tally);
        async move {
            let mut usage = Usage::default();
            let streaming = streaming.map(|s| (s, tally, i, item.as_str()));
            let r = ask(p, &req, budget, run, &mut usage, streaming).await;
            if matches!(&r, Err(e) if cancels_the_run(e)) {
                run.cancel();
            }
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(progress) = progress {
                progress(n, parts);
            }
            (r, usage)
        }
    });
    futures_util::future::join_all(calls).await
}

/// `a.rs`, `a.rs +2 more`: a short name for a request's items.
fn label<'s>(items: impl IntoIterator<Item = &'s str>) -> String {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return String::new();
    };
    match items.count() {
        0 => first.to_owned(),
        more => format!("{first} +{more} more"),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_named_shortly_and_tokens_summed_per_request() {
        assert_eq!(label(["src/a.rs"]), "src/a.rs");
        assert_eq!(label(["F-001", "F-002", "F-003"]), "F-001 +2 more");
        assert_eq!(label(std::iter::empty()), "");
        let t = Tally::new(2);
        assert_eq!(t.set(0, 10), 10);
        assert_eq!(t.set(1, 5), 15);
        assert_eq!(
            t.set(0, 40),
            45,
            "a request's latest count replaces its last"
        );
        assert_eq!(t.set(7, 99), 45, "an unknown request changes nothing");
    }
}
