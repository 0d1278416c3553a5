//! Validations (workflow spec 2.2) and the Coordinator's report (2.3).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Category, Level, ParseEnumError, Priority};

/// The Validator's verdict on a finding.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verdict {
    Approved,
    NeedsWork,
    Rejected,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approved => "APPROVED",
            Verdict::NeedsWork => "NEEDS_WORK",
            Verdict::Rejected => "REJECTED",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s
            .trim()
            .to_ascii_uppercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "APPROVED" | "APPROVE" => Ok(Verdict::Approved),
            "NEEDS_WORK" => Ok(Verdict::NeedsWork),
            "REJECTED" | "REJECT" => Ok(Verdict::Rejected),
            _ => Err(ParseEnumError::new("verdict", s)),
        }
    }
}

/// Outcome of one safety check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckStatus {
    Pass,
    Fail,
    Unclear,
    #[serde(rename = "N/A")]
    NotApplicable,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "PASS",
            CheckStatus::Fail => "FAIL",
            CheckStatus::Unclear => "UNCLEAR",
            CheckStatus::NotApplicable => "N/A",
        }
    }
}

/// A safety check with the evidence that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Check {
    pub status: CheckStatus,
    pub evidence: String,
}

/// An impact question's answer (YES / NO / MAYBE / NEEDS_MEASUREMENT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Answer {
    Yes,
    No,
    Maybe,
    NeedsMeasurement,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "YES",
            Answer::No => "NO",
            Answer::Maybe => "MAYBE",
            Answer::NeedsMeasurement => "NEEDS_MEASUREMENT",
        }
    }
}

/// An impact question with its answer and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Assessment {
    pub answer: Answer,
    pub evidence: String,
}

/// A problem the Validator found in a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ValidationIssue {
    /// e.g. `F-003-I1`.
    pub id: String,
    pub description: String,
    pub risk: String,
    pub suggestion: String,
}

/// The Validator's review of one finding, in the workflow spec's format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Validation {
    pub finding_id: String,
    pub fingerprint: String,
    pub verdict: Verdict,
    pub lifetime: Check,
    pub thread_safety: Check,
    pub no_undefined_behavior: Check,
    pub estimate_plausible: Assessment,
    pub hot_path: Assessment,
    pub complexity_justified: Assessment,
    pub issues: Vec<ValidationIssue>,
    pub conditions: Vec<String>,
    /// Required when the verdict is REJECTED: the scenario where the
    /// optimisation fails or the finding is wrong.
    pub counterexample: Option<String>,
    /// Optional second-opinion score 0–10 (LLM Validator on built-in findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    /// Why the score is what it is (a sentence or two); only with a score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_reason: Option<String>,
    /// Which engine validated it (`builtin`, `llm:<model>`).
    #[serde(default)]
    pub engine: String,
}

/// Executive summary of a report: counts, then the headline figures.
///
/// A figure nobody estimated or measured is `None` (JSON `null`), never `0`:
/// zero is a claim, missing data is not. Each headline figure is also given
/// ready to show in [`Summary::figures`], with its unit and its basis, so
/// every front end says the same thing about it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Summary {
    /// Findings counted: everything but cold code, LOW notes and findings
    /// fixed since an earlier round.
    pub total: u32,
    pub approved: u32,
    pub needs_work: u32,
    pub rejected: u32,
    /// Findings new in this round (not seen in an earlier round).
    pub new: u32,
    /// The Analyst's estimates of bytes saved at peak, summed over the
    /// actionable findings that state one; `None` when none does.
    #[serde(default, deserialize_with = "zero_is_unknown")]
    pub estimated_bytes_saved: Option<u64>,
    /// Allocations that one pass through each actionable finding's code (one
    /// iteration or call, the finding's `unit`) no longer makes, summed over
    /// the findings that state a count; `None` when none does. Not a count
    /// over a run: how often each pass runs is unknown without a profile.
    #[serde(default, deserialize_with = "zero_is_unknown")]
    pub estimated_allocations_avoided: Option<u64>,
    /// Share (0–100) of the per-pass allocation counts stated by hot-path
    /// findings that actionable findings remove: only what the audit flagged,
    /// not a share of the program's allocations. `None` when no hot-path
    /// finding states a count.
    pub estimated_allocation_reduction_pct: Option<f64>,
    /// What the session's newest heap profile measured at the actionable
    /// findings' lines; `None` without a profile.
    #[serde(default)]
    pub measured: Option<MeasuredSummary>,
    /// The headline figures as shown: measured where a profile exists,
    /// labelled estimates or "—" with the reason where not.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Findings in cold code (tests, setup, error paths, diagnostics): kept
    /// with their reason, never surfaced nor counted above.
    #[serde(default)]
    pub cold: u32,
    /// LOW notes: findings whose proposal is only a sketch ("consider an
    /// arena") rather than a change to their code, or only trims a finished
    /// list's spare capacity; kept and listed, never surfaced nor counted
    /// above.
    #[serde(default)]
    pub notes: u32,
}

