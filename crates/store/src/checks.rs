//! Fixes the compiler has checked, and fixes applied to the workspace
//! (migration `03-fix-checks`).
//!
//! A check is stored whole as the model's [`FixCheck`] (the edit, the
//! errors, the tests, the hashes of the files it was checked against) plus
//! the columns a query filters on. An application keeps each file's text
//! from before the write so that undo restores it exactly. This module must
//! NOT decide whether a fix may be applied or undone: the API layer compares
//! hashes; the store records.

use rusqlite::{params, Connection, OptionalExtension, Row};

use memaudit_model::{AppliedFile, FixApplication, FixCheck, StoredFixCheck, Validation};

use crate::rounds::ensure_round;
use crate::sessions::{ensure_session, touch_session};
use crate::{clock, to_i64, Result, Store, StoreError};

const CHECK_COLUMNS: &str = "c.id, c.round, c.checked_at, c.check_json \
     FROM fix_checks c JOIN findings f ON f.id = c.finding";

const APPLICATION_COLUMNS: &str =
    "a.id, f.finding_id, a.check_id, a.files_json, a.applied_at, a.undone_at \
     FROM fix_applications a JOIN findings f ON f.id = a.finding";

fn check_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, u32, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn decode_check(
    (id, round, checked_at, json): (i64, u32, String, String),
) -> Result<StoredFixCheck> {
    let check: FixCheck =
        serde_json::from_str(&json).map_err(|e| StoreError::json(format!("fix check {id}"), e))?;
    Ok(StoredFixCheck {
        id,
        round,
        checked_at,
        check,
    })
}

fn application_from_row(
    r: &Row<'_>,
) -> rusqlite::Result<(i64, String, i64, String, String, Option<String>)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn decode_application(
    (id, finding_id, check_id, files, applied_at, undone_at): (
        i64,
        String,
        i64,
        String,
        String,
        Option<String>,
    ),
) -> Result<FixApplication> {
    let files: Vec<AppliedFile> = serde_json::from_str(&files)
        .map_err(|e| StoreError::json(format!("applied fix {id}"), e))?;
    Ok(FixApplication {
        id,
        finding_id,
        check_id,
        files,
        applied_at,
        undone_at,
    })
}

/// The row id of the session's finding with `fingerprint`.
fn finding_row(conn: &Connection, session_id: i64, fingerprint: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM findings WHERE session_id = ?1 AND fingerprint = ?2")?
        .query_row(params![session_id, fingerprint], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            StoreError::not_found(format!(
                "finding with fingerprint {fingerprint} in session {session_id}"
            ))
        })
}

