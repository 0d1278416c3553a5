//! Reading a whole session back: rounds with their finding records,
//! validations, decisions, reports, role runs and round decisions, plus the
//! `status.md` counts.
//!
//! Everything is read in one snapshot with a handful of set queries (never
//! one query per finding), so a session with ten thousand findings loads in
//! tens of milliseconds. This module only reads; it must not repair or
//! reinterpret what it finds beyond the documented stale override.

use std::collections::HashMap;

use memaudit_model::{
    row_summary, Category, Decision, DecisionKind, Finding, FindingRecord, FindingRow,
    FindingSource, FindingState, FocusRequest, Impact, Priority, Report, ReportOverview, Role,
    RoleRun, RoundDecision, RoundOverview, RoundRecord, RoundStatus, SessionExport, SessionInfo,
    SessionOverview, Status, Validation, Verdict, EXPORT_SCHEMA_VERSION,
};
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::findings::parse_decision_kind;
use crate::rounds::round_not_found;
use crate::sessions::{load_scope, session_info};
use crate::{from_json, Result, Store, StoreError};

impl Store {
    /// The whole session: rounds in order, each with its finding records
    /// (the finding as of that round, its state, validation and the decision
    /// in force at that round), report, role runs, round decision and focus;
    /// plus the scope and the status counts.
    pub fn load_session(&self, session_id: i64) -> Result<SessionExport> {
        self.read(|conn| {
            let session = session_info(conn, session_id)?;
            let scope = load_scope(conn, session_id)?;
            let rounds = load_rounds(conn, session_id, None)?;
            let status = status_of(&session, &rounds);
            Ok(SessionExport {
                schema_version: EXPORT_SCHEMA_VERSION,
                session,
                scope,
                rounds,
                status,
            })
        })
    }

    /// One round with everything it produced; [`StoreError::NotFound`] if
    /// the session has no such round.
    pub fn round(&self, session_id: i64, round: u32) -> Result<RoundRecord> {
        self.read(|conn| {
            let mut rounds = load_rounds(conn, session_id, Some(round))?;
            match rounds.pop() {
                Some(r) => Ok(r),
                None => {
                    crate::sessions::ensure_session(conn, session_id)?;
                    Err(round_not_found(session_id, round))
                }
            }
        })
    }
}

impl Store {
    /// The session as the app opens it ([`SessionOverview`]), read without
    /// decoding a single finding, validation or report whole: SQLite's JSON
    /// functions pick the row fields, so 10,000 findings cost a fraction of
    /// [`Store::load_session`] in time and memory. Equal to
    /// `SessionOverview::from_export(&load_session(..))` (tested).
    pub fn session_overview(&self, session_id: i64) -> Result<SessionOverview> {
        self.read(|conn| {
            let session = session_info(conn, session_id)?;
            let crates = scope_crates(conn, session_id)?;
            let (lo, hi) = (0, u32::MAX);
            let (mut shells, index) = round_shells(conn, session_id, lo, hi)?;
            attach_runs_and_decisions(conn, session_id, lo, hi, &mut shells, &index)?;
            let mut rounds: Vec<RoundOverview> = shells.iter().map(RoundOverview::from).collect();
            if !rounds.is_empty() {
                add_rows(conn, session_id, &mut rounds, &index)?;
                add_report_overviews(conn, session_id, &mut rounds, &index)?;
            }
            let last = rounds.last();
            let status = count_status(
                &session,
                rounds.len(),
                last.map(|r| (r.number, r.status)),
                last.into_iter().flat_map(|r| {
                    r.findings
                        .iter()
                        .map(|f| (f.verdict, f.state, f.decision.as_ref().map(|d| d.kind)))
                }),
            );
            Ok(SessionOverview {
                session,
                crates,
                rounds,
                status,
            })
        })
    }

    /// A round's status alone: what checks before a round starts, a
    /// decision is recorded or a profile is tied read, without loading the
    /// round's findings.
    pub fn round_status(&self, session_id: i64, round: u32) -> Result<RoundStatus> {
        self.read(|conn| {
            let (shells, _) = round_shells(conn, session_id, round, round)?;
            match shells.first() {
                Some(shell) => Ok(shell.status),
                None => {
                    crate::sessions::ensure_session(conn, session_id)?;
                    Err(round_not_found(session_id, round))
                }
            }
        })
    }

