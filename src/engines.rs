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

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use memaudit_model::{
    Decision, Finding, FindingRecord, FocusRequest, Report, Scope, Synthesis, Validation,
};
use memaudit_providers::{
    llm_analyst, llm_coordinator, llm_validator, AnalystInput, BatchLimits, Budget, ChunkLimits,
    CoordinatorInput, CoordinatorLimits, KeyringStore, PriceTable, Provider, ProviderConfig,
    ProviderKind, RoleOutput, Usage, ValidatorInput,
};
use tokio_util::sync::CancellationToken;

use crate::config::{EngineKind, ProviderChoice, Settings};
use crate::error::{ApiError, Result};
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

/// What every LLM role run shares: where to send, how much may be spent,
/// which round it is, where progress goes, and when to stop.
pub struct LlmRun<'a> {
    pub provider: &'a Provider,
    pub budget: &'a Budget,
    pub session: &'a str,
    pub round: u32,
    /// (requests done, requests planned).
    pub progress: &'a (dyn Fn(usize, usize) + Send + Sync),
    pub cancel: &'a Cancel,
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
                progress: Some(run.progress),
                streaming: None,
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
    let out = block_on(run.cancel, |token| async move {
        llm_validator(
            run.provider,
            ValidatorInput {
                findings,
                sources,
                session: run.session,
                round: run.round,
                limits: BatchLimits::default(),
                progress: Some(run.progress),
                streaming: None,
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
                progress: Some(run.progress),
                streaming: None,
            },
            run.budget,
            &token,
        )
        .await
    })?;
    Ok(outcome(out, "finding ids that are not the round's, …"))
}
