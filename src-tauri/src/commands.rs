//! Tauri commands: each takes the managed state, runs the API layer's work
//! on the blocking pool (SQLite and syn never run on the main thread), and
//! returns serde values or a `{code, message}` error.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, Runtime, State};

use memaudit::config::Settings;
use memaudit::measured::{self, FindingPage, ProfileSummaryView, ProfileView};
use memaudit::model::{
    Decision, Focus, FocusRequest, PriorityFilter, Scope, ScopeOverrides, SessionInfo,
    SessionOverview,
};
use memaudit::profiles;
use memaudit::profiles::{Target, Verification};
use memaudit::rounds::{self, AuditOptions, RoundRequest};
use memaudit::sessions::{self, DecisionInput, ExportFormat};
use memaudit::wire::{AppInfo, DecideRequest, KeyStatus, StartOptions};
use memaudit::workspaces::{self, RecentWorkspace};
use memaudit::CancelFlag;
use memaudit::Store;

use crate::error::{CommandError, CommandResult};
use crate::events::{FILES_CHANGED_EVENT, ROUND_EVENT};
use crate::state::AppState;

/// Runs blocking work off the async runtime's worker threads.
async fn blocking<T, F>(f: F) -> CommandResult<T>
where
    F: FnOnce() -> CommandResult<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::internal(format!("a background task failed: {e}")))?
}

fn open_store(path: &Path) -> CommandResult<Store> {
    Ok(memaudit::open_database(path)?)
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        database: state.db_path.display().to_string(),
        settings: state.settings_path.display().to_string(),
    })
}

#[tauri::command]
pub async fn list_sessions(state: State<'_, AppState>) -> CommandResult<Vec<SessionInfo>> {
    let db = state.db_path.clone();
    blocking(move || {
        let store = open_store(&db)?;
        Ok(sessions::list(&store)?)
    })
    .await
}

#[tauri::command]
pub async fn recent_workspaces(state: State<'_, AppState>) -> CommandResult<Vec<RecentWorkspace>> {
    let db = state.db_path.clone();
    blocking(move || Ok(workspaces::recent(&open_store(&db)?, 20)?)).await
}

/// Discovers the workspace and starts watching it (replacing any earlier
/// watcher).
#[tauri::command]
pub async fn open_workspace<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<Scope> {
    let db = state.db_path.clone();
    let scope =
        blocking(move || Ok(workspaces::open(&open_store(&db)?, Path::new(&path))?)).await?;
    start_watching(&app, &state, &scope.workspace);
    Ok(scope)
}

fn start_watching<R: Runtime>(app: &AppHandle<R>, state: &State<'_, AppState>, root: &str) {
    let mut slot = match state.watcher.lock() {
        Ok(slot) => slot,
        Err(poisoned) => poisoned.into_inner(),
    };
    if slot.as_ref().is_some_and(|w| w.root() == Path::new(root)) {
        return;
    }
    let handle = app.clone();
    let db = state.db_path.clone();
    let on_change = move |mut batch: memaudit::watch::FilesChanged| {
        // Stale marking touches SQLite: it runs on the watcher's own thread,
        // never on the UI thread.
        if let Ok(store) = memaudit::open_database(&db) {
            batch.stale_findings = memaudit::sessions::mark_changed(&store, &batch).unwrap_or(0);
        }
        if let Some(state) = tauri::Manager::try_state::<AppState>(&handle) {
            if let Ok(mut changed) = state.changed.lock() {
                changed
                    .entry(batch.workspace.clone())
                    .or_default()
                    .extend(batch.files.iter().cloned());
            }
        }
        let _ = handle.emit(FILES_CHANGED_EVENT, &batch);
    };
    let log = |message: String| eprintln!("watcher: {message}");
    match memaudit::watch::watch(Path::new(root), on_change, log) {
        Ok(w) => *slot = Some(w),
        Err(e) => eprintln!("watcher: not watching {root}: {e}"),
    }
}