    /// A round's status and report, without its findings.
    pub fn round_report(
        &self,
        session_id: i64,
        round: u32,
    ) -> Result<(RoundStatus, Option<Report>)> {
        self.read(|conn| {
            let (shells, _) = round_shells(conn, session_id, round, round)?;
            let Some(shell) = shells.first() else {
                crate::sessions::ensure_session(conn, session_id)?;
                return Err(round_not_found(session_id, round));
            };
            let report = conn
                .prepare_cached(
                    "SELECT report_json FROM reports WHERE session_id = ?1 AND round = ?2",
                )?
                .query_row(params![session_id, round], |r| r.get::<_, String>(0))
                .optional()?
                .map(|json| from_json::<Report>(|| format!("report of round {round}"), &json))
                .transpose()?;
            Ok((shell.status, report))
        })
    }

    /// One finding of one round, whole: the finding as of that round, its
    /// state, validation and the decision in force then. Three indexed
    /// lookups, so opening a finding of a 10,000-finding session costs what
    /// opening one of ten does. `finding_id` is the session's id (`F-007`).
    pub fn finding_record(
        &self,
        session_id: i64,
        round: u32,
        finding_id: &str,
    ) -> Result<FindingRecord> {
        self.read(|conn| {
            crate::sessions::ensure_session(conn, session_id)?;
            let found = conn
                .prepare_cached(
                    "SELECT f.id, fr.state, fr.finding_json, f.stale_since_round \
                     FROM findings f JOIN finding_rounds fr \
                     ON fr.finding = f.id AND fr.session_id = f.session_id AND fr.round = ?3 \
                     WHERE f.session_id = ?1 AND f.finding_id = ?2",
                )?
                .query_row(params![session_id, finding_id, round], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<u32>>(3)?,
                    ))
                })
                .optional()?;
            let Some((row, state, json, stale_since)) = found else {
                return Err(StoreError::not_found(format!(
                    "finding {finding_id} in round {round} of session {session_id}"
                )));
            };
            let finding: Finding = from_json(|| format!("finding {row} of round {round}"), &json)?;
            let state = match (parse_state(&state)?, stale_since) {
                (s, Some(since)) if round >= since && s != FindingState::Fixed => {
                    FindingState::Stale
                }
                (s, _) => s,
            };
            let validation = conn
                .prepare_cached(
                    "SELECT validation_json FROM validations \
                     WHERE session_id = ?1 AND round = ?2 AND finding = ?3",
                )?
                .query_row(params![session_id, round, row], |r| r.get::<_, String>(0))
                .optional()?
                .map(|v| {
                    from_json::<Validation>(
                        || format!("validation of finding {row} in round {round}"),
                        &v,
                    )
                })
                .transpose()?;
            let decision = conn
                .prepare_cached(
                    "SELECT kind, note, defer_until_date, defer_until_round, round, decided_at \
                     FROM decision_history WHERE session_id = ?1 AND finding = ?2 AND round <= ?3 \
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row(params![session_id, row, round], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<u32>>(3)?,
                        r.get::<_, u32>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .optional()?
                .map(|(kind, note, date, until, at_round, decided_at)| {
                    Ok::<_, StoreError>(Decision {
                        finding_id: finding.id.clone(),
                        fingerprint: finding.fingerprint.clone(),
                        kind: parse_decision_kind(&kind)?,
                        note,
                        defer_until_date: date,
                        defer_until_round: until,
                        round: at_round,
                        decided_at,
                    })
                })
                .transpose()?;
            Ok(FindingRecord {
                finding,
                state,
                validation,
                decision,
                evidence: None,
            })
        })
    }
}

/// `status.md`'s counts. Verdicts, states and decisions are counted over the
/// latest round's records; `total_findings` is that round's record count
/// (`fixed` ones included), `undecided` its records that are neither fixed
/// nor decided.
pub fn status_of(session: &SessionInfo, rounds: &[RoundRecord]) -> Status {
    let last = rounds.last();
    count_status(
        session,
        rounds.len(),
        last.map(|r| (r.number, r.status)),
        last.into_iter().flat_map(|r| {
            r.findings.iter().map(|f| {
                (
                    f.validation.as_ref().map(|v| v.verdict),
                    f.state,
                    f.decision.as_ref().map(|d| d.kind),
                )
            })
        }),
    )
}