/// Reports stored before unknown became `null` wrote `0` for "no finding
/// states a figure"; no finding ever states a saving of zero.
fn zero_is_unknown<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(Option::<u64>::deserialize(d)?.filter(|&n| n > 0))
}

/// The session's newest heap profile read against the actionable findings:
/// the measured basis of the report's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeasuredSummary {
    pub workload: crate::Workload,
    /// The whole profiled run.
    pub run: crate::RunFigures,
    /// Actionable findings this profile measured (allocated at their lines).
    pub findings: u32,
    /// Allocations and bytes at those findings' lines over the run.
    pub allocations: u64,
    pub bytes: u64,
    /// `100 × allocations ÷ run.allocations`, one decimal; `None` when the
    /// run allocated nothing.
    pub allocation_share_pct: Option<f64>,
    /// Bytes allocated at those lines that were live at the run's global
    /// peak (exact); `None` when the profile records no live figures.
    pub at_peak_bytes: Option<u64>,
}

/// How a headline figure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Read from a heap profile of a named workload.
    Measured,
    /// Computed from the Analyst's stated estimates; not measured.
    Estimated,
    /// Neither: the value is `None` and `basis` says why.
    Unknown,
}

/// One headline figure as every front end shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Figure {
    /// Stable key: `allocation_reduction`, `memory_impact`, `allocations`.
    pub key: String,
    /// "Allocation reduction".
    pub label: String,
    /// The number with its sign of approximation ("~20%", "3.1%",
    /// "≤ 1.2 MiB"); `None` when unknown (shown as "—").
    pub value: Option<String>,
    /// What the number counts, short enough for a tile ("of the allocations
    /// flagged in hot code"); when `value` is `None`, the short reason.
    pub unit: String,
    pub kind: Basis,
    /// What the figure is and what it is computed from, in a sentence or
    /// two (the app's tooltip, the markdown's footnote).
    pub basis: String,
    /// What would measure it, when it is not measured.
    pub action: Option<String>,
}

/// A row of the quick-wins table. The first five carry everything needed to
/// act on them without opening another screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct QuickWin {
    pub finding_id: String,
    /// Short location (`crate/file.rs`), as in the spec's table.
    pub location: String,
    pub category: Category,
    pub impact: Level,
    pub effort: Level,
    /// impact × safety ÷ effort, higher first.
    pub score: f64,
    /// True when the impact is measured (heap profile), not estimated.
    #[serde(default)]
    pub measured: bool,
    /// Full location with lines (`crates/a/src/lib.rs:10-14`).
    #[serde(default)]
    pub at: String,
    /// One line: the finding's issue.
    #[serde(default)]
    pub summary: String,
    /// The Validator's answer in one line.
    #[serde(default)]
    pub validation: String,
    /// The gain with its unit: measured at its lines in a named workload, or
    /// the Analyst's estimate per pass, or why there is none.
    #[serde(default)]
    pub gain: String,
    /// The proposed edit as a unified diff, when the finding carries one.
    #[serde(default)]
    pub diff: Option<String>,
    /// The proposal in words, for findings without an edit.
    #[serde(default)]
    pub proposal: String,
}

/// One pattern found in several places, with one unified fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Recommendation {
    pub pattern: String,
    pub category: Category,
    pub finding_ids: Vec<String>,
    pub locations: Vec<String>,
    pub unified_fix: String,
}

/// A finding's line in "Findings by Crate".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CrateFindingLine {
    pub finding_id: String,
    pub summary: String,
    pub verdict: Option<Verdict>,
    pub state: crate::FindingState,
}

/// A crate section in "Findings by Crate".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CrateFindings {
    #[serde(rename = "crate")]
    pub crate_name: String,
    pub priority: Priority,
    pub findings: Vec<CrateFindingLine>,
}

