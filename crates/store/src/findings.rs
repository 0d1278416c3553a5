//! Findings across rounds, their validations, reports and the user's
//! decisions.
//!
//! A finding is keyed by (session, fingerprint): when a later round reports
//! the same fingerprint, the row keeps its `F-NNN` id, its latest snapshot
//! (code, lines) is updated and the round gets its own appearance with the
//! finding as it was then. Decisions are upserted and also appended to a
//! history that is never pruned. This module must not decide a finding's
//! state or id: the caller reconciles, the store records.

use std::sync::LazyLock;

use memaudit_model::{Decision, DecisionKind, Finding, FindingState, Report, Validation};
use rusqlite::{params, Connection, OptionalExtension};

use crate::rounds::ensure_round;
use crate::sessions::{ensure_session, touch_session};
use crate::{clock, serde_name, to_json, Result, Store, StoreError};

/// A finding the session has seen, for reconciling the next round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFinding {
    /// `F-001`.
    pub id: String,
    pub fingerprint: String,
    /// First and last round the finding was detected in (an appearance as
    /// `fixed` does not count as detected).
    pub first_round: u32,
    pub last_round: u32,
    pub file: String,
    /// The current decision, if the user took one.
    pub decision: Option<DecisionKind>,
    /// Set when the file changed after this round (see [`Store::mark_stale`]).
    pub stale_since: Option<u32>,
}

/// The finding's latest-snapshot columns, in the order [`snapshot_params`]
/// binds them (from `?3`).
const SNAPSHOT_COLUMNS: [&str; 16] = [
    "category",
    "file",
    "line_start",
    "line_end",
    "crate",
    "priority",
    "item_path",
    "confidence",
    "safety",
    "code",
    "issue",
    "proposal",
    "impact_json",
    "tradeoffs_json",
    "prerequisites_json",
    "source",
];

/// Replaces a finding's latest snapshot: `?1` row, `?2` session, `?3`..`?18`
/// columns, `?19` round.
static UPDATE_SNAPSHOT: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = SNAPSHOT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 3))
        .collect();
    format!(
        "UPDATE findings SET {}, last_round = ?19, stale_since_round = NULL \
         WHERE id = ?1 AND session_id = ?2",
        sets.join(", ")
    )
});

/// Inserts a finding: `?1` id, `?2` session, `?3`..`?18` columns, `?19`
/// number, `?20` fingerprint, `?21` round.
static INSERT_FINDING: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO findings (session_id, finding_id, {}, number, fingerprint, \
         first_round, last_round) VALUES (?2, ?1, {}, ?19, ?20, ?21, ?21)",
        SNAPSHOT_COLUMNS.join(", "),
        (3..3 + SNAPSHOT_COLUMNS.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
});

/// A finding row as `save_findings` needs it.
struct Existing {
    id: i64,
    finding_id: String,
    first_round: u32,
    last_round: u32,
}

