//! Which engine runs each role, and the LLM side of that choice.
//!
//! The built-in engines are the default and need no network. When the user
//! picks the LLM engine for a role (in `config.toml`, the app's Settings
//! screen, or `--analyst llm` / `--validator llm` / `--coordinator llm`), the
//! round calls the configured provider through `memaudit-providers`. What the
//! model answers is data: it is checked against the schema and the real code
//! there, and becomes the same `Finding` / `Validation` types, so the store,
//! the session files, the UI and the exports do not change. The LLM
//! Coordinator only adds a `Synthesis` to the built-in Coordinator's report,
//! which keeps every count, ranking and termination criterion.
//!
//! Spending is capped per session: the budget of a round is the session's
//! cap minus what its earlier role runs cost.
//!
//! Progress: the LLM roles stream their requests and report the output
//! tokens of the run so far; [`LlmProgress`] turns that and the requests
//! done into `RoundEvent::RoleProgress` events with `tokens_out`, at most one
//! per [`PROGRESS_INTERVAL`] per role, so a fast stream cannot flood the
//! desktop app's IPC.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use memaudit_model::{
    Decision, Finding, FindingRecord, FocusRequest, Report, Role, Scope, Synthesis, Validation,
};
use memaudit_providers::{
    llm_analyst, llm_coordinator, llm_validator, AnalystInput, BatchLimits, Budget, ChunkLimits,
    CoordinatorInput, CoordinatorLimits, KeyringStore, PriceTable, Provider, ProviderConfig,
    ProviderKind, RoleOutput, Usage, ValidatorInput,
};
use tokio_util::sync::CancellationToken;

use crate::config::{EngineKind, ProviderChoice, Settings};
use crate::error::{ApiError, Result};
use crate::events::RoundEvent;
use crate::rounds::Cancel;

/// Engines per role plus the provider settings the LLM ones use.
#[derive(Debug, Clone, Default)]
pub struct Engines {
    pub analyst: EngineKind,
    pub validator: EngineKind,
    pub coordinator: EngineKind,
    pub settings: Settings,
}

impl Engines {
    pub fn from_settings(settings: &Settings) -> Engines {
        Engines {
            analyst: settings.analyst_engine,
            validator: settings.validator_engine,
            coordinator: settings.coordinator_engine,
            settings: settings.clone(),
        }
    }

    pub fn uses_llm(&self) -> bool {
        [self.analyst, self.validator, self.coordinator].contains(&EngineKind::Llm)
    }
}

/// Most files sent to an LLM Analyst in one round unless focus requests
/// narrow the scope: the highest-priority ones.
pub const MAX_LLM_FILES: usize = 64;

fn provider_config(s: &Settings) -> ProviderConfig {
    let kind = match s.provider {
        ProviderChoice::Anthropic => ProviderKind::Anthropic,
        ProviderChoice::Openai => ProviderKind::OpenAi,
    };
    let mut config = ProviderConfig::new(kind);
    if !s.model.trim().is_empty() {
        config.model = s.model.trim().to_owned();
    }
    if !s.base_url.trim().is_empty() {
        config.base_url = s.base_url.trim().trim_end_matches('/').to_owned();
    }
    config.max_concurrency = s.concurrency.max(1) as usize;
    config
}

/// Connects to the configured provider (key from the environment or the
/// keychain; local servers need none).
pub fn connect(settings: &Settings) -> Result<Provider> {
    Provider::connect(
        provider_config(settings),
        &KeyringStore::new(),
        &PriceTable::default(),
    )
    .map_err(|e| ApiError::Provider(e.to_string()))
}

/// The engine name recorded for a role run.
pub fn engine_name(kind: EngineKind, provider: Option<&Provider>) -> String {
    match (kind, provider) {
        (EngineKind::Llm, Some(p)) => p.engine_name(),
        _ => crate::rounds::BUILTIN.to_owned(),
    }
}

