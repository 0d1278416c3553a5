//! Folder walk: every `.rs` file of a crate, honouring `.gitignore`/`.ignore`,
//! skipping `target/`, `.git/`, hidden folders and nested crates (any
//! sub-folder with its own `Cargo.toml` belongs to another package).
//!
//! Symlinked folders are followed only while they stay inside the workspace;
//! loops, unreadable folders and non-UTF-8 names become warnings. Must NOT
//! read file contents.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::WalkBuilder;
use memaudit_model::Warning;

use crate::paths::{relative, warning};

/// The `.rs` files below `crate_dir`, sorted.
pub(crate) fn rust_files(
    root: &Path,
    crate_dir: &Path,
    warnings: &mut Vec<Warning>,
) -> Vec<PathBuf> {
    let escaped: Arc<Mutex<Vec<Warning>>> = Arc::default();
    let filter_root = root.to_path_buf();
    let filter_escaped = Arc::clone(&escaped);
    let walker = WalkBuilder::new(crate_dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(true)
        .follow_links(true)
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir {
                return true;
            }
            let name = entry.file_name();
            if name == "target" || name == ".git" || entry.path().join("Cargo.toml").is_file() {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|target| target.starts_with(&filter_root));
                if !inside {
                    let shown = relative(&filter_root, entry.path());
                    if let Ok(mut w) = filter_escaped.lock() {
                        w.push(warning(
                            shown,
                            None,
                            "symlinked folder points outside the workspace; not followed",
                        ));
                    }
                    return false;
                }
            }
            true
        })
        .build();

    let mut files = Vec::new();
    for result in walker {
        match result {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if !is_file || path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                if path.to_str().is_none() {
                    warnings.push(warning(
                        None,
                        None,
                        format!(
                            "skipped a file whose name is not valid UTF-8: {}",
                            path.strip_prefix(root).unwrap_or(path).to_string_lossy()
                        ),
                    ));
                    continue;
                }
                files.push(path.to_path_buf());
            }
            Err(err) => warnings.push(describe(root, &err)),
        }
    }
    if let Ok(mut escaped) = escaped.lock() {
        warnings.append(&mut escaped);
    }
    files.sort();
    files
}

/// Turns a walk error into a warning naming the folder in workspace terms.
fn describe(root: &Path, err: &ignore::Error) -> Warning {
    fn inner(err: &ignore::Error) -> &ignore::Error {
        match err {
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err)
            }
            other => other,
        }
    }
    let shown = |p: &Path| relative(root, p).unwrap_or_else(|| p.to_string_lossy().into_owned());
    match inner(err) {
        ignore::Error::Loop { ancestor, child } => warning(
            Some(shown(child)),
            None,
            format!("symlink loop back to {}; not followed", shown(ancestor)),
        ),
        ignore::Error::WithPath { path, err } => {
            let message = match err.io_error().map(std::io::Error::kind) {
                Some(std::io::ErrorKind::PermissionDenied) => {
                    "cannot read this folder (permission denied); its files are not listed"
                        .to_string()
                }
                _ => format!("skipped while walking: {err}"),
            };
            warning(Some(shown(path)), None, message)
        }
        other => warning(None, None, format!("skipped while walking: {other}")),
    }
}