impl Store {
    /// Stores a round's findings with their state, in one transaction.
    ///
    /// A fingerprint already known to the session keeps its id (the id in
    /// `finding` is then ignored); its latest snapshot is updated when this
    /// round is its latest, and the round gets an appearance with the
    /// finding as given. Saving the same round again updates its
    /// appearances; findings are never removed. A new fingerprint whose id
    /// is taken by another finding is a [`StoreError::Conflict`].
    pub fn save_findings(
        &self,
        session_id: i64,
        round: u32,
        findings: &[(Finding, FindingState)],
    ) -> Result<()> {
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            let first: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM finding_rounds \
                 WHERE session_id = ?1 AND round = ?2",
                params![session_id, round],
                |r| r.get(0),
            )?;
            for (position, (finding, state)) in (first..).zip(findings) {
                save_finding(tx, session_id, round, finding, *state, position)?;
            }
            touch_session(tx, session_id, &now)
        })
    }

    /// Stores the Validator's reviews for a round (replacing earlier ones of
    /// the same round and finding). Each is matched to its finding by
    /// fingerprint, then by id; an unknown finding is
    /// [`StoreError::NotFound`] and nothing is stored.
    pub fn save_validations(
        &self,
        session_id: i64,
        round: u32,
        validations: &[Validation],
    ) -> Result<()> {
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO validations (session_id, round, finding, verdict, engine, validation_json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (session_id, round, finding) DO UPDATE SET \
                 verdict = excluded.verdict, engine = excluded.engine, \
                 validation_json = excluded.validation_json",
            )?;
            for v in validations {
                let finding = finding_row(tx, session_id, &v.fingerprint, &v.finding_id)?;
                let json = to_json("validation", v)?;
                insert.execute(params![
                    session_id,
                    round,
                    finding,
                    v.verdict.as_str(),
                    v.engine,
                    json
                ])?;
            }
            touch_session(tx, session_id, &now)
        })
    }

    /// Stores (or replaces) the Coordinator's report for a round.
    pub fn save_report(&self, session_id: i64, round: u32, report: &Report) -> Result<()> {
        let json = to_json("report", report)?;
        let now = clock::now();
        self.write(|tx| {
            ensure_round(tx, session_id, round)?;
            tx.execute(
                "INSERT INTO reports (session_id, round, report_json, created_at) \
                 VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (session_id, round) DO UPDATE SET \
                 report_json = excluded.report_json, created_at = excluded.created_at",
                params![session_id, round, json, now],
            )?;
            touch_session(tx, session_id, &now)
        })
    }

    /// Records the user's decision on a finding: it becomes the current one
    /// and is appended to the history (earlier decisions are kept). The
    /// finding is matched by id, then by fingerprint; an unknown one is
    /// [`StoreError::NotFound`]. An empty `decided_at` is set to now.
    pub fn decide(&self, session_id: i64, decision: &Decision) -> Result<()> {
        let now = clock::now();
        let decided_at = if decision.decided_at.trim().is_empty() {
            now.clone()
        } else {
            decision.decided_at.clone()
        };
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            let finding = finding_by_id(tx, session_id, &decision.finding_id)?
                .or(finding_by_fingerprint(
                    tx,
                    session_id,
                    &decision.fingerprint,
                )?)
                .ok_or_else(|| {
                    StoreError::not_found(format!(
                        "finding {} in session {session_id}",
                        decision.finding_id
                    ))
                })?;
            let values = params![
                finding,
                session_id,
                decision.kind.as_str(),
                decision.note,
                decision.defer_until_date,
                decision.defer_until_round,
                decision.round,
                decided_at,
            ];
            tx.execute(
                "INSERT INTO decisions (finding, session_id, kind, note, defer_until_date, \
                 defer_until_round, round, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (finding) DO UPDATE SET kind = excluded.kind, note = excluded.note, \
                 defer_until_date = excluded.defer_until_date, \
                 defer_until_round = excluded.defer_until_round, round = excluded.round, \
                 decided_at = excluded.decided_at",
                values,
            )?;
            tx.execute(
                "INSERT INTO decision_history (finding, session_id, kind, note, defer_until_date, \
                 defer_until_round, round, decided_at, recorded_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    finding,
                    session_id,
                    decision.kind.as_str(),
                    decision.note,
                    decision.defer_until_date,
                    decision.defer_until_round,
                    decision.round,
                    decided_at,
                    now
                ],
            )?;
            touch_session(tx, session_id, &now)
        })
    }

    /// Every decision taken on the session's findings, oldest first
    /// (including those later replaced).
    pub fn decision_history(&self, session_id: i64) -> Result<Vec<Decision>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let history = crate::load::decision_history(conn, session_id)?;
            let mut all: Vec<(i64, Decision)> = history.into_values().flatten().collect();
            all.sort_by_key(|(id, _)| *id);
            Ok(all.into_iter().map(|(_, d)| d).collect())
        })
    }

    /// Every finding ever seen in the session, in the order first stored.
    pub fn known_findings(&self, session_id: i64) -> Result<Vec<KnownFinding>> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let mut stmt = conn.prepare_cached(
                "SELECT f.finding_id, f.fingerprint, f.first_round, f.last_round, f.file, \
                 d.kind, f.stale_since_round \
                 FROM findings f LEFT JOIN decisions d ON d.finding = f.id \
                 WHERE f.session_id = ?1 ORDER BY f.id",
            )?;
            let rows = stmt.query_map([session_id], |r| {
                Ok((
                    KnownFinding {
                        id: r.get(0)?,
                        fingerprint: r.get(1)?,
                        first_round: r.get(2)?,
                        last_round: r.get(3)?,
                        file: r.get(4)?,
                        decision: None,
                        stale_since: r.get(6)?,
                    },
                    r.get::<_, Option<String>>(5)?,
                ))
            })?;
            let mut known = Vec::new();
            for row in rows {
                let (mut k, kind) = row?;
                k.decision = kind.map(|k| parse_decision_kind(&k)).transpose()?;
                known.push(k);
            }
            Ok(known)
        })
    }

    /// The number for the session's next new finding (`F-NNN`): one more
    /// than the highest stored.
    pub fn next_finding_number(&self, session_id: i64) -> Result<u32> {
        self.read(|conn| {
            ensure_session(conn, session_id)?;
            let n = conn.query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM findings WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            Ok(n)
        })
    }

    /// Marks the session's findings in these workspace-relative files as
    /// stale since the session's latest round (the code changed after it);
    /// returns how many findings were newly marked. A later round that
    /// detects the finding again clears the mark.
    pub fn mark_stale(&self, session_id: i64, files: &[String]) -> Result<u32> {
        let now = clock::now();
        self.write(|tx| {
            ensure_session(tx, session_id)?;
            let latest: Option<u32> = tx.query_row(
                "SELECT MAX(number) FROM rounds WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            let Some(latest) = latest else {
                return Ok(0);
            };
            let mut update = tx.prepare_cached(
                "UPDATE findings SET stale_since_round = ?3 \
                 WHERE session_id = ?1 AND file = ?2 AND stale_since_round IS NULL",
            )?;
            let mut marked = 0u32;
            for file in files {
                let n = update.execute(params![session_id, file, latest])?;
                marked = marked.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
            }
            if marked > 0 {
                touch_session(tx, session_id, &now)?;
            }
            Ok(marked)
        })
    }
}

