//! The session folder in the workspace (`specs/meta/sessions/<session>/`,
//! workflow spec section 4) and export files at a user-chosen path.
//!
//! This is the only module of the crate that touches the file system. Every
//! file is written atomically (a temporary file in the same folder, fsync,
//! rename), so a crash leaves either the old or the new file, never half of
//! one. Session names and paths are checked before anything is created: a
//! session folder never escapes the workspace's sessions folder, whether by
//! `..`, an absolute name, a separator or a symlink pointing outside.
//! This module must not render anything itself (it calls [`crate::markdown`])
//! and must not delete files.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use memaudit_model::{FindingState, SessionExport};

use crate::markdown;
use crate::RenderError;

/// Where session folders live, relative to the workspace root.
pub const SESSIONS_DIR: [&str; 3] = ["specs", "meta", "sessions"];

/// Accepts only names made of `[A-Za-z0-9_-]`, which can be nothing but a
/// single, ordinary folder name on every platform.
fn check_session_name(name: &str) -> Result<(), RenderError> {
    let refuse = |reason| {
        Err(RenderError::UnsafeSessionName {
            name: name.to_owned(),
            reason,
        })
    };
    if name.is_empty() {
        return refuse("it is empty");
    }
    if name.contains("..") {
        return refuse("it contains `..`");
    }
    if name.starts_with(['/', '\\']) || Path::new(name).is_absolute() {
        return refuse("it is an absolute path");
    }
    if name.contains(['/', '\\']) {
        return refuse("it contains a path separator");
    }
    if name.len() > 128 {
        return refuse("it is longer than 128 characters");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return refuse("only letters, digits, `_` and `-` are allowed");
    }
    Ok(())
}

fn canonical(path: &Path, action: &'static str) -> Result<PathBuf, RenderError> {
    fs::canonicalize(path).map_err(|e| RenderError::io(action, path, e))
}

/// If `path` exists, it must resolve (through any symlinks) to a place
/// inside `inside`; a path that does not exist yet is fine, it will be
/// created as a plain folder below a checked parent.
fn check_resolves_inside(path: &Path, inside: &Path, what: &str) -> Result<(), RenderError> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let resolved = canonical(path, "resolving")?;
    if resolved.starts_with(inside) {
        Ok(())
    } else {
        Err(RenderError::UnsafePath {
            path: path.to_owned(),
            reason: format!("it resolves to {}, outside {what}", resolved.display()),
        })
    }
}

/// The checked session folder and the canonical sessions folder it must
/// stay in (the latter only when the sessions folder exists already).
fn checked_session_dir(
    workspace_root: &Path,
    session: &str,
) -> Result<(PathBuf, Option<PathBuf>), RenderError> {
    check_session_name(session)?;
    let root = canonical(workspace_root, "resolving the workspace root")?;
    let mut sessions = workspace_root.to_path_buf();
    for part in SESSIONS_DIR {
        sessions.push(part);
        check_resolves_inside(&sessions, &root, "the workspace")?;
    }
    let dir = sessions.join(session);
    let canonical_sessions = if sessions.exists() {
        let c = canonical(&sessions, "resolving the sessions folder")?;
        check_resolves_inside(&dir, &c, "the sessions folder")?;
        Some(c)
    } else {
        None
    };
    Ok((dir, canonical_sessions))
}

/// The folder of a session, `<workspace_root>/specs/meta/sessions/<session>`,
/// after checking the name and that no existing part of the path is a
/// symlink leading out of the workspace or the sessions folder. Creates
/// nothing.
pub fn session_dir(workspace_root: &Path, session: &str) -> Result<PathBuf, RenderError> {
    checked_session_dir(workspace_root, session).map(|(dir, _)| dir)
}

