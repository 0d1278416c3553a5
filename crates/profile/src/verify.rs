//! Verification of a fix by re-measuring: the allocations at a finding's
//! lines in a profile taken before the change and one taken after it.
//!
//! The region compared is the finding's file and lines widened by
//! [`VERIFY_WIDEN`] lines on each side, so a fix that hoists an allocation to
//! the line above the loop (or shifts the code by a line or two) is still
//! measured in the after profile. When the fix moved the code further, the
//! caller passes the finding re-located in the changed code to
//! [`compare_moved`].
//!
//! Outcomes (thresholds in percent of the before figure at the site):
//! - **Verified**: at least [`MIN_CHANGE_PERCENT`] fewer allocations, or as
//!   many allocations and at least that many fewer bytes — and the whole run
//!   lost at least half of what the site lost (otherwise the allocations only
//!   moved elsewhere, which is reported as NoEffect);
//! - **Worse**: at least [`MIN_CHANGE_PERCENT`] more allocations or bytes;
//! - **NoEffect**: anything else, including a site the before profile never
//!   reached (then the workload does not exercise the finding).
//!
//! This module compares summaries; it reads and runs nothing.

use serde::{Deserialize, Serialize};

use memaudit_model::Finding;

use crate::{ProfileSummary, Site};

/// Lines added on each side of the finding's range when summing sites.
pub const VERIFY_WIDEN: u32 = 3;
/// The smallest change, in percent, that counts as an effect.
pub const MIN_CHANGE_PERCENT: u64 = 10;

/// The figures at a finding's lines in one profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteTotals {
    pub allocations: u64,
    pub bytes: u64,
    pub max_live_bytes: u64,
    /// How many `file:line` sites were summed.
    pub sites: u32,
}

/// The figures of a whole profiled run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RunTotals {
    pub allocations: u64,
    pub bytes: u64,
    pub peak_live_bytes: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Verified,
    NoEffect,
    Worse,
}

/// The result of re-measuring one finding after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Verification {
    pub finding_id: String,
    pub before: SiteTotals,
    pub after: SiteTotals,
    pub whole_run_before: RunTotals,
    pub whole_run_after: RunTotals,
    pub outcome: Outcome,
    /// One sentence for the report, e.g. "allocations at src/lib.rs:10-14
    /// fell from 1000 to 1 (-99.9%)".
    pub detail: String,
}

fn site_totals(sites: &[Site], file: &str, start: u32, end: u32) -> SiteTotals {
    let mut t = SiteTotals::default();
    for s in sites.iter().filter(|s| {
        s.file == file
            && s.line.saturating_add(VERIFY_WIDEN) >= start
            && s.line <= end.saturating_add(VERIFY_WIDEN)
    }) {
        t.allocations = t.allocations.saturating_add(s.total_blocks);
        t.bytes = t.bytes.saturating_add(s.total_bytes);
        t.max_live_bytes = t.max_live_bytes.saturating_add(s.max_live_bytes);
        t.sites = t.sites.saturating_add(1);
    }
    t
}

fn run_totals(s: &ProfileSummary) -> RunTotals {
    RunTotals {
        allocations: s.total_blocks,
        bytes: s.total_bytes,
        peak_live_bytes: s.peak_live_bytes,
    }
}

/// `after` is at least [`MIN_CHANGE_PERCENT`] below `before`.
fn dropped(before: u64, after: u64) -> bool {
    after.saturating_mul(100) <= before.saturating_mul(100 - MIN_CHANGE_PERCENT) && after < before
}

/// `after` is at least [`MIN_CHANGE_PERCENT`] above `before`.
fn rose(before: u64, after: u64) -> bool {
    after.saturating_mul(100) >= before.saturating_mul(100 + MIN_CHANGE_PERCENT) && after > before
}

fn percent(before: u64, after: u64) -> String {
    if before == 0 {
        return "new".to_owned();
    }
    let change = (after as f64 - before as f64) * 100.0 / before as f64;
    format!("{change:+.1}%")
}

/// Compares the finding's lines in two profiles of the same workload.
pub fn compare(before: &ProfileSummary, after: &ProfileSummary, finding: &Finding) -> Verification {
    compare_moved(before, after, finding, finding)
}

