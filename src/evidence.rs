//! Attaches the evidence behind each finding — what heap profiles measured
//! at its lines, the latest verification of its fix, the compiler's check of
//! its edit — to a loaded session, so that every way a session leaves
//! memaudit (markdown, JSON and SARIF exports, `report.md`, `show --format
//! json`) carries it.
//!
//! Read-only: it decodes what the store kept ([`crate::profiles`] and
//! [`crate::checks`] make it) and never runs or measures anything. Figures
//! nobody measured stay `None`, with the reason where there is one.

use std::collections::HashMap;
use std::path::Path;

use memaudit_model::{
    Evidence, FindingRecord, FindingState, Measured, RoundRecord, RunFigures, SessionExport,
    SiteFigures, StoredFixCheck, VerificationEvidence, Workload,
};
use memaudit_profile::{ProfileSummary, RunTotals, SiteTotals, Target, Verification};
use memaudit_review::coordinator::ProfileEvidence;
use memaudit_store::profiles::{StoredMeasurement, StoredProfile, IMPORTED_TARGET};
use memaudit_store::Store;

use crate::error::{ApiError, Result};
use crate::profiles::describe_target;

/// A profile as evidence: its workload and whole-run totals.
struct ProfileFacts {
    round: u32,
    workload: Workload,
    run: RunFigures,
}

/// Everything the store holds about a session's findings beyond the
/// findings themselves, keyed by fingerprint.
pub struct SessionEvidence {
    profiles: HashMap<i64, ProfileFacts>,
    newest_profile: Option<i64>,
    measurements: HashMap<String, StoredMeasurement>,
    verifications: HashMap<String, VerificationEvidence>,
    checks: HashMap<String, StoredFixCheck>,
}

impl SessionEvidence {
    /// Reads the session's profiles, measurements, verifications and fix
    /// checks.
    pub fn load(store: &Store, session_id: i64) -> Result<SessionEvidence> {
        let mut profiles = HashMap::new();
        for p in store.profiles(session_id)? {
            profiles.insert(p.id, profile_facts(&p)?);
        }
        let newest_profile = profiles.keys().copied().max();
        let measurements = store
            .latest_measurements(session_id)?
            .into_iter()
            .map(|m| (m.fingerprint.clone(), m))
            .collect();
        let mut verifications = HashMap::new();
        // Oldest first: the last one per finding is the current one.
        for v in store.verifications(session_id)? {
            let decoded: Verification =
                serde_json::from_str(&v.verification_json).map_err(|e| {
                    ApiError::Internal(format!("stored verification {} does not decode: {e}", v.id))
                })?;
            let live_before = v
                .before_profile
                .and_then(|id| profiles.get(&id))
                .map_or(decoded.whole_run_before.peak_live_bytes.is_some(), |p| {
                    p.run.peak_live_bytes.is_some()
                });
            let live_after = v
                .after_profile
                .and_then(|id| profiles.get(&id))
                .map_or(decoded.whole_run_after.peak_live_bytes.is_some(), |p| {
                    p.run.peak_live_bytes.is_some()
                });
            verifications.insert(
                v.fingerprint.clone(),
                VerificationEvidence {
                    outcome: v.outcome,
                    site_before: site_figures(decoded.before, live_before),
                    site_after: site_figures(decoded.after, live_after),
                    run_before: run_figures(decoded.whole_run_before),
                    run_after: run_figures(decoded.whole_run_after),
                    detail: decoded.detail,
                    before_profile: v.before_profile,
                    after_profile: v.after_profile,
                    verified_at: v.created_at,
                },
            );
        }
        let checks = store
            .latest_fix_checks(session_id)?
            .into_iter()
            .map(|c| (c.check.fingerprint.clone(), c))
            .collect();
        Ok(SessionEvidence {
            profiles,
            newest_profile,
            measurements,
            verifications,
            checks,
        })
    }

    /// The evidence for one finding as it stands in round `round`.
    pub fn for_record(&self, round: u32, record: &FindingRecord) -> Evidence {
        let fingerprint = &record.finding.fingerprint;
        let measured = self.measurements.get(fingerprint).and_then(|m| {
            let p = self.profiles.get(&m.profile_id)?;
            Some(Measured {
                workload: p.workload.clone(),
                site: SiteFigures {
                    allocations: m.allocations,
                    bytes: m.bytes,
                    max_live_bytes: max_live(
                        p.run.peak_live_bytes.is_some(),
                        m.allocations,
                        m.max_live_bytes,
                    ),
                },
                run: p.run,
            })
        });
        let unmeasured = match (&measured, self.newest_profile) {
            (Some(_), _) => None,
            (None, None) => Some(
                "no heap profile of this session yet; `memaudit profile` measures one".to_owned(),
            ),
            (None, Some(id)) => {
                let p = &self.profiles[&id];
                Some(if round > p.round && record.state == FindingState::New {
                    format!(
                            "raised after the newest profile (#{id}, `{}`); profile again to measure it",
                            p.workload.command
                        )
                } else {
                    format!(
                        "the profiled workload (#{id}, `{}`) allocated nothing at these lines",
                        p.workload.command
                    )
                })
            }
        };
        Evidence {
            measured,
            unmeasured,
            verification: self.verifications.get(fingerprint).cloned(),
            fix_check: self.checks.get(fingerprint).cloned(),
        }
    }

