//! The workspace watcher: notify, debounced, batched, quiet under churn.
//!
//! One [`Watcher`] per open workspace. Events from the OS are debounced
//! (notify-debouncer-full) and batched into a single [`FilesChanged`] per
//! quiet period, so a `git checkout` of thousands of files or a `cargo build`
//! produces one update, not thousands. `target/` and `.git/` are never
//! watched (they are the noisiest folders), and paths the workspace's
//! `.gitignore` ignores are dropped. Dropping the watcher stops it.
//!
//! The watcher only reports; what a change means (stale findings, new
//! discovery, re-read `scope.md`) is decided by the caller.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use serde::Serialize;

use crate::error::{ApiError, Result};

/// How long the workspace must be quiet before a batch is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// One batch of changes, paths relative to the workspace root.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FilesChanged {
    pub workspace: String,
    /// Changed, created or removed `.rs` files.
    pub files: Vec<String>,
    /// Changed `Cargo.toml` files: discovery must run again.
    pub manifests: Vec<String>,
    /// Changed `scope.md` files under `specs/meta/sessions/`.
    pub scope_files: Vec<String>,
    /// Findings the caller marked stale because of this batch.
    pub stale_findings: u32,
}

impl FilesChanged {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.manifests.is_empty() && self.scope_files.is_empty()
    }
}

/// A running watcher; stops when dropped.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
}

impl Watcher {
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Folders never watched nor reported.
fn is_noise(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(name) => name == "target" || name == ".git" || name == "node_modules",
        _ => false,
    })
}

/// Whether an event changes content. Opening and reading a file (which the
/// audit itself does to every file) and metadata-only changes are not.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(m)) => {
            !matches!(m, MetadataKind::AccessTime | MetadataKind::Any)
        }
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

fn load_gitignore(root: &Path) -> Gitignore {
    let mut builder = GitignoreBuilder::new(root);
    // Missing files are normal; a malformed line only loses that line.
    let _ = builder.add(root.join(".gitignore"));
    let _ = builder.add(root.join(".git/info/exclude"));
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

/// Sorts one batch of paths into a [`FilesChanged`].
pub fn classify(root: &Path, ignore: &Gitignore, paths: &[PathBuf]) -> FilesChanged {
    let mut rust = BTreeSet::new();
    let mut manifests = BTreeSet::new();
    let mut scopes = BTreeSet::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        if rel.as_os_str().is_empty() || is_noise(rel) {
            continue;
        }
        let is_dir = path.is_dir();
        if ignore.matched_path_or_any_parents(rel, is_dir).is_ignore() {
            continue;
        }
        let rel_str = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name == "Cargo.toml" {
            manifests.insert(rel_str);
        } else if name == "scope.md" && rel_str.starts_with("specs/meta/sessions/") {
            scopes.insert(rel_str);
        } else if name.ends_with(".rs") {
            rust.insert(rel_str);
        }
    }
    FilesChanged {
        workspace: root.to_string_lossy().into_owned(),
        files: rust.into_iter().collect(),
        manifests: manifests.into_iter().collect(),
        scope_files: scopes.into_iter().collect(),
        stale_findings: 0,
    }
}