#[tauri::command]
pub async fn save_scope(
    state: State<'_, AppState>,
    path: String,
    overrides: ScopeOverrides,
    focus: Focus,
    priority_filter: PriorityFilter,
) -> CommandResult<Scope> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(workspaces::save_overrides(
            &open_store(&db)?,
            Path::new(&path),
            overrides,
            focus,
            priority_filter,
        )?)
    })
    .await
}

/// Creates a session and runs round 1 in the background; progress arrives
/// as `round-event`s.
#[tauri::command]
pub async fn start_audit<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    options: StartOptions,
) -> CommandResult<SessionInfo> {
    let db = state.db_path.clone();
    let opts = AuditOptions {
        focus: Some(options.focus),
        priority: Some(options.priority),
        threads: 0,
        write_files: true,
        engines: engines(&state).await?,
        clippy: false,
        scope_md: None,
    };
    let start_opts = opts.clone();
    let info = blocking(move || {
        Ok(rounds::start_session(
            &open_store(&db)?,
            Path::new(&path),
            &start_opts,
        )?)
    })
    .await?;
    spawn(&app, &state, info.id, RoundRequest::Next(Vec::new()), opts);
    Ok(info)
}

/// Engines per role from the settings file the Settings screen writes.
async fn engines(state: &State<'_, AppState>) -> CommandResult<memaudit::engines::Engines> {
    let path = state.settings_path.clone();
    blocking(move || {
        let settings = memaudit::config::load_settings(&path)?;
        Ok(memaudit::engines::Engines::from_settings(&settings))
    })
    .await
}

/// Starts a background round and forwards its events until it ends.
fn spawn<R: Runtime>(
    app: &AppHandle<R>,
    state: &State<'_, AppState>,
    session_id: i64,
    request: RoundRequest,
    opts: AuditOptions,
) {
    let mut task = rounds::spawn_round(state.db_path.clone(), session_id, request, opts);
    if let Ok(mut running) = state.rounds.lock() {
        running.insert(session_id, task.cancel_handle());
    }
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        while let Some(event) = task.events.recv().await {
            let _ = handle.emit(ROUND_EVENT, &event);
        }
        let result = (&mut task.handle).await;
        if let Some(state) = tauri::Manager::try_state::<AppState>(&handle) {
            if let Ok(mut running) = state.rounds.lock() {
                running.remove(&session_id);
            }
        }
        let message = match result {
            Ok(Ok(_)) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(e) => Some(format!("the round task failed: {e}")),
        };
        if let Some(message) = message {
            // The round's own RoundFinished already said failed/interrupted;
            // this tells the user why.
            let _ = handle.emit(
                ROUND_EVENT,
                &memaudit::RoundEvent::Warned { round: 0, message },
            );
        }
    });
}

#[tauri::command]
pub async fn next_round<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    session_id: i64,
    focus: Vec<FocusRequest>,
    note: String,
) -> CommandResult<()> {
    let db = state.db_path.clone();
    let focus_for_decision = focus.clone();
    blocking(move || {
        let store = open_store(&db)?;
        sessions::decide_round_continue(&store, session_id, &focus_for_decision, &note)?;
        Ok(())
    })
    .await?;
    let opts = AuditOptions {
        write_files: true,
        engines: engines(&state).await?,
        ..AuditOptions::default()
    };
    spawn(&app, &state, session_id, RoundRequest::Next(focus), opts);
    Ok(())
}

#[tauri::command]
pub async fn resume_round<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    session_id: i64,
) -> CommandResult<()> {
    let opts = AuditOptions {
        write_files: true,
        engines: engines(&state).await?,
        ..AuditOptions::default()
    };
    spawn(&app, &state, session_id, RoundRequest::Resume, opts);
    Ok(())
}

#[tauri::command]
pub async fn cancel_round(state: State<'_, AppState>, session_id: i64) -> CommandResult<()> {
    if let Ok(running) = state.rounds.lock() {
        if let Some(cancel) = running.get(&session_id) {
            cancel.cancel();
        }
    }
    Ok(())
}

/// The session as rows (no code, proposals or evidence): what the report,
/// decide and run screens open with. A finding's whole record comes from
/// [`load_finding`].
#[tauri::command]
pub async fn load_session(
    state: State<'_, AppState>,
    session_id: i64,
) -> CommandResult<SessionOverview> {
    let db = state.db_path.clone();
    blocking(move || Ok(sessions::overview(&open_store(&db)?, session_id)?)).await
}

