//! Fixes the compiler has checked, and applying them: check a round's edits
//! (`memaudit check`, `--check-fixes`, the app's "Check fixes"), let the
//! result overrule the verdicts, write a checked edit into the workspace on
//! request (`memaudit apply`, "Apply fix") and undo it.
//!
//! [`check_fixes`] **builds the audited workspace** — its build scripts and
//! proc macros run, and its tests with `tests` — in a scratch copy under
//! memaudit's cache. It is only called on the user's explicit request and
//! calls `announce` with [`run_notice`]'s sentence before anything runs.
//! [`apply_fix`] and [`undo_fix`] write the user's files, and only after
//! checking that each file is byte-for-byte what the check saw (apply) or
//! what the fix wrote (undo); otherwise they refuse and say why.
//!
//! This module orchestrates memaudit-check, memaudit-review's `checked`
//! rules and the store; it must not parse cargo output, decide verdicts or
//! print.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use memaudit_check::{CancelFlag, Candidate, CheckError, CheckEvent, CheckOptions};
use memaudit_model::{
    AppliedFile, Edit, Finding, FindingRecord, FindingState, FixApplication, FixCheck, FixStatus,
    RoundStatus, SessionInfo, StoredFixCheck, Validation, Verdict,
};
use memaudit_store::Store;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode};

/// The environment variable that overrides memaudit's cache folder.
pub const CACHE_ENV: &str = "MEMAUDIT_CACHE";

/// `MEMAUDIT_CACHE` if set, else `<cache dir>/memaudit` (`~/.cache` on
/// Linux): where scratch copies and their build caches live.
pub fn cache_root() -> PathBuf {
    std::env::var_os(CACHE_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::cache_dir()
                .unwrap_or_else(std::env::temp_dir)
                .join("memaudit")
        })
}

/// Why checking, applying or undoing failed.
#[derive(Debug, thiserror::Error)]
pub enum ChecksError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Check(#[from] CheckError),
    /// Applying or undoing was refused; the message says why and what to do.
    #[error("{0}")]
    Refused(String),
}

impl From<memaudit_store::StoreError> for ChecksError {
    fn from(e: memaudit_store::StoreError) -> Self {
        ChecksError::Api(ApiError::Store(e))
    }
}

impl ChecksError {
    /// The stable code front ends branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            ChecksError::Api(e) => e.code(),
            ChecksError::Check(CheckError::Cancelled) => ErrorCode::Cancelled,
            ChecksError::Check(CheckError::NotAWorkspace { .. }) => ErrorCode::WorkspaceMissing,
            ChecksError::Check(CheckError::Busy { .. }) => ErrorCode::RoundState,
            ChecksError::Check(_) => ErrorCode::Io,
            ChecksError::Refused(_) => ErrorCode::InvalidInput,
        }
    }
}

pub type Result<T, E = ChecksError> = std::result::Result<T, E>;

/// What to check.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckRequest {
    /// Finding ids (`F-003`, `3`); empty means every current finding of the
    /// latest round that has an edit and is neither rejected by the
    /// Validator nor by the user.
    #[serde(default)]
    pub findings: Vec<String>,
    /// Also run the affected packages' tests with the compiling edits.
    #[serde(default)]
    pub tests: bool,
    /// Pass `--offline` to cargo.
    #[serde(default)]
    pub offline: bool,
}

/// Progress of a check, as front ends show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type")]
pub enum CheckProgress {
    /// The scratch copy is ready.
    Copied { linked: u64, copied: u64 },
    /// The workspace as it is is being built.
    Baseline { packages: Vec<String> },
    /// A build of `edits` edits started; `resolved` of `total` are known.
    Building {
        packages: Vec<String>,
        edits: u32,
        resolved: u32,
        total: u32,
    },
    /// One edit's result is known.
    Checked {
        finding_id: String,
        status: FixStatus,
        resolved: u32,
        total: u32,
    },
    /// Tests run with `edits` compiling edits applied.
    Testing { packages: Vec<String>, edits: u32 },
}

