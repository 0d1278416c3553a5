//! The SQLite store: memaudit's source of truth for every session of every
//! workspace — rounds, findings, validations, reports, role runs, decisions,
//! scope snapshots and the app's settings.
//!
//! One database file per user. [`Store::open`] creates it if needed, switches
//! it to WAL, and applies the plain SQL migrations of the repository's
//! `migrations/` folder (embedded at build time). Every write is one
//! `BEGIN IMMEDIATE` transaction, so a crash or kill at any point leaves the
//! file consistent, and several processes (the CLI and the desktop app) can
//! share it: writers queue behind each other for up to ten seconds.
//!
//! This crate must not know about the file system layout of a workspace,
//! markdown, the network or async runtimes: it stores and loads the model's
//! types, nothing else. Callers on an async runtime run it on a blocking
//! thread.
//!
//! ```
//! use memaudit_model::Scope;
//! use memaudit_store::Store;
//!
//! let store = Store::open_in_memory()?;
//! let session = store.create_session("/src/app", &Scope::default())?;
//! assert_eq!(session.name, "memory_audit_001");
//! let round = store.begin_round(session.id, &[], std::process::id())?;
//! assert_eq!(round, 1);
//! # Ok::<(), memaudit_store::StoreError>(())
//! ```

mod checks;
mod clock;
mod error;
mod findings;
mod load;
pub mod profiles;
mod rounds;
mod rows;
mod sessions;

#[cfg(test)]
mod fixtures;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use include_dir::{include_dir, Dir};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::Migrations;

pub use error::{Result, StoreError};
pub use findings::KnownFinding;
pub use load::status_of;
pub use rows::{RowFilter, RowPage};

/// The schema migrations, one `NN-name/up.sql` folder each, added only.
static MIGRATIONS_DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What SQLite files start with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A handle on the memaudit database. Cheap to share behind an `Arc`: one
/// connection guarded by a mutex, so calls from several threads queue.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed, with its parent folders) the database at
    /// `path`: WAL, `foreign_keys=ON`, a 10 s busy timeout,
    /// `synchronous=NORMAL`, then applies pending migrations.
    ///
    /// A file whose schema is newer than this build gives
    /// [`StoreError::NewerSchema`] and is not modified; a file that is not an
    /// SQLite database, or is damaged, gives [`StoreError::Corrupt`].
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        check_header(path)?;
        // No SQLITE_OPEN_URI: a path containing `?` or `#` is a path.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| {
            if is_corruption(&source) {
                StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: source.to_string(),
                }
            } else {
                StoreError::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        })?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: PathBuf::from(":memory:"),
            source,
        })?;
        Store::prepare(conn, None)
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version this build writes (the number of migrations).
    pub fn supported_schema_version() -> usize {
        MIGRATIONS_DIR.dirs().count()
    }

    /// Copies the write-ahead log into the main file and truncates it, e.g.
    /// before measuring or copying the database file.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs SQLite's full integrity and foreign-key checks (reads the whole
    /// file: for a "check database" action, not for every start).
    /// [`StoreError::Corrupt`] lists what SQLite found.
    pub fn integrity_check(&self) -> Result<()> {
        let conn = self.conn();
        let mut problems: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        if problems == ["ok"] {
            problems.clear();
        }
        let orphans = conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| {
                Ok(format!(
                    "row {} of {} points to a missing {} row",
                    r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(2)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        problems.extend(orphans);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(":memory:")),
                detail: problems.join("; "),
            })
        }
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let corrupt = |e: rusqlite::Error| {
            if is_corruption(&e) {
                StoreError::Corrupt {
                    path: shown.clone(),
                    detail: e.to_string(),
                }
            } else {
                StoreError::Open {
                    path: shown.clone(),
                    source: e,
                }
            }
        };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(corrupt)?;

        // Everything up to the version check only reads, so that a file from
        // a newer memaudit is left exactly as it was.
        let supported = Store::supported_schema_version();
        let found = user_version(&conn).map_err(corrupt)?;
        let found = usize::try_from(found).map_err(|_| StoreError::Corrupt {
            path: shown.clone(),
            detail: format!("negative schema version {found}"),
        })?;
        if found > supported {
            return Err(StoreError::NewerSchema {
                path: shown,
                found,
                supported,
            });
        }
        // Reading the schema makes SQLite parse the header and the first
        // page: garbage behind a valid magic string fails here.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(corrupt)?;

        // Switching a new file to WAL needs an exclusive lock, and SQLite
        // answers SQLITE_BUSY at once (without the busy handler) when
        // another process is opening the same new file: retry within the
        // busy timeout.
        let started = std::time::Instant::now();
        loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(_) => break,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(e) => return Err(corrupt(e)),
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(corrupt)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(corrupt)?;
        // Writers take the lock up front: a deferred transaction that reads
        // and then writes can fail with SQLITE_BUSY without waiting when
        // another process committed in between.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        conn.set_prepared_statement_cache_capacity(64);

        migrate(&mut conn, &shown, supported)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
        })
    }

    /// The connection. A panic in another thread while it held the lock
    /// cannot leave a half-written transaction (dropping a transaction rolls
    /// it back), so a poisoned lock is safe to take over.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is stored,
    /// or none of it.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in one read transaction, so that several queries see the
    /// same snapshot even while another process writes.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        // Nothing was written; ending the read transaction releases the snapshot.
        tx.rollback()?;
        Ok(value)
    }
}