/// The hand-off prompt for findings of a round ("Copy prompt").
#[tauri::command]
pub async fn handoff_prompt(
    state: State<'_, AppState>,
    session_id: i64,
    round: u32,
    finding_ids: Vec<String>,
) -> CommandResult<memaudit::prompt::Handoff> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(memaudit::prompt::handoff(
            &open_store(&db)?,
            session_id,
            Some(round),
            &finding_ids,
        )?)
    })
    .await
}

/// One finding of one round, whole, with what heap profiles measured.
#[tauri::command]
pub async fn load_finding(
    state: State<'_, AppState>,
    session_id: i64,
    round: u32,
    finding_id: String,
) -> CommandResult<FindingPage> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(measured::finding_page(
            &open_store(&db)?,
            session_id,
            round,
            &finding_id,
        )?)
    })
    .await
}

/// The session's heap profiles and the top sites of one (the newest when
/// `profile_id` is absent).
#[tauri::command]
pub async fn profile_view(
    state: State<'_, AppState>,
    session_id: i64,
    profile_id: Option<i64>,
) -> CommandResult<ProfileView> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(measured::profile_view(
            &open_store(&db)?,
            session_id,
            profile_id,
        )?)
    })
    .await
}

/// Reads a DHAT profile the user picked and ties it to the latest round.
/// Runs nothing.
#[tauri::command]
pub async fn import_profile(
    state: State<'_, AppState>,
    session_id: i64,
    path: String,
) -> CommandResult<ProfileSummaryView> {
    let db = state.db_path.clone();
    blocking(move || {
        let outcome = profiles::import_profile(&open_store(&db)?, session_id, Path::new(&path))?;
        Ok(ProfileSummaryView::from(&outcome))
    })
    .await
}

/// Builds and runs `target` under valgrind DHAT. **Runs the workspace's
/// code**: the UI calls it only after the user confirmed the notice that
/// `profile_notice` returns.
#[tauri::command]
pub async fn profile_session(
    state: State<'_, AppState>,
    session_id: i64,
    target: Target,
) -> CommandResult<ProfileSummaryView> {
    let db = state.db_path.clone();
    let cancel = profiling(&state, session_id)?;
    let result = blocking(move || {
        let outcome = profiles::profile_session(
            &open_store(&db)?,
            session_id,
            target,
            &|notice| eprintln!("{notice}"),
            &cancel,
        )?;
        Ok(ProfileSummaryView::from(&outcome))
    })
    .await;
    state.profiling.finish(session_id);
    result
}

/// The flag of a new profile or verification of the session; one runs at a
/// time (both write the session's profile file).
fn profiling(state: &State<'_, AppState>, session_id: i64) -> CommandResult<CancelFlag> {
    state
        .profiling
        .start(session_id)
        .ok_or_else(|| CommandError {
            code: memaudit::ErrorCode::RoundState,
            message: "a profile or verification of this session is running already".into(),
        })
}

/// Stops the session's running profile or verification: the step in
/// progress is killed and the call rejects with `cancelled`. Nothing
/// running is not an error.
#[tauri::command]
pub async fn cancel_profile(state: State<'_, AppState>, session_id: i64) -> CommandResult<()> {
    state.profiling.cancel(session_id);
    Ok(())
}

/// The sentence the app shows before running a profile: what will run, where.
#[tauri::command]
pub async fn profile_notice(
    state: State<'_, AppState>,
    session_id: i64,
    target: Target,
) -> CommandResult<String> {
    let db = state.db_path.clone();
    blocking(move || {
        let info = sessions::info(&open_store(&db)?, session_id)?;
        Ok(profiles::run_notice(&target, &info.workspace))
    })
    .await
}

