//! A session as a screen first needs it: every round's findings as table
//! rows, without the code, the proposal and the Validator's evidence.
//!
//! A [`SessionExport`] of 10,000 findings is ~30 MB of JSON; its overview is
//! a tenth of that, so the desktop app can show the findings table at once
//! and fetch one finding whole ([`FindingRecord`]) when it is opened. The
//! overview is derived from the export by [`SessionOverview::from_export`],
//! so the two never disagree.

use serde::{Deserialize, Serialize};

use crate::{
    Category, Criterion, Decision, FindingRecord, FindingSource, FindingState, FocusRequest,
    Impact, Priority, QuickWin, Report, RoleRun, RoundDecision, RoundRecord, RoundStatus,
    SessionExport, SessionInfo, Status, Summary, Verdict, VerifiedSaving,
};

/// Longest [`FindingRow::summary`], in characters.
pub const ROW_SUMMARY_CHARS: usize = 160;

/// One finding as a row of the findings table: what the list shows, filters,
/// sorts and charts by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FindingRow {
    pub id: String,
    pub category: Category,
    pub file: String,
    pub line_start: u32,
    pub line_end: u32,
    #[serde(rename = "crate")]
    pub crate_name: String,
    pub priority: Priority,
    pub item_path: String,
    /// The issue's first sentence, at most [`ROW_SUMMARY_CHARS`] characters.
    pub summary: String,
    pub impact: Impact,
    pub source: FindingSource,
    pub state: FindingState,
    pub verdict: Option<Verdict>,
    pub decision: Option<Decision>,
}

impl From<&FindingRecord> for FindingRow {
    fn from(r: &FindingRecord) -> Self {
        let f = &r.finding;
        FindingRow {
            id: f.id.clone(),
            category: f.category,
            file: f.file.clone(),
            line_start: f.line_start,
            line_end: f.line_end,
            crate_name: f.crate_name.clone(),
            priority: f.priority,
            item_path: f.item_path.clone(),
            summary: row_summary(&f.issue),
            impact: f.impact.clone(),
            source: f.source,
            state: r.state,
            verdict: r.validation.as_ref().map(|v| v.verdict),
            decision: r.decision.clone(),
        }
    }
}

/// The first sentence (or line) of `issue`, cut at a character boundary.
pub fn row_summary(issue: &str) -> String {
    let first_line = issue.trim().lines().next().unwrap_or("");
    let sentence = match first_line.find(". ") {
        Some(end) => &first_line[..=end],
        None => first_line,
    };
    if sentence.chars().count() <= ROW_SUMMARY_CHARS {
        return sentence.to_owned();
    }
    let mut out: String = sentence.chars().take(ROW_SUMMARY_CHARS - 1).collect();
    out.push('…');
    out
}

/// What a screen shows of a report before the rendered HTML arrives: the
/// counts, the quick wins, the termination criteria and the next focus.
/// The per-crate lists, recommendations and deferrals are in the HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReportOverview {
    pub round: u32,
    pub summary: Summary,
    pub quick_wins: Vec<QuickWin>,
    pub recommendations: u32,
    pub deferred: u32,
    pub next_focus: Vec<String>,
    pub termination: Vec<Criterion>,
    pub verified: Vec<VerifiedSaving>,
}

impl From<&Report> for ReportOverview {
    fn from(r: &Report) -> Self {
        ReportOverview {
            round: r.round,
            summary: r.summary.clone(),
            quick_wins: r.quick_wins.clone(),
            recommendations: u32::try_from(r.recommendations.len()).unwrap_or(u32::MAX),
            deferred: u32::try_from(r.deferred.len()).unwrap_or(u32::MAX),
            next_focus: r.next_focus.clone(),
            termination: r.termination.clone(),
            verified: r.verified.clone(),
        }
    }
}

/// One round as rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RoundOverview {
    pub number: u32,
    pub status: RoundStatus,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub error: Option<String>,
    pub findings: Vec<FindingRow>,
    pub report: Option<ReportOverview>,
    pub role_runs: Vec<RoleRun>,
    pub decision: Option<RoundDecision>,
    pub focus: Vec<FocusRequest>,
}

impl From<&RoundRecord> for RoundOverview {
    fn from(r: &RoundRecord) -> Self {
        RoundOverview {
            number: r.number,
            status: r.status,
            started_at: r.started_at.clone(),
            finished_at: r.finished_at.clone(),
            error: r.error.clone(),
            findings: r.findings.iter().map(FindingRow::from).collect(),
            report: r.report.as_ref().map(ReportOverview::from),
            role_runs: r.role_runs.clone(),
            decision: r.decision.clone(),
            focus: r.focus.clone(),
        }
    }
}

/// A session as the app opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SessionOverview {
    pub session: SessionInfo,
    /// Names of the crates in the session's scope, in scope order (focus
    /// requests pick from them).
    pub crates: Vec<String>,
    pub rounds: Vec<RoundOverview>,
    pub status: Status,
}

impl SessionOverview {
    pub fn from_export(export: &SessionExport) -> Self {
        SessionOverview {
            session: export.session.clone(),
            crates: export
                .scope
                .as_ref()
                .map(|s| s.crates.iter().map(|c| c.name.clone()).collect())
                .unwrap_or_default(),
            rounds: export.rounds.iter().map(RoundOverview::from).collect(),
            status: export.status.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_the_first_sentence() {
        assert_eq!(
            row_summary("A clone per row. A borrow would do.\nMore."),
            "A clone per row."
        );
        assert_eq!(row_summary("  one line only  "), "one line only");
        assert_eq!(row_summary(""), "");
    }

    #[test]
    fn long_summaries_are_cut_at_a_character_boundary() {
        let long = "é".repeat(400);
        let s = row_summary(&long);
        assert_eq!(s.chars().count(), ROW_SUMMARY_CHARS);
        assert!(s.ends_with('…'));
    }
}
