//! Rounds: Analyst → Validator → Coordinator, then the user's decision.
//!
//! A round is driven by [`run_round`] (synchronous, for the CLI and tests) or
//! [`spawn_round`] (a background task with an event stream and a cancel
//! handle, for the desktop app). Each role's output is committed to the store
//! as soon as the role finishes, so a crash or kill loses at most the role
//! that was running; [`resume_round`] picks an interrupted round up where it
//! stopped. Session files are rendered from the database after every round;
//! failing to write them (a read-only workspace) is a warning, never a lost
//! round.
//!
//! This module decides what a round *means* across rounds: known fingerprints
//! keep their ids, findings the user rejected are never raised again, and
//! findings no longer detected in re-analysed files become `fixed`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use memaudit_analysis::{AnalyzeOptions, AnalyzeProgress};
use memaudit_model::{
    finding_id, Decision, Finding, FindingState, FocusRequest, PriorityFilter, Role, RoundRecord,
    RoundStatus, Scope, SessionInfo,
};
use memaudit_review::coordinator::{coordinate, CoordinatorInput, ProfileEvidence};

use memaudit_store::Store;

use crate::config::EngineKind;
use crate::error::{ApiError, Result};
use crate::events::RoundEvent;

/// The engine name recorded for built-in role runs.
pub const BUILTIN: &str = "builtin";

/// Options for starting an audit or a round.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Overrides the scope's focus (arena / clones / full).
    pub focus: Option<memaudit_model::Focus>,
    /// Overrides the scope's priority filter.
    pub priority: Option<PriorityFilter>,
    /// Analysis threads; 0 means one per core.
    pub threads: usize,
    /// Render the session folder into the workspace after the round.
    pub write_files: bool,
    /// Built-in or LLM engine per role, and the provider settings.
    pub engines: crate::engines::Engines,
    /// Also run `cargo clippy` with the memory lints (compiles the
    /// workspace: its build scripts and proc macros run).
    pub clippy: bool,
    /// A `scope.md` whose overrides apply to this round (absolute, or
    /// relative to the workspace root). Without one, the session's own
    /// `scope.md` is read, and before the session has one, the workspace's
    /// (`scope.md` or `specs/meta/scope.md` at its root). A given file that
    /// does not exist is an error, not a silent default.
    pub scope_md: Option<PathBuf>,
}

/// What a finished (or stopped) round produced.
#[derive(Debug, Clone)]
pub struct RoundOutcome {
    pub session: SessionInfo,
    pub round: u32,
    pub status: RoundStatus,
    pub findings: u64,
    pub new: u64,
    /// Files written into the workspace's session folder.
    pub files_written: Vec<PathBuf>,
    /// Problems that did not stop the round.
    pub warnings: Vec<String>,
}

/// A shared cancel flag, checked between roles and between files.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Discovers the workspace at `path`, applies the options and creates a
/// session for it. The round itself is started with [`run_round`].
pub fn start_session(store: &Store, path: &Path, opts: &AuditOptions) -> Result<SessionInfo> {
    // Only the root is needed here: the round's single pass discovers,
    // parses and scores the workspace (once) and saves the scope.
    let root = memaudit_discovery::workspace_root(path)?;
    let mut scope = Scope {
        workspace: root.display().to_string(),
        ..Scope::default()
    };
    if let Some(saved) = crate::workspaces::saved_overrides(store, &scope.workspace)? {
        crate::workspaces::apply_saved(&mut scope, &saved);
    }
    apply_options(&mut scope, opts);
    store.touch_workspace(&scope.workspace)?;
    Ok(store.create_session(&scope.workspace, &scope)?)
}

fn apply_options(scope: &mut Scope, opts: &AuditOptions) {
    if let Some(f) = opts.focus {
        scope.focus = f;
    }
    if let Some(p) = opts.priority {
        scope.priority_filter = p;
    }
}

