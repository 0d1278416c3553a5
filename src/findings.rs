//! A round's findings as a filtered page of rows: what an agent (the MCP
//! `findings` tool) or a script pages through without loading any finding
//! whole. Filters are the findings table's (state, verdict, category, crate,
//! priority, measured, decided); rows carry the measured allocations when a
//! heap profile covers them.
//!
//! Read-only; SQLite filters, counts and pages (`Store::finding_rows`), so a
//! page costs a page on any round size. One finding whole is
//! [`crate::measured::finding_page`]; this module must not decode code,
//! proposals or evidence.

use std::collections::HashMap;

use memaudit_model::{Category, FindingRow, FindingState, Priority, RoundStatus, Verdict};
use memaudit_store::{RowFilter, Store};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Result};

/// Rows per page when the caller does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page: beyond it a reply stops being something to read.
pub const MAX_LIMIT: u32 = 500;

/// Which rows to keep. Every list is "any of"; an empty list keeps all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingFilter {
    pub states: Vec<FindingState>,
    pub verdicts: Vec<Verdict>,
    pub categories: Vec<Category>,
    /// Crate names, exact.
    pub crates: Vec<String>,
    pub priorities: Vec<Priority>,
    /// `Some(true)`: only findings a heap profile measured; `Some(false)`:
    /// only unmeasured ones.
    pub measured: Option<bool>,
    /// `Some(true)`: only decided findings; `Some(false)`: only undecided.
    pub decided: Option<bool>,
}

/// One row, with what the newest heap profile measured at its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagedFinding {
    #[serde(flatten)]
    pub row: FindingRow,
    /// Allocations measured at the finding's lines (newest profile); `None`
    /// when no profile measured it (unknown, not zero).
    pub measured_allocations: Option<u64>,
    pub measured_bytes: Option<u64>,
}

/// A page of a round's findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingsPage {
    pub session: String,
    pub session_id: i64,
    pub round: u32,
    pub round_status: RoundStatus,
    /// Rows in the round, before filtering.
    pub total: u32,
    /// Rows that pass the filter.
    pub matched: u32,
    pub offset: u32,
    pub findings: Vec<PagedFinding>,
    /// Where the next page starts, `None` on the last page.
    pub next_offset: Option<u32>,
}

/// The rows of `round` (the latest when `None`) that pass `filter`, in the
/// round's order, from `offset`, at most `limit` (default
/// [`DEFAULT_LIMIT`], at most [`MAX_LIMIT`]).
pub fn page(
    store: &Store,
    session_id: i64,
    round: Option<u32>,
    filter: &FindingFilter,
    offset: u32,
    limit: Option<u32>,
) -> Result<FindingsPage> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::InvalidInput(format!(
            "limit must be between 1 and {MAX_LIMIT}, got {limit}"
        )));
    }
    let info = store.session(session_id)?;
    let number = match round {
        Some(r) => r,
        None => info.rounds,
    };
    if number == 0 || number > info.rounds {
        return Err(if info.rounds == 0 {
            ApiError::RoundState(format!("session {} has no round yet", info.name))
        } else {
            ApiError::InvalidInput(format!(
                "session {} has no round {number} (rounds 1–{})",
                info.name, info.rounds
            ))
        });
    }
    let round_status = store.round_status(session_id, number)?;
    let measured: HashMap<String, (u64, u64)> = store
        .latest_measurements(session_id)?
        .into_iter()
        .map(|m| (m.finding_id, (m.allocations, m.bytes)))
        .collect();
    let rows = store.finding_rows(
        session_id,
        number,
        &RowFilter {
            states: filter.states.clone(),
            verdicts: filter.verdicts.clone(),
            categories: filter.categories.clone(),
            crates: filter.crates.clone(),
            priorities: filter.priorities.clone(),
            measured: filter.measured,
            decided: filter.decided,
        },
        offset,
        limit,
    )?;
    let findings: Vec<PagedFinding> = rows
        .rows
        .into_iter()
        .map(|row| {
            let m = measured.get(&row.id).copied();
            PagedFinding {
                row,
                measured_allocations: m.map(|m| m.0),
                measured_bytes: m.map(|m| m.1),
            }
        })
        .collect();
    let end = offset.saturating_add(u32::try_from(findings.len()).unwrap_or(u32::MAX));
    Ok(FindingsPage {
        session: info.name,
        session_id,
        round: number,
        round_status,
        total: rows.total,
        matched: rows.matched,
        offset,
        findings,
        next_offset: (end < rows.matched).then_some(end),
    })
}