fn save_finding(
    tx: &Connection,
    session_id: i64,
    round: u32,
    finding: &Finding,
    state: FindingState,
    position: i64,
) -> Result<()> {
    // A `fixed` appearance records that the finding was not detected: it
    // neither moves the finding's rounds nor replaces its latest snapshot.
    let detected = state != FindingState::Fixed;
    let existing = tx
        .prepare_cached(
            "SELECT id, finding_id, first_round, last_round FROM findings \
             WHERE session_id = ?1 AND fingerprint = ?2",
        )?
        .query_row(params![session_id, finding.fingerprint], |r| {
            Ok(Existing {
                id: r.get(0)?,
                finding_id: r.get(1)?,
                first_round: r.get(2)?,
                last_round: r.get(3)?,
            })
        })
        .optional()?;
    let snapshot = Snapshot::of(finding)?;
    let (row, finding_id) = match existing {
        Some(e) => {
            if detected && round >= e.last_round {
                let mut stmt = tx.prepare_cached(&UPDATE_SNAPSHOT)?;
                snapshot.bind(&mut stmt, e.id, session_id)?;
                stmt.raw_bind_parameter(19, round)?;
                stmt.raw_execute()?;
            }
            if detected && round < e.first_round {
                tx.prepare_cached("UPDATE findings SET first_round = ?2 WHERE id = ?1")?
                    .execute(params![e.id, round])?;
            }
            (e.id, e.finding_id)
        }
        None => {
            if let Some(other) = tx
                .prepare_cached(
                    "SELECT fingerprint FROM findings WHERE session_id = ?1 AND finding_id = ?2",
                )?
                .query_row(params![session_id, finding.id], |r| r.get::<_, String>(0))
                .optional()?
            {
                return Err(StoreError::Conflict {
                    what: format!(
                        "finding id {} in session {session_id} already belongs to fingerprint \
                         {other}, not {}",
                        finding.id, finding.fingerprint
                    ),
                });
            }
            let mut stmt = tx.prepare_cached(&INSERT_FINDING)?;
            stmt.raw_bind_parameter(1, &finding.id)?;
            snapshot.bind_columns(&mut stmt)?;
            stmt.raw_bind_parameter(2, session_id)?;
            stmt.raw_bind_parameter(19, finding_number(&finding.id))?;
            stmt.raw_bind_parameter(20, &finding.fingerprint)?;
            stmt.raw_bind_parameter(21, round)?;
            stmt.raw_execute()?;
            (tx.last_insert_rowid(), finding.id.clone())
        }
    };
    // The appearance holds the finding as this round saw it, under the id
    // the session knows it by.
    let json = if finding_id == finding.id {
        to_json("finding", finding)?
    } else {
        let mut renamed = finding.clone();
        renamed.id = finding_id;
        to_json("finding", &renamed)?
    };
    tx.prepare_cached(
        "INSERT INTO finding_rounds (session_id, round, finding, position, state, finding_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (session_id, round, finding) DO UPDATE SET \
         state = excluded.state, finding_json = excluded.finding_json",
    )?
    .execute(params![
        session_id,
        round,
        row,
        position,
        state.as_str(),
        json
    ])?;
    Ok(())
}