/// The single pass over the session's workspace (discovery, facts, the
/// built-in Analyst's detectors when `analyze`, call graph, priorities),
/// with a hand-edited `scope.md` read back from the session folder (or, on
/// a first round, the workspace's own `scope.md`), keeping the session's
/// focus and priority filter unless the options override them. The scope
/// is saved.
fn prepare(
    store: &Store,
    info: &SessionInfo,
    opts: &AuditOptions,
    analyze: bool,
    progress: &(dyn Fn(AnalyzeProgress) + Sync),
) -> Result<crate::audit::Pass> {
    let root = PathBuf::from(&info.workspace);
    if !root.join("Cargo.toml").is_file() {
        return Err(ApiError::WorkspaceMissing {
            session: info.name.clone(),
            path: root,
        });
    }
    let previous = store.scope(info.id)?;
    let session_md = memaudit_render::files::session_dir(&root, &info.name)?.join("scope.md");
    // Only an existing scope.md is read back; a path blocked by a file (a
    // broken session folder) is reported when the files are written.
    let session_md = session_md.is_file().then_some(session_md);
    let mut pass = crate::audit::pass(
        &root,
        &crate::audit::PassOptions {
            analyze,
            focus: None,
            priority: None,
            threads: opts.threads,
            // An explicit file wins over the session's own, which wins over
            // the workspace's (read by the pass when both are None).
            scope_md: opts.scope_md.clone().or(session_md),
            no_workspace_scope_md: false,
            // The Validator judges only the built-in Analyst's findings,
            // unless an LLM Analyst or clippy brings findings elsewhere.
            slim_facts: analyze && opts.engines.analyst != EngineKind::Llm && !opts.clippy,
        },
        progress,
    )?;
    let scope = &mut pass.scope;
    if pass.scope_md.is_none() {
        // Without a session folder (`--no-files`) and no scope.md of the
        // workspace, overrides saved in the app still apply.
        if let Some(saved) = crate::workspaces::saved_overrides(store, &scope.workspace)? {
            crate::workspaces::apply_saved(scope, &saved);
        }
    }
    if let Some(prev) = previous {
        // scope.md may set focus and filter itself; only fall back to the
        // stored ones when it does not.
        if scope.overrides.focus.is_none() {
            scope.focus = prev.focus;
        }
        if scope.overrides.priority_filter.is_none() {
            scope.priority_filter = prev.priority_filter;
        }
    }
    apply_options(scope, opts);
    // The pass kept findings by the scope it had then; the session's focus
    // and filter apply now.
    let (focus, filter) = (scope.focus, scope.priority_filter);
    let keep: HashMap<&str, memaudit_model::Priority> = scope
        .crates
        .iter()
        .flat_map(|c| c.files.iter().map(|f| (f.path.as_str(), f.priority)))
        .collect();
    let mut findings = std::mem::take(&mut pass.analysis.findings);
    findings.retain_mut(|f| match keep.get(f.file.as_str()) {
        Some(p) if filter.admits(*p) && focus.includes(f.category) => {
            f.priority = *p;
            true
        }
        _ => false,
    });
    pass.analysis.stats.findings = findings.len() as u64;
    pass.analysis.findings = findings;
    if analyze {
        // The Validator reads the facts of files with findings only; the
        // rest go before the scope is serialized and stored, so the two are
        // never held at once (on a large workspace the facts are the bulk
        // of the audit's peak memory, the stored scope tens of MB).
        let files: HashSet<String> = pass
            .analysis
            .findings
            .iter()
            .map(|f| f.file.clone())
            .collect();
        pass.retain_facts(&files.iter().map(String::as_str).collect());
    }
    store.save_scope(info.id, &pass.scope)?;
    Ok(pass)
}

/// Starts the next round of a session and runs it to the user's decision.
///
/// Refuses when a round is still running in another process, or when the
/// latest round awaits a decision that [`continue_session`] has not recorded.
pub fn run_round(
    store: &Store,
    session_id: i64,
    focus: &[FocusRequest],
    opts: &AuditOptions,
    emit: &(dyn Fn(RoundEvent) + Sync),
    cancel: &Cancel,
) -> Result<RoundOutcome> {
    let info = active_session(store, session_id)?;
    if info.rounds > 0 {
        let last = info.rounds;
        match store.round_status(session_id, last)? {
            RoundStatus::Decided | RoundStatus::Failed => {}
            RoundStatus::AwaitingDecision => {
                return Err(ApiError::RoundState(format!(
                    "round {} of {} awaits your decision; `memaudit next` records it and starts the next round",
                    last, info.name
                )))
            }
            RoundStatus::Running | RoundStatus::Interrupted => {
                return Err(ApiError::RoundState(format!(
                    "round {} of {} did not finish; `memaudit resume {}` continues it",
                    last, info.name, info.name
                )))
            }
        }
    }
    let root = PathBuf::from(&info.workspace);
    if !root.join("Cargo.toml").is_file() {
        return Err(ApiError::WorkspaceMissing {
            session: info.name.clone(),
            path: root,
        });
    }
    // Another process (an agent, the app) may have started the next round
    // since the checks above: then this one stops instead of running a
    // second round beside it.
    let round = store
        .begin_round_after(session_id, info.rounds, focus, std::process::id())
        .map_err(|e| match e {
            memaudit_store::StoreError::Conflict { .. } => ApiError::RoundState(format!(
                "round {} of {} was started meanwhile by another memaudit process (an agent, \
                 the app or the CLI); nothing was changed here",
                info.rounds + 1,
                info.name
            )),
            other => other.into(),
        })?;
    emit(RoundEvent::RoundStarted {
        session_id,
        session: info.name.clone(),
        round,
        resumed: false,
    });
    execute(
        &RoundRun {
            store,
            info: &info,
            round,
            focus,
            opts,
            emit,
            cancel,
        },
        Done::default(),
    )
}

/// Which roles of a round already finished (for resume).
#[derive(Debug, Default, Clone, Copy)]
struct Done {
    analyst: bool,
    validator: bool,
}

/// Continues a round that was interrupted (process killed, cancelled, or
/// failed), reusing every role that had finished.
pub fn resume_round(
    store: &Store,
    session_id: i64,
    opts: &AuditOptions,
    emit: &(dyn Fn(RoundEvent) + Sync),
    cancel: &Cancel,
) -> Result<RoundOutcome> {
    let info = store.session(session_id)?;
    if info.rounds == 0 {
        return Err(ApiError::RoundState(format!(
            "session {} has no round to resume",
            info.name
        )));
    }
    let record = store.round(session_id, info.rounds)?;
    match record.status {
        RoundStatus::Interrupted | RoundStatus::Failed => {}
        RoundStatus::Running if !round_is_alive(store, session_id, record.number)? => {}
        RoundStatus::Running => {
            return Err(ApiError::RoundState(format!(
                "round {} of {} is still running in another process",
                record.number, info.name
            )))
        }
        RoundStatus::AwaitingDecision | RoundStatus::Decided => {
            return Err(ApiError::RoundState(format!(
                "round {} of {} already finished; nothing to resume",
                record.number, info.name
            )))
        }
    }
    let finished = |role: Role| {
        record
            .role_runs
            .iter()
            .any(|r| r.role == Some(role) && r.status == "finished")
    };
    let done = Done {
        analyst: finished(Role::Analyst),
        validator: finished(Role::Analyst) && finished(Role::Validator),
    };
    let root = PathBuf::from(&info.workspace);
    if !root.join("Cargo.toml").is_file() {
        return Err(ApiError::WorkspaceMissing {
            session: info.name.clone(),
            path: root,
        });
    }
    let seen_pid = store.round_pid(session_id, record.number)?;
    store
        .reclaim_round(session_id, record.number, (record.status, seen_pid))
        .map_err(|e| match e {
            memaudit_store::StoreError::Conflict { .. } => ApiError::RoundState(format!(
                "round {} of {} was resumed meanwhile by another memaudit process",
                record.number, info.name
            )),
            other => other.into(),
        })?;
    emit(RoundEvent::RoundStarted {
        session_id,
        session: info.name.clone(),
        round: record.number,
        resumed: true,
    });
    let focus = record.focus.clone();
    execute(
        &RoundRun {
            store,
            info: &info,
            round: record.number,
            focus: &focus,
            opts,
            emit,
            cancel,
        },
        done,
    )
}

