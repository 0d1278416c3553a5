//! Heap profiles as evidence for a session's findings: profile the workspace
//! (or import a profile the user made), tie the measured allocation sites to
//! the latest round's findings, raise findings for heavy sites nobody
//! reported, and verify a fix by re-running the same workload.
//!
//! [`profile_session`] and [`verify_finding`] **run the audited workspace's
//! code** (its build scripts, proc macros and the profiled target) under
//! valgrind. They are only ever called on the user's explicit request, and
//! they call `announce` with [`run_notice`]'s sentence before anything runs,
//! so no front end can run code silently. [`import_profile`] only reads the
//! file it is given.
//!
//! This module orchestrates memaudit-profile and the store; it must not parse
//! profiles itself, print, or decide how figures are shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use memaudit_model::{
    finding_id, Category, DecisionKind, Finding, FindingState, RoundStatus, Scope, SessionInfo,
};
use memaudit_profile::{
    attribute, compare, measure_findings, parse_file, profile_target_with, unexplained_sites,
    CancelFlag, ProfileError, ProfileRun, ProfileSummary, RunOptions, Site, Threshold, Tool,
    WorkspaceFiles,
};
/// What a profile runs, and what a verification concludes: part of this
/// module's signatures.
pub use memaudit_profile::{Outcome, Target, Verification};
use memaudit_store::profiles::{NewVerification, StoredProfile, IMPORTED_TARGET};
use memaudit_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode};

/// How many allocation sites a profile outcome lists.
pub const TOP_SITES: usize = 10;

/// Why profiling, importing or verifying failed: an API error (session,
/// workspace, store) or a profile error (valgrind missing, build failed,
/// malformed file — each names its file and position).
#[derive(Debug, thiserror::Error)]
pub enum ProfilingError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
}

impl From<memaudit_store::StoreError> for ProfilingError {
    fn from(e: memaudit_store::StoreError) -> Self {
        ProfilingError::Api(ApiError::Store(e))
    }
}

impl ProfilingError {
    /// The stable code front ends branch on. Profiles the user handed in
    /// that cannot be read are invalid input; a missing valgrind, a failed
    /// build or run are I/O-like failures of the environment.
    pub fn code(&self) -> ErrorCode {
        match self {
            ProfilingError::Api(e) => e.code(),
            ProfilingError::Profile(
                ProfileError::Malformed { .. }
                | ProfileError::UnsupportedVersion { .. }
                | ProfileError::UnsupportedMode { .. },
            ) => ErrorCode::InvalidInput,
            ProfilingError::Profile(ProfileError::Cancelled { .. }) => ErrorCode::Cancelled,
            ProfilingError::Profile(_) => ErrorCode::Io,
        }
    }
}

pub type Result<T, E = ProfilingError> = std::result::Result<T, E>;

/// Where a stored profile came from; its JSON is the store's `target` column
/// (an imported profile is the plain text `import`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ProfileSource {
    /// memaudit built and ran this target under valgrind.
    Run { target: Target },
    /// The user made the profile (e.g. with dhat-rs) and imported it.
    Import,
}

impl ProfileSource {
    fn to_column(&self) -> Result<String> {
        match self {
            ProfileSource::Import => Ok(IMPORTED_TARGET.to_owned()),
            ProfileSource::Run { target } => serde_json::to_string(target).map_err(|e| {
                ApiError::Internal(format!("encoding the profile target: {e}")).into()
            }),
        }
    }

    fn from_column(text: &str) -> Result<Self> {
        if text == IMPORTED_TARGET {
            return Ok(ProfileSource::Import);
        }
        serde_json::from_str(text)
            .map(|target| ProfileSource::Run { target })
            .map_err(|e| {
                ApiError::Internal(format!(
                    "stored profile target `{text}` does not decode: {e}"
                ))
                .into()
            })
    }
}

/// One finding's measured figures next to the Analyst's estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasuredFinding {
    pub finding_id: String,
    pub fingerprint: String,
    pub category: Category,
    pub file: String,
    pub line_start: u32,
    pub line_end: u32,
    /// Blocks allocated at the finding's lines in the profiled run.
    pub allocations: u64,
    pub bytes: u64,
    pub max_live_bytes: u64,
    /// Bytes at the finding's lines live at the run's global peak.
    pub at_peak_bytes: u64,
    /// The Analyst's estimate (`impact.allocations_avoided`), per `estimate_unit`.
    pub estimated_allocations: Option<u64>,
    pub estimate_unit: String,
    /// The measured `file:line` sites, heaviest first.
    pub sites: Vec<(String, u32)>,
}

