//! Findings: what the Analyst reports (workflow spec section 2.1).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Edit, Reach};

/// The six finding categories of the workflow spec (section 3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    ArenaCandidate,
    UnnecessaryClone,
    HeapAvoidable,
    LifetimeExtension,
    CacheHostile,
    AllocationLoop,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::ArenaCandidate,
        Category::UnnecessaryClone,
        Category::HeapAvoidable,
        Category::LifetimeExtension,
        Category::CacheHostile,
        Category::AllocationLoop,
    ];

    /// The spelling used in the workflow spec and in every rendered document.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ArenaCandidate => "ARENA_CANDIDATE",
            Category::UnnecessaryClone => "UNNECESSARY_CLONE",
            Category::HeapAvoidable => "HEAP_AVOIDABLE",
            Category::LifetimeExtension => "LIFETIME_EXTENSION",
            Category::CacheHostile => "CACHE_HOSTILE",
            Category::AllocationLoop => "ALLOCATION_LOOP",
        }
    }

    /// One line describing the pattern, used in reports and SARIF rules.
    pub fn description(self) -> &'static str {
        match self {
            Category::ArenaCandidate => "Batch allocations with scoped lifetime",
            Category::UnnecessaryClone => "Clone where borrow would suffice",
            Category::HeapAvoidable => "Small fixed-size data on heap",
            Category::LifetimeExtension => "Data lives longer than necessary",
            Category::CacheHostile => "Poor struct layout or access patterns",
            Category::AllocationLoop => "Allocations inside hot loops",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_uppercase().replace(['-', ' '], "_");
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == norm)
            .ok_or_else(|| ParseEnumError::new("category", s))
    }
}

/// A value that does not name a variant of one of the model's enums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    pub kind: &'static str,
    pub value: String,
}

impl ParseEnumError {
    pub fn new(kind: &'static str, value: &str) -> Self {
        ParseEnumError {
            kind,
            value: value.to_owned(),
        }
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.value, self.kind)
    }
}

impl std::error::Error for ParseEnumError {}

/// Crate and file priority, P0 (critical) to P3 (low). Orders P0 first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
pub enum Priority {
    P0,
    P1,
    P2,
    P3,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::P0, Priority::P1, Priority::P2, Priority::P3];

    /// The workflow spec's thresholds (section 1.4): P0 ≥ 5, P1 ≥ 3, P2 ≥ 1.
    pub fn from_score(score: u32) -> Priority {
        match score {
            5.. => Priority::P0,
            3..=4 => Priority::P1,
            1..=2 => Priority::P2,
            0 => Priority::P3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }

    /// The spec's label for the level ("Critical", "High", …).
    pub fn label(self) -> &'static str {
        match self {
            Priority::P0 => "Critical",
            Priority::P1 => "High",
            Priority::P2 => "Medium",
            Priority::P3 => "Low",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = ParseEnumError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "P0" => Ok(Priority::P0),
            "P1" => Ok(Priority::P1),
            "P2" => Ok(Priority::P2),
            "P3" => Ok(Priority::P3),
            _ => Err(ParseEnumError::new("priority (P0-P3)", s)),
        }
    }
}

/// How sure the Analyst is that the finding is real.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "HIGH",
            Confidence::Medium => "MEDIUM",
            Confidence::Low => "LOW",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the proposed change can be applied without a careful review.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Safety {
    Safe,
    NeedsReview,
    Unsafe,
}

impl Safety {
    pub fn as_str(self) -> &'static str {
        match self {
            Safety::Safe => "SAFE",
            Safety::NeedsReview => "NEEDS_REVIEW",
            Safety::Unsafe => "UNSAFE",
        }
    }
}

impl fmt::Display for Safety {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A coarse High / Medium / Low used for impact and effort in reports.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    ts_rs::TS,
)]
pub enum Level {
    High,
    Medium,
    #[default]
    Low,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "High",
            Level::Medium => "Medium",
            Level::Low => "Low",
        }
    }

    /// 3 for High, 2 for Medium, 1 for Low: the weight used in rankings.
    pub fn weight(self) -> u32 {
        match self {
            Level::High => 3,
            Level::Medium => 2,
            Level::Low => 1,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which engine or source produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// The built-in syn detectors.
    #[default]
    Builtin,
    /// `cargo clippy` lints mapped to a category (opt-in).
    Clippy,
    /// An LLM Analyst.
    Llm,
    /// A heavy allocation site in a heap profile with no finding yet.
    Measurement,
}

/// The Analyst's estimate of what a fix saves (workflow spec: "Estimated Impact").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Impact {
    /// Heap allocations avoided per `unit`, when it can be estimated.
    pub allocations_avoided: Option<u64>,
    /// Bytes saved per `unit`, when sizes are known.
    pub bytes_saved: Option<u64>,
    /// The unit of work the numbers are per, e.g. "iteration of `for row in rows`".
    pub unit: String,
    /// Which code paths benefit, e.g. "every file processed by `process_file`".
    pub applies_to: String,
    /// Coarse level used for ranking.
    pub level: Level,
}

