//! A session's documents as text: a round's `report.md`, `analyst.md`,
//! `validator.md`, and the session's `status.md` and `decisions.md`, plus
//! the whole-session export — rendered from the database, so they read the
//! same whether or not the workspace still exists.
//!
//! Read-only, and front-end neutral: the MCP server serves these as tool
//! results and resources. This module must not write the session folder
//! (`rounds::write_files` does).

use std::str::FromStr;

use memaudit_model::RoundStatus;
use memaudit_render::markdown;
use memaudit_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Result};
use crate::sessions::ExportFormat;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// The Coordinator's report of a round.
    Report,
    /// The Analyst's findings of a round.
    Analyst,
    /// The Validator's reviews of a round.
    Validator,
    /// The session's counts (latest round).
    Status,
    /// Every decision of the session, by round.
    Decisions,
}

impl Document {
    pub const ALL: [Document; 5] = [
        Document::Report,
        Document::Analyst,
        Document::Validator,
        Document::Status,
        Document::Decisions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Document::Report => "report",
            Document::Analyst => "analyst",
            Document::Validator => "validator",
            Document::Status => "status",
            Document::Decisions => "decisions",
        }
    }

    /// Whether the document belongs to one round (the others are the
    /// session's).
    pub fn per_round(self) -> bool {
        matches!(
            self,
            Document::Report | Document::Analyst | Document::Validator
        )
    }
}

impl FromStr for Document {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().trim_end_matches(".md");
        Document::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                ApiError::InvalidInput(format!(
                    "unknown document `{s}` (report, analyst, validator, status, decisions)"
                ))
            })
    }
}

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedDocument {
    pub session: String,
    pub document: Document,
    /// The round it is of (for status and decisions: the latest round).
    pub round: u32,
    pub round_status: RoundStatus,
    pub markdown: String,
}

/// Renders `document` of `round` (the latest when `None`).
pub fn render(
    store: &Store,
    session_id: i64,
    round: Option<u32>,
    document: Document,
) -> Result<RenderedDocument> {
    let info = store.session(session_id)?;
    if info.rounds == 0 {
        return Err(ApiError::RoundState(format!(
            "session {} has no round yet",
            info.name
        )));
    }
    let number = round.unwrap_or(info.rounds);
    if number == 0 || number > info.rounds {
        return Err(ApiError::InvalidInput(format!(
            "session {} has no round {number} (rounds 1–{})",
            info.name, info.rounds
        )));
    }
    let (status, text) = match document {
        Document::Report => {
            let mut record = store.round(session_id, number)?;
            if record.report.is_none() {
                let text = format!(
                    "Round {number} of {} has no report yet (status: {}).\n",
                    info.name,
                    record.status.as_str()
                );
                (record.status, text)
            } else {
                // The report carries each quick win's evidence.
                crate::evidence::SessionEvidence::load(store, session_id)?
                    .attach_round(&mut record);
                (
                    record.status,
                    markdown::round_report_md(&info.name, &record, &info.workspace),
                )
            }
        }
        Document::Analyst => {
            let record = store.round(session_id, number)?;
            let findings: Vec<_> = record.findings.iter().map(|r| r.finding.clone()).collect();
            (
                record.status,
                markdown::analyst_md(&info.name, number, &findings),
            )
        }
        Document::Validator => {
            let record = store.round(session_id, number)?;
            let validations: Vec<_> = record
                .findings
                .iter()
                .filter_map(|r| r.validation.clone())
                .collect();
            (
                record.status,
                markdown::validator_md(&info.name, number, &validations),
            )
        }
        Document::Status => {
            let overview = store.session_overview(session_id)?;
            let status = overview
                .rounds
                .last()
                .map_or(RoundStatus::Running, |r| r.status);
            (status, markdown::status_md(&overview.status))
        }
        Document::Decisions => {
            let export = store.load_session(session_id)?;
            let status = export
                .rounds
                .last()
                .map_or(RoundStatus::Running, |r| r.status);
            (status, markdown::decisions_md(&export))
        }
    };
    let round = if document.per_round() {
        number
    } else {
        info.rounds
    };
    Ok(RenderedDocument {
        session: info.name,
        document,
        round,
        round_status: status,
        markdown: text,
    })
}

/// A round's status and the Coordinator's report (none before the round
/// finished), without its findings.
pub fn report(
    store: &Store,
    session_id: i64,
    round: u32,
) -> Result<(RoundStatus, Option<memaudit_model::Report>)> {
    Ok(store.round_report(session_id, round)?)
}

/// The whole session in an export format (markdown, JSON, SARIF), each
/// finding with its evidence (measurements, verification, fix check).
pub fn export(store: &Store, session_id: i64, format: ExportFormat) -> Result<String> {
    let export = crate::evidence::load_session(store, session_id)?;
    crate::sessions::export(&export, format)
}

/// Writes the session's export to `path` (checked like every export path:
/// never a folder, never through a missing parent); returns the bytes
/// written.
pub fn export_to_file(
    store: &Store,
    session_id: i64,
    format: ExportFormat,
    path: &std::path::Path,
) -> Result<u64> {
    let text = export(store, session_id, format)?;
    memaudit_render::files::write_export(path, &text)?;
    Ok(text.len() as u64)
}

/// How much of a report the app's report screen shows (it has its own
/// findings table; report.md and the exports keep everything).
pub use memaudit_render::markdown::ReportLimits;

/// What the app's report screen shows of a report: 25 findings per crate,
/// 20 ids, locations and deferrals per list. The desktop shell and the UI's
/// generated test data (`tests/ui_fixtures.rs`) both render with these.
pub const APP_REPORT_LIMITS: ReportLimits = ReportLimits {
    per_crate: 25,
    per_list: 20,
};

/// A round's report as safe, highlighted HTML for the app's report screen:
/// lists cut to `limits`, raw HTML from the audited code escaped.
pub fn report_html(
    store: &Store,
    session_id: i64,
    round: u32,
    limits: ReportLimits,
) -> Result<String> {
    let info = store.session(session_id)?;
    let (status, report) = store.round_report(session_id, round)?;
    let md = match &report {
        Some(report) => memaudit_render::markdown::report_md_limited(&info.name, report, limits),
        None => format!(
            "Round {round} has no report yet (status: {}).",
            status.as_str().replace('_', " ")
        ),
    };
    Ok(memaudit_render::html::markdown_to_html(&md))
}

/// analyst.md for findings that belong to no session (`memaudit analyze`).
pub fn analysis_md(findings: &[memaudit_model::Finding]) -> String {
    markdown::analyst_md("analysis", 1, findings)
}

/// Writes a document the user asked for to `path`, checked like every
/// export path: never a folder, never through a missing parent.
pub fn write_file(path: &std::path::Path, text: &str) -> Result<()> {
    memaudit_render::files::write_export(path, text)?;
    Ok(())
}