impl From<CheckEvent> for CheckProgress {
    fn from(e: CheckEvent) -> Self {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        match e {
            CheckEvent::Copied { linked, copied, .. } => CheckProgress::Copied { linked, copied },
            CheckEvent::Baseline { packages } => CheckProgress::Baseline { packages },
            CheckEvent::Building {
                packages,
                edits,
                resolved,
                total,
            } => CheckProgress::Building {
                packages,
                edits: n(edits),
                resolved: n(resolved),
                total: n(total),
            },
            CheckEvent::Checked {
                finding_id,
                status,
                resolved,
                total,
            } => CheckProgress::Checked {
                finding_id,
                status,
                resolved: n(resolved),
                total: n(total),
            },
            CheckEvent::Testing { packages, edits } => CheckProgress::Testing {
                packages,
                edits: n(edits),
            },
        }
    }
}

/// A verdict the compiler changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct VerdictChange {
    pub finding_id: String,
    pub before: Verdict,
    pub after: Verdict,
}

/// Figures of one check run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckFigures {
    pub edits: u32,
    pub builds: u32,
    pub test_runs: u32,
    pub duration_ms: u64,
    pub baseline_ms: u64,
    pub scratch_peak_bytes: u64,
    pub cache_bytes: u64,
}

/// What a check run stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckOutcome {
    pub session: String,
    pub round: u32,
    pub checks: Vec<StoredFixCheck>,
    /// Current findings whose proposal is a design change: nothing to check.
    pub not_checkable: Vec<String>,
    pub verdicts: Vec<VerdictChange>,
    pub figures: CheckFigures,
    pub warnings: Vec<String>,
}