/// Creates `dir` and its parents, naming the folder on failure.
fn create_dir(dir: &Path) -> Result<(), RenderError> {
    fs::create_dir_all(dir).map_err(|e| RenderError::io("creating folder", dir, e))
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// folder (so the rename cannot cross file systems), flushed to disk, then
/// renamed over the target; then the folder entry itself is synced.
fn write_atomic(path: &Path, contents: &str) -> Result<(), RenderError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".memaudit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| RenderError::io("creating a temporary file in", dir, e))?;
    tmp.write_all(contents.as_bytes())
        .map_err(|e| RenderError::io("writing", tmp.path(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| RenderError::io("syncing", tmp.path(), e))?;
    // Temporary files are private (0600); documents meant to be read and
    // versioned with the code get ordinary permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))
            .map_err(|e| RenderError::io("setting permissions of", tmp.path(), e))?;
    }
    tmp.persist(path)
        .map_err(|e| RenderError::io("replacing", path, e.error))?;
    #[cfg(unix)]
    {
        // Make the rename itself durable. Failure here does not undo the
        // write, and some file systems refuse to sync folders, so it is not
        // an error.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Renders the session folder under `workspace_root`:
/// `round_NNN/{analyst,validator,report}.md` for every round,
/// `decisions.md`, `status.md`, and `scope.md` when `scope_md` is given.
/// Each file is written atomically. Returns the files written, in order.
///
/// `analyst.md` and `validator.md` list what the round found: findings that
/// are fixed (no longer detected) appear only in the report and exports.
pub fn write_session_files(
    workspace_root: &Path,
    export: &SessionExport,
    scope_md: Option<&str>,
) -> Result<Vec<PathBuf>, RenderError> {
    let name = export.session.name.as_str();
    let workspace = export.session.workspace.as_str();
    let (dir, _) = checked_session_dir(workspace_root, name)?;
    create_dir(&dir)?;
    // Check again now that the folders exist: this catches a sessions folder
    // that was created as (or replaced by) a symlink in the meantime.
    let (dir, sessions) = checked_session_dir(workspace_root, name)?;
    let sessions = match sessions {
        Some(s) => s,
        None => canonical(&dir, "resolving the session folder")?,
    };

    let mut written = Vec::new();
    let mut write = |path: PathBuf, contents: &str| -> Result<(), RenderError> {
        write_atomic(&path, contents)?;
        written.push(path);
        Ok(())
    };

    for round in &export.rounds {
        let round_dir = dir.join(format!("round_{:03}", round.number));
        check_resolves_inside(&round_dir, &sessions, "the sessions folder")?;
        create_dir(&round_dir)?;
        let current: Vec<_> = round
            .findings
            .iter()
            .filter(|r| r.state != FindingState::Fixed)
            .collect();
        let findings: Vec<_> = current.iter().map(|r| r.finding.clone()).collect();
        let validations: Vec<_> = current
            .iter()
            .filter_map(|r| r.validation.clone())
            .collect();
        write(
            round_dir.join("analyst.md"),
            &markdown::analyst_md(name, round.number, &findings),
        )?;
        write(
            round_dir.join("validator.md"),
            &markdown::validator_md(name, round.number, &validations),
        )?;
        write(
            round_dir.join("report.md"),
            &markdown::round_report_md(name, round, workspace),
        )?;
    }
    write(dir.join("decisions.md"), &markdown::decisions_md(export))?;
    write(dir.join("status.md"), &markdown::status_md(&export.status))?;
    if let Some(scope) = scope_md {
        write(dir.join("scope.md"), scope)?;
    }
    Ok(written)
}

/// Writes an export file atomically at a path the user chose. The folder it
/// goes in must already exist (nothing is created), the path must name a
/// file, and an existing folder is never replaced.
pub fn write_export(path: &Path, contents: &str) -> Result<(), RenderError> {
    let invalid = |reason: &str| RenderError::InvalidExportPath {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    match path.components().next_back() {
        Some(Component::Normal(_)) => {}
        _ => return Err(invalid("it does not name a file")),
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(invalid("its folder does not exist"));
    }
    if path.is_dir() {
        return Err(invalid("it is a folder"));
    }
    write_atomic(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_are_checked() {
        let check = |name: &str, ok: bool| {
            assert_eq!(
                check_session_name(name).is_ok(),
                ok,
                "session name {name:?} should be {}",
                if ok { "accepted" } else { "refused" }
            );
        };
        check("memory_audit_001", true);
        check("audit-2", true);
        check("", false);
        check("..", false);
        check("../x", false);
        check("a/b", false);
        check("a\\b", false);
        check("/abs", false);
        check("C:", false);
        check("a b", false);
        check("é", false);
        check(".hidden", false);
        check(&"a".repeat(129), false);
    }
}