/// True when the process that runs the round is still alive.
fn round_is_alive(store: &Store, session_id: i64, round: u32) -> Result<bool> {
    Ok(pid_alive(store.round_pid(session_id, round)?))
}

/// Whether the process that stored `pid` for a round still runs.
fn pid_alive(pid: Option<u32>) -> bool {
    match pid {
        Some(pid) if pid == std::process::id() => true,
        Some(pid) => process_alive(pid),
        None => false,
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    // Without a portable liveness check a stored pid is treated as gone:
    // resuming twice is harmless because every role's output is keyed by
    // round and replaced, never duplicated.
    false
}

/// Marks rounds left `running` by a dead process as interrupted, so the UI
/// and `show` say so. Returns (session, round) pairs it changed.
pub fn reap_interrupted(store: &Store) -> Result<Vec<(i64, u32)>> {
    // One indexed query for the rounds still marked running: listing
    // sessions (which calls this) must not read any round's findings.
    let mut changed = Vec::new();
    for (session_id, round, pid) in store.running_rounds()? {
        if !pid_alive(pid) {
            store.set_round_status(
                session_id,
                round,
                RoundStatus::Interrupted,
                Some("the process running this round stopped before it finished"),
            )?;
            changed.push((session_id, round));
        }
    }
    Ok(changed)
}

/// The session, unless it was terminated (no round runs after that).
fn active_session(store: &Store, session_id: i64) -> Result<SessionInfo> {
    let info = store.session(session_id)?;
    if info.status == "terminated" {
        return Err(ApiError::RoundState(format!(
            "session {} was terminated; start a new audit instead",
            info.name
        )));
    }
    Ok(info)
}

/// Tells the user about something that did not stop the round, and keeps
/// it for the round's outcome.
fn warn(
    emit: &(dyn Fn(RoundEvent) + Sync),
    round: u32,
    warnings: &mut Vec<String>,
    message: String,
) {
    emit(RoundEvent::Warned {
        round,
        message: message.clone(),
    });
    warnings.push(message);
}

/// Everything one round's roles work with.
struct RoundRun<'a> {
    store: &'a Store,
    info: &'a SessionInfo,
    round: u32,
    focus: &'a [FocusRequest],
    opts: &'a AuditOptions,
    emit: &'a (dyn Fn(RoundEvent) + Sync),
    cancel: &'a Cancel,
}

fn execute(run: &RoundRun<'_>, done: Done) -> Result<RoundOutcome> {
    let &RoundRun {
        store,
        info,
        round,
        opts,
        emit,
        ..
    } = run;
    let result = execute_roles(run, done);
    match result {
        Ok((mut outcome, scope)) => {
            let scope = &scope;
            store.set_round_status(info.id, round, RoundStatus::AwaitingDecision, None)?;
            outcome.status = RoundStatus::AwaitingDecision;
            if opts.write_files {
                match write_files(store, info.id, scope) {
                    Ok(files) => outcome.files_written = files,
                    Err(e) => {
                        let message = format!("session files not written: {e}");
                        warn(emit, round, &mut outcome.warnings, message);
                    }
                }
            }
            emit(RoundEvent::RoundFinished {
                session_id: info.id,
                round,
                status: outcome.status,
                findings: outcome.findings,
                new: outcome.new,
            });
            Ok(outcome)
        }
        Err(e) => {
            let status = if matches!(e, ApiError::Cancelled) {
                RoundStatus::Interrupted
            } else {
                RoundStatus::Failed
            };
            store.set_round_status(info.id, round, status, Some(&e.to_string()))?;
            emit(RoundEvent::RoundFinished {
                session_id: info.id,
                round,
                status,
                findings: 0,
                new: 0,
            });
            Err(e)
        }
    }
}