/// [`status_of`] over the latest round's (verdict, state, decision) triples.
fn count_status(
    session: &SessionInfo,
    rounds: usize,
    last: Option<(u32, RoundStatus)>,
    records: impl Iterator<Item = (Option<Verdict>, FindingState, Option<DecisionKind>)>,
) -> Status {
    let mut status = Status {
        session: session.name.clone(),
        rounds: u32::try_from(rounds).unwrap_or(u32::MAX),
        ..Status::default()
    };
    let Some((number, round_status)) = last else {
        status.round_status = "none".to_owned();
        return status;
    };
    status.current_round = number;
    status.round_status = round_status.as_str().to_owned();
    for (verdict, state, decision) in records {
        status.total_findings += 1;
        match verdict {
            Some(Verdict::Approved) => status.approved += 1,
            Some(Verdict::NeedsWork) => status.needs_work += 1,
            Some(Verdict::Rejected) => status.rejected += 1,
            None => {}
        }
        match state {
            FindingState::New => status.new += 1,
            FindingState::Persisting => status.persisting += 1,
            FindingState::Fixed => status.fixed += 1,
            FindingState::Stale => status.stale += 1,
        }
        match decision {
            Some(DecisionKind::Implement) => status.decided_implement += 1,
            Some(DecisionKind::Defer) => status.decided_defer += 1,
            Some(k) if k.is_rejection() => status.decided_reject += 1,
            Some(_) => {}
            None if state != FindingState::Fixed => status.undecided += 1,
            None => {}
        }
    }
    status
}

/// Rounds of a session (all, or just `only`), assembled from set queries.
fn load_rounds(conn: &Connection, session_id: i64, only: Option<u32>) -> Result<Vec<RoundRecord>> {
    // A range on the second key column keeps every query on its index
    // whether one round or all are wanted.
    let (lo, hi) = only.map_or((0, u32::MAX), |r| (r, r));
    let (mut rounds, index) = round_shells(conn, session_id, lo, hi)?;
    if rounds.is_empty() {
        return Ok(rounds);
    }

    let mut validations = load_validations(conn, session_id, lo, hi)?;
    let decisions = decision_history(conn, session_id)?;

    {
        let mut stmt = conn.prepare_cached(
            "SELECT fr.round, fr.finding, fr.state, fr.finding_json, f.stale_since_round \
             FROM finding_rounds fr JOIN findings f ON f.id = fr.finding \
             WHERE fr.session_id = ?1 AND fr.round BETWEEN ?2 AND ?3 \
             ORDER BY fr.round, fr.position, fr.finding",
        )?;
        let mut rows = stmt.query(params![session_id, lo, hi])?;
        while let Some(r) = rows.next()? {
            let round: u32 = r.get(0)?;
            let finding_row: i64 = r.get(1)?;
            let state = parse_state(str_at(r, 2)?)?;
            let finding: Finding = from_json(
                || format!("finding {finding_row} of round {round}"),
                str_at(r, 3)?,
            )?;
            let stale_since: Option<u32> = r.get(4)?;
            // The watcher marks a finding stale after the round that
            // reported it; from that round on it is shown as such until a
            // later round detects it again.
            let state = match stale_since {
                Some(since) if round >= since && state != FindingState::Fixed => {
                    FindingState::Stale
                }
                _ => state,
            };
            let decision = decisions
                .get(&finding_row)
                .and_then(|history| history.iter().rev().find(|(_, d)| d.round <= round))
                .map(|(_, d)| d.clone());
            let Some(&i) = index.get(&round) else {
                continue;
            };
            rounds[i].findings.push(FindingRecord {
                validation: validations.remove(&(round, finding_row)),
                finding,
                state,
                decision,
                evidence: None,
            });
        }
    }

    {
        let mut stmt = conn.prepare_cached(
            "SELECT round, report_json FROM reports \
             WHERE session_id = ?1 AND round BETWEEN ?2 AND ?3",
        )?;
        let mut rows = stmt.query(params![session_id, lo, hi])?;
        while let Some(r) = rows.next()? {
            let round: u32 = r.get(0)?;
            let report: Report = from_json(|| format!("report of round {round}"), str_at(r, 1)?)?;
            if let Some(&i) = index.get(&round) {
                rounds[i].report = Some(report);
            }
        }
    }

    attach_runs_and_decisions(conn, session_id, lo, hi, &mut rounds, &index)?;
    Ok(rounds)
}