/// The session's remaining budget.
pub fn budget(settings: &Settings, spent_usd: f64) -> Budget {
    if settings.budget_usd > 0.0 {
        Budget::new(Some((settings.budget_usd - spent_usd).max(0.0)))
    } else {
        Budget::unlimited()
    }
}

/// Runs a future on a private runtime (roles run on blocking threads),
/// cancelling it when the round's cancel flag is raised.
fn block_on<T>(cancel: &Cancel, f: impl FnOnce(CancellationToken) -> T) -> Result<T::Output>
where
    T: std::future::Future,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ApiError::Internal(format!("starting the LLM runtime: {e}")))?;
    let token = CancellationToken::new();
    let watched = cancel.clone();
    let child = token.clone();
    Ok(runtime.block_on(async move {
        let watcher = async {
            loop {
                if watched.is_cancelled() {
                    child.cancel();
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        tokio::select! {
            out = f(token.clone()) => out,
            _ = async { watcher.await; std::future::pending::<()>().await } => unreachable!(),
        }
    }))
}

/// What an LLM role produced, with its accounting and what it threw away.
pub struct LlmOutcome<T> {
    pub value: T,
    pub usage: Usage,
    pub warnings: Vec<String>,
    /// Set when the run stopped early (key rejected, budget, cancel).
    pub stopped: Option<String>,
}

/// Why a role's discarded items are typically discarded, for the warning.
const CODE_CHECKS: &str = "not in scope, lines that do not exist, unknown category, …";

fn outcome<T>(out: RoleOutput<T>, checks: &str) -> LlmOutcome<T> {
    let mut warnings: Vec<String> = out.errors;
    if !out.discarded.is_empty() {
        warnings.push(format!(
            "{} item(s) from the model were discarded ({checks}): {}",
            out.discarded.len(),
            out.discarded
                .iter()
                .take(5)
                .map(|d| d.reason.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    LlmOutcome {
        value: out.value,
        usage: out.usage,
        warnings,
        stopped: out.stopped_by.map(|e| e.to_string()),
    }
}

/// Reads the sources the LLM Analyst will see: files in scope, highest
/// priority first, narrowed by `only` when focus requests name files.
pub fn sources_for(scope: &Scope, only: Option<&[String]>) -> HashMap<String, String> {
    let root = Path::new(&scope.workspace);
    let mut out = HashMap::new();
    for (_, f) in scope.files_by_priority() {
        if !scope.priority_filter.admits(f.priority) {
            continue;
        }
        if let Some(only) = only {
            if !only.iter().any(|o| o == &f.path) {
                continue;
            }
        } else if out.len() >= MAX_LLM_FILES {
            break;
        }
        // An unreadable file is simply not sent; the built-in pass reports it.
        if let Ok(text) = std::fs::read_to_string(root.join(&f.path)) {
            out.insert(f.path.clone(), text);
        }
    }
    out
}

/// The shortest time between two progress events of one LLM role run.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Admits at most one event per interval.
#[derive(Debug)]
struct Throttle {
    every: Duration,
    last: Option<Instant>,
}

impl Throttle {
    fn admit(&mut self, now: Instant) -> bool {
        match self.last {
            Some(last) if now.saturating_duration_since(last) < self.every => false,
            _ => {
                self.last = Some(now);
                true
            }
        }
    }
}

#[derive(Debug)]
struct ProgressState {
    done: usize,
    total: usize,
    /// The item whose answer grew last; empty before the first token.
    item: String,
    tokens_out: Option<u64>,
    throttle: Throttle,
}

/// An LLM role run's progress as `RoleProgress` events: requests done of
/// planned, the item being worked on, and the output tokens of the run so
/// far. Events go out at most once per [`PROGRESS_INTERVAL`]; what a skipped
/// event would have said is carried by the next one, and the last request's
/// event always goes out, so the final figures arrive.
pub struct LlmProgress<'a> {
    emit: &'a (dyn Fn(RoundEvent) + Sync),
    round: u32,
    role: Role,
    state: Mutex<ProgressState>,
}

impl<'a> LlmProgress<'a> {
    pub fn new(emit: &'a (dyn Fn(RoundEvent) + Sync), round: u32, role: Role) -> Self {
        LlmProgress {
            emit,
            round,
            role,
            state: Mutex::new(ProgressState {
                done: 0,
                total: 0,
                item: String::new(),
                tokens_out: None,
                throttle: Throttle {
                    every: PROGRESS_INTERVAL,
                    last: None,
                },
            }),
        }
    }

    /// A request finished: `done` of `total`.
    pub fn requests(&self, done: usize, total: usize) {
        self.update(done >= total, |s| {
            s.done = done;
            s.total = total;
        });
    }

    /// A streamed answer grew: `item` is what it is about, `tokens_out` the
    /// run's output tokens so far.
    pub fn tokens(&self, item: &str, tokens_out: u64) {
        self.update(false, |s| {
            if s.item != item {
                s.item.clear();
                s.item.push_str(item);
            }
            s.tokens_out = Some(tokens_out);
        });
    }

    fn update(&self, always: bool, change: impl FnOnce(&mut ProgressState)) {
        let event = {
            // A poisoned lock only means an emit panicked; the figures are
            // still plain numbers.
            let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
            change(&mut s);
            let admitted = s.throttle.admit(Instant::now());
            (admitted || always).then(|| RoundEvent::RoleProgress {
                round: self.round,
                role: self.role,
                done: s.done as u64,
                total: s.total as u64,
                current: if s.item.is_empty() {
                    format!("LLM request {} of {}", s.done, s.total)
                } else {
                    s.item.clone()
                },
                findings: 0,
                tokens_out: s.tokens_out,
            })
        };
        // Emitted outside the lock: a slow front end never holds up the
        // role's other requests' callbacks.
        if let Some(e) = event {
            (self.emit)(e);
        }
    }
}

/// What every LLM role run shares: where to send, how much may be spent,
/// which round it is, where progress goes, and when to stop.
pub struct LlmRun<'a> {
    pub provider: &'a Provider,
    pub budget: &'a Budget,
    pub session: &'a str,
    pub round: u32,
    /// Requests done and output tokens streamed, as round events.
    pub progress: LlmProgress<'a>,
    pub cancel: &'a Cancel,
}

impl LlmRun<'_> {
    fn on_request(&self) -> impl Fn(usize, usize) + Send + Sync + '_ {
        |done, total| self.progress.requests(done, total)
    }

    fn on_tokens(&self) -> impl Fn(&str, u64) + Send + Sync + '_ {
        |item: &str, tokens_out| self.progress.tokens(item, tokens_out)
    }
}

pub fn run_analyst(
    run: &LlmRun<'_>,
    scope: &Scope,
    sources: &HashMap<String, String>,
    known: &[Finding],
    decisions: &[Decision],
    focus: &[FocusRequest],
) -> Result<LlmOutcome<Vec<Finding>>> {
    let known: Vec<memaudit_providers::KnownFinding> = known.iter().map(Into::into).collect();
    let (requests, tokens) = (run.on_request(), run.on_tokens());
    let out = block_on(run.cancel, |token| async move {
        llm_analyst(
            run.provider,
            AnalystInput {
                scope,
                sources,
                known: &known,
                decisions,
                focus_requests: focus,
                session: run.session,
                round: run.round,
                limits: ChunkLimits::default(),
                progress: Some(&requests),
                streaming: Some(&tokens),
            },
            run.budget,
            &token,
        )
        .await
    })?;
    Ok(outcome(out, CODE_CHECKS))
}

pub fn run_validator(
    run: &LlmRun<'_>,
    findings: &[Finding],
    sources: &HashMap<String, String>,
) -> Result<LlmOutcome<Vec<Validation>>> {
    let (requests, tokens) = (run.on_request(), run.on_tokens());
    let out = block_on(run.cancel, |token| async move {
        llm_validator(
            run.provider,
            ValidatorInput {
                findings,
                sources,
                session: run.session,
                round: run.round,
                limits: BatchLimits::default(),
                progress: Some(&requests),
                streaming: Some(&tokens),
            },
            run.budget,
            &token,
        )
        .await
    })?;
    Ok(outcome(out, CODE_CHECKS))
}

/// What the LLM Coordinator reads besides the built-in report.
pub struct RoundView<'a> {
    /// The round's findings with state, validation and decision.
    pub records: &'a [FindingRecord],
    /// The user's decisions that apply to those findings.
    pub decisions: &'a [Decision],
    pub focus_requests: &'a [FocusRequest],
    /// The session's focus (`arena`, `clones`, `full`).
    pub focus: &'a str,
}