fn execute_roles(run: &RoundRun<'_>, done: Done) -> Result<(RoundOutcome, Scope)> {
    let &RoundRun {
        store,
        info,
        round,
        focus,
        opts,
        emit,
        cancel,
    } = run;
    let mut warnings = Vec::new();

    let provider = if opts.engines.uses_llm() {
        Some(crate::engines::connect(&opts.engines.settings)?)
    } else {
        None
    };
    let spent = store.session_cost(info.id)?;
    let budget = crate::engines::budget(&opts.engines.settings, spent);
    let llm_run = |provider, role| crate::engines::LlmRun {
        provider,
        budget: &budget,
        session: &info.name,
        round,
        progress: crate::engines::LlmProgress::new(emit, round, role),
        cancel,
    };
    // Once the session has a heap profile, measured allocations (by
    // fingerprint) join the evidence: the Validator notes findings that did
    // not allocate in the profiled workload and the Coordinator ranks quick
    // wins by what was measured.
    let Evidence {
        measured,
        verified,
        profile,
    } = measured_evidence(store, info.id)?;

    // Analyst: the single pass over the workspace, detectors included.
    let mut pass: Option<crate::audit::Pass> = None;
    if done.analyst {
        emit(RoundEvent::RoleSkipped {
            round,
            role: Role::Analyst,
            reason: "findings of the interrupted run are kept".into(),
        });
    } else {
        let started = Instant::now();
        let engine = crate::engines::engine_name(opts.engines.analyst, provider.as_ref());
        let run = store.start_role_run(info.id, round, Role::Analyst, &engine)?;
        emit(RoundEvent::RoleStarted {
            round,
            role: Role::Analyst,
            engine: engine.clone(),
            // Files are found as the module tree is followed.
            total: 0,
        });
        let progress = |p: AnalyzeProgress| {
            emit(RoundEvent::RoleProgress {
                round,
                role: Role::Analyst,
                done: p.files_done as u64,
                total: p.files_total as u64,
                current: p.current,
                findings: p.findings as u64,
                tokens_out: None,
            })
        };
        // One parse of every file: discovery, facts, detectors, call graph.
        let prepared = match prepare(store, info, opts, true, &progress) {
            Ok(p) => p,
            Err(e) => {
                store.finish_role_run(run, "failed", Some(&e.to_string()), 0, 0, 0.0)?;
                return Err(e);
            }
        };
        pass = Some(prepared);
        let prepared = pass
            .as_mut()
            .ok_or_else(|| ApiError::Internal("no pass".into()))?;
        let scope = &prepared.scope;
        let focused = focused_files(scope, focus);
        let options = AnalyzeOptions {
            threads: opts.threads,
            only_files: focused.clone(),
            ..AnalyzeOptions::default()
        };
        let mut analysis = std::mem::take(&mut prepared.analysis);
        if let Some(only) = &focused {
            // A focused round looks at the focused files only.
            let only: HashSet<&str> = only.iter().map(String::as_str).collect();
            analysis.findings.retain(|f| only.contains(f.file.as_str()));
            for (i, f) in analysis.findings.iter_mut().enumerate() {
                f.id = finding_id(i as u32 + 1);
            }
        }
        if opts.clippy {
            match memaudit_analysis::clippy_findings(scope) {
                Ok(lints) => {
                    let builtin = std::mem::take(&mut analysis.findings);
                    analysis.findings = memaudit_analysis::merge(builtin, lints);
                }
                Err(e) => {
                    let message = format!("clippy findings not included: {e}");
                    warn(emit, round, &mut warnings, message);
                }
            }
        }
        let (mut tokens_in, mut tokens_out, mut cost) = (0, 0, 0.0);
        if let (EngineKind::Llm, Some(p)) = (opts.engines.analyst, provider.as_ref()) {
            // The LLM Analyst reads the same files; the built-in pass above
            // still supplies the skipped-file report and the file count.
            let sources = crate::engines::sources_for(scope, options.only_files.as_deref());
            let previous = if round > 1 {
                store.round(info.id, round - 1)?.findings
            } else {
                Vec::new()
            };
            let known: Vec<Finding> = previous.iter().map(|r| r.finding.clone()).collect();
            let decisions: Vec<_> = previous.iter().filter_map(|r| r.decision.clone()).collect();
            let llm = llm_run(p, Role::Analyst);
            let out =
                crate::engines::run_analyst(&llm, scope, &sources, &known, &decisions, focus)?;
            tokens_in = out.usage.tokens_in;
            tokens_out = out.usage.tokens_out;
            cost = out.usage.cost_usd;
            for w in out.warnings {
                warn(emit, round, &mut warnings, w);
            }
            if let Some(stop) = out.stopped {
                if out.value.is_empty() {
                    store.finish_role_run(
                        run,
                        "failed",
                        Some(&stop),
                        tokens_in,
                        tokens_out,
                        cost,
                    )?;
                    return Err(ApiError::Provider(stop));
                }
                let message =
                    format!("the LLM Analyst stopped early: {stop}; its findings so far are kept");
                warn(emit, round, &mut warnings, message);
            }
            analysis.findings = out.value;
        }
        for s in &analysis.skipped {
            let message = format!("{} skipped: {}", s.file, s.error);
            warn(emit, round, &mut warnings, message);
        }
        if cancel.is_cancelled() {
            store.finish_role_run(run, "cancelled", None, tokens_in, tokens_out, cost)?;
            return Err(ApiError::Cancelled);
        }
        let categories: HashSet<_> = focus
            .iter()
            .filter_map(|f| match f {
                FocusRequest::Category(c) => Some(*c),
                _ => None,
            })
            .collect();
        let analysed: HashSet<&str> = analysis_files(scope, &options);
        let records = reconcile(
            store,
            info.id,
            round,
            analysis.findings,
            &categories,
            &analysed,
        )?;
        store.save_findings(info.id, round, &records)?;
        let new = records
            .iter()
            .filter(|(_, s)| *s == FindingState::New)
            .count();
        store.finish_role_run(run, "finished", None, tokens_in, tokens_out, cost)?;
        emit(RoundEvent::RoleFinished {
            round,
            role: Role::Analyst,
            duration_ms: started.elapsed().as_millis() as u64,
            summary: format!(
                "{} findings ({} new) in {} files, {} skipped",
                records.len(),
                new,
                analysis.stats.files,
                analysis.stats.skipped
            ),
        });
    }

    // A resumed round whose Analyst had finished still needs the scope and
    // the facts: one pass without detectors.
    let mut pass = match pass {
        Some(p) => p,
        None => prepare(store, info, opts, false, &|_| {})?,
    };
    let stored: HashSet<String> = store
        .round(info.id, round)?
        .findings
        .iter()
        .map(|r| r.finding.file.clone())
        .collect();
    // The Validator needs the facts of files with findings only.
    pass.retain_facts(&stored.iter().map(String::as_str).collect());
    let scope = &pass.scope;
    let root = PathBuf::from(&scope.workspace);

    // Validator.
    if done.validator {
        emit(RoundEvent::RoleSkipped {
            round,
            role: Role::Validator,
            reason: "verdicts of the interrupted run are kept".into(),
        });
    } else {
        if cancel.is_cancelled() {
            return Err(ApiError::Cancelled);
        }
        let started = Instant::now();
        let engine = crate::engines::engine_name(opts.engines.validator, provider.as_ref());
        let run = store.start_role_run(info.id, round, Role::Validator, &engine)?;
        let record = store.round(info.id, round)?;
        let current: Vec<Finding> = record
            .findings
            .iter()
            .filter(|r| matches!(r.state, FindingState::New | FindingState::Persisting))
            .map(|r| r.finding.clone())
            .collect();
        emit(RoundEvent::RoleStarted {
            round,
            role: Role::Validator,
            engine: engine.clone(),
            total: current.len() as u64,
        });
        // The built-in verdicts come first, so every finding has one even
        // when an LLM run stops early; LLM verdicts then replace them.
        let mut validations = memaudit_review::validator::validate_with_facts(
            &root,
            &current,
            Some(scope),
            measured.as_ref(),
            &|file: &str| pass.facts(file),
        );
        let (mut tokens_in, mut tokens_out, mut cost) = (0, 0, 0.0);
        if let (EngineKind::Llm, Some(p)) = (opts.engines.validator, provider.as_ref()) {
            let files: Vec<String> = current.iter().map(|f| f.file.clone()).collect();
            let sources = crate::engines::sources_for(scope, Some(&files));
            let llm = llm_run(p, Role::Validator);
            let out = crate::engines::run_validator(&llm, &current, &sources)?;
            tokens_in = out.usage.tokens_in;
            tokens_out = out.usage.tokens_out;
            cost = out.usage.cost_usd;
            for w in out.warnings {
                warn(emit, round, &mut warnings, w);
            }
            if let Some(stop) = &out.stopped {
                let message = format!(
                    "the LLM Validator stopped early: {stop}; {} finding(s) keep the built-in verdict",
                    current.len().saturating_sub(out.value.len())
                );
                warn(emit, round, &mut warnings, message);
            }
            for llm in out.value {
                if let Some(v) = validations
                    .iter_mut()
                    .find(|v| v.fingerprint == llm.fingerprint)
                {
                    *v = llm;
                }
            }
        }
        store.save_validations(info.id, round, &validations)?;
        store.finish_role_run(run, "finished", None, tokens_in, tokens_out, cost)?;
        let approved = validations
            .iter()
            .filter(|v| v.verdict == memaudit_model::Verdict::Approved)
            .count();
        emit(RoundEvent::RoleFinished {
            round,
            role: Role::Validator,
            duration_ms: started.elapsed().as_millis() as u64,
            summary: format!("{} validated, {} approved", validations.len(), approved),
        });
    }

    // Coordinator.
    if cancel.is_cancelled() {
        return Err(ApiError::Cancelled);
    }
    let started = Instant::now();
    let engine = crate::engines::engine_name(opts.engines.coordinator, provider.as_ref());
    let run = store.start_role_run(info.id, round, Role::Coordinator, &engine)?;
    emit(RoundEvent::RoleStarted {
        round,
        role: Role::Coordinator,
        engine,
        total: 1,
    });
    let export = store.load_session(info.id)?;
    let (earlier, this) = split_rounds(&export.rounds, round)?;

    let input = CoordinatorInput {
        session: &info.name,
        round,
        records: &this.findings,
        scope: Some(scope),
        earlier_rounds: earlier,
        focus,
        measured: measured.as_ref(),
        verified: &verified,
        profile: profile.as_ref(),
    };
    // The built-in report comes first and stays the source of every count,
    // ranking and criterion; an LLM Coordinator only adds its synthesis, and
    // when it fails the built-in report is kept as it is.
    let mut report = coordinate(&input);
    let mut usage = memaudit_providers::Usage::default();
    let mut llm_error = None;
    if let (EngineKind::Llm, Some(p)) = (opts.engines.coordinator, provider.as_ref()) {
        let decisions = applying_decisions(earlier, &this.findings);
        let llm = llm_run(p, Role::Coordinator);
        let view = crate::engines::RoundView {
            records: &this.findings,
            decisions: &decisions,
            focus_requests: focus,
            focus: scope.focus.as_str(),
        };
        let failure = match crate::engines::run_coordinator(&llm, &report, &view) {
            Ok(out) => {
                usage = out.usage;
                match out.value {
                    Some(synthesis) => {
                        for w in out.warnings {
                            warn(emit, round, &mut warnings, w);
                        }
                        report.synthesis = Some(synthesis);
                        None
                    }
                    // One request, one reason: the stop (key, budget,
                    // cancel) or the request's error.
                    None => Some(
                        out.stopped
                            .or_else(|| out.warnings.into_iter().next())
                            .unwrap_or_else(|| "no answer".to_owned()),
                    ),
                }
            }
            Err(e) => Some(e.to_string()),
        };
        if let Some(why) = failure {
            let message =
                format!("the LLM Coordinator failed ({why}); the built-in report is kept");
            warn(emit, round, &mut warnings, message.clone());
            llm_error = Some(message);
        }
    }
    store.save_report(info.id, round, &report)?;
    store.finish_role_run(
        run,
        "finished",
        llm_error.as_deref(),
        usage.tokens_in,
        usage.tokens_out,
        usage.cost_usd,
    )?;
    emit(RoundEvent::RoleFinished {
        round,
        role: Role::Coordinator,
        duration_ms: started.elapsed().as_millis() as u64,
        summary: format!(
            "{} quick wins, {} recommendations",
            report.quick_wins.len(),
            report.recommendations.len()
        ),
    });

    let current = this
        .findings
        .iter()
        .filter(|r| matches!(r.state, FindingState::New | FindingState::Persisting))
        .count() as u64;
    let new = this
        .findings
        .iter()
        .filter(|r| r.state == FindingState::New)
        .count() as u64;
    let outcome = RoundOutcome {
        session: store.session(info.id)?,
        round,
        status: RoundStatus::Running,
        findings: current,
        new,
        files_written: Vec::new(),
        warnings,
    };
    Ok((outcome, pass.scope))
}

