//! Rounds, role runs and end-of-round decisions.
//!
//! A round is created `running` with the pid of the process that runs it, so
//! that after a crash the caller can tell a live round from an interrupted
//! one. This module records what happened; it must not decide when a round
//! may start or whether a stored pid is still alive.

use memaudit_model::{FocusRequest, Role, RoundDecision, RoundStatus};
use rusqlite::{params, Connection, OptionalExtension};

use crate::sessions::{ensure_session, touch_session};
use crate::{clock, to_i64, to_json, Result, Store, StoreError};

impl Store {
    /// Creates the session's next round (1, 2, ...) as `running`, with the
    /// focus requests it must honour and the pid of the process running it.
    pub fn begin_round(&self, session_id: i64, focus: &[FocusRequest], pid: u32) -> Result<u32> {
        let focus_json = to_json("focus requests", focus)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            let number: u32 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM rounds WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO rounds (session_id, number, status, pid, focus_json, started_at) \
                 VALUES (?1, ?2, 'running', ?3, ?4, ?5)",
                params![session_id, number, pid, focus_json, now],
            )?;
            touch_session(tx, session_id, &now)?;
            Ok(number)
        })
    }

    /// Like [`Store::begin_round`], but only while the session's latest round
    /// is still `after` (0: no round yet): of two processes that both saw
    /// round `after` finished, one starts round `after + 1` and the other
    /// gets [`StoreError::Conflict`] — never two rounds at once.
    pub fn begin_round_after(
        &self,
        session_id: i64,
        after: u32,
        focus: &[FocusRequest],
        pid: u32,
    ) -> Result<u32> {
        let focus_json = to_json("focus requests", focus)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            let latest: u32 = tx.query_row(
                "SELECT COALESCE(MAX(number), 0) FROM rounds WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            if latest != after {
                return Err(StoreError::Conflict {
                    what: format!(
                        "round {latest} of session {session_id} was started by another process \
                         while this one was starting round {}",
                        after + 1
                    ),
                });
            }
            let number = after + 1;
            tx.execute(
                "INSERT INTO rounds (session_id, number, status, pid, focus_json, started_at) \
                 VALUES (?1, ?2, 'running', ?3, ?4, ?5)",
                params![session_id, number, pid, focus_json, now],
            )?;
            touch_session(tx, session_id, &now)?;
            Ok(number)
        })
    }

    /// Marks a round `running` again for this process (resume), but only
    /// while it still has the status and pid the caller saw: of two
    /// processes resuming the same round, one gets it and the other
    /// [`StoreError::Conflict`].
    pub fn reclaim_round(
        &self,
        session_id: i64,
        round: u32,
        seen: (RoundStatus, Option<u32>),
    ) -> Result<()> {
        let now = clock::now();
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE rounds SET status = 'running', error = NULL, finished_at = NULL, pid = ?5 \
                 WHERE session_id = ?1 AND number = ?2 AND status = ?3 AND pid IS ?4",
                params![
                    session_id,
                    round,
                    seen.0.as_str(),
                    seen.1,
                    std::process::id()
                ],
            )?;
            if changed == 0 {
                ensure_round(tx, session_id, round)?;
                return Err(StoreError::Conflict {
                    what: format!(
                        "round {round} of session {session_id} was resumed by another process"
                    ),
                });
            }
            touch_session(tx, session_id, &now)
        })
    }

    /// The pid recorded for the round's process, if any.
    pub fn round_pid(&self, session_id: i64, round: u32) -> Result<Option<u32>> {
        let conn = self.conn();
        let pid = conn
            .prepare_cached("SELECT pid FROM rounds WHERE session_id = ?1 AND number = ?2")?
            .query_row(params![session_id, round], |r| r.get::<_, Option<u32>>(0))
            .optional()?;
        pid.ok_or_else(|| round_not_found(session_id, round))
    }

    /// Sets the round's status and error. Any status but `running` records
    /// when the round finished (once); `running` — a resumed round — clears
    /// that and records this process's pid as the one running it.
    pub fn set_round_status(
        &self,
        session_id: i64,
        round: u32,
        status: RoundStatus,
        error: Option<&str>,
    ) -> Result<()> {
        let now = clock::now();
        self.write(|tx| {
            let changed = if status == RoundStatus::Running {
                tx.execute(
                    "UPDATE rounds SET status = ?3, error = ?4, finished_at = NULL, pid = ?5 \
                     WHERE session_id = ?1 AND number = ?2",
                    params![
                        session_id,
                        round,
                        status.as_str(),
                        error,
                        std::process::id()
                    ],
                )?
            } else {
                tx.execute(
                    "UPDATE rounds SET status = ?3, error = ?4, \
                     finished_at = COALESCE(finished_at, ?5) \
                     WHERE session_id = ?1 AND number = ?2",
                    params![session_id, round, status.as_str(), error, now],
                )?
            };
            if changed == 0 {
                return Err(round_not_found(session_id, round));
            }
            touch_session(tx, session_id, &now)
        })
    }

    /// Records that a role started in a round with an engine (`builtin`,
    /// `llm:<provider>/<model>`); returns the run's id for
    /// [`Store::finish_role_run`].
    pub fn start_role_run(
        &self,
        session_id: i64,
        round: u32,
        role: Role,
        engine: &str,
    ) -> Result<i64> {
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            tx.execute(
                "INSERT INTO role_runs (session_id, round, role, engine, status, started_at) \
                 VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
                params![session_id, round, role.as_str(), engine, now],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Records how a role run ended (`finished`, `failed`, `cancelled`), its
    /// token use and cost; the duration is measured from its start.
    pub fn finish_role_run(
        &self,
        run_id: i64,
        status: &str,
        error: Option<&str>,
        tokens_in: u64,
        tokens_out: u64,
        cost_usd: f64,
    ) -> Result<()> {
        let now = clock::now();
        self.write(|tx| {
            let (session_id, started_at): (i64, String) = tx
                .query_row(
                    "SELECT session_id, started_at FROM role_runs WHERE id = ?1",
                    [run_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| StoreError::not_found(format!("role run {run_id}")))?;
            let duration = clock::millis_between(&started_at, &now).map(to_i64);
            tx.execute(
                "UPDATE role_runs SET status = ?2, error = ?3, finished_at = ?4, \
                 duration_ms = ?5, tokens_in = ?6, tokens_out = ?7, cost_usd = ?8 \
                 WHERE id = ?1",
                params![
                    run_id,
                    status,
                    error,
                    now,
                    duration,
                    to_i64(tokens_in),
                    to_i64(tokens_out),
                    cost_usd
                ],
            )?;
            touch_session(tx, session_id, &now)
        })
    }

    /// Records the user's end-of-round decision. Earlier decisions on the
    /// same round are kept; the latest is the current one. Round and session
    /// statuses are the caller's to set.
    pub fn decide_round(
        &self,
        session_id: i64,
        round: u32,
        decision: &RoundDecision,
    ) -> Result<()> {
        let kind = match decision {
            RoundDecision::Continue { .. } => "continue",
            RoundDecision::Terminate { .. } => "terminate",
        };
        let json = to_json("round decision", decision)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            tx.execute(
                "INSERT INTO round_decisions (session_id, round, kind, decision_json, decided_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![session_id, round, kind, json, now],
            )?;
            touch_session(tx, session_id, &now)
        })
    }

    /// What the session's role runs have cost so far (USD), summed in SQL:
    /// a round's budget is the session's cap minus this.
    pub fn session_cost(&self, session_id: i64) -> Result<f64> {
        let conn = self.conn();
        let total: Option<f64> = conn
            .prepare_cached("SELECT SUM(cost_usd) FROM role_runs WHERE session_id = ?1")?
            .query_row([session_id], |r| r.get(0))?;
        Ok(total.unwrap_or(0.0))
    }

    /// Rounds left `running`, with their pid: (session id, round, pid). The
    /// caller decides which of them are interrupted.
    pub fn running_rounds(&self) -> Result<Vec<(i64, u32, Option<u32>)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT session_id, number, pid FROM rounds WHERE status = 'running' \
             ORDER BY session_id, number",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn ensure_round(conn: &Connection, session_id: i64, round: u32) -> Result<()> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM rounds WHERE session_id = ?1 AND number = ?2")?
        .exists(params![session_id, round])?;
    if exists {
        Ok(())
    } else {
        ensure_session(conn, session_id)?;
        Err(round_not_found(session_id, round))
    }
}

