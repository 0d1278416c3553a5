//! What front ends show of heap profiles: a finding's page with its measured
//! figures and latest verification, and a session's profile view (stored
//! profiles and their top allocation sites, each with its crate and the
//! finding that covers it).
//!
//! Read-only: profiles are made and verified by [`crate::profiles`]; this
//! module decodes what the store kept and shapes it for a screen.

use std::collections::HashMap;

use memaudit_model::{FindingRecord, FindingState, Scope};
use memaudit_profile::{ProfileSummary, Target, Tool, Verification};
use memaudit_store::profiles::{StoredProfile, IMPORTED_TARGET};
use memaudit_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Result};
use crate::profiles::{describe_target, ProfileOutcome};

/// How many allocation sites a profile view lists (the heaviest first).
pub const VIEW_SITES: usize = 200;

/// A finding as its page shows it: the whole record, plus what heap
/// profiles measured at its lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FindingPage {
    pub round: u32,
    pub record: FindingRecord,
    /// The newest profile's figures inside the finding's lines.
    pub measured: Option<MeasuredImpact>,
    /// The latest re-measurement after a fix (before/after).
    pub verification: Option<VerificationView>,
    /// Whether the session has a profile that `verify` can re-run (a run
    /// target, not an imported file): the Verify button's condition.
    pub can_verify: bool,
}

/// Allocations a profile measured inside one finding's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeasuredImpact {
    pub profile_id: i64,
    pub allocations: u64,
    pub bytes: u64,
    /// `None` when the profile did not record it: no live figures at all,
    /// or valgrind's DHAT writing 0 for lines that did allocate (a measured
    /// finding always allocated, so 0 is never a real maximum here).
    pub max_live_bytes: Option<u64>,
    pub measured_at: String,
}

/// A stored verification of a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VerificationView {
    pub verification: Verification,
    pub verified_at: String,
}

/// One stored profile in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProfileListing {
    pub id: i64,
    pub round: u32,
    /// The cargo command that was profiled, or `imported <file>`.
    pub source: String,
    /// The target to run again, `None` for an imported profile.
    pub target: Option<Target>,
    pub tool: Tool,
    pub created_at: String,
    pub total_blocks: u64,
    pub total_bytes: u64,
    pub peak_live_bytes: Option<u64>,
    pub unattributed_blocks: u64,
    pub unattributed_bytes: u64,
}

/// One allocation site of a profile, with where it sits in the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteRow {
    pub file: String,
    pub line: u32,
    pub function: String,
    /// The crate whose files include this one (empty when the scope does
    /// not list the file).
    #[serde(rename = "crate")]
    pub crate_name: String,
    pub total_blocks: u64,
    pub total_bytes: u64,
    pub max_live_bytes: u64,
    /// The finding of the profile's round whose lines hold this site.
    pub finding_id: Option<String>,
}

/// A session's profiles and one of them in detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProfileView {
    /// Newest first.
    pub profiles: Vec<ProfileListing>,
    /// The profile `sites` belong to (the newest unless another was asked for).
    pub selected: Option<i64>,
    /// Its heaviest sites by bytes, at most [`VIEW_SITES`].
    pub sites: Vec<SiteRow>,
    /// How many sites the profile has in all.
    pub site_count: u32,
}

/// What the app reports after a profile was made or imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ProfileSummaryView {
    pub profile_id: i64,
    pub round: u32,
    pub total_blocks: u64,
    pub total_bytes: u64,
    pub peak_live_bytes: Option<u64>,
    /// Findings of the round with measured allocations at their lines.
    pub measured_findings: u32,
    /// Ids of the findings raised for heavy sites no finding explained.
    pub new_findings: Vec<String>,
}

impl From<&ProfileOutcome> for ProfileSummaryView {
    fn from(o: &ProfileOutcome) -> Self {
        ProfileSummaryView {
            profile_id: o.profile_id,
            round: o.round,
            total_blocks: o.total_blocks,
            total_bytes: o.total_bytes,
            peak_live_bytes: o.peak_live_bytes,
            measured_findings: u32::try_from(o.measured.len()).unwrap_or(u32::MAX),
            new_findings: o.new_findings.iter().map(|f| f.id.clone()).collect(),
        }
    }
}

