//! One round's findings as a filtered page of table rows, filtered, counted
//! and paged by SQLite: only the rows of the page are decoded, so a page of
//! a 10,000-finding round costs a page, not the round.
//!
//! The rows are exactly those of [`Store::session_overview`] (tested); this
//! module must not interpret them beyond the documented stale override.

use memaudit_model::{Category, Decision, FindingRow, FindingState, Priority, Verdict};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};

use crate::findings::parse_decision_kind;
use crate::load::{parse_enum, parse_state, str_at, RowFields};
use crate::rounds::{ensure_round, round_not_found};
use crate::{from_json, Result, Store};

/// Which rows to keep; every list is "any of", an empty one keeps all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    pub states: Vec<FindingState>,
    pub verdicts: Vec<Verdict>,
    pub categories: Vec<Category>,
    pub crates: Vec<String>,
    pub priorities: Vec<Priority>,
    /// Only findings a stored heap profile measured (`true`) or not (`false`).
    pub measured: Option<bool>,
    /// Only findings with a decision in force at the round (`true`) or without.
    pub decided: Option<bool>,
}

/// A page of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPage {
    /// Rows in the round.
    pub total: u32,
    /// Rows that pass the filter.
    pub matched: u32,
    pub rows: Vec<FindingRow>,
}

/// The state a row shows: `stale` once the watcher marked the finding's
/// file changed at or before the round (fixed findings stay fixed).
const STATE: &str =
    "CASE WHEN f.stale_since_round IS NOT NULL AND fr.round >= f.stale_since_round \
     AND fr.state != 'fixed' THEN 'stale' ELSE fr.state END";

fn placeholders(out: &mut String, column: &str, values: &[SqlValue], args: &mut Vec<SqlValue>) {
    out.push_str(&format!(" AND {column} IN ("));
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        args.push(v.clone());
        out.push_str(&format!("?{}", args.len()));
    }
    out.push(')');
}

fn text<T: AsRef<str>>(values: impl IntoIterator<Item = T>) -> Vec<SqlValue> {
    values
        .into_iter()
        .map(|v| SqlValue::Text(v.as_ref().to_owned()))
        .collect()
}

/// The WHERE clause (after the session and round) and its arguments.
fn conditions(filter: &RowFilter, args: &mut Vec<SqlValue>) -> String {
    let mut w = String::new();
    if !filter.states.is_empty() {
        let states = text(filter.states.iter().map(|s| s.as_str()));
        placeholders(&mut w, &format!("({STATE})"), &states, args);
    }
    if !filter.verdicts.is_empty() {
        let verdicts = text(filter.verdicts.iter().map(|v| v.as_str()));
        placeholders(&mut w, "v.verdict", &verdicts, args);
    }
    if !filter.categories.is_empty() {
        let categories = text(filter.categories.iter().map(|c| c.as_str()));
        placeholders(&mut w, "f.category", &categories, args);
    }
    if !filter.crates.is_empty() {
        let crates = text(&filter.crates);
        placeholders(
            &mut w,
            "json_extract(fr.finding_json, '$.crate')",
            &crates,
            args,
        );
    }
    if !filter.priorities.is_empty() {
        let priorities = text(filter.priorities.iter().map(|p| p.as_str()));
        placeholders(
            &mut w,
            "json_extract(fr.finding_json, '$.priority')",
            &priorities,
            args,
        );
    }
    let measured = "EXISTS (SELECT 1 FROM measurements m \
         WHERE m.session_id = fr.session_id AND m.fingerprint = f.fingerprint)";
    match filter.measured {
        Some(true) => w.push_str(&format!(" AND {measured}")),
        Some(false) => w.push_str(&format!(" AND NOT {measured}")),
        None => {}
    }
    let decided = "EXISTS (SELECT 1 FROM decision_history d \
         WHERE d.session_id = fr.session_id AND d.finding = fr.finding AND d.round <= fr.round)";
    match filter.decided {
        Some(true) => w.push_str(&format!(" AND {decided}")),
        Some(false) => w.push_str(&format!(" AND NOT {decided}")),
        None => {}
    }
    w
}