pub(crate) fn round_not_found(session_id: i64, round: u32) -> StoreError {
    StoreError::not_found(format!("round {round} of session {session_id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scope;
    use memaudit_model::Category;

    fn store_with_session() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        (store, s.id)
    }

    #[test]
    fn only_one_of_two_processes_starts_the_next_round() {
        let (store, id) = store_with_session();
        assert_eq!(store.begin_round_after(id, 0, &[], 11).unwrap(), 1);
        // A second process that also saw "no round yet" is refused.
        let e = store.begin_round_after(id, 0, &[], 12).unwrap_err();
        assert!(
            matches!(e, StoreError::Conflict { .. }),
            "a stale view of the rounds is a conflict, not a second round 1: {e}"
        );
        assert_eq!(store.session(id).unwrap().rounds, 1, "nothing was added");
        assert_eq!(store.begin_round_after(id, 1, &[], 12).unwrap(), 2);
    }

    #[test]
    fn only_one_of_two_processes_resumes_a_round() {
        let (store, id) = store_with_session();
        store.begin_round(id, &[], 11).unwrap();
        store
            .set_round_status(id, 1, RoundStatus::Interrupted, Some("killed"))
            .unwrap();
        let seen = (RoundStatus::Interrupted, Some(11));
        store.reclaim_round(id, 1, seen).unwrap();
        let round = store.round(id, 1).unwrap();
        assert_eq!(round.status, RoundStatus::Running);
        assert_eq!(round.error, None, "a resumed round has no error");
        assert_eq!(store.round_pid(id, 1).unwrap(), Some(std::process::id()));
        let e = store.reclaim_round(id, 1, seen).unwrap_err();
        assert!(
            matches!(e, StoreError::Conflict { .. }),
            "the second resumer saw the round before the first took it: {e}"
        );
        assert!(matches!(
            store.reclaim_round(id, 9, seen).unwrap_err(),
            StoreError::NotFound { .. }
        ));
    }

    #[test]
    fn rounds_are_numbered_and_counted() {
        let (store, id) = store_with_session();
        let focus = [
            FocusRequest::Crate("worker".into()),
            FocusRequest::Category(Category::AllocationLoop),
        ];
        assert_eq!(store.begin_round(id, &[], 11).unwrap(), 1);
        assert_eq!(store.begin_round(id, &focus, 12).unwrap(), 2);
        assert_eq!(
            store.session(id).unwrap().rounds,
            2,
            "the session counts its rounds"
        );
        assert_eq!(store.round_pid(id, 1).unwrap(), Some(11));
        assert_eq!(store.round_pid(id, 2).unwrap(), Some(12));
        let round = store.round(id, 2).unwrap();
        assert_eq!(round.focus, focus, "focus requests round-trip");
        assert_eq!(round.status, RoundStatus::Running);
        assert_eq!(round.finished_at, None);
    }

    #[test]
    fn round_status_records_finish_and_resume() {
        let (store, id) = store_with_session();
        store.begin_round(id, &[], 1).unwrap();
        store
            .set_round_status(id, 1, RoundStatus::Interrupted, Some("killed"))
            .unwrap();
        let r = store.round(id, 1).unwrap();
        assert_eq!(
            (r.status, r.error.as_deref()),
            (RoundStatus::Interrupted, Some("killed"))
        );
        assert!(
            r.finished_at.is_some(),
            "an interrupted round has an end time"
        );
        assert_eq!(
            store.running_rounds().unwrap(),
            vec![],
            "no round is running"
        );

        store
            .set_round_status(id, 1, RoundStatus::Running, None)
            .unwrap();
        let r = store.round(id, 1).unwrap();
        assert_eq!(
            (r.status, r.error, r.finished_at),
            (RoundStatus::Running, None, None)
        );
        assert_eq!(
            store.round_pid(id, 1).unwrap(),
            Some(std::process::id()),
            "a resumed round belongs to the process that resumed it"
        );
        assert_eq!(
            store.running_rounds().unwrap(),
            vec![(id, 1, Some(std::process::id()))]
        );
    }

    #[test]
    fn role_runs_record_engine_tokens_and_cost() {
        let (store, id) = store_with_session();
        store.begin_round(id, &[], 1).unwrap();
        let analyst = store
            .start_role_run(id, 1, Role::Analyst, "builtin")
            .unwrap();
        let validator = store
            .start_role_run(id, 1, Role::Validator, "llm:anthropic/claude")
            .unwrap();
        store
            .finish_role_run(analyst, "finished", None, 0, 0, 0.0)
            .unwrap();
        store
            .finish_role_run(validator, "failed", Some("rate limited"), 1200, 300, 0.0125)
            .unwrap();
        let runs = store.round(id, 1).unwrap().role_runs;
        assert_eq!(runs.len(), 2);
        let check = |i: usize, role: Role, engine: &str, status: &str, tokens: (u64, u64)| {
            let run = &runs[i];
            assert_eq!(run.role, Some(role), "run {i}");
            assert_eq!(run.engine, engine, "run {i}");
            assert_eq!(run.status, status, "run {i}");
            assert_eq!((run.tokens_in, run.tokens_out), tokens, "run {i}");
            assert!(
                run.finished_at.is_some() && run.duration_ms.is_some(),
                "run {i} finished"
            );
        };
        check(0, Role::Analyst, "builtin", "finished", (0, 0));
        check(
            1,
            Role::Validator,
            "llm:anthropic/claude",
            "failed",
            (1200, 300),
        );
        assert_eq!(runs[1].error.as_deref(), Some("rate limited"));
        assert_eq!(runs[1].cost_usd, 0.0125);
    }

    #[test]
    fn round_decisions_keep_history_and_the_latest_counts() {
        let (store, id) = store_with_session();
        store.begin_round(id, &[], 1).unwrap();
        let first = RoundDecision::Continue {
            focus: vec![FocusRequest::File("src/io.rs".into())],
            note: "look at io".into(),
        };
        let second = RoundDecision::Terminate {
            note: "enough".into(),
        };
        store.decide_round(id, 1, &first).unwrap();
        store.decide_round(id, 1, &second).unwrap();
        assert_eq!(store.round(id, 1).unwrap().decision, Some(second));
        let conn = store.conn();
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM round_decisions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2, "the first decision is kept, not overwritten");
    }

    #[test]
    fn unknown_rounds_and_runs_are_not_found() {
        let (store, id) = store_with_session();
        let check = |result: Result<()>, expected: &str| match result {
            Err(StoreError::NotFound { what }) => assert_eq!(what, expected),
            other => panic!("expected NotFound({expected}), got {other:?}"),
        };
        check(
            store.round_pid(id, 1).map(|_| ()),
            &format!("round 1 of session {id}"),
        );
        check(
            store.set_round_status(id, 3, RoundStatus::Failed, None),
            &format!("round 3 of session {id}"),
        );
        check(
            store
                .start_role_run(id, 1, Role::Analyst, "builtin")
                .map(|_| ()),
            &format!("round 1 of session {id}"),
        );
        check(
            store
                .start_role_run(99, 1, Role::Analyst, "builtin")
                .map(|_| ()),
            "session 99",
        );
        check(
            store.finish_role_run(7, "finished", None, 0, 0, 0.0),
            "role run 7",
        );
        check(
            store.decide_round(
                id,
                2,
                &RoundDecision::Terminate {
                    note: String::new(),
                },
            ),
            &format!("round 2 of session {id}"),
        );
        check(store.begin_round(99, &[], 1).map(|_| ()), "session 99");
    }
}
