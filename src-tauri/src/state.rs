//! The shell's managed state: where the database and settings are, the
//! rounds running in the background (to cancel them), and the watcher of the
//! open workspace with the files it saw change.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use memaudit::rounds::Cancel;
use memaudit::watch::Watcher;
use memaudit::CancelFlag;

pub struct AppState {
    pub db_path: PathBuf,
    pub settings_path: PathBuf,
    /// Cancel handles of running rounds, by session id.
    pub rounds: Mutex<HashMap<i64, Cancel>>,
    /// The open workspace's watcher; replacing it stops the old one.
    pub watcher: Mutex<Option<Watcher>>,
    /// `.rs` files changed since the last re-check, by workspace root.
    pub changed: Mutex<HashMap<String, BTreeSet<String>>>,
    /// Profile runs and verifications in progress.
    pub profiling: Running,
    /// Fix checks in progress.
    pub checks: Running,
}

/// Runs of one kind in progress (profiles, fix checks), one per session at
/// most, each with the flag that cancels it.
#[derive(Debug, Default)]
pub struct Running(Mutex<HashMap<i64, CancelFlag>>);

impl Running {
    /// A flag for a new run of the session, or `None` when one is running.
    pub fn start(&self, session_id: i64) -> Option<CancelFlag> {
        // A poisoned map only means a panic elsewhere; the flags are valid.
        let mut running = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if running.contains_key(&session_id) {
            return None;
        }
        let flag = CancelFlag::default();
        running.insert(session_id, flag.clone());
        Some(flag)
    }

    /// The session's run ended (finished, failed or cancelled).
    pub fn finish(&self, session_id: i64) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&session_id);
    }

    /// Cancels the session's run; nothing running is not an error.
    pub fn cancel(&self, session_id: i64) {
        if let Some(flag) = self
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&session_id)
        {
            flag.cancel();
        }
    }
}

impl AppState {
    /// The database and settings the environment names (`MEMAUDIT_DB`,
    /// `MEMAUDIT_CONFIG`) or the platform's defaults.
    pub fn from_env() -> AppState {
        AppState::at(
            memaudit::resolve_db_path(None),
            memaudit::config::settings_path(),
        )
    }

    /// State over the given database and settings file.
    pub fn at(db_path: PathBuf, settings_path: PathBuf) -> AppState {
        AppState {
            db_path,
            settings_path,
            rounds: Mutex::new(HashMap::new()),
            watcher: Mutex::new(None),
            changed: Mutex::new(HashMap::new()),
            profiling: Running::default(),
            checks: Running::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Running;

    #[test]
    fn one_run_per_session_and_cancel_reaches_it() {
        let running = Running::default();
        let flag = running.start(1).expect("nothing runs yet");
        assert!(
            running.start(1).is_none(),
            "a second run of session 1 waits"
        );
        let other = running.start(2).expect("another session runs alongside");
        running.cancel(1);
        assert!(flag.is_cancelled() && !other.is_cancelled());
        running.finish(1);
        assert!(
            running.start(1).is_some(),
            "a finished run frees the session"
        );
        running.cancel(3); // nothing running: no effect, no error
    }
}