/// Runs the LLM Coordinator on top of the built-in `report`. `value` is
/// `None` when it failed; the caller keeps the built-in report as it is.
pub fn run_coordinator(
    run: &LlmRun<'_>,
    report: &Report,
    round: &RoundView<'_>,
) -> Result<LlmOutcome<Option<Synthesis>>> {
    let (requests, tokens) = (run.on_request(), run.on_tokens());
    let out = block_on(run.cancel, |token| async move {
        llm_coordinator(
            run.provider,
            CoordinatorInput {
                report,
                records: round.records,
                decisions: round.decisions,
                focus_requests: round.focus_requests,
                focus: round.focus,
                session: run.session,
                round: run.round,
                limits: CoordinatorLimits::default(),
                progress: Some(&requests),
                streaming: Some(&tokens),
            },
            run.budget,
            &token,
        )
        .await
    })?;
    Ok(outcome(out, "finding ids that are not the round's, …"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_admits_one_event_per_interval() {
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut t = Throttle {
            every: PROGRESS_INTERVAL,
            last: None,
        };
        let admitted: Vec<u64> = [0, 1, 50, 99, 100, 150, 199, 200, 1000]
            .into_iter()
            .filter(|&n| t.admit(ms(n)))
            .collect();
        assert_eq!(admitted, [0, 100, 200, 1000]);
    }

    #[test]
    fn a_fast_stream_is_throttled_and_the_last_figures_arrive() {
        let events = Mutex::new(Vec::new());
        let emit = |e: RoundEvent| events.lock().unwrap().push(e);
        let progress = LlmProgress::new(&emit, 2, Role::Validator);
        let started = Instant::now();
        for n in 1..=20_000 {
            progress.tokens("F-001 +4 more", n);
        }
        progress.requests(1, 2);
        progress.tokens("F-006", 20_050);
        progress.requests(2, 2);
        let elapsed = started.elapsed();
        let events = events.into_inner().unwrap();
        // One per interval, plus the first and the forced last: a bound that
        // only grows when the machine is slow.
        let bound = 2 + (elapsed.as_millis() / PROGRESS_INTERVAL.as_millis()) as usize;
        println!(
            "{} events for 20,003 updates in {elapsed:?} (bound {bound})",
            events.len()
        );
        assert!(events.len() <= bound, "{} > {bound}", events.len());
        match events.first() {
            Some(RoundEvent::RoleProgress {
                current,
                tokens_out,
                ..
            }) => assert_eq!(
                (current.as_str(), *tokens_out),
                ("F-001 +4 more", Some(1)),
                "the first update goes out at once"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            events.last(),
            Some(&RoundEvent::RoleProgress {
                round: 2,
                role: Role::Validator,
                done: 2,
                total: 2,
                current: "F-006".to_owned(),
                findings: 0,
                tokens_out: Some(20_050),
            }),
            "the last request's event carries the final figures"
        );
    }

    #[test]
    fn without_tokens_the_event_names_the_request() {
        let events = Mutex::new(Vec::new());
        let emit = |e: RoundEvent| events.lock().unwrap().push(e);
        LlmProgress::new(&emit, 1, Role::Coordinator).requests(1, 1);
        let json = serde_json::to_value(&events.into_inner().unwrap()[0]).unwrap();
        assert_eq!(json["current"], "LLM request 1 of 1");
        assert!(
            json.get("tokens_out").is_none(),
            "absent, not null, for consumers that predate it: {json}"
        );
    }
}
