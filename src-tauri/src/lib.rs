//! memaudit's desktop shell: Tauri commands and events over the API layer.
//!
//! This crate holds no business logic. Commands (`commands.rs`) take the
//! managed [`state::AppState`], run the API layer's blocking work on tokio's
//! blocking pool, and convert errors to `{code, message}`. Round progress and
//! watcher batches are forwarded as events (`events.rs`). The web front end
//! in `ui/` is the only caller.

mod checks;
mod commands;
mod error;
pub mod events;
pub mod state;

use tauri::{Builder, Runtime};

/// The app's plugins, managed state and commands on `builder`: the real app
/// runs it on the default runtime, the command tests on Tauri's mock runtime.
pub fn app<R: Runtime>(builder: Builder<R>, state: state::AppState) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_sessions,
            commands::recent_workspaces,
            commands::open_workspace,
            commands::save_scope,
            commands::start_audit,
            commands::next_round,
            commands::resume_round,
            commands::cancel_round,
            commands::load_session,
            commands::load_finding,
            commands::handoff_prompt,
            commands::profile_view,
            commands::import_profile,
            commands::profile_notice,
            commands::profile_session,
            commands::verify_finding,
            commands::cancel_profile,
            commands::report_html,
            commands::decide,
            commands::terminate,
            commands::export_session,
            commands::get_settings,
            commands::save_settings,
            commands::set_api_key,
            commands::key_status,
            commands::reanalyze_changed,
            checks::check_notice,
            checks::check_fixes,
            checks::cancel_check,
            checks::fix_state,
            checks::apply_fix,
            checks::undo_fix,
        ])
}

/// Builds and runs the app; `main.rs` only calls this.
pub fn run() {
    let result =
        app(Builder::default(), state::AppState::from_env()).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("memaudit could not start: {e}");
        std::process::exit(1);
    }
}
