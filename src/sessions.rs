//! Sessions after the fact: finding them by name or id, recording decisions,
//! terminating, and exporting. Everything here works from the database alone,
//! so it keeps working when the workspace is gone.

use std::path::Path;

use memaudit_model::{
    Decision, DecisionKind, FindingRecord, FocusRequest, RoundDecision, RoundStatus, SessionExport,
    SessionInfo,
};
use memaudit_store::Store;

use crate::error::{ApiError, Result};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    Sarif,
}

impl std::str::FromStr for ExportFormat {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(ExportFormat::Markdown),
            "json" => Ok(ExportFormat::Json),
            "sarif" => Ok(ExportFormat::Sarif),
            _ => Err(ApiError::InvalidInput(format!(
                "unknown export format `{s}` (md, json, sarif)"
            ))),
        }
    }
}

/// Finds one session by id or folder name. A name is looked up in the given
/// workspace first (when it has that session), then across the database; an
/// ambiguous name is an error that lists the choices.
pub fn resolve(store: &Store, key: &str, workspace: Option<&Path>) -> Result<SessionInfo> {
    let key = key.trim();
    if key.is_empty() {
        return Err(ApiError::InvalidInput(
            "a session name or id is required".into(),
        ));
    }
    if let Some(ws) = workspace.and_then(|w| w.canonicalize().ok()) {
        let ws = ws.to_string_lossy().into_owned();
        let local = store.find_sessions(key, Some(&ws))?;
        if local.len() == 1 {
            return Ok(local.into_iter().next().expect("length checked"));
        }
    }
    let mut all = store.find_sessions(key, None)?;
    match all.len() {
        0 => Err(ApiError::SessionNotFound { key: key.into() }),
        1 => Ok(all.remove(0)),
        _ => Err(ApiError::AmbiguousSession {
            key: key.into(),
            choices: all
                .iter()
                .map(|s| format!("{} ({} in {})", s.id, s.name, s.workspace))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Every session of every workspace (as the store lists them), after
/// marking rounds left `running` by a process that died as interrupted, so
/// the list tells the truth about them.
pub fn list(store: &Store) -> Result<Vec<SessionInfo>> {
    crate::rounds::reap_interrupted(store)?;
    Ok(store.list_sessions()?)
}

/// One session by id.
pub fn info(store: &Store, session_id: i64) -> Result<SessionInfo> {
    Ok(store.session(session_id)?)
}

/// What the app opens a session with: its rounds' finding rows (no code,
/// proposals or evidence) and its counts.
pub fn overview(store: &Store, session_id: i64) -> Result<memaudit_model::SessionOverview> {
    Ok(store.session_overview(session_id)?)
}

/// The scope a session was audited with (`None` before its first round).
pub fn scope(store: &Store, session_id: i64) -> Result<Option<memaudit_model::Scope>> {
    Ok(store.scope(session_id)?)
}

/// What the user asked for with `decide`.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    pub finding_id: String,
    pub kind: DecisionKind,
    pub note: String,
    pub defer_until_date: Option<String>,
    pub defer_until_round: Option<u32>,
}

/// Records a decision on a finding of the session's latest round (or any
/// earlier finding still known to the session), in the database only.
/// Front ends call [`crate::rounds::decide`], which also renders the
/// session folder again.
pub fn decide(store: &Store, session_id: i64, input: &DecisionInput) -> Result<Decision> {
    let info = store.session(session_id)?;
    let wanted = normalise_finding_id(&input.finding_id);
    let known = store.known_findings(session_id)?;
    let finding = known
        .iter()
        .find(|k| k.id.eq_ignore_ascii_case(&wanted))
        .ok_or_else(|| ApiError::FindingNotFound {
            session: info.name.clone(),
            finding: input.finding_id.clone(),
        })?;
    if let Some(date) = &input.defer_until_date {
        let ok = time::Date::parse(
            date,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .is_ok();
        if !ok {
            return Err(ApiError::InvalidInput(format!(
                "defer date `{date}` is not a date like 2026-12-31"
            )));
        }
    }
    if input.kind != DecisionKind::Defer
        && (input.defer_until_date.is_some() || input.defer_until_round.is_some())
    {
        return Err(ApiError::InvalidInput(
            "--until only goes with `defer`".into(),
        ));
    }
    let decision = Decision {
        finding_id: finding.id.clone(),
        fingerprint: finding.fingerprint.clone(),
        kind: input.kind,
        note: input.note.clone(),
        defer_until_date: input.defer_until_date.clone(),
        defer_until_round: input.defer_until_round,
        round: info.rounds.max(1),
        decided_at: now(),
    };
    store.decide(session_id, &decision)?;
    Ok(decision)
}

/// `f-3`, `F3`, `3` and `F-003` all name `F-003`.
pub fn normalise_finding_id(raw: &str) -> String {
    let trimmed = raw.trim();
    let digits = trimmed
        .trim_start_matches(['F', 'f'])
        .trim_start_matches('-');
    match digits.parse::<u32>() {
        Ok(n) => memaudit_model::finding_id(n),
        Err(_) => trimmed.to_owned(),
    }
}

/// Records "continue with these focus requests" on the latest round. Only a
/// round awaiting a decision can be continued.
pub fn decide_round_continue(
    store: &Store,
    session_id: i64,
    focus: &[FocusRequest],
    note: &str,
) -> Result<()> {
    let round = awaiting_round(store, session_id)?;
    store.decide_round(
        session_id,
        round,
        &RoundDecision::Continue {
            focus: focus.to_vec(),
            note: note.to_owned(),
        },
    )?;
    store.set_round_status(session_id, round, RoundStatus::Decided, None)?;
    Ok(())
}

/// Ends the session: records "terminate" on the latest round, in the
/// database only (front ends call [`crate::rounds::terminate`]).
pub fn terminate(store: &Store, session_id: i64, note: &str) -> Result<()> {
    let round = awaiting_round(store, session_id)?;
    store.decide_round(
        session_id,
        round,
        &RoundDecision::Terminate {
            note: note.to_owned(),
        },
    )?;
    store.set_round_status(session_id, round, RoundStatus::Decided, None)?;
    store.set_session_status(session_id, "terminated")?;
    Ok(())
}

fn awaiting_round(store: &Store, session_id: i64) -> Result<u32> {
    let info = store.session(session_id)?;
    if info.rounds == 0 {
        return Err(ApiError::RoundState(format!(
            "session {} has no round yet",
            info.name
        )));
    }
    let status = store.round_status(session_id, info.rounds)?;
    if status != RoundStatus::AwaitingDecision {
        return Err(ApiError::RoundState(format!(
            "round {} of {} is {}, not awaiting a decision",
            info.rounds,
            info.name,
            status.as_str().replace('_', " ")
        )));
    }
    Ok(info.rounds)
}

/// One finding of one round, whole, as the finding page shows it. The id
/// is forgiving (`f-7`, `7` name `F-007`).
pub fn finding(
    store: &Store,
    session_id: i64,
    round: u32,
    finding_id: &str,
) -> Result<FindingRecord> {
    let id = normalise_finding_id(finding_id);
    match store.finding_record(session_id, round, &id) {
        Err(memaudit_store::StoreError::NotFound { .. }) => {
            let info = store.session(session_id)?;
            Err(ApiError::FindingNotFound {
                session: info.name,
                finding: format!("{id} (round {round})"),
            })
        }
        other => Ok(other?),
    }
}

/// Renders a session in the chosen format.
pub fn export(export: &SessionExport, format: ExportFormat) -> Result<String> {
    Ok(match format {
        ExportFormat::Markdown => memaudit_render::markdown::session_md(export),
        ExportFormat::Json => memaudit_render::json::session_json(export),
        ExportFormat::Sarif => memaudit_render::sarif::session_sarif(export)?,
    })
}

/// Marks findings in the batch's changed files as stale in every active
/// session of that workspace; returns how many were marked.
pub fn mark_changed(store: &Store, batch: &crate::watch::FilesChanged) -> Result<u32> {
    if batch.files.is_empty() {
        return Ok(0);
    }
    let mut marked = 0;
    for s in store.list_sessions()? {
        if s.workspace == batch.workspace && s.status == "active" {
            marked += store.mark_stale(s.id, &batch.files)?;
        }
    }
    Ok(marked)
}

/// The current time as RFC 3339 UTC.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_ids_are_forgiving() {
        for raw in ["F-003", "f-3", "F3", "3", " F-003 "] {
            assert_eq!(
                normalise_finding_id(raw),
                "F-003",
                "{raw} should name F-003"
            );
        }
        assert_eq!(normalise_finding_id("X-1"), "X-1");
    }
}