/// What profiling (or importing) produced, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileOutcome {
    pub session: String,
    pub profile_id: i64,
    /// The round whose findings the profile was tied to.
    pub round: u32,
    pub source: ProfileSource,
    /// The raw DHAT file.
    pub profile_path: PathBuf,
    /// Build and run times, for a profile memaudit ran.
    pub run: Option<ProfileRun>,
    pub tool: Tool,
    pub total_blocks: u64,
    pub total_bytes: u64,
    pub peak_live_bytes: Option<u64>,
    /// Blocks allocated by code outside the workspace (std, dependencies, the harness).
    pub unattributed_blocks: u64,
    /// The heaviest workspace sites, by blocks.
    pub top_sites: Vec<Site>,
    pub measured: Vec<MeasuredFinding>,
    /// Findings raised for heavy sites no finding explained, stored as new
    /// findings of `round`.
    pub new_findings: Vec<Finding>,
}

/// What re-measuring a fix produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifyOutcome {
    pub session: String,
    pub finding: Finding,
    pub verification: Verification,
    pub before_profile: i64,
    pub after_profile: i64,
    pub verification_id: i64,
    pub run: ProfileRun,
}

/// The shell command a target builds and runs, e.g. `cargo test -p app --lib`.
pub fn describe_target(target: &Target) -> String {
    let mut words: Vec<String> = vec!["cargo".into()];
    let package = |words: &mut Vec<String>, p: &Option<String>| {
        if let Some(p) = p {
            words.extend(["-p".into(), p.clone()]);
        }
    };
    match target {
        Target::Test {
            package: p,
            test_name,
            filter,
        } => {
            words.extend(["test".into(), "-p".into(), p.clone()]);
            match test_name {
                Some(t) => words.extend(["--test".into(), t.clone()]),
                None => words.push("--lib".into()),
            }
            if let Some(f) = filter {
                words.extend(["--".into(), f.clone()]);
            }
        }
        Target::Bench {
            package: p,
            name,
            args,
        } => {
            words.push("bench".into());
            package(&mut words, p);
            words.extend(["--bench".into(), name.clone()]);
            if !args.is_empty() {
                words.push("--".into());
                words.extend(args.iter().cloned());
            }
        }
        Target::Bin {
            package: p,
            name,
            args,
        } => {
            words.extend(["run".into(), "--release".into()]);
            package(&mut words, p);
            words.extend(["--bin".into(), name.clone()]);
            if !args.is_empty() {
                words.push("--".into());
                words.extend(args.iter().cloned());
            }
        }
    }
    words.join(" ")
}

/// The sentence every front end shows before workspace code runs.
pub fn run_notice(target: &Target, workspace: &str) -> String {
    format!(
        "memaudit profile runs `{}` from {workspace} (the workspace's own code) under valgrind",
        describe_target(target)
    )
}

/// Builds and runs `target` from the session's workspace under valgrind
/// DHAT, then ties the profile to the latest round's findings and stores it
/// (see [`ProfileOutcome`]). **Runs the workspace's code**: call only on the
/// user's explicit request; `announce` receives [`run_notice`]'s sentence
/// right before anything runs.
pub fn profile_session(
    store: &Store,
    session_id: i64,
    target: Target,
    announce: &dyn Fn(&str),
    cancel: &CancelFlag,
) -> Result<ProfileOutcome> {
    let (info, scope, round) = profiled_round(store, session_id)?;
    let root = existing_workspace(&info)?;
    require_valgrind()?;
    let out = profile_file(store, &info, &root)?;
    announce(&run_notice(&target, &info.workspace));
    let run = run_target(&root, &target, &out, cancel)?;
    let summary = attribute(
        &parse_file(&run.profile)?,
        &WorkspaceFiles::from_scope(&scope),
    );
    tie_and_store(
        store,
        &info,
        &scope,
        round,
        ProfileSource::Run { target },
        summary,
        run.profile.clone(),
        Some(run),
    )
}

/// Reads a DHAT profile the user made (valgrind `--tool=dhat`, or dhat-rs's
/// `dhat-heap.json`), ties it to the latest round's findings and stores it,
/// like [`profile_session`] but without running anything.
pub fn import_profile(store: &Store, session_id: i64, path: &Path) -> Result<ProfileOutcome> {
    let (info, scope, round) = profiled_round(store, session_id)?;
    let profile = parse_file(path)?;
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let summary = attribute(&profile, &WorkspaceFiles::from_scope(&scope));
    tie_and_store(
        store,
        &info,
        &scope,
        round,
        ProfileSource::Import,
        summary,
        path,
        None,
    )
}