/// The sentence every front end shows before the workspace is built.
pub fn run_notice(workspace: &str, tests: bool) -> String {
    format!(
        "memaudit check builds {workspace} in a scratch copy under {} with `cargo check`{}: the workspace's build scripts and proc macros run{}. Your files are not changed.",
        cache_root().display(),
        if tests { " and `cargo test`" } else { "" },
        if tests { ", and so do its tests" } else { "" }
    )
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

/// A workspace file's text, refusing paths that leave the workspace.
fn read_file(root: &Path, file: &str) -> Option<String> {
    let rel = Path::new(file);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    std::fs::read_to_string(root.join(rel)).ok()
}

/// The edit of a finding: its own, or one computed now from the current
/// file for a finding that has none (an LLM Analyst's).
fn edit_of(root: &Path, finding: &Finding) -> Option<Edit> {
    if let Some(e) = &finding.edit {
        return Some(e.clone());
    }
    let source = read_file(root, &finding.file)?;
    memaudit_analysis::edits::edit_for(&finding.file, &source, finding)
}

fn latest_finished_round(store: &Store, info: &SessionInfo) -> Result<u32> {
    if info.rounds == 0 {
        return Err(ApiError::RoundState(format!("session {} has no round yet", info.name)).into());
    }
    let status = store.round_status(info.id, info.rounds)?;
    if !matches!(status, RoundStatus::AwaitingDecision | RoundStatus::Decided) {
        return Err(ApiError::RoundState(format!(
            "round {} of {} is {}: check its fixes once it has finished",
            info.rounds,
            info.name,
            status.as_str().replace('_', " ")
        ))
        .into());
    }
    Ok(info.rounds)
}

/// Checks the latest round's edits with the compiler, stores the results,
/// lets them overrule the verdicts (see `memaudit_review::checked`), re-runs
/// the Coordinator and re-renders the session files. **Builds the
/// workspace** (see the module docs); `announce` gets [`run_notice`]'s
/// sentence first.
pub fn check_fixes(
    store: &Store,
    session_id: i64,
    request: &CheckRequest,
    announce: &dyn Fn(&str),
    progress: &dyn Fn(CheckProgress),
    cancel: &CancelFlag,
) -> Result<CheckOutcome> {
    let info = store.session(session_id)?;
    let root = existing_workspace(&info)?;
    let round = latest_finished_round(store, &info)?;
    let record = store.round(session_id, round)?;
    let named: Vec<String> = request
        .findings
        .iter()
        .map(|f| crate::sessions::normalise_finding_id(f))
        .collect();
    for id in &named {
        if !record.findings.iter().any(|r| &r.finding.id == id) {
            return Err(ApiError::FindingNotFound {
                session: info.name.clone(),
                finding: id.clone(),
            }
            .into());
        }
    }
    let mut bases: HashMap<String, Option<Validation>> = HashMap::new();
    let mut candidates = Vec::new();
    let mut not_checkable = Vec::new();
    for r in &record.findings {
        let current = matches!(r.state, FindingState::New | FindingState::Persisting);
        let chosen = if named.is_empty() {
            current && !rejected(store, session_id, round, r)?
        } else {
            named.contains(&r.finding.id)
        };
        if !chosen {
            continue;
        }
        match edit_of(&root, &r.finding) {
            Some(edit) => {
                candidates.push(Candidate {
                    finding_id: r.finding.id.clone(),
                    fingerprint: r.finding.fingerprint.clone(),
                    edit,
                });
            }
            None => not_checkable.push(r.finding.id.clone()),
        }
    }
    if candidates.is_empty() && !named.is_empty() {
        return Err(ChecksError::Refused(format!(
            "{}: the proposal is a design change, not an edit; there is nothing for the compiler to check",
            not_checkable.join(", ")
        )));
    }
    let cache = memaudit_check::workspace_cache(&cache_root(), &root);
    let mut opts = CheckOptions::new(cache);
    opts.run_tests = request.tests;
    opts.offline = request.offline;
    opts.cancel = cancel.clone();
    let mut run = memaudit_check::CheckRun {
        checks: Vec::new(),
        stats: Default::default(),
        warnings: Vec::new(),
    };
    if !candidates.is_empty() {
        announce(&run_notice(&info.workspace, request.tests));
        run = memaudit_check::check_edits(&root, &candidates, &opts, &|e| {
            progress(CheckProgress::from(e))
        })?;
    }

    // Each check starts from the validation the round had before any check.
    let by_fp: HashMap<&str, &FindingRecord> = record
        .findings
        .iter()
        .map(|r| (r.finding.fingerprint.as_str(), r))
        .collect();
    let mut rows = Vec::with_capacity(run.checks.len());
    let mut changed = Vec::new();
    let mut verdicts = Vec::new();
    for c in &run.checks {
        let Some(r) = by_fp.get(c.fingerprint.as_str()) else {
            continue;
        };
        let base = match bases.get(&c.fingerprint) {
            Some(b) => b.clone(),
            None => store
                .validation_before_checks(session_id, round, &c.fingerprint)?
                .or_else(|| r.validation.clone()),
        };
        if let Some(b) = &base {
            let mut v = b.clone();
            memaudit_review::checked::apply_check(&mut v, &r.finding, c);
            let shown = r.validation.as_ref().map(|v| v.verdict);
            if shown != Some(v.verdict) {
                verdicts.push(VerdictChange {
                    finding_id: c.finding_id.clone(),
                    before: shown.unwrap_or(b.verdict),
                    after: v.verdict,
                });
            }
            if r.validation.as_ref() != Some(&v) {
                changed.push(v);
            }
        }
        bases.insert(c.fingerprint.clone(), base.clone());
        rows.push((c.clone(), base));
    }
    let ids = store.save_fix_checks(session_id, round, &rows)?;
    if !changed.is_empty() {
        store.save_validations(session_id, round, &changed)?;
    }
    let mut warnings = run.warnings;
    if !changed.is_empty() {
        match crate::rounds::recoordinate(store, session_id) {
            Ok(report) => {
                if let Err(e) = annotate_report(store, session_id, round, report) {
                    warnings.push(format!("the report was not annotated with the checks: {e}"));
                }
            }
            Err(e) => warnings.push(format!("the report was not re-made: {e}")),
        }
    }
    let checks = ids
        .into_iter()
        .zip(run.checks)
        .map(|(id, check)| StoredFixCheck {
            id,
            round,
            checked_at: crate::sessions::now(),
            check,
        })
        .collect();
    let s = &run.stats;
    Ok(CheckOutcome {
        session: info.name,
        round,
        checks,
        not_checkable,
        verdicts,
        figures: CheckFigures {
            edits: s.edits,
            builds: s.builds,
            test_runs: s.test_runs,
            duration_ms: s.duration_ms,
            baseline_ms: s.baseline_ms,
            scratch_peak_bytes: s.scratch_peak_bytes,
            cache_bytes: s.cache_bytes,
        },
        warnings,
    })
}

/// Rejected by the Validator (before any check) or by the user: nothing
/// to apply, so nothing to check unless named.
fn rejected(store: &Store, session_id: i64, round: u32, r: &FindingRecord) -> Result<bool> {
    if r.decision.as_ref().is_some_and(|d| d.kind.is_rejection()) {
        return Ok(true);
    }
    let base = store
        .validation_before_checks(session_id, round, &r.finding.fingerprint)?
        .or_else(|| r.validation.clone());
    Ok(base.is_some_and(|v| v.verdict == Verdict::Rejected))
}

/// Adds each checked finding's result to its line under "Findings by
/// Crate" ("compiles, 212 tests pass"), then stores the report and the
/// session files again.
fn annotate_report(
    store: &Store,
    session_id: i64,
    round: u32,
    mut report: memaudit_model::Report,
) -> Result<()> {
    let latest: HashMap<String, FixCheck> = store
        .latest_fix_checks(session_id)?
        .into_iter()
        .filter(|c| c.round == round)
        .map(|c| (c.check.finding_id.clone(), c.check))
        .collect();
    for krate in &mut report.by_crate {
        for line in &mut krate.findings {
            if let Some(c) = latest.get(&line.finding_id) {
                let note = match c.status {
                    FixStatus::Compiles => match &c.tests {
                        Some(t) if t.pass() => format!("edit compiles, {} tests pass", t.passed),
                        Some(t) if t.error.is_none() => {
                            format!("edit compiles, {} test(s) fail with it", t.failed.len())
                        }
                        _ => "edit compiles".to_owned(),
                    },
                    FixStatus::Fails => match c.errors.first().and_then(|e| e.code.clone()) {
                        Some(code) => format!("edit does not compile: {code}"),
                        None => "edit does not compile".to_owned(),
                    },
                    FixStatus::NotChecked => continue,
                };
                line.summary = format!("{} [{note}]", line.summary);
            }
        }
    }
    store.save_report(session_id, round, &report)?;
    if let Some(scope) = store.scope(session_id)? {
        if Path::new(&scope.workspace).join("Cargo.toml").is_file() {
            let _ = crate::rounds::write_files(store, session_id, &scope);
        }
    }
    Ok(())
}

/// A finding's edit, its latest check and whether it can be applied or
/// undone: what the finding page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FixState {
    pub finding_id: String,
    /// The finding's edit (or the one the check used); `None` for a design
    /// change, whose proposal is prose and not checked.
    pub edit: Option<Edit>,
    /// The edit as a unified diff against the workspace's current files.
    pub diff: Option<String>,
    pub check: Option<StoredFixCheck>,
    /// The latest application of the fix, undone or not.
    pub applied: Option<FixApplication>,
    /// Why "Apply fix" is refused now; `None` when it may be applied.
    pub apply_refusal: Option<String>,
    /// Why "Undo" is refused now; `None` when the fix can be undone.
    pub undo_refusal: Option<String>,
}