const FROM: &str = "FROM finding_rounds fr JOIN findings f ON f.id = fr.finding \
     LEFT JOIN validations v \
       ON v.session_id = fr.session_id AND v.round = fr.round AND v.finding = fr.finding \
     WHERE fr.session_id = ?1 AND fr.round = ?2";

impl Store {
    /// The rows of `round` that pass `filter`, in the round's order, from
    /// `offset`, at most `limit`; with the round's row count and the
    /// filter's. [`crate::StoreError::NotFound`] for a round that does not
    /// exist.
    pub fn finding_rows(
        &self,
        session_id: i64,
        round: u32,
        filter: &RowFilter,
        offset: u32,
        limit: u32,
    ) -> Result<RowPage> {
        self.read(|conn| {
            ensure_round(conn, session_id, round)
                .map_err(|_| round_not_found(session_id, round))?;
            let total: u32 = conn
                .prepare_cached(&format!("SELECT COUNT(*) {FROM}"))?
                .query_row(params![session_id, round], |r| r.get(0))?;
            let mut args: Vec<SqlValue> = vec![
                SqlValue::Integer(session_id),
                SqlValue::Integer(round.into()),
            ];
            let filters = conditions(filter, &mut args);
            let matched: u32 = conn
                .prepare(&format!("SELECT COUNT(*) {FROM}{filters}"))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            args.push(SqlValue::Integer(limit.into()));
            args.push(SqlValue::Integer(offset.into()));
            let (limit_at, offset_at) = (args.len() - 1, args.len());
            // The page's rows are picked first and only they are decoded:
            // sorting with the JSON columns would extract them from every
            // row of the round.
            let sql = format!(
                "SELECT fr.finding, fr.state, f.stale_since_round, \
                 json_extract(fr.finding_json, '$.id', '$.category', '$.file', '$.line_start', \
                 '$.line_end', '$.crate', '$.priority', '$.item_path', '$.issue', '$.impact', \
                 '$.source'), v.verdict {FROM} AND fr.finding IN \
                 (SELECT fr.finding {FROM}{filters} \
                  ORDER BY fr.position, fr.finding LIMIT ?{limit_at} OFFSET ?{offset_at}) \
                 ORDER BY fr.position, fr.finding"
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut found = stmt.query(rusqlite::params_from_iter(args.iter()))?;
            let mut rows = Vec::new();
            while let Some(r) = found.next()? {
                let finding_row: i64 = r.get(0)?;
                let what = || format!("finding {finding_row} of round {round}");
                let fields: RowFields = from_json(what, str_at(r, 3)?)?;
                let stale_since: Option<u32> = r.get(2)?;
                let state = match (parse_state(str_at(r, 1)?)?, stale_since) {
                    (s, Some(since)) if round >= since && s != FindingState::Fixed => {
                        FindingState::Stale
                    }
                    (s, _) => s,
                };
                let verdict = match r.get::<_, Option<String>>(4)? {
                    Some(v) => Some(parse_enum::<Verdict>("verdict", &v)?),
                    None => None,
                };
                let decision = decision_at(conn, session_id, finding_row, round, &fields)?;
                rows.push(FindingRow {
                    id: fields.0,
                    category: fields.1,
                    file: fields.2,
                    line_start: fields.3,
                    line_end: fields.4,
                    crate_name: fields.5,
                    priority: fields.6,
                    item_path: fields.7,
                    summary: memaudit_model::row_summary(&fields.8),
                    impact: fields.9,
                    source: fields.10.unwrap_or_default(),
                    state,
                    verdict,
                    decision,
                });
            }
            Ok(RowPage {
                total,
                matched,
                rows,
            })
        })
    }
}

/// The decision in force for a finding at a round: the latest taken at or
/// before it.
fn decision_at(
    conn: &Connection,
    session_id: i64,
    finding_row: i64,
    round: u32,
    fields: &RowFields,
) -> Result<Option<Decision>> {
    let found = conn
        .prepare_cached(
            "SELECT d.kind, d.note, d.defer_until_date, d.defer_until_round, d.round, \
             d.decided_at, f.fingerprint \
             FROM decision_history d JOIN findings f ON f.id = d.finding \
             WHERE d.session_id = ?1 AND d.finding = ?2 AND d.round <= ?3 \
             ORDER BY d.id DESC LIMIT 1",
        )?
        .query_row(params![session_id, finding_row, round], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<u32>>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    found
        .map(
            |(kind, note, date, until, at_round, decided_at, fingerprint)| {
                Ok(Decision {
                    finding_id: fields.0.clone(),
                    fingerprint,
                    kind: parse_decision_kind(&kind)?,
                    note,
                    defer_until_date: date,
                    defer_until_round: until,
                    round: at_round,
                    decided_at,
                })
            },
        )
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scope;
    use memaudit_model::{DecisionKind, FindingState};

    /// Every filter and page agrees with filtering the overview's rows.
    #[test]
    fn pages_equal_the_overview_filtered() {
        let store = Store::open_in_memory().unwrap();
        let s = store.create_session("/src/a", &scope("/src/a")).unwrap();
        store.begin_round(s.id, &[], 1).unwrap();
        let findings: Vec<_> = (1..=30)
            .map(|n| {
                let mut f = crate::fixtures::finding(n, &format!("fp-{n}"), "src/a.rs");
                f.category = Category::ALL[(n % 6) as usize];
                f.priority = Priority::ALL[(n % 4) as usize];
                f.crate_name = format!("c{}", n % 3);
                let state = if n % 5 == 0 {
                    FindingState::Persisting
                } else {
                    FindingState::New
                };
                (f, state)
            })
            .collect();
        store.save_findings(s.id, 1, &findings).unwrap();
        for (f, _) in findings.iter().filter(|(f, _)| f.line_start % 4 == 0) {
            store
                .decide(
                    s.id,
                    &crate::fixtures::decision(f, DecisionKind::Defer, "later", 1),
                )
                .unwrap();
        }
        store.mark_stale(s.id, &["src/a.rs".to_owned()]).unwrap();
        let overview = store.session_overview(s.id).unwrap();
        let all = &overview.rounds[0].findings;
        let filters = [
            RowFilter::default(),
            RowFilter {
                categories: vec![Category::UnnecessaryClone, Category::AllocationLoop],
                ..RowFilter::default()
            },
            RowFilter {
                priorities: vec![Priority::P0],
                crates: vec!["c1".into()],
                ..RowFilter::default()
            },
            RowFilter {
                decided: Some(true),
                ..RowFilter::default()
            },
            RowFilter {
                decided: Some(false),
                states: vec![FindingState::Stale],
                ..RowFilter::default()
            },
            RowFilter {
                measured: Some(true),
                ..RowFilter::default()
            },
        ];
        for filter in &filters {
            let expected: Vec<&FindingRow> = all
                .iter()
                .filter(|r| {
                    (filter.categories.is_empty() || filter.categories.contains(&r.category))
                        && (filter.priorities.is_empty() || filter.priorities.contains(&r.priority))
                        && (filter.crates.is_empty() || filter.crates.contains(&r.crate_name))
                        && (filter.states.is_empty() || filter.states.contains(&r.state))
                        && filter.decided.is_none_or(|d| d == r.decision.is_some())
                        && filter.measured != Some(true)
                })
                .collect();
            for (offset, limit) in [(0, 100), (0, 4), (3, 5), (50, 10)] {
                let page = store.finding_rows(s.id, 1, filter, offset, limit).unwrap();
                assert_eq!(page.total, 30);
                assert_eq!(page.matched as usize, expected.len(), "{filter:?}");
                let want: Vec<FindingRow> = expected
                    .iter()
                    .skip(offset as usize)
                    .take(limit as usize)
                    .map(|r| (*r).clone())
                    .collect();
                assert_eq!(
                    page.rows, want,
                    "the page equals the overview's rows filtered ({filter:?}, {offset}, {limit})"
                );
            }
        }
        assert!(store
            .finding_rows(s.id, 2, &RowFilter::default(), 0, 10)
            .is_err());
    }
}