/// Re-runs the target of the profile that last measured the finding (or of
/// the latest profile), compares the finding's lines and the whole run
/// before and after, and stores the new profile and the verification.
/// **Runs the workspace's code**, announced like [`profile_session`].
pub fn verify_finding(
    store: &Store,
    session_id: i64,
    finding: &str,
    announce: &dyn Fn(&str),
    cancel: &CancelFlag,
) -> Result<VerifyOutcome> {
    let (info, scope, round) = profiled_round(store, session_id)?;
    let wanted = crate::sessions::normalise_finding_id(finding);
    let not_found = || ApiError::FindingNotFound {
        session: info.name.clone(),
        finding: finding.to_owned(),
    };
    let known = store.known_findings(session_id)?;
    let fingerprint = known
        .iter()
        .find(|k| k.id.eq_ignore_ascii_case(&wanted))
        .map(|k| k.fingerprint.clone())
        .ok_or_else(not_found)?;
    let the_finding = latest_snapshot(store, session_id, &fingerprint)?.ok_or_else(not_found)?;

    let before = before_profile(store, session_id, &fingerprint)?.ok_or_else(|| {
        ApiError::RoundState(format!(
            "session {} has no profile to compare with; `memaudit profile {} --test PKG` measures one first",
            info.name, info.name
        ))
    })?;
    let target = match ProfileSource::from_column(&before.target)? {
        ProfileSource::Run { target } => target,
        ProfileSource::Import => {
            return Err(ApiError::InvalidInput(format!(
                "{} was measured by an imported profile, which memaudit cannot re-run; \
                 profile with `memaudit profile {} --test/--bench/--bin` before the fix, \
                 or import a new profile after it",
                the_finding.id, info.name
            ))
            .into())
        }
    };
    let before_summary: ProfileSummary =
        serde_json::from_str(&before.summary_json).map_err(|e| {
            ApiError::Internal(format!("stored profile {} does not decode: {e}", before.id))
        })?;

    let root = existing_workspace(&info)?;
    require_valgrind()?;
    let out = profile_file(store, &info, &root)?;
    announce(&run_notice(&target, &info.workspace));
    let run = run_target(&root, &target, &out, cancel)?;
    let after_summary = attribute(
        &parse_file(&run.profile)?,
        &WorkspaceFiles::from_scope(&scope),
    );
    let verification = compare(&before_summary, &after_summary, &the_finding);
    let after = tie_and_store(
        store,
        &info,
        &scope,
        round,
        ProfileSource::Run { target },
        after_summary,
        run.profile.clone(),
        Some(run.clone()),
    )?;
    let outcome = serde_json::to_value(verification.outcome)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let json = serde_json::to_string(&verification)
        .map_err(|e| ApiError::Internal(format!("encoding the verification: {e}")))?;
    let verification_id = store.save_verification(
        session_id,
        &NewVerification {
            fingerprint: &fingerprint,
            before_profile: Some(before.id),
            after_profile: Some(after.profile_id),
            outcome: &outcome,
            verification_json: &json,
        },
    )?;
    // The report shows verified savings apart from estimates: bring the
    // latest round's report up to date now, not at the next round.
    crate::rounds::recoordinate(store, session_id)?;
    Ok(VerifyOutcome {
        session: info.name,
        finding: the_finding,
        verification,
        before_profile: before.id,
        after_profile: after.profile_id,
        verification_id,
        run,
    })
}

/// Builds and runs the target under valgrind; `cancel` kills the step in
/// progress (nothing is stored then).
fn run_target(root: &Path, target: &Target, out: &Path, cancel: &CancelFlag) -> Result<ProfileRun> {
    let options = RunOptions {
        cancel: cancel.clone(),
        ..RunOptions::default()
    };
    Ok(profile_target_with(root, target.clone(), out, &options)?)
}

/// The session, its stored scope and its latest round, which must have
/// finished (a running round's findings are still being written).
fn profiled_round(store: &Store, session_id: i64) -> Result<(SessionInfo, Scope, u32)> {
    let info = store.session(session_id)?;
    if info.rounds == 0 {
        return Err(ApiError::RoundState(format!(
            "session {} has no round yet; profiles are tied to a round's findings",
            info.name
        ))
        .into());
    }
    if store.round_status(session_id, info.rounds)? == RoundStatus::Running {
        return Err(ApiError::RoundState(format!(
            "round {} of {} is still running; profile it when it has finished",
            info.rounds, info.name
        ))
        .into());
    }
    let scope = store
        .scope(session_id)?
        .ok_or_else(|| ApiError::Internal(format!("session {} has no stored scope", info.name)))?;
    let round = info.rounds;
    Ok((info, scope, round))
}

