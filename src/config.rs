//! Where memaudit keeps its database: one SQLite file per user, in the
//! platform's data folder, overridable with `--db PATH` or `MEMAUDIT_DB`.

use std::path::PathBuf;

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

#[cfg(test)]
mod tests {
    use super::*;

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
