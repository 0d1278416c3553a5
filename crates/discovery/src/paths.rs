//! Path plumbing shared by the other modules: lexical normalisation and
//! workspace-relative `/`-separated strings (the form every model type stores).
//!
//! Must NOT touch the file system: callers decide when to pay for I/O.

use std::path::{Component, Path, PathBuf};

use memaudit_model::Warning;

/// Resolves `.` and `..` lexically, so `src/a/../b.rs` becomes `src/b.rs`
/// without following symlinks (which `canonicalize` would, and which would
/// make a symlinked source folder look like it lives elsewhere).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators; `.` for the root itself.
/// `None` when the path is outside the root or not valid UTF-8.
pub(crate) fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for comp in rel.components() {
        match comp {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if parts.is_empty() {
        Some(".".to_string())
    } else {
        Some(parts.join("/"))
    }
}

/// Joins a workspace-relative directory (`.` for the root) and a name.
pub(crate) fn join_rel(dir: &str, name: &str) -> String {
    if dir == "." || dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Whether workspace-relative `path` is `dir` itself or below it.
pub(crate) fn is_under(path: &str, dir: &str) -> bool {
    dir == "."
        || path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

pub(crate) fn warning(
    file: Option<String>,
    line: Option<u32>,
    message: impl Into<String>,
) -> Warning {
    Warning {
        file,
        line,
        message: message.into(),
    }
}

/// Warnings come from parallel workers in no particular order; sorting them
/// keeps output (and snapshots) deterministic.
pub(crate) fn sort_warnings(warnings: &mut Vec<Warning>) {
    warnings.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    warnings.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_normalize(input: &str, expected: &str) {
        assert_eq!(
            normalize(Path::new(input)),
            PathBuf::from(expected),
            "normalize({input})"
        );
    }

    #[test]
    fn normalize_resolves_dots() {
        check_normalize("/w/src/a/../b.rs", "/w/src/b.rs");
        check_normalize("/w/./src/./lib.rs", "/w/src/lib.rs");
        check_normalize("a/../../b", "../b");
    }

    #[test]
    fn relative_paths_use_slashes_and_dot_for_root() {
        let root = Path::new("/w");
        assert_eq!(relative(root, Path::new("/w")).as_deref(), Some("."));
        assert_eq!(
            relative(root, Path::new("/w/crates/a/src/lib.rs")).as_deref(),
            Some("crates/a/src/lib.rs")
        );
        assert_eq!(
            relative(root, Path::new("/elsewhere/x.rs")),
            None,
            "outside the root has no relative form"
        );
    }

    #[test]
    fn is_under_respects_component_boundaries() {
        assert!(is_under("crates/a/src/lib.rs", "crates/a"));
        assert!(is_under("crates/a", "crates/a"));
        assert!(
            !is_under("crates/ab/src/lib.rs", "crates/a"),
            "a sibling with a longer name is not below"
        );
        assert!(is_under("anything", "."));
    }
}