fn existing_workspace(info: &SessionInfo) -> Result<PathBuf> {
    let root = PathBuf::from(&info.workspace);
    if root.join("Cargo.toml").is_file() {
        Ok(root)
    } else {
        Err(ApiError::WorkspaceMissing {
            session: info.name.clone(),
            path: root,
        }
        .into())
    }
}

/// Fails with the install hint when valgrind cannot run, before the run is
/// announced: a notice that code is about to run must not precede a refusal
/// to run it. (`profile_target` checks again; the check is cheap.)
fn require_valgrind() -> Result<()> {
    match std::process::Command::new("valgrind")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(ProfileError::ValgrindMissing {
            detail: format!("`valgrind --version` exited with {status}"),
        }
        .into()),
        Err(e) => Err(ProfileError::ValgrindMissing {
            detail: format!("`valgrind`: {e}"),
        }
        .into()),
    }
}

/// A fresh file for a profile run: `<root>/target/memaudit-profile/dhat/
/// <session>-NNN.json`, beside the profile build (never in the sources or the
/// session folder, which users commit).
fn profile_file(store: &Store, info: &SessionInfo, root: &Path) -> Result<PathBuf> {
    let dir = root.join("target").join("memaudit-profile").join("dhat");
    std::fs::create_dir_all(&dir)
        .map_err(|e| ApiError::io(format!("creating {}", dir.display()), e))?;
    let mut n = store.profiles(info.id)?.len() + 1;
    loop {
        let path = dir.join(format!("{}-{n:03}.json", info.name));
        if !path.exists() {
            return Ok(path);
        }
        n += 1;
    }
}

/// The findings the profile is tied to: the round's current findings
/// (fixed ones no longer exist in the code).
fn round_findings(store: &Store, session_id: i64, round: u32) -> Result<Vec<Finding>> {
    Ok(store
        .round(session_id, round)?
        .findings
        .into_iter()
        .filter(|r| r.state != FindingState::Fixed)
        .map(|r| r.finding)
        .collect())
}

/// The finding as of the latest round that listed it.
fn latest_snapshot(store: &Store, session_id: i64, fingerprint: &str) -> Result<Option<Finding>> {
    let export = store.load_session(session_id)?;
    Ok(export
        .rounds
        .iter()
        .rev()
        .flat_map(|r| r.findings.iter())
        .find(|r| r.finding.fingerprint == fingerprint)
        .map(|r| r.finding.clone()))
}

/// The newest profile that measured the finding, else the newest profile.
fn before_profile(
    store: &Store,
    session_id: i64,
    fingerprint: &str,
) -> Result<Option<StoredProfile>> {
    let measured = store
        .measurements(session_id)?
        .into_iter()
        .find(|m| m.fingerprint == fingerprint)
        .map(|m| m.profile_id);
    Ok(match measured {
        Some(id) => Some(store.profile(session_id, id)?),
        None => store.latest_profile(session_id)?,
    })
}