/// Like [`compare`], with the finding's location in the changed code given
/// separately (`moved`, e.g. re-located by its fingerprint).
pub fn compare_moved(
    before: &ProfileSummary,
    after: &ProfileSummary,
    finding: &Finding,
    moved: &Finding,
) -> Verification {
    let b = site_totals(
        &before.sites,
        &finding.file,
        finding.line_start,
        finding.line_end,
    );
    let a = site_totals(&after.sites, &moved.file, moved.line_start, moved.line_end);
    let run_b = run_totals(before);
    let run_a = run_totals(after);
    let location = finding.location();
    let (outcome, detail) = if b.allocations == 0 && b.bytes == 0 {
        (
            Outcome::NoEffect,
            format!(
                "the before profile measured no allocation at {location}: this workload does not \
                 exercise the finding, so the fix cannot be verified with it"
            ),
        )
    } else if rose(b.allocations, a.allocations) || rose(b.bytes, a.bytes) {
        (
            Outcome::Worse,
            format!(
                "allocations at {location} rose from {} to {} ({}), bytes from {} to {} ({})",
                b.allocations,
                a.allocations,
                percent(b.allocations, a.allocations),
                b.bytes,
                a.bytes,
                percent(b.bytes, a.bytes)
            ),
        )
    } else if dropped(b.allocations, a.allocations)
        || (a.allocations <= b.allocations && dropped(b.bytes, a.bytes))
    {
        let site_drop = b.allocations - a.allocations;
        let run_drop = run_b.allocations.saturating_sub(run_a.allocations);
        let summary = format!(
            "allocations at {location} fell from {} to {} ({}), bytes from {} to {} ({}); \
             whole run {} → {} allocations",
            b.allocations,
            a.allocations,
            percent(b.allocations, a.allocations),
            b.bytes,
            a.bytes,
            percent(b.bytes, a.bytes),
            run_b.allocations,
            run_a.allocations
        );
        if run_drop.saturating_mul(2) >= site_drop {
            (Outcome::Verified, summary)
        } else {
            (
                Outcome::NoEffect,
                format!("{summary}, so the allocations moved elsewhere instead of going away"),
            )
        }
    } else {
        (
            Outcome::NoEffect,
            format!(
                "allocations at {location} went from {} to {} ({}), less than the {}% that counts",
                b.allocations,
                a.allocations,
                percent(b.allocations, a.allocations),
                MIN_CHANGE_PERCENT
            ),
        )
    };
    Verification {
        finding_id: finding.id.clone(),
        before: b,
        after: a,
        whole_run_before: run_b,
        whole_run_after: run_a,
        outcome,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dhat::Tool;
    use memaudit_model::{
        Category, Confidence, FindingSource, Impact, Priority, Safety, Tradeoffs,
    };

    fn summary(total_blocks: u64, sites: &[(u32, u64)]) -> ProfileSummary {
        ProfileSummary {
            tool: Tool::Valgrind,
            command: "t".to_owned(),
            total_bytes: total_blocks * 16,
            total_blocks,
            peak_live_bytes: Some(100),
            peak_live_blocks: Some(1),
            at_exit_bytes: Some(0),
            program_points: sites.len() as u64,
            unattributed_bytes: 0,
            unattributed_blocks: 0,
            sites: sites
                .iter()
                .map(|&(line, blocks)| Site {
                    file: "src/lib.rs".to_owned(),
                    line,
                    function: "a::f".to_owned(),
                    total_bytes: blocks * 16,
                    total_blocks: blocks,
                    max_live_bytes: 16,
                    max_live_blocks: 1,
                    at_peak_bytes: 0,
                    at_exit_bytes: 0,
                    at_exit_blocks: 0,
                    program_points: 1,
                })
                .collect(),
            functions: Vec::new(),
        }
    }

    fn finding(start: u32, end: u32) -> Finding {
        Finding {
            id: "F-007".to_owned(),
            fingerprint: String::new(),
            category: Category::AllocationLoop,
            file: "src/lib.rs".to_owned(),
            line_start: start,
            line_end: end,
            crate_name: "a".to_owned(),
            priority: Priority::P1,
            item_path: "f".to_owned(),
            confidence: Confidence::High,
            safety: Safety::Safe,
            code: String::new(),
            issue: String::new(),
            proposal: String::new(),
            impact: Impact::default(),
            tradeoffs: Tradeoffs::default(),
            prerequisites: Vec::new(),
            source: FindingSource::Builtin,
            reach: None,
            edit: None,
        }
    }

    fn check(before: ProfileSummary, after: ProfileSummary, f: Finding, expected: Outcome) {
        let v = compare(&before, &after, &f);
        assert_eq!(v.outcome, expected, "{}", v.detail);
    }

    #[test]
    fn outcomes_follow_the_ten_percent_threshold() {
        let f = || finding(20, 22);
        check(
            summary(1200, &[(21, 1000)]),
            summary(201, &[(19, 1)]),
            f(),
            Outcome::Verified,
        );
        check(
            summary(1200, &[(21, 1000)]),
            summary(1150, &[(21, 950)]),
            f(),
            Outcome::NoEffect,
        );
        check(
            summary(1200, &[(21, 1000)]),
            summary(1300, &[(21, 1100)]),
            f(),
            Outcome::Worse,
        );
        check(
            summary(1200, &[(21, 1000)]),
            summary(1200, &[(21, 900)]),
            f(),
            Outcome::NoEffect,
        );
        check(
            summary(200, &[(80, 10)]),
            summary(190, &[]),
            f(),
            Outcome::NoEffect,
        );
    }

    #[test]
    fn a_site_that_only_moved_is_not_verified() {
        let v = compare(
            &summary(1200, &[(21, 1000)]),
            &summary(1200, &[(21, 1), (60, 999)]),
            &finding(20, 22),
        );
        assert_eq!(v.outcome, Outcome::NoEffect, "{}", v.detail);
        assert!(v.detail.contains("moved elsewhere"), "{}", v.detail);
    }

    #[test]
    fn a_relocated_finding_is_measured_where_it_now_is() {
        let before = summary(1200, &[(21, 1000)]);
        let after = summary(210, &[(40, 10)]);
        let plain = compare(&before, &after, &finding(20, 22));
        assert_eq!(
            plain.after.allocations, 0,
            "line 40 is outside 20-22 widened by 3"
        );
        let moved = compare_moved(&before, &after, &finding(20, 22), &finding(39, 41));
        assert_eq!(moved.outcome, Outcome::Verified, "{}", moved.detail);
        assert_eq!(
            (moved.before.allocations, moved.after.allocations),
            (1000, 10)
        );
    }
}
