//! Where memaudit keeps its state, and the user's settings.
//!
//! The database is one SQLite file per user in the platform's data folder,
//! overridable with `--db PATH` or `MEMAUDIT_DB`. Settings (engines per role,
//! provider, model, base URL, limits) live in `config.toml` in the platform's
//! config folder, overridable with `MEMAUDIT_CONFIG`; the CLI and the desktop
//! app's Settings screen read and write the same file. API keys are never
//! stored here: they live in the OS keychain.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Result};

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "MEMAUDIT_DB";

/// `<data dir>/memaudit/memaudit.db` (`~/.local/share` on Linux,
/// `~/Library/Application Support` on macOS, `%APPDATA%` on Windows); the
/// current folder when the platform has none.
pub fn default_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("memaudit")
        .join("memaudit.db")
}

/// Opens (creating and migrating when needed) the database at `path`: the
/// handle every API call takes.
pub fn open_database(path: &Path) -> Result<memaudit_store::Store> {
    Ok(memaudit_store::Store::open(path)?)
}

/// The explicit path if given, else `MEMAUDIT_DB` if set and non-empty, else
/// the default.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_db_path)
}

/// The environment variable that overrides the settings file path.
pub const CONFIG_ENV: &str = "MEMAUDIT_CONFIG";

/// Which engine runs a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    /// Built-in static analysis and rules: offline, deterministic.
    #[default]
    Builtin,
    /// The configured LLM provider.
    Llm,
}

/// LLM provider wire formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ProviderChoice {
    #[default]
    Anthropic,
    /// Any OpenAI-compatible server (hosted, Ollama, llama.cpp, vLLM, …).
    Openai,
}

/// The user's settings, shared by the CLI and the desktop app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    pub analyst_engine: EngineKind,
    pub validator_engine: EngineKind,
    pub coordinator_engine: EngineKind,
    pub provider: ProviderChoice,
    pub model: String,
    /// Empty means the provider's default.
    pub base_url: String,
    /// Concurrent requests to the provider.
    pub concurrency: u32,
    /// Spending cap per session in US dollars; 0 means no cap.
    pub budget_usd: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            analyst_engine: EngineKind::Builtin,
            validator_engine: EngineKind::Builtin,
            coordinator_engine: EngineKind::Builtin,
            provider: ProviderChoice::Anthropic,
            model: String::new(),
            base_url: String::new(),
            concurrency: 4,
            budget_usd: 5.0,
        }
    }
}

/// `<config dir>/memaudit/config.toml`, or `MEMAUDIT_CONFIG` when set.
pub fn settings_path() -> PathBuf {
    std::env::var_os(CONFIG_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::config_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("memaudit")
                .join("config.toml")
        })
}

/// Reads the settings; a missing file gives the defaults, a malformed one a
/// clear error naming the file (the user's file is never overwritten by a
/// read).
pub fn load_settings(path: &Path) -> Result<Settings> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| {
            ApiError::InvalidInput(format!(
                "the settings file {} is not valid: {e}",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(e) => Err(ApiError::io(format!("reading {}", path.display()), e)),
    }
}

/// Writes the settings atomically (temporary file, then rename).
pub fn save_settings(path: &Path, settings: &Settings) -> Result<()> {
    if settings.concurrency == 0 || settings.concurrency > 64 {
        return Err(ApiError::InvalidInput(
            "concurrency must be between 1 and 64".into(),
        ));
    }
    if !(settings.budget_usd >= 0.0 && settings.budget_usd.is_finite()) {
        return Err(ApiError::InvalidInput(
            "the budget must be zero (no cap) or a positive amount".into(),
        ));
    }
    let text = toml::to_string_pretty(settings)
        .map_err(|e| ApiError::Internal(format!("serialising settings: {e}")))?;
    memaudit_render::files::write_export(path, &text).or_else(|_| {
        // The parent folder may not exist yet on a first save.
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| ApiError::io(format!("creating {}", parent.display()), e))?;
        }
        Ok::<_, ApiError>(memaudit_render::files::write_export(path, &text)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        assert_eq!(load_settings(&path).unwrap(), Settings::default());
        let s = Settings {
            validator_engine: EngineKind::Llm,
            provider: ProviderChoice::Openai,
            model: "qwen2.5-coder".into(),
            base_url: "http://127.0.0.1:11434/v1".into(),
            ..Settings::default()
        };
        save_settings(&path, &s).unwrap();
        assert_eq!(
            load_settings(&path).unwrap(),
            s,
            "what is saved is read back"
        );
    }

    #[test]
    fn bad_settings_are_refused_with_the_file_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "concurrency = \"many\"").unwrap();
        let err = load_settings(&path).unwrap_err().to_string();
        assert!(err.contains("config.toml"), "{err}");
        let zero = Settings {
            concurrency: 0,
            ..Settings::default()
        };
        assert!(save_settings(&path, &zero).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "concurrency = \"many\"",
            "a refused save leaves the file alone"
        );
    }

    #[test]
    fn explicit_path_wins() {
        let p = resolve_db_path(Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(
            p,
            PathBuf::from("/tmp/x.db"),
            "--db must override everything"
        );
    }

    #[test]
    fn default_path_ends_in_memaudit_db() {
        assert!(default_db_path().ends_with("memaudit/memaudit.db"));
    }
}