/// Names of the crates in the session's stored scope, in scope order.
fn scope_crates(conn: &Connection, session_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(c.value, '$.name') FROM scopes s, json_each(s.scope_json, '$.crates') c \
         WHERE s.session_id = ?1 ORDER BY c.key",
    )?;
    let names = stmt
        .query_map([session_id], |r| r.get::<_, Option<String>>(0))?
        .filter_map(|n| n.transpose())
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names)
}

/// An enum stored as its serde spelling.
pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text)).map_err(
        |e| StoreError::Invalid {
            what: format!("stored {what} `{text}`: {e}"),
        },
    )
}

/// A row's fields as `json_extract` returns them: one JSON array in the
/// query's order, so each finding's JSON is parsed once by SQLite and only
/// these fields by serde.
pub(crate) type RowFields = (
    String,
    Category,
    String,
    u32,
    u32,
    String,
    Priority,
    String,
    String,
    Impact,
    Option<FindingSource>,
);

/// Every round's findings as rows, fields picked by SQLite's JSON functions.
fn add_rows(
    conn: &Connection,
    session_id: i64,
    rounds: &mut [RoundOverview],
    index: &HashMap<u32, usize>,
) -> Result<()> {
    let decisions = decision_history(conn, session_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT fr.round, fr.finding, fr.state, f.stale_since_round, \
         json_extract(fr.finding_json, '$.id', '$.category', '$.file', '$.line_start', \
         '$.line_end', '$.crate', '$.priority', '$.item_path', '$.issue', '$.impact', '$.source'), \
         v.verdict \
         FROM finding_rounds fr JOIN findings f ON f.id = fr.finding \
         LEFT JOIN validations v \
           ON v.session_id = fr.session_id AND v.round = fr.round AND v.finding = fr.finding \
         WHERE fr.session_id = ?1 ORDER BY fr.round, fr.position, fr.finding",
    )?;
    let mut rows = stmt.query([session_id])?;
    while let Some(r) = rows.next()? {
        let round: u32 = r.get(0)?;
        let finding_row: i64 = r.get(1)?;
        let Some(&i) = index.get(&round) else {
            continue;
        };
        let what = || format!("finding {finding_row} of round {round}");
        let fields: RowFields = from_json(what, str_at(r, 4)?)?;
        let (id, category, file, line_start, line_end, crate_name) =
            (fields.0, fields.1, fields.2, fields.3, fields.4, fields.5);
        let (priority, item_path, issue, impact, source) =
            (fields.6, fields.7, fields.8, fields.9, fields.10);
        let stale_since: Option<u32> = r.get(3)?;
        let state = match (parse_state(str_at(r, 2)?)?, stale_since) {
            (s, Some(since)) if round >= since && s != FindingState::Fixed => FindingState::Stale,
            (s, _) => s,
        };
        let verdict = match r.get::<_, Option<String>>(5)? {
            Some(v) => Some(parse_enum::<Verdict>("verdict", &v)?),
            None => None,
        };
        let decision = decisions
            .get(&finding_row)
            .and_then(|history| history.iter().rev().find(|(_, d)| d.round <= round))
            .map(|(_, d)| d.clone());
        rounds[i].findings.push(FindingRow {
            id,
            category,
            file,
            line_start,
            line_end,
            crate_name,
            priority,
            item_path,
            summary: row_summary(&issue),
            impact,
            source: source.unwrap_or_default(),
            state,
            verdict,
            decision,
        });
    }
    Ok(())
}