/// Starts watching `root`; `on_change` gets one call per quiet period with
/// everything that changed (never an empty batch). Errors from the OS
/// watcher go to `on_error` and watching goes on.
pub fn watch<F, E>(root: &Path, on_change: F, on_error: E) -> Result<Watcher>
where
    F: Fn(FilesChanged) + Send + 'static,
    E: Fn(String) + Send + 'static,
{
    let root = root
        .canonicalize()
        .map_err(|e| ApiError::io(format!("opening {} to watch it", root.display()), e))?;
    let handler_root = root.clone();
    let ignore = load_gitignore(&root);
    let handler = move |result: DebounceEventResult| match result {
        Ok(events) => {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| is_change(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
            let batch = classify(&handler_root, &ignore, &paths);
            if !batch.is_empty() {
                on_change(batch);
            }
        }
        Err(errors) => {
            for e in errors {
                on_error(e.to_string());
            }
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler)
        .map_err(|e| ApiError::Internal(format!("starting the file watcher: {e}")))?;
    // Watch the root itself (new top-level files and folders) and every
    // top-level folder except the noisy ones, recursively, so inotify never
    // spends watches on target/.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| ApiError::Internal(format!("watching {}: {e}", root.display())))?;
    let entries = std::fs::read_dir(&root)
        .map_err(|e| ApiError::io(format!("listing {}", root.display()), e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        if is_dir && !is_noise(rel) {
            // An unreadable sub-folder must not stop watching the rest.
            let _ = debouncer.watch(&path, RecursiveMode::Recursive);
        }
    }
    Ok(Watcher {
        _debouncer: debouncer,
        root,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn batch_of(root: &Path, gitignore: &str, rels: &[&str]) -> FilesChanged {
        std::fs::write(root.join(".gitignore"), gitignore).unwrap();
        let ig = load_gitignore(root);
        let paths: Vec<PathBuf> = rels.iter().map(|r| root.join(r)).collect();
        classify(root, &ig, &paths)
    }

    #[test]
    fn classify_sorts_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let b = batch_of(
            dir.path(),
            "generated/\n",
            &[
                "src/lib.rs",
                "target/debug/build/x.rs",
                ".git/index",
                "generated/out.rs",
                "crates/a/Cargo.toml",
                "specs/meta/sessions/memory_audit_001/scope.md",
                "README.md",
                "src/lib.rs",
            ],
        );
        assert_eq!(
            b.files,
            vec!["src/lib.rs"],
            "target/, .git/ and ignored paths are dropped"
        );
        assert_eq!(b.manifests, vec!["crates/a/Cargo.toml"]);
        assert_eq!(
            b.scope_files,
            vec!["specs/meta/sessions/memory_audit_001/scope.md"]
        );
    }

    #[test]
    fn a_real_burst_of_edits_is_batched_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("target/debug")).unwrap();
        std::fs::write(root.join("Cargo.toml"), "[package]\nname='x'\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(root, move |b| tx.send(b).unwrap(), |_| {}).unwrap();
        for i in 0..200 {
            std::fs::write(root.join(format!("src/m{i}.rs")), "fn f() {}").unwrap();
            std::fs::write(root.join(format!("target/debug/o{i}")), "x").unwrap();
        }
        let first = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the watcher must report the burst");
        let mut batches = 1;
        let mut files: BTreeSet<String> = first.files.into_iter().collect();
        // The OS may split a long burst across two quiet periods; collect
        // whatever arrives soon after, then check nothing from target/ came.
        while let Ok(b) = rx.recv_timeout(Duration::from_secs(2)) {
            batches += 1;
            files.extend(b.files);
        }
        assert!(
            batches <= 3,
            "400 writes must arrive in a few batches, got {batches}"
        );
        assert_eq!(files.len(), 200, "every edited .rs file is reported once");
        assert!(
            files.iter().all(|f| f.starts_with("src/")),
            "target/ is never reported"
        );
    }
}

#[cfg(test)]
mod audit_reads {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn an_audit_of_the_workspace_is_not_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspaces/hostile");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::copy(src.join("Cargo.toml"), root.join("Cargo.toml")).unwrap();
        std::fs::copy(src.join("src/lib.rs"), root.join("src/lib.rs")).unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(&root, move |b| tx.send(b).unwrap(), |_| {}).unwrap();
        let store = memaudit_store::Store::open(&dir.path().join("db.sqlite")).unwrap();
        let opts = crate::rounds::AuditOptions {
            write_files: true,
            ..Default::default()
        };
        let info = crate::rounds::start_session(&store, &root, &opts).unwrap();
        crate::rounds::run_round(
            &store,
            info.id,
            &[],
            &opts,
            &|_| {},
            &crate::rounds::Cancel::new(),
        )
        .unwrap();
        let got: Vec<FilesChanged> =
            std::iter::from_fn(|| rx.recv_timeout(Duration::from_secs(2)).ok()).collect();
        assert!(
            got.iter().all(|b| b.files.is_empty()),
            "an audit reads sources and writes only session files: {got:?}"
        );
    }
}