/// See [`FixState`]. Reads the workspace's files; never writes.
pub fn fix_state(store: &Store, session_id: i64, finding_id: &str) -> Result<FixState> {
    let info = store.session(session_id)?;
    let id = crate::sessions::normalise_finding_id(finding_id);
    let record = crate::sessions::finding(store, session_id, info.rounds.max(1), &id)?;
    let root = PathBuf::from(&info.workspace);
    let check = store.latest_fix_check(session_id, &id)?;
    let edit = check
        .as_ref()
        .map(|c| c.check.edit.clone())
        .or_else(|| edit_of(&root, &record.finding));
    let applied = store.latest_fix_application(session_id, &id)?;
    // An applied fix's files already hold the edit: its diff is taken
    // against the text they had before it was written.
    let written = applied.as_ref().filter(|a| a.undone_at.is_none());
    let diff = edit.as_ref().map(|e| {
        memaudit_check::unified_diff(e, &|f| {
            written
                .and_then(|a| a.files.iter().find(|w| w.file == f))
                .map(|w| w.before.clone())
                .or_else(|| read_file(&root, f))
        })
    });
    let apply_refusal = match apply_plan(&info, &record.finding, check.as_ref(), applied.as_ref()) {
        Ok(_) => None,
        Err(ChecksError::Refused(why)) => Some(why),
        Err(e) => Some(e.to_string()),
    };
    let undo_refusal = match undo_plan(&info, applied.as_ref()) {
        Ok(_) => None,
        Err(ChecksError::Refused(why)) => Some(why),
        Err(e) => Some(e.to_string()),
    };
    Ok(FixState {
        finding_id: id,
        edit,
        diff,
        check,
        applied,
        apply_refusal,
        undo_refusal,
    })
}

