//! Finds a Cargo workspace's crates and source files, scores each crate and file
//! P0–P3 with the reasons behind the score (workflow spec sections 1.2–1.4), and
//! reads and writes `scope.md` (section 1.3 and 7.1).
//!
//! The pipeline is `discover` → `score` → `apply_overrides`; `load_scope` runs
//! all three. Discovery does file-system I/O and may run `cargo metadata
//! --no-deps --offline` (never a build, never the network); everything after it
//! is pure apart from re-reading files that an override adds.
//!
//! What this crate must NOT do: fail because of the audited code. A broken
//! manifest, an unparsable file, a symlink loop, an unreadable folder or a
//! non-UTF-8 file name becomes a [`Warning`] and discovery goes on. Only "there
//! is no Cargo workspace here" and I/O failures on the path the user gave are
//! errors. It also knows nothing of findings, rounds or rendering reports.
//!
//! ```no_run
//! use memaudit_discovery::{load_scope, DiscoverOptions};
//! let scope = load_scope(
//!     std::path::Path::new("."),
//!     Some(std::path::Path::new("specs/meta/sessions/memory_audit_001/scope.md")),
//!     &DiscoverOptions::default(),
//! )?;
//! for (krate, file) in scope.files_by_priority().iter().take(5) {
//!     println!("{} {} {}", file.priority, krate.name, file.path);
//! }
//! # Ok::<(), memaudit_discovery::DiscoveryError>(())
//! ```

mod files;
mod modules;
mod overrides;
mod paths;
mod pool;
pub mod scope_md;
mod scoring;
pub mod signals;
mod walk;
mod workspace;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use memaudit_facts::callgraph::TargetKind;
use memaudit_facts::FileFacts;
use memaudit_model::Scope;
pub use memaudit_model::Warning;
use serde::Serialize;

pub use files::release_freed_memory;
pub use overrides::apply_overrides;
pub use scoring::{score, score_with};

/// Knobs for [`discover`]; a struct rather than boolean parameters so that
/// call sites read well and new knobs do not break callers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// Ask `cargo metadata --no-deps --offline` for the members and targets
    /// (the authoritative answer). When false, or when cargo is missing or
    /// fails, the manifests are read directly.
    pub use_cargo_metadata: bool,
    /// Files larger than this are listed (with their line count) but not
    /// parsed: no code signals and no `mod` declarations, and a Warning says so.
    pub max_file_bytes: u64,
    /// Worker threads for parsing; 0 means `available_parallelism()`.
    pub threads: usize,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            use_cargo_metadata: true,
            max_file_bytes: 10 * 1024 * 1024,
            threads: 0,
        }
    }
}

/// A file as discovery parsed it, handed to a [`FileVisitor`] while its
/// syntax tree is alive: the one parse of the file in an audit.
pub struct VisitedFile<'a, 's> {
    pub crate_name: &'s str,
    /// Workspace-relative path with `/` separators.
    pub path: &'s str,
    /// Module path inside the crate (`[]` for a target root).
    pub module: &'s [String],
    pub source: &'s str,
    /// The parsed file, standard macros rewritten into calls.
    pub tree: &'a syn::File,
    /// Where each rewritten macro stands in the text as written.
    pub rewrites: &'a memaudit_facts::macros::Rewrites,
    pub facts: &'s FileFacts,
    pub syntax: &'s memaudit_facts::Syntax<'a>,
}

/// Work done on each file during discovery's single parse (the built-in
/// Analyst's detectors, for an audit). Runs on discovery's worker threads.
pub trait FileVisitor: Sync {
    type Output: Send;
    fn visit(&self, file: &VisitedFile<'_, '_>) -> Self::Output;

    /// Whether the file's whole facts are needed after its visit. When not,
    /// they are slimmed on the spot ([`FileFacts::slim`]) to what the call
    /// graph and scoring read, so that the full facts of every file never
    /// pile up until the call graph is built.
    fn keeps_facts(&self, _out: &Self::Output) -> bool {
        true
    }
}

/// What a visitor returned for each file, by workspace-relative path.
pub type Visited<O> = Vec<(String, O)>;

/// A visitor that does nothing: discovery and scoring alone.
pub struct NoVisit;

impl FileVisitor for NoVisit {
    type Output = ();
    fn visit(&self, _: &VisitedFile<'_, '_>) {}
}

/// A discovered workspace: its root, crates and files, before scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Workspace {
    /// Absolute, canonical path of the workspace root.
    pub root: PathBuf,
    /// Crates sorted by directory.
    pub crates: Vec<CrateInfo>,
    /// Problems that did not stop discovery, sorted by file, line, message.
    pub warnings: Vec<Warning>,
}