#[allow(clippy::too_many_arguments)]
fn tie_and_store(
    store: &Store,
    info: &SessionInfo,
    scope: &Scope,
    round: u32,
    source: ProfileSource,
    summary: ProfileSummary,
    path: PathBuf,
    run: Option<ProfileRun>,
) -> Result<ProfileOutcome> {
    let findings = round_findings(store, info.id, round)?;
    let known = store.known_findings(info.id)?;

    // Heavy sites nobody reported become findings of this round, numbered
    // after every id the session has used. A fingerprint the user rejected
    // is never raised again.
    let rejected: Vec<&str> = known
        .iter()
        .filter(|k| {
            matches!(
                k.decision,
                Some(DecisionKind::RejectFalsePositive | DecisionKind::RejectWontFix)
            )
        })
        .map(|k| k.fingerprint.as_str())
        .collect();
    let mut new_findings: Vec<Finding> =
        unexplained_sites(scope, &findings, &summary.sites, &Threshold::default())
            .into_iter()
            .filter(|f| !rejected.contains(&f.fingerprint.as_str()))
            .collect();
    let mut next = store.next_finding_number(info.id)?;
    for f in &mut new_findings {
        f.id = finding_id(next);
        next = next.saturating_add(1);
    }

    let summary_json = serde_json::to_string(&summary)
        .map_err(|e| ApiError::Internal(format!("encoding the profile summary: {e}")))?;
    let profile_id = store.save_profile(
        info.id,
        round,
        &source.to_column()?,
        &summary_json,
        &path.to_string_lossy(),
    )?;
    if !new_findings.is_empty() {
        let records: Vec<(Finding, FindingState)> = new_findings
            .iter()
            .map(|f| (f.clone(), FindingState::New))
            .collect();
        store.save_findings(info.id, round, &records)?;
        // A fingerprint the session already knew keeps its id.
        let ids: HashMap<String, String> = store
            .known_findings(info.id)?
            .into_iter()
            .map(|k| (k.fingerprint, k.id))
            .collect();
        for f in &mut new_findings {
            if let Some(id) = ids.get(&f.fingerprint) {
                f.id.clone_from(id);
            }
        }
    }

    let all: Vec<Finding> = findings.iter().chain(&new_findings).cloned().collect();
    let by_id: HashMap<&str, &Finding> = all.iter().map(|f| (f.id.as_str(), f)).collect();
    let measured: Vec<MeasuredFinding> = measure_findings(&all, &summary.sites)
        .into_iter()
        .filter_map(|m| {
            let f = by_id.get(m.finding_id.as_str())?;
            Some(MeasuredFinding {
                finding_id: m.finding_id,
                fingerprint: f.fingerprint.clone(),
                category: f.category,
                file: f.file.clone(),
                line_start: f.line_start,
                line_end: f.line_end,
                allocations: m.allocations,
                bytes: m.bytes,
                max_live_bytes: m.max_live_bytes,
                at_peak_bytes: m.at_peak_bytes,
                estimated_allocations: f.impact.allocations_avoided,
                estimate_unit: f.impact.unit.clone(),
                sites: m.sites,
            })
        })
        .collect();
    let rows: Vec<(String, u64, u64, u64, u64)> = measured
        .iter()
        .map(|m| {
            (
                m.fingerprint.clone(),
                m.allocations,
                m.bytes,
                m.max_live_bytes,
                m.at_peak_bytes,
            )
        })
        .collect();
    store.save_measurements(info.id, profile_id, &rows)?;
    // Measurements (and findings raised from them) change the ranking: the
    // latest round's report follows at once.
    crate::rounds::recoordinate(store, info.id)?;

    let mut top_sites = summary.sites.clone();
    top_sites.sort_by(|a, b| {
        b.total_blocks
            .cmp(&a.total_blocks)
            .then(b.total_bytes.cmp(&a.total_bytes))
            .then_with(|| (&a.file, a.line).cmp(&(&b.file, b.line)))
    });
    top_sites.truncate(TOP_SITES);
    Ok(ProfileOutcome {
        session: info.name.clone(),
        profile_id,
        round,
        source,
        profile_path: path,
        run,
        tool: summary.tool,
        total_blocks: summary.total_blocks,
        total_bytes: summary.total_bytes,
        peak_live_bytes: summary.peak_live_bytes,
        unattributed_blocks: summary.unattributed_blocks,
        top_sites,
        measured,
        new_findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(target: Target, expected: &str) {
        assert_eq!(describe_target(&target), expected, "{target:?}");
    }

    #[test]
    fn targets_are_described_as_the_cargo_command_they_run() {
        check(
            Target::Test {
                package: "app".into(),
                test_name: None,
                filter: None,
            },
            "cargo test -p app --lib",
        );
        check(
            Target::Test {
                package: "app".into(),
                test_name: Some("io".into()),
                filter: Some("big".into()),
            },
            "cargo test -p app --test io -- big",
        );
        check(
            Target::Bench {
                package: None,
                name: "parse".into(),
                args: vec!["--quick".into()],
            },
            "cargo bench --bench parse -- --quick",
        );
        check(
            Target::Bin {
                package: Some("cli".into()),
                name: "tool".into(),
                args: Vec::new(),
            },
            "cargo run --release -p cli --bin tool",
        );
    }

    #[test]
    fn sources_round_trip_through_the_target_column() {
        for source in [
            ProfileSource::Import,
            ProfileSource::Run {
                target: Target::Test {
                    package: "app".into(),
                    test_name: None,
                    filter: None,
                },
            },
        ] {
            let column = source.to_column().unwrap();
            assert_eq!(
                ProfileSource::from_column(&column).unwrap(),
                source,
                "{column}"
            );
        }
        assert_eq!(
            ProfileSource::Import.to_column().unwrap(),
            "import",
            "the store's spelling"
        );
    }
}