/// Benefits and costs of the proposed change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Tradeoffs {
    pub pros: Vec<String>,
    pub cons: Vec<String>,
}

/// One memory optimisation opportunity, in the workflow spec's finding format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Finding {
    /// `F-001`-style id, unique within a session.
    pub id: String,
    /// Stable identity across rounds and unrelated edits: a hash of the
    /// category, the enclosing item path and the normalised code, never of
    /// line numbers.
    pub fingerprint: String,
    pub category: Category,
    /// Workspace-relative path with `/` separators.
    pub file: String,
    pub line_start: u32,
    pub line_end: u32,
    /// Name of the crate the file belongs to.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Priority of the file the finding is in.
    pub priority: Priority,
    /// Enclosing item path, e.g. `worker::Bridge::flush`.
    pub item_path: String,
    pub confidence: Confidence,
    pub safety: Safety,
    /// The current code snippet, kept so a session stays readable without the workspace.
    pub code: String,
    pub issue: String,
    /// The proposed alternative: concrete code where possible.
    pub proposal: String,
    pub impact: Impact,
    pub tradeoffs: Tradeoffs,
    /// e.g. "add the `smallvec` dependency".
    pub prerequisites: Vec<String>,
    #[serde(default)]
    pub source: FindingSource,
    /// How often the code runs, from the workspace call graph; `None` when
    /// no call graph was built (an LLM Analyst's finding before validation,
    /// a session from before the call graph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reach: Option<Reach>,
    /// The proposal as a concrete edit, when it is mechanical; `None` for a
    /// design change, whose proposal is prose and not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub edit: Option<Edit>,
}

impl Finding {
    /// `file:line_start-line_end` (or `file:line` for one line).
    pub fn location(&self) -> String {
        if self.line_end > self.line_start {
            format!("{}:{}-{}", self.file, self.line_start, self.line_end)
        } else {
            format!("{}:{}", self.file, self.line_start)
        }
    }

    /// A one-line summary: the first sentence of the issue.
    pub fn summary(&self) -> &str {
        let issue = self.issue.trim();
        let end = issue
            .find(". ")
            .map(|i| i + 1)
            .or_else(|| issue.find('\n'))
            .unwrap_or(issue.len());
        &issue[..end]
    }
}

/// Formats a finding id from its number: 1 → `F-001`.
pub fn finding_id(n: u32) -> String {
    format!("F-{n:03}")
}

/// A file the analysis could not read or parse; the rest of the audit goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Skipped {
    pub file: String,
    pub error: String,
}

/// Figures about one analysis run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct AnalysisStats {
    pub files: u64,
    pub lines: u64,
    pub bytes: u64,
    pub findings: u64,
    pub skipped: u64,
    pub duration_ms: u64,
    pub threads: usize,
}

/// The built-in Analyst's whole output: findings, files skipped, figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    pub stats: AnalysisStats,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_thresholds_follow_the_spec() {
        assert_eq!(Priority::from_score(0), Priority::P3);
        assert_eq!(Priority::from_score(1), Priority::P2);
        assert_eq!(Priority::from_score(2), Priority::P2);
        assert_eq!(Priority::from_score(3), Priority::P1);
        assert_eq!(Priority::from_score(4), Priority::P1);
        assert_eq!(Priority::from_score(5), Priority::P0);
        assert_eq!(Priority::from_score(50), Priority::P0);
    }

    #[test]
    fn category_round_trips_through_its_spelling() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!("unnecessary-clone".parse(), Ok(Category::UnnecessaryClone));
        assert!("CLONE".parse::<Category>().is_err());
    }

    #[test]
    fn finding_ids_are_zero_padded() {
        assert_eq!(finding_id(1), "F-001");
        assert_eq!(finding_id(1234), "F-1234");
    }
}