/// What applying a fix wrote, or (with `dry_run`) would write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ApplyOutcome {
    pub finding_id: String,
    pub check_id: i64,
    pub dry_run: bool,
    /// The change as a unified diff.
    pub diff: String,
    pub files: Vec<String>,
    /// The stored record (undo uses it); `None` for a dry run.
    pub application: Option<FixApplication>,
}

/// Files with their current text and the text the fix writes.
struct Plan {
    check_id: i64,
    edit: Edit,
    files: Vec<(String, String, String)>,
}

fn apply_plan(
    info: &SessionInfo,
    finding: &Finding,
    check: Option<&StoredFixCheck>,
    applied: Option<&FixApplication>,
) -> Result<Plan> {
    let id = &finding.id;
    let root = existing_workspace(info)?;
    let Some(stored) = check else {
        return Err(ChecksError::Refused(match &finding.edit {
            None if edit_of(&root, finding).is_none() => format!(
                "{id}'s proposal is a design change, not an edit: apply it by hand"
            ),
            _ => format!(
                "{id}'s edit has not been checked; run `memaudit check {} {id}` (or \"Check fixes\") first",
                info.name
            ),
        }));
    };
    let c = &stored.check;
    if let Some(a) = applied.filter(|a| a.undone_at.is_none()) {
        return Err(ChecksError::Refused(format!(
            "{id}'s fix was already applied at {}; undo it first to apply it again",
            a.applied_at
        )));
    }
    match c.status {
        FixStatus::Compiles => {}
        FixStatus::Fails => {
            return Err(ChecksError::Refused(format!(
                "{id}'s edit does not compile, so it is not applied: {}",
                c.errors
                    .first()
                    .map_or_else(|| "the build failed".to_owned(), |e| e.headline())
            )))
        }
        FixStatus::NotChecked => {
            return Err(ChecksError::Refused(format!(
                "{id}'s edit was not checked ({}); check it again before applying",
                c.note.as_deref().unwrap_or("no reason recorded")
            )))
        }
    }
    if let Some(t) = c.tests.as_ref().filter(|t| !t.pass()) {
        return Err(ChecksError::Refused(match &t.error {
            Some(e) => format!("{id}'s tests did not run with the edit ({e}); check it again"),
            None => format!(
                "{id}'s edit compiles but these tests fail with it: {}",
                t.failed.join(", ")
            ),
        }));
    }
    if finding
        .edit
        .as_ref()
        .is_some_and(|e| memaudit_check::edit_hash(e) != c.edit_hash)
    {
        return Err(ChecksError::Refused(format!(
            "{id}'s edit changed since it was checked (a later round re-analysed the code); check it again"
        )));
    }
    let mut files = Vec::new();
    for f in &c.files {
        let Some(now) = read_file(&root, &f.file) else {
            return Err(ChecksError::Refused(format!(
                "{} cannot be read any more; nothing was changed",
                f.file
            )));
        };
        if memaudit_check::content_hash(now.as_bytes()) != f.hash {
            return Err(ChecksError::Refused(format!(
                "{} changed since the edit was checked ({}): the check no longer holds; check it again",
                f.file, stored.checked_at
            )));
        }
        let after = c
            .edit
            .apply_to(&f.file, &now)
            .map_err(|e| ChecksError::Refused(e.to_string()))?;
        files.push((f.file.clone(), now, after));
    }
    Ok(Plan {
        check_id: stored.id,
        edit: c.edit.clone(),
        files,
    })
}