/// Re-runs the profile that measured the finding and records before/after.
/// **Runs the workspace's code**, like [`profile_session`].
#[tauri::command]
pub async fn verify_finding(
    state: State<'_, AppState>,
    session_id: i64,
    finding_id: String,
) -> CommandResult<Verification> {
    let db = state.db_path.clone();
    let cancel = profiling(&state, session_id)?;
    let result = blocking(move || {
        let outcome = profiles::verify_finding(
            &open_store(&db)?,
            session_id,
            &finding_id,
            &|notice| eprintln!("{notice}"),
            &cancel,
        )?;
        Ok(outcome.verification)
    })
    .await;
    state.profiling.finish(session_id);
    result
}

/// The round's report rendered to safe, highlighted HTML by the core.
#[tauri::command]
pub async fn report_html(
    state: State<'_, AppState>,
    session_id: i64,
    round: u32,
) -> CommandResult<String> {
    let db = state.db_path.clone();
    blocking(move || {
        let store = open_store(&db)?;
        Ok(memaudit::documents::report_html(
            &store,
            session_id,
            round,
            memaudit::documents::APP_REPORT_LIMITS,
        )?)
    })
    .await
}

#[tauri::command]
pub async fn decide(
    state: State<'_, AppState>,
    session_id: i64,
    request: DecideRequest,
) -> CommandResult<Decision> {
    let db = state.db_path.clone();
    blocking(move || {
        let store = open_store(&db)?;
        let decided = rounds::decide(
            &store,
            session_id,
            &DecisionInput {
                finding_id: request.finding_id,
                kind: request.kind,
                note: request.note,
                defer_until_date: request.defer_until_date.filter(|d| !d.is_empty()),
                defer_until_round: request.defer_until_round,
            },
        )?;
        // A workspace that is gone or read-only does not fail the
        // decision, which is stored either way.
        if let rounds::FilesRefresh::Failed(e) = &decided.files {
            eprintln!("session files not updated: {e}");
        }
        Ok(decided.decision)
    })
    .await
}

#[tauri::command]
pub async fn terminate(
    state: State<'_, AppState>,
    session_id: i64,
    note: String,
) -> CommandResult<()> {
    let db = state.db_path.clone();
    blocking(move || {
        let store = open_store(&db)?;
        if let rounds::FilesRefresh::Failed(e) = rounds::terminate(&store, session_id, &note)? {
            eprintln!("session files not updated: {e}");
        }
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn export_session(
    state: State<'_, AppState>,
    session_id: i64,
    format: String,
    path: String,
) -> CommandResult<()> {
    let db = state.db_path.clone();
    blocking(move || {
        let format: ExportFormat = format.parse()?;
        // With each finding's evidence, as every export.
        memaudit::documents::export_to_file(
            &open_store(&db)?,
            session_id,
            format,
            &PathBuf::from(path),
        )?;
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    let path = state.settings_path.clone();
    blocking(move || Ok(memaudit::config::load_settings(&path)?)).await
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<()> {
    let path = state.settings_path.clone();
    blocking(move || Ok(memaudit::config::save_settings(&path, &settings)?)).await
}

#[tauri::command]
pub async fn set_api_key(provider: String, key: String) -> CommandResult<()> {
    blocking(move || Ok(memaudit::keys::set(&provider, &key)?)).await
}

#[tauri::command]
pub async fn key_status(provider: String) -> CommandResult<KeyStatus> {
    blocking(move || {
        Ok(KeyStatus {
            stored: memaudit::keys::stored(&provider)?,
        })
    })
    .await
}

/// Re-checks the files the watcher saw change: a round focused on them.
#[tauri::command]
pub async fn reanalyze_changed<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    session_id: i64,
) -> CommandResult<()> {
    let db = state.db_path.clone();
    let info = blocking(move || Ok(sessions::info(&open_store(&db)?, session_id)?)).await?;
    let files: Vec<String> = state
        .changed
        .lock()
        .map(|mut c| c.remove(&info.workspace).unwrap_or_default())
        .unwrap_or_default()
        .into_iter()
        .collect();
    if files.is_empty() {
        return Err(CommandError::from(memaudit::ApiError::InvalidInput(
            "no changed files to re-check".into(),
        )));
    }
    let focus: Vec<FocusRequest> = files.into_iter().map(FocusRequest::File).collect();
    let note = format!("re-check of {} changed file(s)", focus.len());
    next_round(app, state, session_id, focus, note).await
}