impl Store {
    /// Stores the results of one check run, made against `round`, in one
    /// transaction, each with the finding's validation as it was before the
    /// check was applied to it; returns their ids in order. A finding the
    /// session does not know (by fingerprint) is [`StoreError::NotFound`]
    /// and nothing is stored.
    pub fn save_fix_checks(
        &self,
        session_id: i64,
        round: u32,
        checks: &[(FixCheck, Option<Validation>)],
    ) -> Result<Vec<i64>> {
        let mut rows = Vec::with_capacity(checks.len());
        for (c, before) in checks {
            let json = serde_json::to_string(c)
                .map_err(|e| StoreError::json(format!("fix check of {}", c.finding_id), e))?;
            let before = before
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| StoreError::json(format!("validation of {}", c.finding_id), e))?;
            let tests = c.tests.as_ref().map(|t| {
                if t.error.is_some() {
                    "error"
                } else if t.pass() {
                    "pass"
                } else {
                    "fail"
                }
            });
            rows.push((c, json, tests, before));
        }
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO fix_checks (session_id, round, finding, edit_hash, status, tests, \
                 duration_ms, check_json, validation_json, checked_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut ids = Vec::with_capacity(rows.len());
            for (c, json, tests, before) in &rows {
                let finding = finding_row(tx, session_id, &c.fingerprint)?;
                insert.execute(params![
                    session_id,
                    round,
                    finding,
                    c.edit_hash,
                    c.status.as_str(),
                    tests,
                    to_i64(c.duration_ms),
                    json,
                    before,
                    now
                ])?;
                ids.push(tx.last_insert_rowid());
            }
            touch_session(tx, session_id, &now)?;
            Ok(ids)
        })
    }

    /// The latest check of each checked finding of the session, by finding
    /// order.
    pub fn latest_fix_checks(&self, session_id: i64) -> Result<Vec<StoredFixCheck>> {
        let rows = self.read(|conn| {
            ensure_session(conn, session_id)?;
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {CHECK_COLUMNS} WHERE c.id IN \
                     (SELECT MAX(id) FROM fix_checks WHERE session_id = ?1 GROUP BY finding) \
                     ORDER BY f.number, f.finding_id"
                ))?
                .query_map([session_id], check_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        rows.into_iter().map(decode_check).collect()
    }

    /// The latest check of one finding (by its `F-…` id), if any: one
    /// indexed lookup.
    pub fn latest_fix_check(
        &self,
        session_id: i64,
        finding_id: &str,
    ) -> Result<Option<StoredFixCheck>> {
        let row = self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {CHECK_COLUMNS} WHERE f.session_id = ?1 AND f.finding_id = ?2 \
                     ORDER BY c.id DESC LIMIT 1"
                ))?
                .query_row(params![session_id, finding_id], check_from_row)
                .optional()?)
        })?;
        row.map(decode_check).transpose()
    }

    /// The validation a finding had in `round` before checks were applied
    /// to it: what the round's first stored check recorded, if any.
    pub fn validation_before_checks(
        &self,
        session_id: i64,
        round: u32,
        fingerprint: &str,
    ) -> Result<Option<Validation>> {
        let json: Option<String> = self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT c.validation_json FROM fix_checks c JOIN findings f ON f.id = c.finding \
                     WHERE c.session_id = ?1 AND c.round = ?2 AND f.fingerprint = ?3 \
                     AND c.validation_json IS NOT NULL ORDER BY c.id LIMIT 1",
                )?
                .query_row(params![session_id, round, fingerprint], |r| r.get(0))
                .optional()?)
        })?;
        json.map(|j| {
            serde_json::from_str(&j)
                .map_err(|e| StoreError::json(format!("validation of {fingerprint}"), e))
        })
        .transpose()
    }

    /// One stored check by id, which must be the session's.
    pub fn fix_check(&self, session_id: i64, id: i64) -> Result<StoredFixCheck> {
        let row = self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {CHECK_COLUMNS} WHERE c.session_id = ?1 AND c.id = ?2"
                ))?
                .query_row(params![session_id, id], check_from_row)
                .optional()?)
        })?;
        row.map(decode_check)
            .transpose()?
            .ok_or_else(|| StoreError::not_found(format!("fix check {id} in session {session_id}")))
    }

    /// Records that the checked edit `check_id` was written into the
    /// workspace, with each file's text from before; returns the record.
    pub fn save_fix_application(
        &self,
        session_id: i64,
        check_id: i64,
        files: &[AppliedFile],
    ) -> Result<FixApplication> {
        let json =
            serde_json::to_string(files).map_err(|e| StoreError::json("applied files", e))?;
        let now = clock::now();
        let id = self.write(|tx| {
            let finding: i64 = tx
                .prepare_cached("SELECT finding FROM fix_checks WHERE session_id = ?1 AND id = ?2")?
                .query_row(params![session_id, check_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| {
                    StoreError::not_found(format!("fix check {check_id} in session {session_id}"))
                })?;
            tx.prepare_cached(
                "INSERT INTO fix_applications (session_id, finding, check_id, files_json, applied_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![session_id, finding, check_id, json, now])?;
            let id = tx.last_insert_rowid();
            touch_session(tx, session_id, &now)?;
            Ok(id)
        })?;
        self.fix_application(session_id, id)
    }

    /// One application by id, which must be the session's.
    pub fn fix_application(&self, session_id: i64, id: i64) -> Result<FixApplication> {
        let row = self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {APPLICATION_COLUMNS} WHERE a.session_id = ?1 AND a.id = ?2"
                ))?
                .query_row(params![session_id, id], application_from_row)
                .optional()?)
        })?;
        row.map(decode_application).transpose()?.ok_or_else(|| {
            StoreError::not_found(format!("applied fix {id} in session {session_id}"))
        })
    }

    /// The latest application of one finding's fix (undone or not), if any.
    pub fn latest_fix_application(
        &self,
        session_id: i64,
        finding_id: &str,
    ) -> Result<Option<FixApplication>> {
        let row = self.read(|conn| {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {APPLICATION_COLUMNS} WHERE f.session_id = ?1 AND f.finding_id = ?2 \
                     ORDER BY a.id DESC LIMIT 1"
                ))?
                .query_row(params![session_id, finding_id], application_from_row)
                .optional()?)
        })?;
        row.map(decode_application).transpose()
    }

    /// Marks an application undone. Undoing twice is a
    /// [`StoreError::Conflict`].
    pub fn mark_fix_undone(&self, session_id: i64, id: i64) -> Result<FixApplication> {
        let now = clock::now();
        self.write(|tx| {
            let undone: Option<Option<String>> = tx
                .prepare_cached(
                    "SELECT undone_at FROM fix_applications WHERE session_id = ?1 AND id = ?2",
                )?
                .query_row(params![session_id, id], |r| r.get(0))
                .optional()?;
            match undone {
                None => {
                    return Err(StoreError::not_found(format!(
                        "applied fix {id} in session {session_id}"
                    )))
                }
                Some(Some(at)) => {
                    return Err(StoreError::Conflict {
                        what: format!("applied fix {id} was already undone at {at}"),
                    })
                }
                Some(None) => {}
            }
            tx.prepare_cached(
                "UPDATE fix_applications SET undone_at = ?3 WHERE session_id = ?1 AND id = ?2",
            )?
            .execute(params![session_id, id, now])?;
            touch_session(tx, session_id, &now)?;
            Ok(())
        })?;
        self.fix_application(session_id, id)
    }
}