/// The embedded migration set.
pub fn migrations() -> std::result::Result<Migrations<'static>, rusqlite_migration::Error> {
    Migrations::from_directory(&MIGRATIONS_DIR)
}

fn migrate(conn: &mut Connection, path: &Path, supported: usize) -> Result<()> {
    let migrations = migrations().map_err(|source| StoreError::Migration {
        path: path.to_path_buf(),
        source,
    })?;
    let mut attempts = 0;
    loop {
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(source) => {
                // Another process opening the same new file may have applied
                // the same migrations between our version check and our
                // transaction; then ours fails on "table already exists" and
                // there is nothing left to do.
                attempts += 1;
                let now = user_version(conn)
                    .ok()
                    .and_then(|v| usize::try_from(v).ok());
                match now {
                    Some(v) if v == supported => return Ok(()),
                    Some(v) if v > supported => {
                        return Err(StoreError::NewerSchema {
                            path: path.to_path_buf(),
                            found: v,
                            supported,
                        })
                    }
                    _ if attempts < 3 => continue,
                    _ => {
                        return Err(StoreError::Migration {
                            path: path.to_path_buf(),
                            source,
                        })
                    }
                }
            }
        }
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuses, before SQLite touches it, a non-empty file that does not start
/// like an SQLite database (a text file, random bytes, a truncated copy).
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        // A missing file is created by SQLite; other failures (a folder, no
        // permission) are reported by the open itself with SQLite's words.
        Err(_) => return Ok(()),
    };
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Ok(());
    }
    let mut header = Vec::with_capacity(SQLITE_MAGIC.len());
    file.by_ref()
        .take(SQLITE_MAGIC.len() as u64)
        .read_to_end(&mut header)
        .map_err(|source| StoreError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if header.is_empty() || header.as_slice() == SQLITE_MAGIC {
        return Ok(());
    }
    Err(StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: "the file does not start with the SQLite header; it is not an SQLite database"
            .to_owned(),
    })
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// `memory_audit_007`.
fn session_name(number: u32) -> String {
    format!("memory_audit_{number:03}")
}

/// serde_json text of a model value, with what it was for in the error.
fn to_json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::json(what, e))
}

fn from_json<T: serde::de::DeserializeOwned>(
    what: impl FnOnce() -> String,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::json(what(), e))
}

/// The serde spelling of a unit enum variant (e.g. `FindingSource::Builtin`
/// → `builtin`), so the database uses the same words as the JSON export.
fn serde_name<T: serde::Serialize>(what: &str, value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(StoreError::Invalid {
            what: format!("{what}: expected a name, got {other}"),
        }),
        Err(e) => Err(StoreError::json(what, e)),
    }
}

/// SQLite integers are signed; counters beyond `i64::MAX` saturate.
fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;