/// A session's heap-profile evidence.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Allocations measured per finding fingerprint; `None` without a profile.
    pub measured: Option<HashMap<String, u64>>,
    /// Fixes re-measured with `memaudit verify`, latest per finding.
    pub verified: Vec<memaudit_model::VerifiedSaving>,
    /// The newest profile with what it measured per finding: the basis of
    /// the report's measured figures; `None` without a profile.
    pub profile: Option<ProfileEvidence>,
}

/// Reads the session's heap-profile evidence from the store.
pub fn measured_evidence(store: &Store, session_id: i64) -> Result<Evidence> {
    let measured = match store.latest_profile(session_id)? {
        Some(_) => Some(
            store
                .latest_measurements(session_id)?
                .into_iter()
                .map(|m| (m.fingerprint, m.allocations))
                .collect(),
        ),
        None => None,
    };
    let mut latest: HashMap<String, memaudit_model::VerifiedSaving> = HashMap::new();
    for stored in store.verifications(session_id)? {
        // Oldest first: a later verification of the same finding replaces
        // an earlier one. A row that does not decode is skipped, not fatal.
        let Ok(v) =
            serde_json::from_str::<memaudit_profile::Verification>(&stored.verification_json)
        else {
            continue;
        };
        latest.insert(
            stored.finding_id.clone(),
            memaudit_model::VerifiedSaving {
                finding_id: stored.finding_id,
                outcome: stored.outcome,
                allocations_before: v.before.allocations,
                allocations_after: v.after.allocations,
                bytes_before: v.before.bytes,
                bytes_after: v.after.bytes,
                detail: v.detail,
            },
        );
    }
    let mut verified: Vec<_> = latest.into_values().collect();
    verified.sort_by(|a, b| a.finding_id.cmp(&b.finding_id));
    let profile = crate::evidence::newest_profile(store, session_id)?;
    Ok(Evidence {
        measured,
        verified,
        profile,
    })
}