#[cfg(test)]
mod tests {
    use memaudit_model::{CompileError, Edit, FindingState, FixStatus, TestOutcome};

    use super::*;
    use crate::fixtures::{finding, scope};

    fn fix(f: &memaudit_model::Finding, status: FixStatus) -> FixCheck {
        FixCheck {
            finding_id: f.id.clone(),
            fingerprint: f.fingerprint.clone(),
            edit_hash: "0123456789abcdef".into(),
            edit: Edit {
                summary: "drop the `.clone()`".into(),
                hunks: Vec::new(),
            },
            status,
            errors: vec![CompileError {
                code: Some("E0597".into()),
                message: "`owned` does not live long enough".into(),
                file: f.file.clone(),
                line: 12,
                original_line: Some(11),
                rendered: "error[E0597]".into(),
            }],
            tests: Some(TestOutcome {
                packages: vec!["worker".into()],
                passed: 3,
                ..TestOutcome::default()
            }),
            note: None,
            command: "cargo check --all-targets -p worker".into(),
            files: Vec::new(),
            duration_ms: 1234,
            batched_with: 2,
        }
    }

    #[test]
    fn checks_and_applications_round_trip_and_undo_once() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/w", &scope("/w")).unwrap().id;
        store.begin_round(s, &[], 1).unwrap();
        let a = finding(1, "fp-a", "src/a.rs");
        let b = finding(2, "fp-b", "src/b.rs");
        store
            .save_findings(
                s,
                1,
                &[
                    (a.clone(), FindingState::New),
                    (b.clone(), FindingState::New),
                ],
            )
            .unwrap();
        let first = fix(&a, FixStatus::Fails);
        let before = crate::fixtures::validation(&a, memaudit_model::Verdict::Approved);
        let ids = store
            .save_fix_checks(
                s,
                1,
                &[
                    (first.clone(), Some(before.clone())),
                    (fix(&b, FixStatus::Compiles), None),
                ],
            )
            .unwrap();
        assert_eq!(ids.len(), 2);
        let again = fix(&a, FixStatus::Compiles);
        let mut changed = before.clone();
        changed.verdict = memaudit_model::Verdict::Rejected;
        let later = store
            .save_fix_checks(s, 1, &[(again.clone(), Some(changed))])
            .unwrap();
        assert_eq!(
            store
                .validation_before_checks(s, 1, &a.fingerprint)
                .unwrap(),
            Some(before),
            "the validation from before the round's first check"
        );
        assert_eq!(
            store
                .validation_before_checks(s, 1, &b.fingerprint)
                .unwrap(),
            None
        );
        let latest = store.latest_fix_checks(s).unwrap();
        assert_eq!(latest.len(), 2, "one latest check per finding");
        assert_eq!(
            latest[0].check, again,
            "the newer check of F-001 is current"
        );
        assert_eq!(latest[0].id, later[0]);
        assert_eq!(
            store.latest_fix_check(s, &a.id).unwrap().unwrap().check,
            again
        );
        assert_eq!(
            store.fix_check(s, ids[0]).unwrap().check,
            first,
            "older checks are kept"
        );
        assert!(store.latest_fix_check(s, "F-099").unwrap().is_none());

        let files = vec![AppliedFile {
            file: "src/a.rs".into(),
            before: "fn a() {}\n".into(),
            after_hash: "ff".into(),
        }];
        let app = store.save_fix_application(s, later[0], &files).unwrap();
        assert_eq!(app.finding_id, a.id);
        assert_eq!(app.files, files);
        assert!(app.undone_at.is_none());
        let undone = store.mark_fix_undone(s, app.id).unwrap();
        assert!(undone.undone_at.is_some());
        assert!(matches!(
            store.mark_fix_undone(s, app.id),
            Err(StoreError::Conflict { .. })
        ));
        assert_eq!(
            store.latest_fix_application(s, &a.id).unwrap().unwrap().id,
            app.id
        );
        let mut stranger = fix(&a, FixStatus::Compiles);
        stranger.fingerprint = "fp-unknown".into();
        assert!(matches!(
            store.save_fix_checks(s, 1, &[(again, None), (stranger, None)]),
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(
            store.latest_fix_checks(s).unwrap().len(),
            2,
            "a failed save stores nothing"
        );
    }
}