/// The latest-snapshot column values of a finding, encoded once.
struct Snapshot<'a> {
    finding: &'a Finding,
    source: String,
    impact: String,
    tradeoffs: String,
    prerequisites: String,
}

impl<'a> Snapshot<'a> {
    fn of(finding: &'a Finding) -> Result<Snapshot<'a>> {
        Ok(Snapshot {
            finding,
            source: serde_name("finding source", &finding.source)?,
            impact: to_json("impact", &finding.impact)?,
            tradeoffs: to_json("trade-offs", &finding.tradeoffs)?,
            prerequisites: to_json("prerequisites", &finding.prerequisites)?,
        })
    }

    /// Binds `?1` = row id, `?2` = session and the snapshot columns.
    fn bind(
        &self,
        stmt: &mut rusqlite::CachedStatement<'_>,
        id: i64,
        session_id: i64,
    ) -> Result<()> {
        stmt.raw_bind_parameter(1, id)?;
        stmt.raw_bind_parameter(2, session_id)?;
        self.bind_columns(stmt)
    }

    /// Binds the snapshot columns to `?3` .. `?18`, in [`SNAPSHOT_COLUMNS`] order.
    fn bind_columns(&self, stmt: &mut rusqlite::CachedStatement<'_>) -> Result<()> {
        let f = self.finding;
        stmt.raw_bind_parameter(3, f.category.as_str())?;
        stmt.raw_bind_parameter(4, &f.file)?;
        stmt.raw_bind_parameter(5, f.line_start)?;
        stmt.raw_bind_parameter(6, f.line_end)?;
        stmt.raw_bind_parameter(7, &f.crate_name)?;
        stmt.raw_bind_parameter(8, f.priority.as_str())?;
        stmt.raw_bind_parameter(9, &f.item_path)?;
        stmt.raw_bind_parameter(10, f.confidence.as_str())?;
        stmt.raw_bind_parameter(11, f.safety.as_str())?;
        stmt.raw_bind_parameter(12, &f.code)?;
        stmt.raw_bind_parameter(13, &f.issue)?;
        stmt.raw_bind_parameter(14, &f.proposal)?;
        stmt.raw_bind_parameter(15, &self.impact)?;
        stmt.raw_bind_parameter(16, &self.tradeoffs)?;
        stmt.raw_bind_parameter(17, &self.prerequisites)?;
        stmt.raw_bind_parameter(18, &self.source)?;
        Ok(())
    }
}

/// 7 for `F-007`; `None` for ids of another shape.
fn finding_number(id: &str) -> Option<u32> {
    id.strip_prefix("F-")?.parse().ok()
}

fn finding_by_fingerprint(conn: &Connection, session_id: i64, fp: &str) -> Result<Option<i64>> {
    if fp.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached("SELECT id FROM findings WHERE session_id = ?1 AND fingerprint = ?2")?
        .query_row(params![session_id, fp], |r| r.get(0))
        .optional()?)
}

