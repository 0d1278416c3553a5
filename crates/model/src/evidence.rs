//! What stands behind a finding beyond the Analyst's estimate: the
//! allocations a heap profile measured at its lines (with the workload that
//! measured them), the latest re-measurement of its fix, and the compiler's
//! check of its edit.
//!
//! Plain data, attached to each [`FindingRecord`](crate::FindingRecord) by
//! the API layer when a session leaves memaudit (exports, `show --format
//! json`), so that the evidence travels with the report. A figure nobody
//! measured is `None` — JSON `null` — never `0`: zero allocations is a claim,
//! missing data is not.

use serde::{Deserialize, Serialize};

use crate::StoredFixCheck;

/// The evidence for one finding; every part is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Evidence {
    /// What the session's newest profile that reached the finding's lines
    /// measured there.
    pub measured: Option<Measured>,
    /// Why `measured` is `None`: no profile of the session yet, or the
    /// profiled workload never allocated at these lines. `None` when
    /// measured.
    pub unmeasured: Option<String>,
    /// The latest re-measurement of a fix (`memaudit verify`).
    pub verification: Option<VerificationEvidence>,
    /// The latest compiler check of the finding's edit (`memaudit check`),
    /// with the edit that was checked.
    pub fix_check: Option<StoredFixCheck>,
}

/// A profiled run: what ran, and when the profile was stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Workload {
    pub profile_id: i64,
    /// The command memaudit profiled (`cargo test -p csv --test bench -- big`),
    /// or `imported <file name>` for a profile the user made.
    pub command: String,
    /// RFC 3339 UTC.
    pub measured_at: String,
}

/// Allocation figures at a finding's lines in one profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteFigures {
    /// Heap blocks allocated there over the whole run.
    pub allocations: u64,
    pub bytes: u64,
    /// Bytes live at the sites' own maxima (an upper bound); `None` when the
    /// profile records no live-bytes figures.
    pub max_live_bytes: Option<u64>,
}

/// Totals of a whole profiled run: the scale a site's figures are read
/// against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RunFigures {
    pub allocations: u64,
    pub bytes: u64,
    /// Bytes live at the run's global peak; `None` when the profile records
    /// no live-bytes figures.
    pub peak_live_bytes: Option<u64>,
}

/// What a heap profile measured at a finding's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Measured {
    pub workload: Workload,
    pub site: SiteFigures,
    pub run: RunFigures,
}

/// A fix re-measured: the same workload before and after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VerificationEvidence {
    /// `verified`, `no_effect` or `worse`.
    pub outcome: String,
    /// The finding's lines (widened by a few lines) before and after.
    pub site_before: SiteFigures,
    pub site_after: SiteFigures,
    pub run_before: RunFigures,
    pub run_after: RunFigures,
    /// One sentence, e.g. "allocations at src/lib.rs:10-14 fell from 1000
    /// to 1 (-99.9%)".
    pub detail: String,
    /// The profiles compared, when they were stored.
    pub before_profile: Option<i64>,
    pub after_profile: Option<i64>,
    /// RFC 3339 UTC.
    pub verified_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_figures_are_null_not_zero() {
        let e = Evidence {
            measured: Some(Measured {
                workload: Workload {
                    profile_id: 1,
                    command: "cargo test -p a".into(),
                    measured_at: "2026-01-01T00:00:00Z".into(),
                },
                site: SiteFigures {
                    allocations: 10,
                    bytes: 80,
                    max_live_bytes: None,
                },
                run: RunFigures {
                    allocations: 100,
                    bytes: 800,
                    peak_live_bytes: None,
                },
            }),
            ..Evidence::default()
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json["measured"]["site"]["max_live_bytes"],
            serde_json::Value::Null
        );
        assert_eq!(
            json["measured"]["run"]["peak_live_bytes"],
            serde_json::Value::Null
        );
        assert_eq!(
            json["verification"],
            serde_json::Value::Null,
            "always present"
        );
        assert_eq!(json["fix_check"], serde_json::Value::Null, "always present");
        let back: Evidence = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }
}