/// Each round's report overview, from the parts of the report it shows.
fn add_report_overviews(
    conn: &Connection,
    session_id: i64,
    rounds: &mut [RoundOverview],
    index: &HashMap<u32, usize>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT round, json_extract(report_json, '$.round'), \
         json(json_extract(report_json, '$.summary')), \
         json(json_extract(report_json, '$.quick_wins')), \
         json_array_length(report_json, '$.recommendations'), \
         json_array_length(report_json, '$.deferred'), \
         json(json_extract(report_json, '$.next_focus')), \
         json(json_extract(report_json, '$.termination')), \
         json(json_extract(report_json, '$.verified')) \
         FROM reports WHERE session_id = ?1",
    )?;
    let mut rows = stmt.query([session_id])?;
    while let Some(r) = rows.next()? {
        let round: u32 = r.get(0)?;
        let Some(&i) = index.get(&round) else {
            continue;
        };
        let what = |part: &str| format!("{part} of the report of round {round}");
        let part = |col: usize, name: &str| -> Result<String> {
            r.get::<_, Option<String>>(col)?
                .ok_or_else(|| StoreError::Invalid { what: what(name) })
        };
        rounds[i].report = Some(ReportOverview {
            round: r.get(1)?,
            summary: from_json(|| what("summary"), &part(2, "summary")?)?,
            quick_wins: from_json(|| what("quick wins"), &part(3, "quick wins")?)?,
            recommendations: r.get::<_, Option<u32>>(4)?.unwrap_or(0),
            deferred: r.get::<_, Option<u32>>(5)?.unwrap_or(0),
            next_focus: from_json(|| what("next focus"), &part(6, "next focus")?)?,
            termination: from_json(|| what("termination"), &part(7, "termination")?)?,
            // Reports stored before verification existed have none.
            verified: match r.get::<_, Option<String>>(8)? {
                Some(json) => from_json(|| what("verified savings"), &json)?,
                None => Vec::new(),
            },
        });
    }
    Ok(())
}

/// The rounds in `lo..=hi` without findings, report, role runs or
/// decision, and their positions by number.
fn round_shells(
    conn: &Connection,
    session_id: i64,
    lo: u32,
    hi: u32,
) -> Result<(Vec<RoundRecord>, HashMap<u32, usize>)> {
    let mut rounds = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT number, status, started_at, finished_at, error, focus_json FROM rounds \
         WHERE session_id = ?1 AND number BETWEEN ?2 AND ?3 ORDER BY number",
    )?;
    let mut rows = stmt.query(params![session_id, lo, hi])?;
    while let Some(r) = rows.next()? {
        let number: u32 = r.get(0)?;
        let status: String = r.get(1)?;
        let focus: String = r.get(5)?;
        index.insert(number, rounds.len());
        rounds.push(RoundRecord {
            number,
            status: status
                .parse::<RoundStatus>()
                .map_err(|e| StoreError::Invalid {
                    what: format!("stored status of round {number}: {e}"),
                })?,
            started_at: r.get(2)?,
            finished_at: r.get(3)?,
            error: r.get(4)?,
            findings: Vec::new(),
            report: None,
            role_runs: Vec::new(),
            decision: None,
            focus: from_json::<Vec<FocusRequest>>(|| format!("focus of round {number}"), &focus)?,
        });
    }
    Ok((rounds, index))
}

/// Adds each round's role runs and round decision.
fn attach_runs_and_decisions(
    conn: &Connection,
    session_id: i64,
    lo: u32,
    hi: u32,
    rounds: &mut [RoundRecord],
    index: &HashMap<u32, usize>,
) -> Result<()> {
    {
        let mut stmt = conn.prepare_cached(
            "SELECT round, role, engine, started_at, finished_at, duration_ms, tokens_in, \
             tokens_out, cost_usd, status, error FROM role_runs \
             WHERE session_id = ?1 AND round BETWEEN ?2 AND ?3 ORDER BY id",
        )?;
        let mut rows = stmt.query(params![session_id, lo, hi])?;
        while let Some(r) = rows.next()? {
            let round: u32 = r.get(0)?;
            let role: String = r.get(1)?;
            let run = RoleRun {
                role: Some(role.parse::<Role>().map_err(|e| StoreError::Invalid {
                    what: format!("stored role run of round {round}: {e}"),
                })?),
                engine: r.get(2)?,
                started_at: r.get(3)?,
                finished_at: r.get(4)?,
                duration_ms: r.get::<_, Option<i64>>(5)?.map(non_negative),
                tokens_in: non_negative(r.get(6)?),
                tokens_out: non_negative(r.get(7)?),
                cost_usd: r.get(8)?,
                status: r.get(9)?,
                error: r.get(10)?,
            };
            if let Some(&i) = index.get(&round) {
                rounds[i].role_runs.push(run);
            }
        }
    }

    {
        // Ordered by id, so the latest decision of a round overwrites earlier ones.
        let mut stmt = conn.prepare_cached(
            "SELECT round, decision_json FROM round_decisions \
             WHERE session_id = ?1 AND round BETWEEN ?2 AND ?3 ORDER BY round, id",
        )?;
        let mut rows = stmt.query(params![session_id, lo, hi])?;
        while let Some(r) = rows.next()? {
            let round: u32 = r.get(0)?;
            let decision: RoundDecision =
                from_json(|| format!("decision of round {round}"), str_at(r, 1)?)?;
            if let Some(&i) = index.get(&round) {
                rounds[i].decision = Some(decision);
            }
        }
    }
    Ok(())
}