/// Writes a checked edit into the workspace (or, with `dry_run`, only
/// shows it). Refuses unless the latest check compiled (and its tests
/// passed, when they ran), the edit is the finding's current one, the fix
/// is not applied already, and every file is exactly as it was checked.
pub fn apply_fix(
    store: &Store,
    session_id: i64,
    finding_id: &str,
    dry_run: bool,
) -> Result<ApplyOutcome> {
    let info = store.session(session_id)?;
    let id = crate::sessions::normalise_finding_id(finding_id);
    let record = crate::sessions::finding(store, session_id, info.rounds.max(1), &id)?;
    let check = store.latest_fix_check(session_id, &id)?;
    let applied = store.latest_fix_application(session_id, &id)?;
    let plan = apply_plan(&info, &record.finding, check.as_ref(), applied.as_ref())?;
    let texts: HashMap<&str, &str> = plan
        .files
        .iter()
        .map(|(f, before, _)| (f.as_str(), before.as_str()))
        .collect();
    let diff = memaudit_check::unified_diff(&plan.edit, &|f| texts.get(f).map(|t| (*t).to_owned()));
    let files: Vec<String> = plan.files.iter().map(|(f, _, _)| f.clone()).collect();
    if dry_run {
        return Ok(ApplyOutcome {
            finding_id: id,
            check_id: plan.check_id,
            dry_run,
            diff,
            files,
            application: None,
        });
    }
    let root = existing_workspace(&info)?;
    let mut written: Vec<(String, String)> = Vec::new();
    for (file, before, after) in &plan.files {
        if let Err(e) = write_atomically(&root.join(file), after) {
            // Put back what was already written: all of the fix or none.
            for (done, text) in &written {
                let _ = write_atomically(&root.join(done), text);
            }
            return Err(ApiError::io(format!("writing {file}"), e).into());
        }
        written.push((file.clone(), before.clone()));
    }
    let record_files: Vec<AppliedFile> = plan
        .files
        .iter()
        .map(|(file, before, after)| AppliedFile {
            file: file.clone(),
            before: before.clone(),
            after_hash: memaudit_check::content_hash(after.as_bytes()),
        })
        .collect();
    let application = store.save_fix_application(session_id, plan.check_id, &record_files)?;
    Ok(ApplyOutcome {
        finding_id: id,
        check_id: plan.check_id,
        dry_run,
        diff,
        files,
        application: Some(application),
    })
}

fn undo_plan(
    info: &SessionInfo,
    applied: Option<&FixApplication>,
) -> Result<Vec<(String, String)>> {
    let Some(a) = applied.filter(|a| a.undone_at.is_none()) else {
        return Err(ChecksError::Refused(
            "the fix is not applied: there is nothing to undo".to_owned(),
        ));
    };
    let root = existing_workspace(info)?;
    let mut files = Vec::new();
    for f in &a.files {
        let now = read_file(&root, &f.file).unwrap_or_default();
        if memaudit_check::content_hash(now.as_bytes()) != f.after_hash {
            return Err(ChecksError::Refused(format!(
                "{} changed since the fix was applied at {}; undoing would lose those changes, so nothing was changed",
                f.file, a.applied_at
            )));
        }
        files.push((f.file.clone(), f.before.clone()));
    }
    Ok(files)
}

/// Puts back the files an applied fix changed, when each is still exactly
/// what the fix wrote; records the undo.
pub fn undo_fix(store: &Store, session_id: i64, finding_id: &str) -> Result<FixApplication> {
    let info = store.session(session_id)?;
    let id = crate::sessions::normalise_finding_id(finding_id);
    let applied = store.latest_fix_application(session_id, &id)?;
    let files = undo_plan(&info, applied.as_ref())?;
    let root = existing_workspace(&info)?;
    for (file, before) in &files {
        write_atomically(&root.join(file), before)
            .map_err(|e| ApiError::io(format!("restoring {file}"), e))?;
    }
    let a = applied.ok_or_else(|| ChecksError::Refused("nothing to undo".to_owned()))?;
    Ok(store.mark_fix_undone(session_id, a.id)?)
}

/// Writes `text` to `path` through a temporary file in the same folder and
/// a rename, keeping the file's permissions: a crash leaves the old file or
/// the new one, never half of each.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.memaudit-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// A check's progress as the desktop shell emits it (`check-event`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CheckEventPayload {
    pub session_id: i64,
    pub progress: CheckProgress,
}