/// Runs the Coordinator again for the session's latest round with the
/// current evidence (after `memaudit profile` or `verify`), stores the report
/// and re-renders the session files when the workspace is there.
pub fn recoordinate(store: &Store, session_id: i64) -> Result<memaudit_model::Report> {
    let export = store.load_session(session_id)?;
    let last = export.rounds.last().ok_or_else(|| {
        ApiError::RoundState(format!("session {} has no round", export.session.name))
    })?;
    if !matches!(
        last.status,
        RoundStatus::AwaitingDecision | RoundStatus::Decided
    ) {
        return Err(ApiError::RoundState(format!(
            "round {} of {} has not finished",
            last.number, export.session.name
        )));
    }
    let Evidence {
        measured,
        verified,
        profile,
    } = measured_evidence(store, session_id)?;
    let scope = store.scope(session_id)?;
    let earlier = &export.rounds[..export.rounds.len() - 1];
    let mut report = coordinate(&CoordinatorInput {
        session: &export.session.name,
        round: last.number,
        records: &last.findings,
        scope: scope.as_ref(),
        earlier_rounds: earlier,
        focus: &last.focus,
        measured: measured.as_ref(),
        verified: &verified,
        profile: profile.as_ref(),
    });
    // New evidence changes the built-in figures, not the findings the LLM
    // Coordinator's synthesis cites: it is kept rather than paid for again.
    report.synthesis = last.report.as_ref().and_then(|r| r.synthesis.clone());
    store.save_report(session_id, last.number, &report)?;
    if let Some(scope) = scope {
        if Path::new(&scope.workspace).join("Cargo.toml").is_file() {
            // Session files follow the database; failing to write them only
            // loses the mirror, never the report.
            let _ = write_files(store, session_id, &scope);
        }
    }
    Ok(report)
}

/// The user's decisions that apply to a round's findings: the latest one
/// taken on each finding's fingerprint, in this round or an earlier one (a
/// "defer" or "reject" holds until the user changes it).
fn applying_decisions(
    earlier: &[RoundRecord],
    records: &[memaudit_model::FindingRecord],
) -> Vec<memaudit_model::Decision> {
    let wanted: HashSet<&str> = records
        .iter()
        .map(|r| r.finding.fingerprint.as_str())
        .collect();
    let mut latest: HashMap<&str, &memaudit_model::Decision> = HashMap::new();
    let all = earlier
        .iter()
        .flat_map(|r| &r.findings)
        .chain(records)
        .filter_map(|r| r.decision.as_ref());
    for d in all.filter(|d| wanted.contains(d.fingerprint.as_str())) {
        let newer = latest
            .get(d.fingerprint.as_str())
            .is_none_or(|old| (d.round, &d.decided_at) >= (old.round, &old.decided_at));
        if newer {
            latest.insert(d.fingerprint.as_str(), d);
        }
    }
    let mut out: Vec<memaudit_model::Decision> = latest.into_values().cloned().collect();
    out.sort_by(|a, b| a.finding_id.cmp(&b.finding_id));
    out
}