fn load_validations(
    conn: &Connection,
    session_id: i64,
    lo: u32,
    hi: u32,
) -> Result<HashMap<(u32, i64), Validation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT round, finding, validation_json FROM validations \
         WHERE session_id = ?1 AND round BETWEEN ?2 AND ?3",
    )?;
    let mut rows = stmt.query(params![session_id, lo, hi])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let round: u32 = r.get(0)?;
        let finding: i64 = r.get(1)?;
        let v: Validation = from_json(
            || format!("validation of finding {finding} in round {round}"),
            str_at(r, 2)?,
        )?;
        out.insert((round, finding), v);
    }
    Ok(out)
}

/// Every decision of the session per finding row, oldest first, with the
/// history row id. Decisions name the finding by the id and fingerprint the
/// session knows it by.
pub(crate) fn decision_history(
    conn: &Connection,
    session_id: i64,
) -> Result<HashMap<i64, Vec<(i64, Decision)>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.finding, f.finding_id, f.fingerprint, h.kind, h.note, \
         h.defer_until_date, h.defer_until_round, h.round, h.decided_at \
         FROM decision_history h JOIN findings f ON f.id = h.finding \
         WHERE h.session_id = ?1 ORDER BY h.id",
    )?;
    let mut rows = stmt.query([session_id])?;
    let mut out: HashMap<i64, Vec<(i64, Decision)>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(4)?;
        let decision = Decision {
            finding_id: r.get(2)?,
            fingerprint: r.get(3)?,
            kind: parse_decision_kind(&kind)?,
            note: r.get(5)?,
            defer_until_date: r.get(6)?,
            defer_until_round: r.get(7)?,
            round: r.get(8)?,
            decided_at: r.get(9)?,
        };
        out.entry(r.get(1)?)
            .or_default()
            .push((r.get(0)?, decision));
    }
    Ok(out)
}