/// A finding deferred for low ROI, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Deferred {
    pub finding_id: String,
    pub reason: String,
}

/// One of the workflow spec's termination criteria (5.3), evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Criterion {
    pub name: String,
    pub met: bool,
    pub detail: String,
}

/// A fix re-measured with a heap profile (`memaudit verify`): shown apart
/// from estimates in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VerifiedSaving {
    pub finding_id: String,
    /// `verified`, `no_effect` or `worse`.
    pub outcome: String,
    pub allocations_before: u64,
    pub allocations_after: u64,
    pub bytes_before: u64,
    pub bytes_after: u64,
    /// One sentence, e.g. "allocations at src/lib.rs:12 fell from 1000 to 1".
    pub detail: String,
}

/// The Coordinator's report for one round (workflow spec 2.3).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Report {
    pub round: u32,
    pub summary: Summary,
    pub quick_wins: Vec<QuickWin>,
    pub recommendations: Vec<Recommendation>,
    pub by_crate: Vec<CrateFindings>,
    pub deferred: Vec<Deferred>,
    pub next_focus: Vec<String>,
    pub termination: Vec<Criterion>,
    /// Fixes re-measured by a heap profile, latest verification per finding.
    #[serde(default)]
    pub verified: Vec<VerifiedSaving>,
    /// What the LLM Coordinator added, when it ran. Everything above is the
    /// built-in Coordinator's and stays so: the model never changes a count,
    /// a ranking or a termination criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synthesis: Option<Synthesis>,
}

/// The LLM Coordinator's synthesis of a round: prose and cross-cutting
/// patterns on top of the built-in report. Every finding id in it exists in
/// the round (the model's other ids were dropped and counted).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Synthesis {
    /// Which engine wrote it (`llm:<model>`).
    pub engine: String,
    /// A few sentences for stakeholders.
    pub executive_summary: String,
    pub recommendations: Vec<SynthesisRecommendation>,
    /// What the Analyst should look at next round.
    pub next_focus: Vec<String>,
    /// Items of the model's answer that were dropped (finding ids that do
    /// not exist in the round, recommendations left without a finding).
    pub discarded: u32,
}

/// A cross-cutting pattern the LLM Coordinator saw across findings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct SynthesisRecommendation {
    pub pattern: String,
    /// Findings of the round it cites; never empty.
    pub finding_ids: Vec<String>,
    /// Short locations of those findings, taken from the findings
    /// themselves, not from the model.
    pub locations: Vec<String>,
    pub recommendation: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored validations and reports (JSON in the database) from before
    /// `score_reason` and `synthesis` existed still decode, and the new
    /// fields round-trip.
    #[test]
    fn older_json_decodes_and_new_fields_round_trip() {
        let check = r#"{"status":"PASS","evidence":"e"}"#;
        let assess = r#"{"answer":"YES","evidence":"e"}"#;
        let old = format!(
            r#"{{"finding_id":"F-001","fingerprint":"ab","verdict":"APPROVED",
                "lifetime":{check},"thread_safety":{check},"no_undefined_behavior":{check},
                "estimate_plausible":{assess},"hot_path":{assess},"complexity_justified":{assess},
                "issues":[],"conditions":[],"counterexample":null,"score":7,"engine":"llm:m"}}"#
        );
        let mut v: Validation = serde_json::from_str(&old).unwrap();
        assert_eq!((v.score, v.score_reason.as_deref()), (Some(7), None));
        assert!(
            !serde_json::to_string(&v).unwrap().contains("score_reason"),
            "an absent reason is not written"
        );
        v.score_reason = Some("cheap fix".into());
        let back: Validation = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(back, v);

        let report: Report = serde_json::from_str(
            r#"{"round":1,"summary":{"total":0,"approved":0,"needs_work":0,"rejected":0,"new":0,
                "estimated_bytes_saved":0,"estimated_allocations_avoided":0,
                "estimated_allocation_reduction_pct":null},
                "quick_wins":[],"recommendations":[],"by_crate":[],"deferred":[],
                "next_focus":[],"termination":[]}"#,
        )
        .unwrap();
        assert_eq!(report.synthesis, None);
        assert!(!serde_json::to_string(&report)
            .unwrap()
            .contains("synthesis"));
    }
}