fn split_rounds(rounds: &[RoundRecord], round: u32) -> Result<(&[RoundRecord], &RoundRecord)> {
    let idx = rounds
        .iter()
        .position(|r| r.number == round)
        .ok_or_else(|| ApiError::Internal(format!("round {round} missing after saving it")))?;
    Ok((&rounds[..idx], &rounds[idx]))
}

/// The files a round's focus requests narrow the analysis to, or `None` for
/// the whole scope. Category requests narrow categories, not files.
fn focused_files(scope: &Scope, focus: &[FocusRequest]) -> Option<Vec<String>> {
    let mut files = Vec::new();
    let mut narrowed = false;
    for request in focus {
        match request {
            FocusRequest::Crate(name) => {
                narrowed = true;
                for c in scope.crates.iter().filter(|c| &c.name == name) {
                    files.extend(c.files.iter().map(|f| f.path.clone()));
                }
            }
            FocusRequest::File(path) => {
                narrowed = true;
                let path = path.trim_start_matches("./");
                files.extend(
                    scope
                        .crates
                        .iter()
                        .flat_map(|c| &c.files)
                        .filter(|f| f.path == path || f.path.starts_with(&format!("{path}/")))
                        .map(|f| f.path.clone()),
                );
            }
            FocusRequest::Category(_) => {}
        }
    }
    narrowed.then(|| {
        files.sort();
        files.dedup();
        files
    })
}

/// The files an analysis with these options looked at: used to tell
/// "fixed" (analysed, no longer found) from "not looked at this round".
fn analysis_files<'a>(scope: &'a Scope, options: &AnalyzeOptions) -> HashSet<&'a str> {
    scope
        .files_by_priority()
        .into_iter()
        .filter(|(_, f)| scope.priority_filter.admits(f.priority))
        .filter(|(_, f)| {
            options
                .only_files
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == &f.path))
        })
        .map(|(_, f)| f.path.as_str())
        .collect()
}

/// Gives this round's findings their session identity and state: known
/// fingerprints keep their ids (`persisting`), user-rejected ones are
/// dropped, unknown ones get the next free id (`new`), and earlier findings
/// in analysed files that are no longer detected are carried as `fixed`.
fn reconcile(
    store: &Store,
    session_id: i64,
    round: u32,
    findings: Vec<Finding>,
    categories: &HashSet<memaudit_model::Category>,
    analysed: &HashSet<&str>,
) -> Result<Vec<(Finding, FindingState)>> {
    let known = store.known_findings(session_id)?;
    let by_fingerprint: HashMap<&str, &memaudit_store::KnownFinding> =
        known.iter().map(|k| (k.fingerprint.as_str(), k)).collect();
    let mut next = store.next_finding_number(session_id)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(findings.len());
    for mut f in findings {
        if !categories.is_empty() && !categories.contains(&f.category) {
            continue;
        }
        if !seen.insert(f.fingerprint.clone()) {
            // Two sites with the same normalised code in the same item share a
            // fingerprint; the first one stands for both.
            continue;
        }
        match by_fingerprint.get(f.fingerprint.as_str()) {
            Some(k) if k.decision.is_some_and(|d| d.is_rejection()) => continue,
            Some(k) => {
                f.id = k.id.clone();
                out.push((f, FindingState::Persisting));
            }
            None => {
                f.id = finding_id(next);
                next += 1;
                out.push((f, FindingState::New));
            }
        }
    }
    if round > 1 {
        let previous = store.round(session_id, round - 1)?;
        for r in previous.findings {
            let gone = matches!(
                r.state,
                FindingState::New | FindingState::Persisting | FindingState::Stale
            ) && !seen.contains(&r.finding.fingerprint)
                && analysed.contains(r.finding.file.as_str())
                && (categories.is_empty() || categories.contains(&r.finding.category))
                && !r.decision.as_ref().is_some_and(|d| d.kind.is_rejection());
            if gone {
                out.push((r.finding, FindingState::Fixed));
            }
        }
    }
    Ok(out)
}

/// Renders the session folder from the database into the workspace.
pub fn write_files(store: &Store, session_id: i64, scope: &Scope) -> Result<Vec<PathBuf>> {
    let export = crate::evidence::load_session(store, session_id)?;
    let root = PathBuf::from(&export.session.workspace);
    let dir = memaudit_render::files::session_dir(&root, &export.session.name)?;
    // The session's scope.md keeps the user's sections; a session that has
    // none yet is seeded from the scope.md its first round read (the
    // workspace's, or --scope-md), so its overrides carry over verbatim.
    let existing = std::fs::read_to_string(dir.join("scope.md"))
        .ok()
        .or_else(|| {
            let read = scope.scope_md.as_deref()?;
            std::fs::read_to_string(root.join(read)).ok()
        });
    let scope_md = memaudit_discovery::scope_md::render(
        scope,
        &export.session.name,
        &export.session.created_at,
        existing.as_deref(),
    );
    Ok(memaudit_render::files::write_session_files(
        &root,
        &export,
        Some(&scope_md),
    )?)
}

/// Renders the session folder again from the database (after a decision,
/// a termination): returns the files written, none when the workspace no
/// longer exists or the session has no stored scope yet. The decision is
/// stored either way; a folder that cannot be written is the error.
pub fn refresh_files(store: &Store, session_id: i64) -> Result<Vec<PathBuf>> {
    let info = store.session(session_id)?;
    if !Path::new(&info.workspace).join("Cargo.toml").is_file() {
        return Ok(Vec::new());
    }
    match store.scope(session_id)? {
        Some(scope) => write_files(store, session_id, &scope),
        None => Ok(Vec::new()),
    }
}

