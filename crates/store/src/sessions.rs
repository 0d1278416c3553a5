//! Workspaces, sessions, scope snapshots and settings.
//!
//! Session names (`memory_audit_NNN`) are numbered per workspace inside the
//! creating transaction, so two processes cannot hand out the same name. This
//! module must not decide which session a user means when a name is
//! ambiguous: it returns every match and lets the caller ask.

use memaudit_model::{Scope, SessionInfo};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::{clock, from_json, session_name, to_json, Result, Store, StoreError};

const SESSION_COLUMNS: &str = "s.id, s.name, w.root, s.created_at, s.updated_at, s.status, \
     s.round_count, s.finding_count \
     FROM sessions s JOIN workspaces w ON w.id = s.workspace_id";

impl Store {
    /// Creates a session for the workspace root (an absolute path string),
    /// named with the next free `memory_audit_NNN` of that workspace, and
    /// stores the scope snapshot.
    pub fn create_session(&self, workspace_root: &str, scope: &Scope) -> Result<SessionInfo> {
        if workspace_root.trim().is_empty() {
            return Err(StoreError::Invalid {
                what: "workspace root: it is empty".to_owned(),
            });
        }
        let scope_json = to_json("scope", scope)?;
        let now = clock::now();
        self.write(|tx| {
            let workspace = upsert_workspace(tx, workspace_root, &now)?;
            let number: u32 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM sessions WHERE workspace_id = ?1",
                [workspace],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO sessions (workspace_id, number, name, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![workspace, number, session_name(number), now],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO scopes (session_id, scope_json, updated_at) VALUES (?1, ?2, ?3)",
                params![id, scope_json, now],
            )?;
            session_info(tx, id)
        })
    }

    /// Replaces the session's scope snapshot.
    pub fn save_scope(&self, session_id: i64, scope: &Scope) -> Result<()> {
        let scope_json = to_json("scope", scope)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            tx.execute(
                "INSERT INTO scopes (session_id, scope_json, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (session_id) DO UPDATE SET \
                 scope_json = excluded.scope_json, updated_at = excluded.updated_at",
                params![session_id, scope_json, now],
            )?;
            touch_session(tx, session_id, &now)
        })
    }

    /// The session's scope snapshot, if one was stored.
    pub fn scope(&self, session_id: i64) -> Result<Option<Scope>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            load_scope(conn, session_id)
        })
    }

    /// Every session of every workspace, newest first, with round and
    /// finding counts.
    pub fn list_sessions(&self) -> Result<Vec<SessionInfo>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {SESSION_COLUMNS} ORDER BY s.id DESC"))?;
        let rows = stmt.query_map([], session_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One session; [`StoreError::NotFound`] if there is none with that id.
    pub fn session(&self, session_id: i64) -> Result<SessionInfo> {
        session_info(&self.conn(), session_id)
    }

    /// Sessions whose id (when `key` is an integer) or name (e.g.
    /// `memory_audit_001`) is `key`, optionally only those of one workspace
    /// root; newest first. The same name in two workspaces gives two results.
    pub fn find_sessions(&self, key: &str, workspace: Option<&str>) -> Result<Vec<SessionInfo>> {
        let key = key.trim();
        let id = key.parse::<i64>().ok();
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {SESSION_COLUMNS} \
             WHERE (s.id = ?1 OR s.name = ?2) AND (?3 IS NULL OR w.root = ?3) \
             ORDER BY s.id DESC"
        ))?;
        let rows = stmt.query_map(params![id, key, workspace], session_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets the session's status: `active` or `terminated`.
    pub fn set_session_status(&self, session_id: i64, status: &str) -> Result<()> {
        if !matches!(status, "active" | "terminated") {
            return Err(StoreError::Invalid {
                what: format!("session status `{status}` (expected active or terminated)"),
            });
        }
        let now = clock::now();
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE sessions SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![session_id, status, now],
            )?;
            if changed == 0 {
                return Err(StoreError::not_found(format!("session {session_id}")));
            }
            Ok(())
        })
    }

    /// Records that a workspace was opened now, for the Home screen's
    /// recent list.
    pub fn touch_workspace(&self, workspace_root: &str) -> Result<()> {
        let now = clock::now();
        self.write(|tx| upsert_workspace(tx, workspace_root, &now).map(|_| ()))
    }

    /// Recently opened workspaces: (root path, last opened), newest first.
    pub fn recent_workspaces(&self, limit: usize) -> Result<Vec<(String, String)>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT root, last_opened_at FROM workspaces \
             ORDER BY last_opened_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A setting's value (JSON text), if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        let conn = self.conn();
        let value = conn
            .prepare_cached("SELECT value_json FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        Ok(value)
    }

    /// Sets a setting; `value` must be JSON text (`"dark"`, `4`, `{...}`).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        serde_json::from_str::<serde::de::IgnoredAny>(value)
            .map_err(|e| StoreError::json(format!("setting `{key}`"), e))?;
        let now = clock::now();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value_json, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET \
                 value_json = excluded.value_json, updated_at = excluded.updated_at",
                params![key, value, now],
            )?;
            Ok(())
        })
    }
}

