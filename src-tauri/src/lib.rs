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

use tauri::{AppHandle, Builder, Runtime, WebviewWindowBuilder};

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
    let result = app(Builder::default(), state::AppState::from_env())
        .setup(|app| {
            open_main_window(app.handle())?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("memaudit could not start: {e}");
        std::process::exit(1);
    }
}

/// Opens the window `tauri.conf.json` declares (with `create: false`), cut
/// to the monitor's work area when its configured size does not fit: a
/// 1400×900 window on a 1280×800 laptop screen hides the Sessions panel
/// behind the screen's edge. The size is chosen before the window exists
/// because a window already mapped cannot be trusted to report its own size
/// (X11 says 0×0 until the window manager has placed it).
fn open_main_window<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.first().cloned() else {
        return Ok(());
    };
    let mut builder = WebviewWindowBuilder::from_config(app, &config)?;
    if let Ok(Some(monitor)) = app.primary_monitor() {
        let scale = monitor.scale_factor().max(1.0);
        let area = monitor.work_area().size;
        let logical = |physical: u32| (f64::from(physical) / scale) as u32;
        let configured = (config.width as u32, config.height as u32);
        if let Some((width, height)) =
            fitted_size(configured, (logical(area.width), logical(area.height)))
        {
            builder = builder
                .inner_size(f64::from(width), f64::from(height))
                .center();
        }
    }
    builder.build()?;
    Ok(())
}

/// The size a `window` of (width, height) takes on a work `area` (both in
/// logical pixels): `None` when
/// it fits, else each side that overflows cut to 94 % of the area's side (a
/// margin so the window's frame stays on screen).
fn fitted_size(window: (u32, u32), area: (u32, u32)) -> Option<(u32, u32)> {
    if area.0 == 0 || area.1 == 0 || (window.0 <= area.0 && window.1 <= area.1) {
        return None;
    }
    let cut = |side: u32, room: u32| {
        if side <= room {
            side
        } else {
            (u64::from(room) * 94 / 100) as u32
        }
    };
    Some((cut(window.0, area.0), cut(window.1, area.1)))
}

#[cfg(test)]
mod tests {
    use super::fitted_size;

    #[test]
    fn a_window_that_fits_is_left_alone() {
        assert_eq!(fitted_size((1400, 900), (1920, 1040)), None);
        assert_eq!(fitted_size((1280, 800), (1280, 800)), None);
    }

    #[test]
    fn an_overflowing_side_is_cut_to_the_work_area() {
        assert_eq!(fitted_size((1400, 900), (1280, 800)), Some((1203, 752)));
        assert_eq!(fitted_size((1400, 900), (1600, 860)), Some((1400, 808)));
    }

    #[test]
    fn an_unknown_work_area_changes_nothing() {
        assert_eq!(fitted_size((1400, 900), (0, 0)), None);
    }
}
