//! Commands for fixes the compiler has checked: the notice to show first,
//! "Check fixes" (progress as `check-event`, cancellable), a finding's fix
//! state, "Apply fix" and undo. Thin: the rules live in `memaudit::checks`.
//!
//! `check_fixes` **builds the workspace** (its build scripts and proc
//! macros run, and its tests when asked): the UI calls it only after the
//! user confirmed the sentence `check_notice` returns.

use tauri::{AppHandle, Emitter, Runtime, State};

use memaudit::checks::{
    self, ApplyOutcome, CheckEventPayload, CheckOutcome, CheckRequest, ChecksError, FixState,
};
use memaudit::model::FixApplication;
use memaudit::Store;

use crate::error::{CommandError, CommandResult};
use crate::events::CHECK_EVENT;
use crate::state::AppState;

impl From<ChecksError> for CommandError {
    fn from(e: ChecksError) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

async fn blocking<T, F>(f: F) -> CommandResult<T>
where
    F: FnOnce() -> CommandResult<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::internal(format!("a background task failed: {e}")))?
}

fn open_store(path: &std::path::Path) -> CommandResult<Store> {
    Ok(memaudit::open_database(path)?)
}

/// The sentence the app shows before checking: what is built, where.
#[tauri::command]
pub async fn check_notice(
    state: State<'_, AppState>,
    session_id: i64,
    tests: bool,
) -> CommandResult<String> {
    let db = state.db_path.clone();
    blocking(move || {
        let info = memaudit::sessions::info(&open_store(&db)?, session_id)?;
        Ok(checks::run_notice(&info.workspace, tests))
    })
    .await
}

/// Checks the latest round's edits. **Builds the workspace** in a scratch
/// copy; progress goes out as `check-event`; `cancel_check` stops it (the
/// call then rejects with `cancelled`).
#[tauri::command]
pub async fn check_fixes<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    session_id: i64,
    request: CheckRequest,
) -> CommandResult<CheckOutcome> {
    let db = state.db_path.clone();
    let Some(cancel) = state.checks.start(session_id) else {
        return Err(CommandError {
            code: memaudit::ErrorCode::RoundState,
            message: "the fixes of this session are being checked already".into(),
        });
    };
    let result = blocking(move || {
        let emit = |progress| {
            let _ = app.emit(
                CHECK_EVENT,
                CheckEventPayload {
                    session_id,
                    progress,
                },
            );
        };
        Ok(checks::check_fixes(
            &open_store(&db)?,
            session_id,
            &request,
            &|notice| eprintln!("{notice}"),
            &emit,
            &cancel,
        )?)
    })
    .await;
    state.checks.finish(session_id);
    result
}

/// Stops the session's running check. Nothing running is not an error.
#[tauri::command]
pub async fn cancel_check(state: State<'_, AppState>, session_id: i64) -> CommandResult<()> {
    state.checks.cancel(session_id);
    Ok(())
}

/// A finding's edit as a diff, its latest check, and whether it can be
/// applied or undone (with the reason when not).
#[tauri::command]
pub async fn fix_state(
    state: State<'_, AppState>,
    session_id: i64,
    finding_id: String,
) -> CommandResult<FixState> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(checks::fix_state(
            &open_store(&db)?,
            session_id,
            &finding_id,
        )?)
    })
    .await
}

/// Writes the checked edit into the workspace (refusing, with the reason,
/// when the file is no longer what was checked).
#[tauri::command]
pub async fn apply_fix(
    state: State<'_, AppState>,
    session_id: i64,
    finding_id: String,
) -> CommandResult<ApplyOutcome> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(checks::apply_fix(
            &open_store(&db)?,
            session_id,
            &finding_id,
            false,
        )?)
    })
    .await
}

/// Puts back the files the finding's applied fix changed.
#[tauri::command]
pub async fn undo_fix(
    state: State<'_, AppState>,
    session_id: i64,
    finding_id: String,
) -> CommandResult<FixApplication> {
    let db = state.db_path.clone();
    blocking(move || {
        Ok(checks::undo_fix(
            &open_store(&db)?,
            session_id,
            &finding_id,
        )?)
    })
    .await
}