/// A text column borrowed from the row.
pub(crate) fn str_at<'a>(r: &'a Row<'_>, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// Counters are written from `u64` (saturating at `i64::MAX`), so a
/// negative value can only come from another writer; it reads as 0.
fn non_negative(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

pub(crate) fn parse_state(s: &str) -> Result<FindingState> {
    Ok(match s {
        "new" => FindingState::New,
        "persisting" => FindingState::Persisting,
        "fixed" => FindingState::Fixed,
        "stale" => FindingState::Stale,
        other => {
            return Err(StoreError::Invalid {
                what: format!("stored finding state `{other}`"),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{decision, finding, report, scope, validation};
    use memaudit_model::DecisionKind;

    #[test]
    fn one_finding_record_matches_the_whole_round() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.begin_round(s.id, &[], 1).unwrap();
        let a = finding(1, "fp-a", "src/a.rs");
        let b = finding(2, "fp-b", "src/b.rs");
        store
            .save_findings(
                s.id,
                1,
                &[
                    (a.clone(), FindingState::New),
                    (b.clone(), FindingState::New),
                ],
            )
            .unwrap();
        store
            .save_validations(s.id, 1, &[validation(&a, Verdict::Approved)])
            .unwrap();
        store
            .decide(s.id, &decision(&a, DecisionKind::Defer, "later", 1))
            .unwrap();
        store
            .decide(s.id, &decision(&a, DecisionKind::Implement, "now", 1))
            .unwrap();
        store
            .set_round_status(s.id, 1, RoundStatus::Decided, None)
            .unwrap();
        store.begin_round(s.id, &[], 2).unwrap();
        store
            .save_findings(s.id, 2, &[(a.clone(), FindingState::Persisting)])
            .unwrap();
        store.mark_stale(s.id, &["src/a.rs".to_owned()]).unwrap();

        assert_eq!(
            store.session_overview(s.id).unwrap(),
            SessionOverview::from_export(&store.load_session(s.id).unwrap()),
            "the SQL overview equals the one derived from the export (stale, decisions, no report)"
        );
        for round in [1, 2] {
            let whole = store.round(s.id, round).unwrap();
            for record in &whole.findings {
                let one = store
                    .finding_record(s.id, round, &record.finding.id)
                    .unwrap();
                assert_eq!(&one, record, "{} in round {round}", record.finding.id);
            }
        }
        let one = store.finding_record(s.id, 1, &a.id).unwrap();
        assert_eq!(one.decision.map(|d| d.note).as_deref(), Some("now"));
        assert!(
            matches!(
                store.finding_record(s.id, 2, &b.id),
                Err(StoreError::NotFound { .. })
            ),
            "b is not in round 2"
        );
        assert!(matches!(
            store.finding_record(s.id, 1, "F-999"),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn a_whole_session_round_trips() {
        let store = Store::open_in_memory().unwrap();
        let sc = scope("/src/a");
        let s = store.create_session("/src/a", &sc).unwrap();
        let focus = vec![FocusRequest::Crate("worker".into())];

        store.begin_round(s.id, &[], 1).unwrap();
        let a = finding(1, "fp-a", "src/a.rs");
        let b = finding(2, "fp-b", "src/b.rs");
        store
            .save_findings(
                s.id,
                1,
                &[
                    (a.clone(), FindingState::New),
                    (b.clone(), FindingState::New),
                ],
            )
            .unwrap();
        let va = validation(&a, Verdict::Approved);
        store
            .save_validations(s.id, 1, std::slice::from_ref(&va))
            .unwrap();
        store.save_report(s.id, 1, &report(1)).unwrap();
        let run = store
            .start_role_run(s.id, 1, Role::Analyst, "builtin")
            .unwrap();
        store
            .finish_role_run(run, "finished", None, 10, 20, 0.5)
            .unwrap();
        let da = decision(&a, DecisionKind::Implement, "do it", 1);
        store.decide(s.id, &da).unwrap();
        let rd = RoundDecision::Continue {
            focus: focus.clone(),
            note: "deeper".into(),
        };
        store.decide_round(s.id, 1, &rd).unwrap();
        store
            .set_round_status(s.id, 1, RoundStatus::Decided, None)
            .unwrap();

        store.begin_round(s.id, &focus, 2).unwrap();
        store
            .save_findings(
                s.id,
                2,
                &[
                    (a.clone(), FindingState::Persisting),
                    (b.clone(), FindingState::Fixed),
                ],
            )
            .unwrap();
        store
            .set_round_status(s.id, 2, RoundStatus::AwaitingDecision, None)
            .unwrap();

        let export = store.load_session(s.id).unwrap();
        assert_eq!(
            store.session_overview(s.id).unwrap(),
            SessionOverview::from_export(&export),
            "the SQL overview equals the one derived from the export"
        );
        assert_eq!(store.round_status(s.id, 1).unwrap(), RoundStatus::Decided);
        assert_eq!(
            store.session_cost(s.id).unwrap(),
            0.5,
            "the role runs' cost, summed"
        );
        assert_eq!(store.session_cost(s.id + 1).unwrap(), 0.0);
        assert!(matches!(
            store.round_status(s.id, 3),
            Err(StoreError::NotFound { .. })
        ));
        let (status, report_1) = store.round_report(s.id, 1).unwrap();
        assert_eq!((status, report_1), (RoundStatus::Decided, Some(report(1))));
        assert_eq!(
            store.round_report(s.id, 2).unwrap(),
            (RoundStatus::AwaitingDecision, None)
        );
        assert!(matches!(
            store.round_report(s.id, 3),
            Err(StoreError::NotFound { .. })
        ));
        assert_eq!(export.schema_version, EXPORT_SCHEMA_VERSION);
        assert_eq!(export.scope, Some(sc));
        assert_eq!(export.session.rounds, 2);
        assert_eq!(export.session.findings, 2);
        assert_eq!(export.rounds.len(), 2);

        let r1 = &export.rounds[0];
        assert_eq!(r1.status, RoundStatus::Decided);
        assert_eq!(r1.decision, Some(rd));
        assert_eq!(r1.report, Some(report(1)));
        assert_eq!(r1.focus, vec![]);
        assert_eq!(r1.role_runs.len(), 1);
        assert_eq!(
            (
                r1.role_runs[0].tokens_in,
                r1.role_runs[0].tokens_out,
                r1.role_runs[0].cost_usd
            ),
            (10, 20, 0.5)
        );
        assert_eq!(
            r1.findings,
            vec![
                FindingRecord {
                    finding: a.clone(),
                    state: FindingState::New,
                    validation: Some(va),
                    decision: Some(da.clone()),
                    evidence: None,
                },
                FindingRecord {
                    finding: b.clone(),
                    state: FindingState::New,
                    validation: None,
                    decision: None,
                    evidence: None,
                },
            ]
        );

        let r2 = &export.rounds[1];
        assert_eq!(r2.focus, focus);
        assert_eq!((r2.report.as_ref(), r2.decision.as_ref()), (None, None));
        let states: Vec<_> = r2.findings.iter().map(|r| r.state).collect();
        assert_eq!(states, [FindingState::Persisting, FindingState::Fixed]);
        assert_eq!(
            r2.findings[0].decision,
            Some(da),
            "a decision stays in force in later rounds"
        );
        assert_eq!(
            r2.findings[0].validation, None,
            "validations belong to their round"
        );

        assert_eq!(
            export.status,
            Status {
                session: "memory_audit_001".into(),
                rounds: 2,
                current_round: 2,
                round_status: "awaiting_decision".into(),
                total_findings: 2,
                persisting: 1,
                fixed: 1,
                decided_implement: 1,
                ..Status::default()
            }
        );
        let json = serde_json::to_string(&export).unwrap();
        let back: SessionExport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, export, "the export survives its own JSON");
    }

    #[test]
    fn status_counts_the_latest_round() {
        let info = SessionInfo {
            id: 1,
            name: "memory_audit_001".into(),
            workspace: "/w".into(),
            created_at: String::new(),
            updated_at: String::new(),
            status: "active".into(),
            rounds: 0,
            findings: 0,
        };
        let empty = status_of(&info, &[]);
        assert_eq!(
            (
                empty.rounds,
                empty.current_round,
                empty.round_status.as_str()
            ),
            (0, 0, "none")
        );

        let a = finding(1, "fp-a", "src/a.rs");
        let record = |state, verdict: Option<Verdict>, kind: Option<DecisionKind>| FindingRecord {
            finding: a.clone(),
            state,
            validation: verdict.map(|v| validation(&a, v)),
            decision: kind.map(|k| decision(&a, k, "", 1)),
            evidence: None,
        };
        let round = RoundRecord {
            number: 3,
            status: RoundStatus::AwaitingDecision,
            started_at: String::new(),
            finished_at: None,
            error: None,
            findings: vec![
                record(FindingState::New, Some(Verdict::Approved), None),
                record(
                    FindingState::New,
                    Some(Verdict::NeedsWork),
                    Some(DecisionKind::Defer),
                ),
                record(
                    FindingState::Persisting,
                    Some(Verdict::Rejected),
                    Some(DecisionKind::RejectFalsePositive),
                ),
                record(FindingState::Stale, None, Some(DecisionKind::RejectWontFix)),
                record(FindingState::Fixed, None, None),
            ],
            report: None,
            role_runs: vec![],
            decision: None,
            focus: vec![],
        };
        let status = status_of(&info, &[round]);
        assert_eq!(
            status,
            Status {
                session: "memory_audit_001".into(),
                rounds: 1,
                current_round: 3,
                round_status: "awaiting_decision".into(),
                total_findings: 5,
                approved: 1,
                needs_work: 1,
                rejected: 1,
                new: 2,
                persisting: 1,
                fixed: 1,
                stale: 1,
                decided_implement: 0,
                decided_defer: 1,
                decided_reject: 2,
                undecided: 1,
            }
        );
    }

    #[test]
    fn unknown_session_or_round_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        let check = |result: Result<()>, expected: String| match result {
            Err(StoreError::NotFound { what }) => assert_eq!(what, expected),
            other => panic!("expected NotFound({expected}), got {other:?}"),
        };
        check(store.load_session(77).map(|_| ()), "session 77".into());
        check(store.round(77, 1).map(|_| ()), "session 77".into());
        check(
            store.round(s.id, 1).map(|_| ()),
            format!("round 1 of session {}", s.id),
        );
        let empty = store.load_session(s.id).unwrap();
        assert!(empty.rounds.is_empty(), "a new session has no rounds");
    }
}