/// One crate (package) of the workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrateInfo {
    pub name: String,
    /// Workspace-relative directory of the manifest (`.` for the root).
    pub dir: String,
    /// Workspace-relative path of the manifest.
    pub manifest: String,
    /// Package names of all dependencies (normal, dev, build), sorted, deduplicated.
    pub dependencies: Vec<String>,
    pub targets: Vec<Target>,
    /// Files sorted by path: the module trees of all targets first marked
    /// `in_module_tree`, plus stray `.rs` files found by walking the crate.
    pub files: Vec<SourceFile>,
    /// Why the manifest could not be read; such a crate has no files.
    pub error: Option<String>,
}

/// A compilation target of a crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub name: String,
    /// `lib`, `bin`, `example`, `test`, `bench` or `custom-build`.
    pub kind: String,
    /// Workspace-relative path of the target's root file.
    pub root: String,
}

/// A `.rs` file of a crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFile {
    /// Workspace-relative path with `/` separators.
    pub path: String,
    /// Reachable from a target root through `mod` declarations.
    pub in_module_tree: bool,
    pub bytes: u64,
    /// Code signals, collected while the file was parsed during discovery so
    /// that every file is parsed exactly once. `None` means "not parsed yet";
    /// [`score`] then parses it.
    #[serde(skip)]
    pub signals: Option<signals::FileSignals>,
    /// The shared syntax facts of the file (None when it was not parsed).
    #[serde(skip)]
    pub facts: Option<Arc<FileFacts>>,
    /// Module path inside the crate (`[]` for a target root).
    #[serde(skip)]
    pub module: Vec<String>,
    /// The kind of target whose module tree reached the file.
    #[serde(skip)]
    pub target: TargetKind,
    /// Why the whole file is test code (declared under `#[cfg(test)]`).
    #[serde(skip)]
    pub test: Option<String>,
}

/// Why discovery could not start. Everything less fatal is a [`Warning`].
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    #[error("no Cargo.toml in {path} or any folder above it: point memaudit at a Cargo workspace or crate")]
    NoManifest { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the scope file {path}: {source}")]
    ScopeFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Finds the workspace containing `path` (the nearest enclosing Cargo
/// workspace that includes the package at or above `path`, or that package
/// alone), its crates and their files.
pub fn discover(path: &Path, opts: &DiscoverOptions) -> Result<Workspace, DiscoveryError> {
    Ok(discover_with(path, opts, &NoVisit)?.0)
}

/// Like [`discover`], with `visitor` run on every file while its syntax tree
/// is alive; its outputs come back by workspace-relative path.
pub fn discover_with<V: FileVisitor>(
    path: &Path,
    opts: &DiscoverOptions,
    visitor: &V,
) -> Result<(Workspace, Visited<V::Output>), DiscoveryError> {
    let root = workspace::find_root(path)?;
    let mut warnings = Vec::new();
    let members = workspace::members(&root, opts, &mut warnings);
    let (crates, visited) = files::collect(&root, members, opts, visitor, &mut warnings);
    paths::sort_warnings(&mut warnings);
    Ok((
        Workspace {
            root,
            crates,
            warnings,
        },
        visited,
    ))
}

/// Discovers and scores the workspace containing `path`, then, when
/// `scope_md` is given (relative to the workspace root, or absolute) and the
/// file exists, parses it and applies its overrides. Malformed `scope.md`
/// lines become warnings on the scope.
pub fn load_scope(
    path: &Path,
    scope_md: Option<&Path>,
    opts: &DiscoverOptions,
) -> Result<Scope, DiscoveryError> {
    let ws = discover(path, opts)?;
    let mut scope = score(&ws);
    apply_scope_md(&mut scope, &ws.root, scope_md)?;
    Ok(scope)
}

/// Reads `scope_md` (relative to `root`, or absolute) when it exists and
/// applies its overrides; malformed lines become warnings. Returns the
/// workspace-relative path of the file read, `None` when there was none.
pub fn apply_scope_md(
    scope: &mut Scope,
    root: &Path,
    scope_md: Option<&Path>,
) -> Result<Option<String>, DiscoveryError> {
    let Some(rel) = scope_md else {
        return Ok(None);
    };
    let file = root.join(rel);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(DiscoveryError::ScopeFile { path: file, source }),
    };
    let (overrides, mut warnings) = scope_md::parse(&text);
    let shown = paths::relative(root, &file).unwrap_or_else(|| file.display().to_string());
    for w in &mut warnings {
        w.file = Some(shown.clone());
    }
    scope.warnings.extend(warnings);
    apply_overrides(scope, &overrides);
    scope.scope_md = Some(shown.clone());
    Ok(Some(shown))
}

/// The root of the Cargo workspace containing `path`, without listing or
/// parsing anything (a session is created from it; the round's pass does the
/// rest).
pub fn workspace_root(path: &Path) -> Result<PathBuf, DiscoveryError> {
    workspace::find_root(path)
}

/// The `scope.md` a workspace without a session keeps its overrides in:
/// `scope.md` at the root, else `specs/meta/scope.md`.
pub fn workspace_scope_md(root: &Path) -> Option<PathBuf> {
    ["scope.md", "specs/meta/scope.md"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.is_file())
}
