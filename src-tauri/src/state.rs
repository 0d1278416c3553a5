//! The shell's managed state: where the database and settings are, the
//! rounds running in the background (to cancel them), and the watcher of the
//! open workspace with the files it saw change.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use memaudit::profile::CancelFlag;
use memaudit::rounds::Cancel;
use memaudit::watch::Watcher;

pub struct AppState {
    pub db_path: PathBuf,
    pub settings_path: PathBuf,
    /// Cancel handles of running rounds, by session id.
    pub rounds: Mutex<HashMap<i64, Cancel>>,
    /// The open workspace's watcher; replacing it stops the old one.
    pub watcher: Mutex<Option<Watcher>>,
    /// `.rs` files changed since the last re-check, by workspace root.
    pub changed: Mutex<HashMap<String, BTreeSet<String>>>,
    /// Cancel flags of profile runs and verifications, by session id.
    pub profiling: Mutex<HashMap<i64, CancelFlag>>,
    /// Cancel flags of running fix checks, by session id.
    pub checks: Mutex<HashMap<i64, memaudit::check::CancelFlag>>,
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
            profiling: Mutex::new(HashMap::new()),
            checks: Mutex::new(HashMap::new()),
        }
    }
}