/// What rendering the session folder again after a decision did. The
/// decision itself is stored whatever happens here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilesRefresh {
    /// The folder was rendered again: these files.
    Written(Vec<PathBuf>),
    /// Nothing to write: the workspace is gone, or the session has no
    /// stored scope yet.
    Skipped,
    /// The folder could not be written (read-only, vanished); why.
    Failed(String),
}

impl FilesRefresh {
    fn after(result: Result<Vec<PathBuf>>) -> FilesRefresh {
        match result {
            Ok(files) if files.is_empty() => FilesRefresh::Skipped,
            Ok(files) => FilesRefresh::Written(files),
            Err(e) => FilesRefresh::Failed(e.to_string()),
        }
    }

    /// Whether the session files now match the database.
    pub fn updated(&self) -> bool {
        matches!(self, FilesRefresh::Written(_))
    }

    /// A sentence for the user when the files were not updated.
    pub fn note(&self) -> Option<String> {
        match self {
            FilesRefresh::Written(_) => None,
            FilesRefresh::Skipped => {
                Some("the workspace is gone; the decision is stored".to_owned())
            }
            FilesRefresh::Failed(e) => Some(format!(
                "session files not updated ({e}); the decision is stored"
            )),
        }
    }
}

/// A decision as every front end records it: stored, then the session
/// folder rendered again so that `report.md` and `decisions.md` follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub decision: Decision,
    pub files: FilesRefresh,
}

/// Records a decision on a finding ([`crate::sessions::decide`]) and renders
/// the session folder again: the one rule the CLI, the app and the MCP
/// server share, so none of them copies it. A folder that cannot be written
/// does not fail the decision; [`FilesRefresh`] says what happened.
pub fn decide(
    store: &Store,
    session_id: i64,
    input: &crate::sessions::DecisionInput,
) -> Result<Decided> {
    let decision = crate::sessions::decide(store, session_id, input)?;
    let files = FilesRefresh::after(refresh_files(store, session_id));
    Ok(Decided { decision, files })
}

/// Ends the session ([`crate::sessions::terminate`]) and renders its folder
/// again, like [`decide`].
pub fn terminate(store: &Store, session_id: i64, note: &str) -> Result<FilesRefresh> {
    crate::sessions::terminate(store, session_id, note)?;
    Ok(FilesRefresh::after(refresh_files(store, session_id)))
}

/// A round running in the background: events arrive on `events`; dropping
/// the task cancels the round (finished roles stay stored).
pub struct RoundTask {
    pub events: tokio::sync::mpsc::UnboundedReceiver<RoundEvent>,
    pub handle: tokio::task::JoinHandle<Result<RoundOutcome>>,
    cancel: Cancel,
}

impl RoundTask {
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
    pub fn cancel_handle(&self) -> Cancel {
        self.cancel.clone()
    }
}

impl Drop for RoundTask {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// What a background round should do.
#[derive(Debug, Clone)]
pub enum RoundRequest {
    /// Start the next round with these focus requests.
    Next(Vec<FocusRequest>),
    /// Resume the interrupted latest round.
    Resume,
}

/// Runs a round on tokio's blocking pool with its own database connection.
/// A panic inside a role becomes an error, never a hung front end.
pub fn spawn_round(
    db_path: PathBuf,
    session_id: i64,
    request: RoundRequest,
    opts: AuditOptions,
) -> RoundTask {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let cancel = Cancel::new();
    let task_cancel = cancel.clone();
    let handle = tokio::task::spawn_blocking(move || {
        let run = || -> Result<RoundOutcome> {
            let store = Store::open(&db_path)?;
            let emit = |e: RoundEvent| {
                // A closed receiver means nobody listens any more; the round
                // still finishes and is stored.
                let _ = tx.send(e);
            };
            match &request {
                RoundRequest::Next(focus) => {
                    run_round(&store, session_id, focus, &opts, &emit, &task_cancel)
                }
                RoundRequest::Resume => {
                    resume_round(&store, session_id, &opts, &emit, &task_cancel)
                }
            }
        };
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
            Ok(r) => r,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(ApiError::Internal(format!("a role panicked: {message}")))
            }
        }
    });
    RoundTask {
        events: rx,
        handle,
        cancel,
    }
}

/// Records the user's decision to continue and runs the next round.
pub fn continue_session(
    store: &Store,
    session_id: i64,
    focus: &[FocusRequest],
    note: &str,
    opts: &AuditOptions,
    emit: &(dyn Fn(RoundEvent) + Sync),
    cancel: &Cancel,
) -> Result<RoundOutcome> {
    active_session(store, session_id)?;
    crate::sessions::decide_round_continue(store, session_id, focus, note)?;
    run_round(store, session_id, focus, opts, emit, cancel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refresh_says_whether_the_session_files_follow_the_database() {
        let written = FilesRefresh::after(Ok(vec![PathBuf::from("report.md")]));
        assert!(written.updated());
        assert_eq!(written.note(), None);

        let skipped = FilesRefresh::after(Ok(Vec::new()));
        assert_eq!(
            skipped,
            FilesRefresh::Skipped,
            "nothing written: the workspace is gone"
        );
        assert!(!skipped.updated());
        assert!(skipped
            .note()
            .is_some_and(|n| n.contains("decision is stored")));

        let failed = FilesRefresh::after(Err(ApiError::InvalidInput("read-only".into())));
        assert!(!failed.updated());
        assert!(
            failed.note().is_some_and(|n| n.contains("read-only")),
            "the note says why: {failed:?}"
        );
    }
}