    /// Attaches evidence to every finding of one round.
    pub fn attach_round(&self, round: &mut RoundRecord) {
        let number = round.number;
        for record in &mut round.findings {
            record.evidence = Some(self.for_record(number, record));
        }
    }

    /// Attaches evidence to every finding of every round of `export`.
    pub fn attach(&self, export: &mut SessionExport) {
        for round in &mut export.rounds {
            self.attach_round(round);
        }
    }
}

/// The session's newest profile with what it measured at each finding's
/// lines, for the Coordinator's measured figures.
pub fn newest_profile(store: &Store, session_id: i64) -> Result<Option<ProfileEvidence>> {
    let Some(p) = store.latest_profile(session_id)? else {
        return Ok(None);
    };
    let facts = profile_facts(&p)?;
    let live = facts.run.peak_live_bytes.is_some();
    let (mut sites, mut at_peak) = (HashMap::new(), HashMap::new());
    for m in store
        .measurements(session_id)?
        .into_iter()
        .filter(|m| m.profile_id == p.id)
    {
        // Rows stored before the peak share was kept leave it unknown.
        if let Some(b) = m.at_peak_bytes.filter(|_| live) {
            at_peak.insert(m.fingerprint.clone(), b);
        }
        let figures = SiteFigures {
            allocations: m.allocations,
            bytes: m.bytes,
            max_live_bytes: max_live(live, m.allocations, m.max_live_bytes),
        };
        sites.insert(m.fingerprint, figures);
    }
    Ok(Some(ProfileEvidence {
        workload: facts.workload,
        run: facts.run,
        sites,
        at_peak,
    }))
}

/// Loads a session with the evidence attached to each finding: what every
/// export and `show` renders.
pub fn load_session(store: &Store, session_id: i64) -> Result<SessionExport> {
    let mut export = store.load_session(session_id)?;
    SessionEvidence::load(store, session_id)?.attach(&mut export);
    Ok(export)
}

fn profile_facts(p: &StoredProfile) -> Result<ProfileFacts> {
    let summary: ProfileSummary = serde_json::from_str(&p.summary_json)
        .map_err(|e| ApiError::Internal(format!("stored profile {} does not decode: {e}", p.id)))?;
    let command = if p.target == IMPORTED_TARGET {
        // The file name only: exports never carry an absolute path.
        let name = Path::new(&p.path)
            .file_name()
            .map_or_else(|| "profile".into(), |n| n.to_string_lossy());
        format!("imported {name}")
    } else {
        let target: Target = serde_json::from_str(&p.target).map_err(|e| {
            ApiError::Internal(format!(
                "stored target of profile {} does not decode: {e}",
                p.id
            ))
        })?;
        describe_target(&target)
    };
    Ok(ProfileFacts {
        round: p.round,
        workload: Workload {
            profile_id: p.id,
            command,
            measured_at: p.created_at.clone(),
        },
        run: RunFigures {
            allocations: summary.total_blocks,
            bytes: summary.total_bytes,
            peak_live_bytes: summary.peak_live_bytes,
        },
    })
}

/// A site's live bytes are known only when its profile records live
/// figures at all (DHAT's `mb`/`gb`, which come together): otherwise the
/// sum is a zero nobody measured.
fn site_figures(t: SiteTotals, live_known: bool) -> SiteFigures {
    SiteFigures {
        allocations: t.allocations,
        bytes: t.bytes,
        max_live_bytes: max_live(live_known, t.allocations, t.max_live_bytes),
    }
}

/// A site's live maximum when the profile recorded one. Valgrind's DHAT can
/// write `mb: 0` for a program point whose blocks were certainly live (the
/// fixture's 1,000 16-byte strings: `tbk` 1000, `mb` 0), so 0 for lines that
/// did allocate means "not recorded", not "nothing was live".
fn max_live(live_known: bool, allocations: u64, max_live_bytes: u64) -> Option<u64> {
    (live_known && (max_live_bytes > 0 || allocations == 0)).then_some(max_live_bytes)
}

fn run_figures(t: RunTotals) -> RunFigures {
    RunFigures {
        allocations: t.allocations,
        bytes: t.bytes,
        peak_live_bytes: t.peak_live_bytes,
    }
}