fn finding_by_id(conn: &Connection, session_id: i64, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM findings WHERE session_id = ?1 AND finding_id = ?2")?
        .query_row(params![session_id, id], |r| r.get(0))
        .optional()?)
}

/// The row of the finding a validation names: by fingerprint, then by id.
fn finding_row(conn: &Connection, session_id: i64, fp: &str, id: &str) -> Result<i64> {
    match finding_by_fingerprint(conn, session_id, fp)? {
        Some(row) => Ok(row),
        None => finding_by_id(conn, session_id, id)?.ok_or_else(|| {
            StoreError::not_found(format!("finding {id} ({fp}) in session {session_id}"))
        }),
    }
}

pub(crate) fn parse_decision_kind(s: &str) -> Result<DecisionKind> {
    s.parse().map_err(|e| StoreError::Invalid {
        what: format!("stored decision: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{decision, finding, report, scope, validation};
    use memaudit_model::{FindingRecord, Verdict};

    fn store_with_round() -> (Store, i64) {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.begin_round(s.id, &[], 1).unwrap();
        (store, s.id)
    }

    #[test]
    fn findings_validations_and_report_round_trip() {
        let (store, id) = store_with_round();
        let findings = vec![
            (finding(1, "fp-a", "src/a.rs"), FindingState::New),
            (finding(2, "fp-b", "src/b.rs"), FindingState::New),
        ];
        store.save_findings(id, 1, &findings).unwrap();
        let validations = vec![
            validation(&findings[0].0, Verdict::Approved),
            validation(&findings[1].0, Verdict::Rejected),
        ];
        store.save_validations(id, 1, &validations).unwrap();
        store.save_report(id, 1, &report(1)).unwrap();

        let round = store.round(id, 1).unwrap();
        let expected: Vec<FindingRecord> = findings
            .iter()
            .zip(&validations)
            .map(|((f, s), v)| FindingRecord {
                finding: f.clone(),
                state: *s,
                validation: Some(v.clone()),
                decision: None,
                evidence: None,
            })
            .collect();
        assert_eq!(
            round.findings, expected,
            "records come back as saved, in order"
        );
        assert_eq!(round.report, Some(report(1)));
        assert_eq!(
            store.session(id).unwrap().findings,
            2,
            "the session counts findings"
        );
    }

    #[test]
    fn a_fingerprint_keeps_its_id_across_rounds() {
        let (store, id) = store_with_round();
        store
            .save_findings(
                id,
                1,
                &[(finding(1, "fp-a", "src/a.rs"), FindingState::New)],
            )
            .unwrap();
        store.begin_round(id, &[], 1).unwrap();
        // The analyst of round 2 found the same problem moved down, under a
        // fresh id it made up; the session's id wins.
        let mut moved = finding(9, "fp-a", "src/a.rs");
        moved.line_start = 40;
        moved.line_end = 44;
        moved.code = "let v = rows.clone(); // moved".into();
        store
            .save_findings(id, 2, &[(moved.clone(), FindingState::Persisting)])
            .unwrap();

        let known = store.known_findings(id).unwrap();
        assert_eq!(known.len(), 1, "one finding, two appearances");
        assert_eq!(
            (
                known[0].id.as_str(),
                known[0].first_round,
                known[0].last_round
            ),
            ("F-001", 1, 2)
        );
        let r1 = store.round(id, 1).unwrap();
        let r2 = store.round(id, 2).unwrap();
        assert_eq!(
            r1.findings[0].finding.line_start, 10,
            "round 1 keeps its snapshot"
        );
        let mut expected = moved;
        expected.id = "F-001".into();
        assert_eq!(
            r2.findings[0].finding, expected,
            "round 2 has the moved code under F-001"
        );
        assert_eq!(r2.findings[0].state, FindingState::Persisting);
        let (line, code): (u32, String) = store
            .conn()
            .query_row("SELECT line_start, code FROM findings", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(
            (line, code.as_str()),
            (40, "let v = rows.clone(); // moved"),
            "latest snapshot"
        );
        assert_eq!(store.session(id).unwrap().findings, 1);
    }

    #[test]
    fn a_fixed_appearance_does_not_move_the_last_round() {
        let (store, id) = store_with_round();
        let f = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(id, 1, &[(f.clone(), FindingState::New)])
            .unwrap();
        store.begin_round(id, &[], 1).unwrap();
        store
            .save_findings(id, 2, &[(f, FindingState::Fixed)])
            .unwrap();
        let known = store.known_findings(id).unwrap();
        assert_eq!((known[0].first_round, known[0].last_round), (1, 1));
        assert_eq!(
            store.round(id, 2).unwrap().findings[0].state,
            FindingState::Fixed
        );
    }

    #[test]
    fn saving_a_round_again_updates_it_without_duplicates() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        let b = finding(2, "fp-b", "src/b.rs");
        store
            .save_findings(id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        store
            .save_findings(
                id,
                1,
                &[
                    (b.clone(), FindingState::New),
                    (a.clone(), FindingState::New),
                ],
            )
            .unwrap();
        let ids: Vec<String> = store
            .round(id, 1)
            .unwrap()
            .findings
            .into_iter()
            .map(|r| r.finding.id)
            .collect();
        assert_eq!(
            ids,
            ["F-001", "F-002"],
            "a resumed round appends, keeping first positions"
        );
    }

    #[test]
    fn an_id_taken_by_another_fingerprint_is_a_conflict() {
        let (store, id) = store_with_round();
        store
            .save_findings(
                id,
                1,
                &[(finding(1, "fp-a", "src/a.rs"), FindingState::New)],
            )
            .unwrap();
        let err = store
            .save_findings(
                id,
                1,
                &[
                    (finding(2, "fp-b", "src/b.rs"), FindingState::New),
                    (finding(1, "fp-c", "src/c.rs"), FindingState::New),
                ],
            )
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
        assert_eq!(
            store.known_findings(id).unwrap().len(),
            1,
            "the failed call stored nothing"
        );
    }

    #[test]
    fn next_finding_number_follows_the_highest_id() {
        let (store, id) = store_with_round();
        assert_eq!(store.next_finding_number(id).unwrap(), 1);
        store
            .save_findings(
                id,
                1,
                &[
                    (finding(1, "fp-a", "src/a.rs"), FindingState::New),
                    (finding(7, "fp-b", "src/b.rs"), FindingState::New),
                ],
            )
            .unwrap();
        assert_eq!(store.next_finding_number(id).unwrap(), 8);
    }

    #[test]
    fn validations_of_unknown_findings_store_nothing() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        let ghost = finding(5, "fp-ghost", "src/x.rs");
        let err = store
            .save_validations(
                id,
                1,
                &[
                    validation(&a, Verdict::Approved),
                    validation(&ghost, Verdict::Approved),
                ],
            )
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        assert_eq!(
            store.round(id, 1).unwrap().findings[0].validation,
            None,
            "rolled back"
        );
    }

    #[test]
    fn decisions_are_never_lost() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        let first = decision(&a, DecisionKind::Defer, "after the release", 1);
        let second = decision(&a, DecisionKind::Implement, "cheap after all", 1);
        store.decide(id, &first).unwrap();
        store.decide(id, &second).unwrap();
        assert_eq!(
            store.decision_history(id).unwrap(),
            vec![first, second.clone()],
            "the history keeps both, in order"
        );
        assert_eq!(
            store.known_findings(id).unwrap()[0].decision,
            Some(DecisionKind::Implement)
        );
        assert_eq!(
            store.round(id, 1).unwrap().findings[0].decision,
            Some(second)
        );
    }

    #[test]
    fn a_decision_may_name_its_finding_by_fingerprint() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        let mut d = decision(&a, DecisionKind::RejectWontFix, "not worth it", 1);
        d.finding_id = "F-077".into();
        store.decide(id, &d).unwrap();
        let stored = store.decision_history(id).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(
            stored[0].finding_id, "F-001",
            "stored under the session's id"
        );
    }

    #[test]
    fn decisions_on_unknown_findings_are_not_found() {
        let (store, id) = store_with_round();
        let ghost = finding(3, "fp-ghost", "src/x.rs");
        let err = store
            .decide(id, &decision(&ghost, DecisionKind::Implement, "", 1))
            .unwrap_err();
        match err {
            StoreError::NotFound { what } => {
                assert_eq!(what, format!("finding F-003 in session {id}"))
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
    }

    #[test]
    fn a_decision_shows_from_its_round_on() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        store
            .save_findings(id, 1, &[(a.clone(), FindingState::New)])
            .unwrap();
        store.begin_round(id, &[], 1).unwrap();
        store
            .save_findings(id, 2, &[(a.clone(), FindingState::Persisting)])
            .unwrap();
        let d = decision(&a, DecisionKind::Defer, "next quarter", 2);
        store.decide(id, &d).unwrap();
        assert_eq!(
            store.round(id, 1).unwrap().findings[0].decision,
            None,
            "taken after round 1"
        );
        assert_eq!(store.round(id, 2).unwrap().findings[0].decision, Some(d));
    }

    #[test]
    fn stale_marks_follow_changed_files_until_seen_again() {
        let (store, id) = store_with_round();
        let a = finding(1, "fp-a", "src/a.rs");
        let b = finding(2, "fp-b", "src/b.rs");
        let b2 = finding(3, "fp-b2", "src/b.rs");
        store
            .save_findings(
                id,
                1,
                &[
                    (a.clone(), FindingState::New),
                    (b.clone(), FindingState::New),
                    (b2.clone(), FindingState::New),
                ],
            )
            .unwrap();
        let files = vec!["src/b.rs".to_owned(), "src/none.rs".to_owned()];
        assert_eq!(store.mark_stale(id, &files).unwrap(), 2);
        assert_eq!(store.mark_stale(id, &files).unwrap(), 0, "already stale");
        let states: Vec<FindingState> = store
            .round(id, 1)
            .unwrap()
            .findings
            .iter()
            .map(|r| r.state)
            .collect();
        assert_eq!(
            states,
            [FindingState::New, FindingState::Stale, FindingState::Stale]
        );
        let stale: Vec<Option<u32>> = store
            .known_findings(id)
            .unwrap()
            .iter()
            .map(|k| k.stale_since)
            .collect();
        assert_eq!(stale, [None, Some(1), Some(1)]);

        store.begin_round(id, &[], 1).unwrap();
        store
            .save_findings(id, 2, &[(b, FindingState::Persisting)])
            .unwrap();
        let stale: Vec<Option<u32>> = store
            .known_findings(id)
            .unwrap()
            .iter()
            .map(|k| k.stale_since)
            .collect();
        assert_eq!(
            stale,
            [None, None, Some(1)],
            "detected again: no longer stale"
        );
    }

    #[test]
    fn stale_without_rounds_marks_nothing() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        assert_eq!(store.mark_stale(s.id, &["src/a.rs".to_owned()]).unwrap(), 0);
    }
}