/// One finding of one round with its measurements (see [`FindingPage`]).
pub fn finding_page(
    store: &Store,
    session_id: i64,
    round: u32,
    finding_id: &str,
) -> Result<FindingPage> {
    let record = crate::sessions::finding(store, session_id, round, finding_id)?;
    let fingerprint = &record.finding.fingerprint;
    let measured = store
        .finding_measurement(session_id, fingerprint)?
        .map(|m| MeasuredImpact {
            profile_id: m.profile_id,
            allocations: m.allocations,
            bytes: m.bytes,
            max_live_bytes: (m.max_live_bytes > 0).then_some(m.max_live_bytes),
            measured_at: m.created_at,
        });
    let verification = match store.finding_verification(session_id, fingerprint)? {
        Some(v) => Some(VerificationView {
            verification: serde_json::from_str(&v.verification_json).map_err(|e| {
                ApiError::Internal(format!("stored verification {} does not decode: {e}", v.id))
            })?,
            verified_at: v.created_at,
        }),
        None => None,
    };
    let can_verify = store.has_rerunnable_profile(session_id)?;
    Ok(FindingPage {
        round,
        record,
        measured,
        verification,
        can_verify,
    })
}

/// The session's profiles, and the sites of `profile_id` (or of the newest).
pub fn profile_view(
    store: &Store,
    session_id: i64,
    profile_id: Option<i64>,
) -> Result<ProfileView> {
    let stored = store.profiles(session_id)?;
    let mut listings = Vec::with_capacity(stored.len());
    let mut chosen: Option<(&StoredProfile, ProfileSummary)> = None;
    let want = profile_id.or_else(|| stored.iter().map(|p| p.id).max());
    for p in &stored {
        let summary = decode_summary(p)?;
        let target = decode_target(p)?;
        listings.push(ProfileListing {
            id: p.id,
            round: p.round,
            source: match &target {
                Some(t) => describe_target(t),
                None => format!("imported {}", p.path),
            },
            target,
            tool: summary.tool,
            created_at: p.created_at.clone(),
            total_blocks: summary.total_blocks,
            total_bytes: summary.total_bytes,
            peak_live_bytes: summary.peak_live_bytes,
            unattributed_blocks: summary.unattributed_blocks,
            unattributed_bytes: summary.unattributed_bytes,
        });
        if Some(p.id) == want {
            chosen = Some((p, summary));
        }
    }
    listings.sort_by_key(|l| std::cmp::Reverse(l.id));
    if let (Some(id), None) = (profile_id, &chosen) {
        return Err(ApiError::InvalidInput(format!(
            "session {session_id} has no profile {id}"
        )));
    }
    let Some((profile, summary)) = chosen else {
        return Ok(ProfileView {
            profiles: listings,
            selected: None,
            sites: Vec::new(),
            site_count: 0,
        });
    };

    let scope = store.scope(session_id)?;
    let crate_of = crate_by_file(scope.as_ref());
    let findings = store.round(session_id, profile.round)?.findings;
    let mut by_file: HashMap<&str, Vec<(u32, u32, &str)>> = HashMap::new();
    for r in findings.iter().filter(|r| r.state != FindingState::Fixed) {
        by_file.entry(r.finding.file.as_str()).or_default().push((
            r.finding.line_start,
            r.finding.line_end,
            r.finding.id.as_str(),
        ));
    }
    let site_count = u32::try_from(summary.sites.len()).unwrap_or(u32::MAX);
    let sites = summary
        .sites
        .into_iter()
        .take(VIEW_SITES)
        .map(|s| {
            let finding_id = by_file.get(s.file.as_str()).and_then(|spans| {
                spans
                    .iter()
                    .find(|(a, b, _)| (*a..=*b).contains(&s.line))
                    .map(|(_, _, id)| (*id).to_owned())
            });
            SiteRow {
                crate_name: crate_of.get(s.file.as_str()).cloned().unwrap_or_default(),
                finding_id,
                file: s.file,
                line: s.line,
                function: s.function,
                total_blocks: s.total_blocks,
                total_bytes: s.total_bytes,
                max_live_bytes: s.max_live_bytes,
            }
        })
        .collect();
    Ok(ProfileView {
        profiles: listings,
        selected: Some(profile.id),
        sites,
        site_count,
    })
}

fn decode_summary(p: &StoredProfile) -> Result<ProfileSummary> {
    serde_json::from_str(&p.summary_json)
        .map_err(|e| ApiError::Internal(format!("stored profile {} does not decode: {e}", p.id)))
}

fn decode_target(p: &StoredProfile) -> Result<Option<Target>> {
    if p.target == IMPORTED_TARGET {
        return Ok(None);
    }
    serde_json::from_str(&p.target).map(Some).map_err(|e| {
        ApiError::Internal(format!(
            "stored target of profile {} does not decode: {e}",
            p.id
        ))
    })
}

fn crate_by_file(scope: Option<&Scope>) -> HashMap<&str, String> {
    let mut out = HashMap::new();
    for c in scope.iter().flat_map(|s| s.crates.iter()) {
        for f in &c.files {
            out.insert(f.path.as_str(), c.name.clone());
        }
    }
    out
}
