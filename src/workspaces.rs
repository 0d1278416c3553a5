//! Workspaces as the app sees them: open one (discovery + the user's saved
//! overrides), save overrides from the Scope screen, list recent ones.
//!
//! Overrides edited in the app are kept per workspace in the database and,
//! when the workspace has an active session, written into that session's
//! `scope.md` (where a hand edit is read back by the next round). The
//! override sections of `scope.md` are regenerated; every other section the
//! user wrote is kept.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use memaudit_discovery::{apply_overrides, load_scope, DiscoverOptions};
use memaudit_model::{Focus, PriorityFilter, Scope, ScopeOverrides};
use memaudit_store::Store;

use crate::error::{ApiError, Result};

/// A workspace recently opened, for the Home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecentWorkspace {
    pub path: String,
    pub last_opened: String,
}

fn overrides_key(root: &str) -> String {
    format!("overrides:{root}")
}

/// The overrides saved for a workspace from the app, if any.
pub fn saved_overrides(store: &Store, root: &str) -> Result<Option<ScopeOverrides>> {
    match store.setting(&overrides_key(root))? {
        Some(json) => serde_json::from_str(&json).map(Some).map_err(|e| {
            ApiError::Internal(format!("stored overrides for {root} are unreadable: {e}"))
        }),
        None => Ok(None),
    }
}

/// Applies saved overrides (and their focus and filter) to a fresh scope.
pub fn apply_saved(scope: &mut Scope, overrides: &ScopeOverrides) {
    apply_overrides(scope, overrides);
    scope.overrides = overrides.clone();
    if let Some(f) = overrides.focus {
        scope.focus = f;
    }
    if let Some(p) = overrides.priority_filter {
        scope.priority_filter = p;
    }
}

/// Discovers the workspace containing `path`, applies its own `scope.md`
/// (as a first round would) or else the overrides saved for it, and records
/// it as recently opened.
pub fn open(store: &Store, path: &Path) -> Result<Scope> {
    let mut scope = load_scope(path, None, &DiscoverOptions::default())?;
    let root = PathBuf::from(&scope.workspace);
    let read = memaudit_discovery::apply_scope_md(
        &mut scope,
        &root,
        memaudit_discovery::workspace_scope_md(&root).as_deref(),
    )?;
    if read.is_none() {
        if let Some(o) = saved_overrides(store, &scope.workspace)? {
            apply_saved(&mut scope, &o);
        }
    }
    store.touch_workspace(&scope.workspace)?;
    Ok(scope)
}

/// The workspace at `path` with `overrides` applied on top of discovery,
/// without saving anything: what an override would do before it is kept.
pub fn preview(path: &Path, overrides: &ScopeOverrides) -> Result<Scope> {
    let mut scope = load_scope(path, None, &DiscoverOptions::default())?;
    apply_saved(&mut scope, overrides);
    Ok(scope)
}

/// Saves the Scope screen's overrides for the workspace at `path` and
/// returns the scope with them applied. Writes the active session's
/// `scope.md` too, when there is one (a failure there is reported, the
/// overrides stay saved).
pub fn save_overrides(
    store: &Store,
    path: &Path,
    mut overrides: ScopeOverrides,
    focus: Focus,
    priority_filter: PriorityFilter,
) -> Result<Scope> {
    overrides.focus = Some(focus);
    overrides.priority_filter = Some(priority_filter);
    let mut scope = load_scope(path, None, &DiscoverOptions::default())?;
    let json = serde_json::to_string(&overrides)
        .map_err(|e| ApiError::Internal(format!("serialising overrides: {e}")))?;
    store.set_setting(&overrides_key(&scope.workspace), &json)?;
    apply_saved(&mut scope, &overrides);

    let active = store
        .list_sessions()?
        .into_iter()
        .find(|s| s.workspace == scope.workspace && s.status == "active");
    if let Some(session) = active {
        let dir = memaudit_render::files::session_dir(Path::new(&scope.workspace), &session.name)?;
        let file = dir.join("scope.md");
        let existing = std::fs::read_to_string(&file).ok();
        let user_part = with_overrides(existing.as_deref(), &overrides);
        let text = memaudit_discovery::scope_md::render(
            &scope,
            &session.name,
            &session.created_at,
            Some(&user_part),
        );
        std::fs::create_dir_all(&dir)
            .map_err(|e| ApiError::io(format!("creating {}", dir.display()), e))?;
        memaudit_render::files::write_export(&file, &text)?;
        store.save_scope(session.id, &scope)?;
    }
    Ok(scope)
}

/// Recent workspaces, newest first.
pub fn recent(store: &Store, limit: usize) -> Result<Vec<RecentWorkspace>> {
    Ok(store
        .recent_workspaces(limit)?
        .into_iter()
        .map(|(path, last_opened)| RecentWorkspace { path, last_opened })
        .collect())
}

const OVERRIDE_HEADINGS: [&str; 7] = [
    "include",
    "force include",
    "exclude",
    "force exclude",
    "force priority",
    "focus",
    "priority filter",
];

/// `existing` scope.md text with its override sections replaced by ones
/// generated from `overrides`; other sections are kept as written.
pub fn with_overrides(existing: Option<&str>, overrides: &ScopeOverrides) -> String {
    let mut kept = String::new();
    let mut skipping = false;
    for line in existing.unwrap_or_default().lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let h = heading.trim().trim_end_matches(':').to_ascii_lowercase();
            skipping = OVERRIDE_HEADINGS.contains(&h.as_str());
        }
        if !skipping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    let mut out = kept.trim_end().to_owned();
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.push_str(&format!("\n\n## {title}\n"));
            for item in items {
                out.push_str(&format!("- {item}\n"));
            }
        }
    };
    section("Include", overrides.include.clone());
    section("Exclude", overrides.exclude.clone());
    section(
        "Force Priority",
        overrides
            .force_priority
            .iter()
            .map(|f| format!("{}: {}", f.pattern, f.priority))
            .collect(),
    );
    section(
        "Focus",
        overrides
            .focus
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
    );
    section(
        "Priority Filter",
        overrides
            .priority_filter
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
    );
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use memaudit_model::{ForcedPriority, Priority};

    #[test]
    fn overrides_round_trip_through_scope_md() {
        let overrides = ScopeOverrides {
            include: vec!["crates/a/src/hot.rs".into()],
            exclude: vec!["crates/*/tests/".into()],
            force_priority: vec![ForcedPriority {
                pattern: "crates/core".into(),
                priority: Priority::P0,
            }],
            focus: Some(Focus::Clones),
            priority_filter: Some(PriorityFilter::P0P1),
        };
        let existing = "# Memory Audit Scope\n\n## Exclude\n- old/\n\n## Notes by me\nkeep this\n";
        let text = with_overrides(Some(existing), &overrides);
        assert!(
            text.contains("keep this"),
            "the user's own sections survive"
        );
        assert!(!text.contains("old/"), "old override sections are replaced");
        let (parsed, warnings) = memaudit_discovery::scope_md::parse(&text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(parsed, overrides, "what is written parses back the same");
    }
}