/// The workspace's id, creating it if new; marks it opened now.
fn upsert_workspace(conn: &Connection, root: &str, now: &str) -> Result<i64> {
    let id = conn
        .prepare_cached(
            "INSERT INTO workspaces (root, created_at, last_opened_at) VALUES (?1, ?2, ?2) \
             ON CONFLICT (root) DO UPDATE SET last_opened_at = excluded.last_opened_at \
             RETURNING id",
        )?
        .query_row(params![root, now], |r| r.get(0))?;
    Ok(id)
}

pub(crate) fn session_info(conn: &Connection, session_id: i64) -> Result<SessionInfo> {
    conn.prepare_cached(&format!("SELECT {SESSION_COLUMNS} WHERE s.id = ?1"))?
        .query_row([session_id], session_from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("session {session_id}")))
}

pub(crate) fn ensure_session(conn: &Connection, session_id: i64) -> Result<()> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM sessions WHERE id = ?1")?
        .exists([session_id])?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::not_found(format!("session {session_id}")))
    }
}

/// Records that the session changed now (its `updated_at`).
pub(crate) fn touch_session(conn: &Connection, session_id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE sessions SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![session_id, now])?;
    Ok(())
}

pub(crate) fn load_scope(conn: &Connection, session_id: i64) -> Result<Option<Scope>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT scope_json FROM scopes WHERE session_id = ?1")?
        .query_row([session_id], |r| r.get(0))
        .optional()?;
    text.map(|t| from_json(|| format!("scope of session {session_id}"), &t))
        .transpose()
}

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<SessionInfo> {
    Ok(SessionInfo {
        id: r.get(0)?,
        name: r.get(1)?,
        workspace: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
        status: r.get(5)?,
        rounds: r.get(6)?,
        findings: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scope;

    #[test]
    fn sessions_are_numbered_per_workspace() {
        let store = Store::open_in_memory().unwrap();
        let check = |root: &str, expected: &str| {
            let s = store.create_session(root, &scope(root)).unwrap();
            assert_eq!(s.name, expected, "next session name in {root}");
            assert_eq!(s.workspace, root);
            assert_eq!(s.status, "active");
            assert_eq!((s.rounds, s.findings), (0, 0), "a new session is empty");
        };
        check("/src/a", "memory_audit_001");
        check("/src/a", "memory_audit_002");
        check("/src/b", "memory_audit_001");
        check("/src/a", "memory_audit_003");
        check("/src/b", "memory_audit_002");
    }

    #[test]
    fn sessions_list_newest_first_across_workspaces() {
        let store = Store::open_in_memory().unwrap();
        let a1 = store.create_session("/src/a", &scope("/src/a")).unwrap();
        let b1 = store.create_session("/src/b", &scope("/src/b")).unwrap();
        let a2 = store.create_session("/src/a", &scope("/src/a")).unwrap();
        let ids: Vec<i64> = store
            .list_sessions()
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, vec![a2.id, b1.id, a1.id], "newest session first");
        assert_eq!(
            store.session(b1.id).unwrap(),
            b1,
            "session() returns what create returned"
        );
    }

    #[test]
    fn find_sessions_by_id_or_name_reports_ambiguity() {
        let store = Store::open_in_memory().unwrap();
        let a1 = store.create_session("/src/a", &scope("/src/a")).unwrap();
        let b1 = store.create_session("/src/b", &scope("/src/b")).unwrap();
        let a2 = store.create_session("/src/a", &scope("/src/a")).unwrap();
        let check = |key: &str, ws: Option<&str>, expected: &[i64]| {
            let found: Vec<i64> = store
                .find_sessions(key, ws)
                .unwrap()
                .iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(found, expected, "find_sessions({key:?}, {ws:?})");
        };
        check("memory_audit_001", None, &[b1.id, a1.id]);
        check("memory_audit_001", Some("/src/a"), &[a1.id]);
        check("memory_audit_002", Some("/src/b"), &[]);
        check(&a2.id.to_string(), None, &[a2.id]);
        check(&format!(" {} ", b1.id), Some("/src/b"), &[b1.id]);
        check(&b1.id.to_string(), Some("/src/a"), &[]);
        check("memory_audit_009", None, &[]);
        check("", None, &[]);
    }

    #[test]
    fn unknown_sessions_are_not_found() {
        let store = Store::open_in_memory().unwrap();
        let check = |result: Result<()>| match result {
            Err(StoreError::NotFound { what }) => assert_eq!(what, "session 42"),
            other => panic!("expected NotFound for session 42, got {other:?}"),
        };
        check(store.session(42).map(|_| ()));
        check(store.scope(42).map(|_| ()));
        check(store.save_scope(42, &scope("/x")));
        check(store.set_session_status(42, "terminated"));
    }

    #[test]
    fn session_status_accepts_only_known_values() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.set_session_status(s.id, "terminated").unwrap();
        assert_eq!(store.session(s.id).unwrap().status, "terminated");
        let err = store.set_session_status(s.id, "paused").unwrap_err();
        assert!(
            matches!(err, StoreError::Invalid { .. }),
            "paused is not a status: {err}"
        );
        assert_eq!(
            store.session(s.id).unwrap().status,
            "terminated",
            "a refused write changes nothing"
        );
    }

    #[test]
    fn scope_round_trips_and_is_replaced() {
        let store = Store::open_in_memory().unwrap();
        let first = scope("/src/a");
        let s = store.create_session("/src/a", &first).unwrap();
        assert_eq!(
            store.scope(s.id).unwrap(),
            Some(first.clone()),
            "scope stored at creation"
        );
        let mut second = first;
        second.overrides.exclude.push("benches/".to_owned());
        store.save_scope(s.id, &second).unwrap();
        assert_eq!(
            store.scope(s.id).unwrap(),
            Some(second),
            "save_scope replaces the snapshot"
        );
    }

    #[test]
    fn settings_hold_json_text() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.setting("theme").unwrap(), None);
        store.set_setting("theme", "\"dark\"").unwrap();
        store.set_setting("theme", "\"light\"").unwrap();
        assert_eq!(
            store.setting("theme").unwrap().as_deref(),
            Some("\"light\"")
        );
        let err = store.set_setting("theme", "light").unwrap_err();
        assert!(
            matches!(err, StoreError::Json { .. }),
            "bare words are not JSON: {err}"
        );
        assert_eq!(
            store.setting("theme").unwrap().as_deref(),
            Some("\"light\"")
        );
    }

    #[test]
    fn recent_workspaces_follow_last_use() {
        let store = Store::open_in_memory().unwrap();
        store.create_session("/src/a", &scope("/src/a")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.create_session("/src/b", &scope("/src/b")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        store.touch_workspace("/src/a").unwrap();
        let roots: Vec<String> = store
            .recent_workspaces(10)
            .unwrap()
            .into_iter()
            .map(|(root, _)| root)
            .collect();
        assert_eq!(
            roots,
            ["/src/a", "/src/b"],
            "the workspace opened last comes first"
        );
        assert_eq!(
            store.recent_workspaces(1).unwrap().len(),
            1,
            "limit applies"
        );
    }

    #[test]
    fn empty_workspace_root_is_refused() {
        let store = Store::open_in_memory().unwrap();
        let err = store.create_session("  ", &Scope::default()).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    }
}
