//! The checker: does a finding's edit compile, and do the tests still pass
//! with it? Each edit is applied in a scratch copy of the workspace (hard
//! links under memaudit's cache, never the user's files), `cargo check
//! --all-targets --message-format=json` runs for the packages the edits
//! touch, with a build cache kept under the same cache folder so re-checks
//! are incremental.
//!
//! Edits are built in batches — every edit that does not overlap another in
//! one build — and a failing batch is taken apart: an error is attributed
//! to the one edit whose changed lines (or introduced bindings) it points
//! at, with no other edit near; those edits fail as they would alone, the
//! rest is built once more without them to confirm, and a batch whose
//! errors cannot be attributed is split in halves. Packages count: the
//! edits of a package that cargo did not build because an edited package
//! below it failed are built again with that package's edits left out, and
//! batches of unrelated packages share a build. Optionally the affected
//! packages' tests run with the compiling edits applied; a test that also
//! fails without them is not held against an edit.
//!
//! **This runs the workspace's build scripts, proc macros and (with tests)
//! its test code.** Callers announce it and ask first. A cancelled check
//! kills cargo's whole process group and removes the scratch copy; only the
//! build cache stays. This crate must NOT write into the workspace, decide
//! verdicts, or store results: it returns them.
//!
//! ```no_run
//! use memaudit_check::{check_edits, Candidate, CheckOptions};
//! # fn edit() -> memaudit_model::Edit { unimplemented!() }
//! let candidates = vec![Candidate { finding_id: "F-001".into(), fingerprint: "fp".into(), edit: edit() }];
//! let opts = CheckOptions::new(std::path::PathBuf::from("/tmp/memaudit-cache/ws"));
//! let run = check_edits(std::path::Path::new("."), &candidates, &opts, &|_| {})?;
//! for c in &run.checks {
//!     println!("{}: {}", c.finding_id, c.summary());
//! }
//! # Ok::<(), memaudit_check::CheckError>(())
//! ```

mod apply;
mod cargo;
mod error;
mod scratch;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use memaudit_model::{CheckedFile, CompileError, Edit, FixCheck, FixStatus, Hunk, TestOutcome};

pub use cargo::CancelFlag;
pub use error::{CheckError, Result};

use cargo::{Cargo, RawError};
use scratch::Scratch;

/// One finding's edit to check.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub finding_id: String,
    pub fingerprint: String,
    pub edit: Edit,
}

/// How a check runs.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// This workspace's folder in memaudit's cache: the scratch copy, the
    /// build cache and the list of files ever edited live here.
    pub cache_dir: PathBuf,
    /// The cargo executable.
    pub cargo: PathBuf,
    /// Also run `cargo test -p …` for packages with compiling edits.
    pub run_tests: bool,
    /// Pass `--offline` to cargo (no registry access).
    pub offline: bool,
    /// Longest a package's test run may take.
    pub test_timeout: Duration,
    pub cancel: CancelFlag,
}

impl CheckOptions {
    pub fn new(cache_dir: PathBuf) -> Self {
        CheckOptions {
            cache_dir,
            cargo: PathBuf::from("cargo"),
            run_tests: false,
            offline: false,
            test_timeout: Duration::from_secs(600),
            cancel: CancelFlag::default(),
        }
    }
}

/// Progress of a check, for a bar or a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckEvent {
    /// The scratch copy is ready.
    Copied { linked: u64, copied: u64, ms: u64 },
    /// The workspace as it is is being built, to warm the cache and to know
    /// which packages build at all.
    Baseline { packages: Vec<String> },
    /// A build of `edits` edits of `packages` started.
    Building {
        packages: Vec<String>,
        edits: usize,
        resolved: usize,
        total: usize,
    },
    /// One edit's result is known.
    Checked {
        finding_id: String,
        status: FixStatus,
        resolved: usize,
        total: usize,
    },
    /// A package's tests are running with `edits` compiling edits applied.
    Testing { packages: Vec<String>, edits: usize },
}

/// Figures about one check run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckStats {
    pub edits: u32,
    /// `cargo check` runs, the baseline included.
    pub builds: u32,
    pub test_runs: u32,
    pub duration_ms: u64,
    pub copy_ms: u64,
    pub baseline_ms: u64,
    pub files_linked: u64,
    pub files_copied: u64,
    /// The scratch copy's own bytes at its largest (copied and edited files,
    /// folder entries; hard links cost none).
    pub scratch_peak_bytes: u64,
    /// The build cache's size after the run.
    pub cache_bytes: u64,
    /// The baseline of an earlier check was reused: the workspace had not
    /// changed since (no baseline build ran).
    pub baseline_reused: bool,
}

/// A baseline that built, stored in the workspace's cache folder for the
/// next check (`baseline.json`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct BaselineRecord {
    key: String,
    all_targets: bool,
    sources: Vec<String>,
    warning: Option<String>,
}

/// What a check produced: one result per candidate, in order.
#[derive(Debug, Clone)]
pub struct CheckRun {
    pub checks: Vec<FixCheck>,
    pub stats: CheckStats,
    /// Problems that did not stop the check.
    pub warnings: Vec<String>,
}

/// The identity of an edit: blake3 of its hunks (files, ranges, texts).
pub fn edit_hash(edit: &Edit) -> String {
    let mut h = blake3::Hasher::new();
    for hunk in &edit.hunks {
        for part in [hunk.file.as_str(), &hunk.original, &hunk.replacement] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.update(&hunk.start.to_le_bytes());
        h.update(&hunk.end.to_le_bytes());
    }
    h.finalize().to_hex()[..16].to_owned()
}

/// blake3 (hex) of a file's bytes, as stored in [`CheckedFile::hash`].
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// The folder of `workspace` in a cache root: one per workspace path.
pub fn workspace_cache(cache_root: &Path, workspace: &Path) -> PathBuf {
    let key = blake3::hash(workspace.to_string_lossy().as_bytes()).to_hex();
    let name = workspace
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect::<String>();
    cache_root
        .join("checks")
        .join(format!("{name}-{}", &key[..12]))
}

/// Checks every candidate's edit against `workspace`. See the crate docs.
pub fn check_edits(
    workspace: &Path,
    candidates: &[Candidate],
    opts: &CheckOptions,
    progress: &dyn Fn(CheckEvent),
) -> Result<CheckRun> {
    if !workspace.join("Cargo.toml").is_file() {
        return Err(CheckError::NotAWorkspace {
            path: workspace.to_path_buf(),
        });
    }
    std::fs::create_dir_all(&opts.cache_dir)
        .map_err(|e| CheckError::io(format!("creating {}", opts.cache_dir.display()), e))?;
    let _lock = Lock::take(&opts.cache_dir)?;
    let started = Instant::now();
    let mut run = Run::prepare(workspace, candidates, opts)?;
    let outcome = run.execute(progress);
    let warnings = run.finish_warnings();
    let mut stats = run.stats.clone();
    drop(run.scratch.take());
    outcome?;
    stats.duration_ms = started.elapsed().as_millis() as u64;
    stats.cache_bytes = scratch::dir_bytes(&opts.cache_dir.join("target"));
    Ok(CheckRun {
        checks: run.results(),
        stats,
        warnings,
    })
}

/// A lock folder in the cache holding the checking process's id: one check
/// per workspace at a time. A lock left by a dead process is taken over.
struct Lock(PathBuf);

impl Lock {
    fn take(cache: &Path) -> Result<Lock> {
        let dir = cache.join("lock");
        for _ in 0..2 {
            match std::fs::create_dir(&dir) {
                Ok(()) => {
                    let _ = std::fs::write(dir.join("pid"), std::process::id().to_string());
                    return Ok(Lock(dir));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(dir.join("pid"))
                        .ok()
                        .and_then(|p| p.trim().parse::<u32>().ok());
                    match pid {
                        Some(pid) if pid != std::process::id() && alive(pid) => {
                            return Err(CheckError::Busy { pid })
                        }
                        _ => {
                            let _ = std::fs::remove_dir_all(&dir);
                        }
                    }
                }
                Err(e) => {
                    return Err(CheckError::io(format!("locking {}", dir.display()), e));
                }
            }
        }
        Err(CheckError::io(
            format!("locking {}", dir.display()),
            std::io::Error::other("the lock folder keeps reappearing"),
        ))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        || i32::try_from(pid).is_ok_and(|p| {
            // SAFETY: signal 0 only asks whether the process exists.
            unsafe { libc::kill(p, 0) == 0 }
        })
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// A batch to build: indexes of edits whose hunks do not overlap.
type Job = Vec<usize>;

/// A batch waiting for a build, and how it may share one.
#[derive(Debug, Clone)]
struct Queued {
    edits: Job,
    kind: JobKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobKind {
    /// Edits not yet judged, or the rest of a batch to confirm.
    Batch,
    /// Edits a failing dependency kept from being built: they are built
    /// next with that dependency's edits left out.
    Blocked,
    /// Suspects (of one package, far apart from each other when more than
    /// one): most likely failing, so they share a build only with unrelated
    /// packages; an error that cannot be attributed splits them into builds
    /// of their own.
    Apart,
}

/// One candidate while it is being checked.
struct Item {
    cand: Candidate,
    hash: String,
    files: Vec<CheckedFile>,
    packages: Vec<String>,
    result: Option<Outcome>,
    spent: Duration,
    batched_with: u32,
    tests: Option<TestOutcome>,
}

#[derive(Debug, Clone)]
enum Outcome {
    Compiles,
    Fails(Vec<CompileError>),
    NotChecked(String),
}

/// How one package fared in a build.
#[derive(Debug, Clone, PartialEq)]
enum PackageState {
    Clean,
    Errors,
    NotBuilt,
}

struct Run<'a> {
    workspace: &'a Path,
    opts: &'a CheckOptions,
    cargo: Cargo,
    scratch: Option<Scratch>,
    originals: HashMap<String, String>,
    items: Vec<Item>,
    /// Package directory (relative, `/`, "" for the root) → name, longest first.
    package_dirs: Vec<(String, String)>,
    package_ids: HashMap<String, String>,
    /// Member → the members it depends on, directly or not, by any kind of
    /// dependency (normal, build, dev).
    below: HashMap<String, BTreeSet<String>>,
    all_targets: bool,
    stats: CheckStats,
    warnings: Vec<String>,
}

impl<'a> Run<'a> {
    fn prepare(
        workspace: &'a Path,
        candidates: &[Candidate],
        opts: &'a CheckOptions,
    ) -> Result<Self> {
        let mut originals: HashMap<String, String> = HashMap::new();
        let mut items = Vec::with_capacity(candidates.len());
        for cand in candidates {
            let mut files = Vec::new();
            let mut problem = None;
            for file in cand.edit.files() {
                let text = match originals.get(file) {
                    Some(t) => Some(t.clone()),
                    None => read_workspace_file(workspace, file),
                };
                match text {
                    Some(text) => {
                        if let Err(e) = cand.edit.apply_to(file, &text) {
                            problem.get_or_insert_with(|| e.to_string());
                        }
                        files.push(CheckedFile {
                            file: file.to_owned(),
                            hash: content_hash(text.as_bytes()),
                        });
                        originals.insert(file.to_owned(), text);
                    }
                    None => {
                        problem.get_or_insert_with(|| {
                            format!("{file} cannot be read as UTF-8 text inside the workspace")
                        });
                    }
                }
            }
            if cand.edit.hunks.is_empty() {
                problem = Some("the edit has no hunks".to_owned());
            }
            items.push(Item {
                hash: edit_hash(&cand.edit),
                cand: cand.clone(),
                files,
                packages: Vec::new(),
                result: problem.map(Outcome::NotChecked),
                spent: Duration::ZERO,
                batched_with: 0,
                tests: None,
            });
        }
        Ok(Run {
            workspace,
            opts,
            cargo: Cargo {
                program: opts.cargo.clone(),
                target_dir: opts.cache_dir.join("target"),
                offline: opts.offline,
                specs: HashMap::new(),
            },
            scratch: None,
            originals,
            items,
            package_dirs: Vec::new(),
            package_ids: HashMap::new(),
            below: HashMap::new(),
            all_targets: true,
            stats: CheckStats {
                edits: candidates.len() as u32,
                ..CheckStats::default()
            },
            warnings: Vec::new(),
        })
    }

    fn root(&self) -> Result<PathBuf> {
        self.scratch
            .as_ref()
            .map(|s| s.root.clone())
            .ok_or_else(|| CheckError::io("the scratch copy", std::io::Error::other("missing")))
    }

    fn execute(&mut self, progress: &dyn Fn(CheckEvent)) -> Result<()> {
        if self.items.iter().all(|i| i.result.is_some()) {
            return Ok(());
        }
        let t = Instant::now();
        let scratch = Scratch::create(
            self.workspace,
            &self.opts.cache_dir.join("scratch"),
            &self.opts.cache_dir,
        )?;
        self.stats.files_linked = scratch.linked;
        self.stats.files_copied = scratch.copied;
        self.scratch = Some(scratch);
        self.stats.copy_ms = t.elapsed().as_millis() as u64;
        progress(CheckEvent::Copied {
            linked: self.stats.files_linked,
            copied: self.stats.files_copied,
            ms: self.stats.copy_ms,
        });
        self.read_packages()?;
        for i in 0..self.items.len() {
            if self.items[i].result.is_some() {
                continue;
            }
            let mut pkgs = BTreeSet::new();
            let mut orphan = None;
            for f in &self.items[i].files {
                match self.package_of(&f.file) {
                    Some(p) => {
                        pkgs.insert(p);
                    }
                    None => orphan = Some(f.file.clone()),
                }
            }
            match orphan {
                Some(f) => {
                    self.items[i].result = Some(Outcome::NotChecked(format!(
                        "{f} belongs to no package of the workspace"
                    )))
                }
                None => self.items[i].packages = pkgs.into_iter().collect(),
            }
        }
        self.baseline(progress)?;
        let pending: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].result.is_none())
            .collect();
        let mut queue: VecDeque<Queued> = self
            .pack(&pending)
            .into_iter()
            .map(|edits| Queued {
                edits,
                kind: JobKind::Batch,
            })
            .collect();
        while let Some(first) = queue.pop_front() {
            // Batches of packages unrelated to each other share a build:
            // `--keep-going` reports every one of them, and no edit of one
            // can change what the other compiles. Batches of different
            // packages share one too when both are plain batches (most
            // likely to compile): should a lower one fail, the upper one's
            // edits come back blocked and are built without it.
            let mut jobs = vec![first];
            let mut k = 0;
            while k < queue.len() {
                let cand = &queue[k];
                if jobs.iter().all(|j| {
                    self.independent(&j.edits, &cand.edits)
                        || (j.kind == JobKind::Batch
                            && cand.kind == JobKind::Batch
                            && self.disjoint(&j.edits, &cand.edits))
                }) {
                    if let Some(j) = queue.remove(k) {
                        jobs.push(j);
                    }
                } else {
                    k += 1;
                }
            }
            let next = self.build_jobs(jobs, progress)?;
            // Edits a failing dependency blocked go first: they are built
            // without that dependency's edits.
            let (blocked, rest): (Vec<Queued>, Vec<Queued>) =
                next.into_iter().partition(|j| j.kind == JobKind::Blocked);
            for j in blocked.into_iter().rev() {
                queue.push_front(j);
            }
            queue.extend(rest);
        }
        if self.opts.run_tests {
            self.tests(progress)?;
        }
        if let Some(s) = &self.scratch {
            for p in s.changed_originals() {
                self.warnings.push(format!(
                    "{} changed while the check ran: a build script may write into its source folder (through the scratch copy's hard link)",
                    p.display()
                ));
            }
        }
        Ok(())
    }

    fn read_packages(&mut self) -> Result<()> {
        let root = self.root()?;
        let mut cmd = cargo_metadata::MetadataCommand::new();
        cmd.cargo_path(&self.opts.cargo)
            .current_dir(&root)
            .manifest_path(root.join("Cargo.toml"))
            .no_deps();
        if self.opts.offline {
            cmd.other_options(vec!["--offline".to_owned()]);
        }
        let meta = cmd.exec().map_err(|e| CheckError::Metadata {
            message: e.to_string(),
        })?;
        // Members by folder, to find which path dependencies are members.
        let by_dir: HashMap<PathBuf, String> = meta
            .workspace_packages()
            .iter()
            .filter_map(|p| {
                let dir = p.manifest_path.parent()?.as_std_path();
                Some((
                    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
                    p.name.to_string(),
                ))
            })
            .collect();
        let mut direct: HashMap<String, BTreeSet<String>> = HashMap::new();
        for p in meta.workspace_packages() {
            let deps = direct.entry(p.name.to_string()).or_default();
            for d in &p.dependencies {
                if let Some(path) = &d.path {
                    let path = path.as_std_path();
                    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                    if let Some(m) = by_dir.get(&path) {
                        if m.as_str() != p.name.as_str() {
                            deps.insert(m.clone());
                        }
                    }
                }
            }
        }
        for name in direct.keys() {
            let mut seen = BTreeSet::new();
            let mut todo: Vec<&String> = direct[name].iter().collect();
            while let Some(d) = todo.pop() {
                if seen.insert(d.clone()) {
                    todo.extend(direct.get(d).into_iter().flatten());
                }
            }
            self.below.insert(name.clone(), seen);
        }
        for p in meta.workspace_packages() {
            let dir = p
                .manifest_path
                .parent()
                .map(|d| d.as_std_path().to_path_buf())
                .unwrap_or_default();
            let rel = dir.strip_prefix(&root).unwrap_or(&dir);
            self.package_dirs
                .push((scratch::slash(rel), p.name.to_string()));
            self.package_ids
                .insert(p.id.repr.clone(), p.name.to_string());
            // Cargo ≥ 1.77 spells ids as specs (`path+file://…#name@1.0.0`);
            // older ones as `name 1.0.0 (path+file://…)`, not a spec.
            let spec = if p.id.repr.contains('#') && !p.id.repr.contains(' ') {
                p.id.repr.clone()
            } else {
                format!("{}@{}", p.name, p.version)
            };
            self.cargo.specs.insert(p.name.to_string(), spec);
        }
        self.package_dirs
            .sort_by_key(|(d, _)| std::cmp::Reverse(d.len()));
        Ok(())
    }

    /// Whether two batches touch packages that neither are nor depend on
    /// each other: built together, each reports as it would alone.
    fn independent(&self, a: &[usize], b: &[usize]) -> bool {
        let packages = |edits: &[usize]| -> BTreeSet<&String> {
            edits
                .iter()
                .flat_map(|&i| self.items[i].packages.iter())
                .collect()
        };
        let (pa, pb) = (packages(a), packages(b));
        let related = |p: &String, q: &String| {
            p == q
                || self.below.get(p).is_some_and(|b| b.contains(q))
                || self.below.get(q).is_some_and(|b| b.contains(p))
        };
        pa.iter().all(|p| pb.iter().all(|q| !related(p, q)))
    }

    /// Whether two batches touch no package in common.
    fn disjoint(&self, a: &[usize], b: &[usize]) -> bool {
        a.iter().all(|&i| {
            b.iter().all(|&j| {
                self.items[i]
                    .packages
                    .iter()
                    .all(|p| !self.items[j].packages.contains(p))
            })
        })
    }

    /// Whether package `p` depends, directly or not, on `q`.
    fn depends_on(&self, p: &str, q: &str) -> bool {
        self.below.get(p).is_some_and(|b| b.contains(q))
    }

    fn package_of(&self, file: &str) -> Option<String> {
        self.package_dirs
            .iter()
            .find(|(dir, _)| dir.is_empty() || file.starts_with(&format!("{dir}/")))
            .map(|(_, n)| n.clone())
    }

    /// Builds the affected packages as they are. Packages that do not build
    /// (even without `--all-targets`) cannot judge an edit.
    fn baseline(&mut self, progress: &dyn Fn(CheckEvent)) -> Result<()> {
        let packages: Vec<String> = self
            .items
            .iter()
            .filter(|i| i.result.is_none())
            .flat_map(|i| i.packages.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if packages.is_empty() {
            return Ok(());
        }
        progress(CheckEvent::Baseline {
            packages: packages.clone(),
        });
        let root = self.root()?;
        let t = Instant::now();
        // A workspace that built as it is in an earlier check, with not a
        // file changed since (paths, lengths, times), the same packages and
        // toolchain, builds now: that check's baseline is reused.
        let key = self.baseline_key(&root, &packages);
        let record_path = self.opts.cache_dir.join("baseline.json");
        let reused = std::fs::read(&record_path)
            .ok()
            .and_then(|b| serde_json::from_slice::<BaselineRecord>(&b).ok())
            .filter(|r| r.key == key);
        if let Some(r) = reused {
            self.all_targets = r.all_targets;
            self.warnings.extend(r.warning);
            self.stats.baseline_reused = true;
            self.stats.baseline_ms = t.elapsed().as_millis() as u64;
            let sources = r.sources.into_iter().collect();
            self.unread_files_not_checked(&sources);
            return Ok(());
        }
        let _ = std::fs::remove_file(&record_path);
        let mut out = self
            .cargo
            .check(&root, &packages, true, &self.opts.cancel)?;
        self.stats.builds += 1;
        let mut warning = None;
        if !out.success {
            // Benches or examples may need another toolchain: try the
            // targets every package has.
            let plain = self
                .cargo
                .check(&root, &packages, false, &self.opts.cancel)?;
            self.stats.builds += 1;
            if plain.success {
                self.all_targets = false;
                let w = format!(
                    "the workspace does not build with --all-targets as it is; edits are checked without it ({})",
                    out.errors.first().map_or_else(|| first_line(&out.stderr_tail), |e| e.message.clone())
                );
                self.warnings.push(w.clone());
                warning = Some(w);
            }
            out = plain;
        }
        self.stats.baseline_ms = t.elapsed().as_millis() as u64;
        self.unread_files_not_checked(&out.sources);
        if out.success {
            let mut sources: Vec<String> = out.sources.iter().cloned().collect();
            sources.sort();
            let record = BaselineRecord {
                key,
                all_targets: self.all_targets,
                sources,
                warning,
            };
            if let Ok(bytes) = serde_json::to_vec(&record) {
                // Only a shortcut: a check without it builds the baseline.
                let _ = std::fs::write(&record_path, bytes);
            }
            return Ok(());
        }
        let states = self.package_states(&out.errors, &out, &packages);
        let why_of = |p: &str| -> String {
            out.errors
                .iter()
                .find(|e| self.package_ids.get(&e.package_id).map(String::as_str) == Some(p))
                .map(|e| match &e.at {
                    Some((f, l)) => format!("{} ({f}:{l})", e.message),
                    None => e.message.clone(),
                })
                .unwrap_or_else(|| first_line(&out.stderr_tail))
        };
        for item in &mut self.items {
            if item.result.is_some() {
                continue;
            }
            if let Some(p) = item
                .packages
                .iter()
                .find(|p| states.get(*p) != Some(&PackageState::Clean))
            {
                item.result = Some(Outcome::NotChecked(format!(
                    "package {p} does not compile as it is, so the edit cannot be judged: {}",
                    why_of(p)
                )));
            }
        }
        Ok(())
    }

    /// An edit to a file the build never reads (behind a feature or `cfg`
    /// that is off, or in no target) would "compile" unseen: not checked.
    fn unread_files_not_checked(&mut self, sources: &std::collections::HashSet<String>) {
        if sources.is_empty() {
            return;
        }
        for item in &mut self.items {
            if item.result.is_some() {
                continue;
            }
            if let Some(f) = item.files.iter().find(|f| !sources.contains(&f.file)) {
                item.result = Some(Outcome::NotChecked(format!(
                    "{} is not compiled by `cargo check{}` with the workspace's default features (a feature or `cfg` that is off, or no target uses it): the compiler cannot check this edit",
                    f.file,
                    if self.all_targets { " --all-targets" } else { "" }
                )));
            }
        }
    }

    /// What a baseline's result depends on: the mirrored files (paths,
    /// lengths, times), the packages, cargo and rustc as the scratch copy
    /// resolves them, and the environment that changes a build.
    fn baseline_key(&self, root: &Path, packages: &[String]) -> String {
        let mut h = blake3::Hasher::new();
        let mut part = |s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        part(self.scratch.as_ref().map_or("", |s| s.fingerprint.as_str()));
        for p in packages {
            part(p);
        }
        part(&self.opts.cargo.to_string_lossy());
        part(if self.opts.offline {
            "offline"
        } else {
            "online"
        });
        for var in [
            "RUSTFLAGS",
            "CARGO_ENCODED_RUSTFLAGS",
            "RUSTC",
            "CARGO_BUILD_TARGET",
            "CARGO_BUILD_RUSTFLAGS",
        ] {
            part(&std::env::var(var).unwrap_or_default());
        }
        let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        for (program, label) in [
            (self.opts.cargo.as_os_str(), "cargo"),
            (rustc.as_os_str(), "rustc"),
        ] {
            let version = std::process::Command::new(program)
                .arg("-vV")
                .current_dir(root)
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_else(|_| format!("no {label}"));
            part(&version);
        }
        h.finalize().to_hex().to_string()
    }

    fn package_states(
        &self,
        errors: &[RawError],
        out: &cargo::CheckOutput,
        packages: &[String],
    ) -> HashMap<String, PackageState> {
        let mut states: HashMap<String, PackageState> = HashMap::new();
        for p in packages {
            let state = if errors
                .iter()
                .any(|e| self.package_ids.get(&e.package_id) == Some(p))
            {
                PackageState::Errors
            } else if out.success
                || out
                    .built
                    .iter()
                    .any(|id| self.package_ids.get(id) == Some(p))
            {
                PackageState::Clean
            } else {
                PackageState::NotBuilt
            };
            states.insert(p.clone(), state);
        }
        states
    }

    /// Splits edits into batches whose hunks do not overlap. Edits that
    /// change a type others may use get batches of their own: their errors
    /// can appear anywhere, so a batch holding one cannot attribute errors
    /// by their lines.
    fn pack(&self, idxs: &[usize]) -> Vec<Vec<usize>> {
        let mut batches: Vec<(Vec<usize>, Vec<&Hunk>)> = Vec::new();
        let (local, typed): (Vec<usize>, Vec<usize>) = idxs
            .iter()
            .partition(|&&i| !changes_types(&self.items[i].cand.edit));
        self.pack_into(&mut batches, &local);
        self.pack_into(&mut batches, &typed);
        batches.into_iter().map(|(b, _)| b).collect()
    }

    fn pack_into<'s>(&'s self, batches: &mut Vec<(Vec<usize>, Vec<&'s Hunk>)>, idxs: &[usize]) {
        let first = batches.len();
        for &i in idxs {
            let hunks = &self.items[i].cand.edit.hunks;
            let slot = batches[first..]
                .iter_mut()
                .find(|(_, taken)| !hunks.iter().any(|h| taken.iter().any(|t| overlaps(h, t))));
            match slot {
                Some((b, taken)) => {
                    b.push(i);
                    taken.extend(hunks.iter());
                }
                None => batches.push((vec![i], hunks.iter().collect())),
            }
        }
    }

    /// Builds the jobs' edits together (their packages are unrelated, see
    /// [`Run::independent`], or there is one job) and judges each job from
    /// its own packages' messages; returns the jobs still to build.
    fn build_jobs(
        &mut self,
        jobs: Vec<Queued>,
        progress: &dyn Fn(CheckEvent),
    ) -> Result<Vec<Queued>> {
        let batch: Vec<usize> = jobs.iter().flat_map(|j| j.edits.iter().copied()).collect();
        let packages: Vec<String> = batch
            .iter()
            .flat_map(|&i| self.items[i].packages.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        progress(CheckEvent::Building {
            packages: packages.clone(),
            edits: batch.len(),
            resolved: self.resolved(),
            total: self.items.len(),
        });
        let (applied, out) = self.build(&batch, &packages)?;
        let share = out.duration / batch.len().max(1) as u32;
        for &i in &batch {
            self.items[i].spent += share;
            self.items[i].batched_with = batch.len().saturating_sub(1) as u32;
        }
        let mut next = Vec::new();
        for job in &jobs {
            next.extend(self.judge(job, &applied, &out, progress));
        }
        Ok(next)
    }

    /// Records what one job of a build settles; returns the jobs still to
    /// build.
    ///
    /// A failing job is taken apart by the errors' spans: an error is
    /// attributed to an edit when its primary line is one only that edit
    /// changed, or mentions a binding only that edit introduced, or when
    /// its spans touch that edit's lines and no other edit's — always with
    /// no other edit's hunk within [`NEAR`] lines (another edit in the same
    /// function could be the cause). Such an edit fails as it would alone
    /// (its errors are moved to the lines they have with it alone); the
    /// rest is built once more without them — the confirming build, taken
    /// apart the same way. Only when no error can be attributed is the
    /// batch split in halves.
    ///
    /// Edits of a package that was not built because a package it depends
    /// on failed are blocked, not judged: when every error of the failing
    /// packages was attributed they ride along with the confirming build
    /// (the failing edits are gone, the rest most likely compiles);
    /// otherwise they are built next with those packages' edits left out.
    fn judge(
        &mut self,
        job: &Queued,
        applied: &HashMap<String, apply::Applied>,
        out: &cargo::CheckOutput,
        progress: &dyn Fn(CheckEvent),
    ) -> Vec<Queued> {
        let batch = job.edits.as_slice();
        let packages: Vec<String> = batch
            .iter()
            .flat_map(|&i| self.items[i].packages.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // This job's messages: its packages' errors, and errors of no
        // member (a build script's, a linker's), which anyone may have caused.
        let errors: Vec<RawError> = out
            .errors
            .iter()
            .filter(|e| match self.package_ids.get(&e.package_id) {
                Some(p) => packages.contains(p),
                None => true,
            })
            .cloned()
            .collect();
        let states = self.package_states(&errors, out, &packages);
        let success =
            out.success || errors.is_empty() && states.values().all(|s| *s == PackageState::Clean);
        let clean = |item: &Item| {
            success
                || item
                    .packages
                    .iter()
                    .all(|p| states.get(p) == Some(&PackageState::Clean))
        };
        // Edits whose packages have no error of their own but were not
        // built: a package they depend on failed (in this job, or in
        // another job of the build that this one was let to share it with).
        let failing: Vec<String> = out
            .errors
            .iter()
            .filter_map(|e| self.package_ids.get(&e.package_id).cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let is_blocked = |item: &Item| {
            !success
                && item
                    .packages
                    .iter()
                    .all(|p| states.get(p) != Some(&PackageState::Errors))
                && item.packages.iter().any(|p| {
                    states.get(p) == Some(&PackageState::NotBuilt)
                        && failing.iter().any(|f| self.depends_on(p, f))
                })
        };
        let blocked_set: BTreeSet<usize> = batch
            .iter()
            .copied()
            .filter(|&i| is_blocked(&self.items[i]))
            .collect();
        if batch.len() == 1 && blocked_set.contains(&batch[0]) {
            return vec![Queued {
                edits: batch.to_vec(),
                kind: JobKind::Blocked,
            }];
        }
        if batch.len() == 1 {
            let i = batch[0];
            let outcome = if clean(&self.items[i]) {
                Outcome::Compiles
            } else if errors.is_empty() {
                Outcome::Fails(vec![CompileError {
                    code: None,
                    message: format!("the build failed: {}", first_line(&out.stderr_tail)),
                    file: self.items[i]
                        .files
                        .first()
                        .map(|f| f.file.clone())
                        .unwrap_or_default(),
                    line: self.items[i].cand.edit.hunks.first().map_or(0, |h| h.line),
                    original_line: None,
                    rendered: out.stderr_tail.clone(),
                }])
            } else {
                let mut errors: Vec<CompileError> =
                    errors.iter().map(|e| to_error(e, applied)).collect();
                // `--all-targets` compiles a library twice (as itself and as
                // its test harness): the same error comes twice.
                let mut seen = BTreeSet::new();
                errors.retain(|e| {
                    seen.insert((e.code.clone(), e.message.clone(), e.file.clone(), e.line))
                });
                Outcome::Fails(errors)
            };
            self.settle(i, outcome, progress);
            return Vec::new();
        }
        let mut open = Vec::new();
        for &i in batch {
            if clean(&self.items[i]) {
                self.settle(i, Outcome::Compiles, progress);
            } else {
                open.push(i);
            }
        }
        if open.is_empty() {
            return Vec::new();
        }
        let (blocked, open): (Vec<usize>, Vec<usize>) =
            open.into_iter().partition(|i| blocked_set.contains(i));
        // Attribute each error; an edit with an error that cannot be moved
        // to its own lines is not judged from this build.
        let local = batch
            .iter()
            .all(|&i| !changes_types(&self.items[i].cand.edit));
        let mut pinned: BTreeMap<usize, Vec<CompileError>> = BTreeMap::new();
        let mut unsure: BTreeSet<usize> = BTreeSet::new();
        // Errors that cannot be attributed but point into an edited file
        // make the nearest edit a suspect, built alone.
        let mut suspects: BTreeSet<usize> = BTreeSet::new();
        let mut unattributed = 0;
        for e in &errors {
            let strict = if local {
                self.attribute(e, batch, applied)
            } else {
                None
            };
            let Some(s) = strict else {
                unattributed += 1;
                if let Some(o) =
                    e.at.iter()
                        .chain(e.spans.iter())
                        .find_map(|(f, l)| applied.get(f).and_then(|a| a.nearest_owner(*l)))
                {
                    suspects.insert(o);
                }
                continue;
            };
            match self.solo_error(s, e, applied) {
                Some(err) => {
                    let errors = pinned.entry(s).or_default();
                    if !errors.iter().any(|x| {
                        (&x.code, &x.message, x.line) == (&err.code, &err.message, err.line)
                    }) {
                        errors.push(err);
                    }
                }
                None => {
                    unattributed += 1;
                    unsure.insert(s);
                }
            }
        }
        let mut rest = Vec::new();
        let mut alone = Vec::new();
        let mut failed = 0;
        for i in open {
            match pinned.remove(&i) {
                Some(errors) if !unsure.contains(&i) => {
                    failed += 1;
                    self.settle(i, Outcome::Fails(errors), progress);
                }
                _ if suspects.contains(&i) || unsure.contains(&i) => alone.push(i),
                _ => rest.push(i),
            }
        }
        let mut next: Vec<Queued> = Vec::new();
        let batch_of = |edits: Vec<usize>| Queued {
            edits,
            kind: JobKind::Batch,
        };
        if job.kind == JobKind::Apart {
            // Suspects built together to be told apart: whatever this build
            // did not settle is built alone.
            for i in rest.into_iter().chain(alone) {
                next.push(Queued {
                    edits: vec![i],
                    kind: JobKind::Apart,
                });
            }
            next.extend(blocked.into_iter().map(|i| Queued {
                edits: vec![i],
                kind: JobKind::Blocked,
            }));
            return next;
        }
        if !blocked.is_empty() {
            if unattributed == 0 && failed > 0 {
                // The failing edits are known; the rest of their packages
                // most likely compiles: confirm it and judge the blocked
                // edits in the same build.
                rest.extend(blocked);
            } else {
                next.extend(self.pack(&blocked).into_iter().map(|edits| Queued {
                    edits,
                    kind: JobKind::Blocked,
                }));
            }
        }
        next.extend(self.apart(&alone));
        if rest.is_empty() {
            return next;
        }
        if failed > 0 || !alone.is_empty() || !next.is_empty() {
            // The confirming build of the rest, without the failing edits,
            // the suspects and the blocked edits.
            next.extend(self.pack(&rest).into_iter().map(batch_of));
            return next;
        }
        // Nothing could be attributed: split.
        let (a, b) = rest.split_at(rest.len() / 2);
        next.extend(
            [a.to_vec(), b.to_vec()]
                .into_iter()
                .filter(|h| !h.is_empty())
                .map(batch_of),
        );
        next
    }

    /// Groups suspects into builds: edits that may change what others see
    /// alone, the others together as long as no two have hunks in the same
    /// file within [`NEAR`] lines of each other (so that their errors can
    /// be told apart by their lines).
    fn apart(&self, suspects: &[usize]) -> Vec<Queued> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let near = |a: usize, b: usize| {
            self.items[a].cand.edit.hunks.iter().any(|h| {
                self.items[b].cand.edit.hunks.iter().any(|g| {
                    h.file == g.file
                        && h.line.abs_diff(g.line) <= NEAR + lines_of(h).max(lines_of(g))
                })
            })
        };
        for &i in suspects {
            if changes_types(&self.items[i].cand.edit) {
                groups.push(vec![i]);
                continue;
            }
            match groups.iter_mut().find(|g| {
                g.iter()
                    .all(|&j| !changes_types(&self.items[j].cand.edit) && !near(i, j))
            }) {
                Some(g) => g.push(i),
                None => groups.push(vec![i]),
            }
        }
        groups
            .into_iter()
            .map(|edits| Queued {
                kind: JobKind::Apart,
                edits,
            })
            .collect()
    }

    /// The edit of `batch` an error belongs to, judged from its spans in the
    /// batch's files (see [`Run::build_batch`]).
    fn attribute(
        &self,
        e: &RawError,
        batch: &[usize],
        applied: &HashMap<String, apply::Applied>,
    ) -> Option<usize> {
        let (file, line) = e.at.clone()?;
        let a = applied.get(&file)?;
        // A line one edit changed.
        let inside = a.owners_at(line);
        let owner = match inside.as_slice() {
            [s] => Some(*s),
            [] => {
                // A binding one edit introduced, named on the error's line.
                let text = a.text.lines().nth(line.checked_sub(1)? as usize)?;
                let named: Vec<usize> = batch
                    .iter()
                    .copied()
                    .filter(|&i| {
                        introduced_bindings(&self.items[i].cand.edit, &file)
                            .iter()
                            .any(|b| mentions(text, b))
                    })
                    .collect();
                match named.as_slice() {
                    [s] => Some(*s),
                    [] => {
                        // The error's other spans touch one edit's lines.
                        let touched: BTreeSet<usize> = e
                            .spans
                            .iter()
                            .filter(|(f, _)| *f == file)
                            .flat_map(|(_, l)| a.owners_at(*l))
                            .collect();
                        (touched.len() == 1).then(|| touched.into_iter().next())?
                    }
                    _ => None,
                }
            }
            _ => None,
        }?;
        // Another edit's hunk in reach of the error (or of its spans in the
        // same file) could be its cause.
        let lines = e
            .spans
            .iter()
            .filter(|(f, _)| *f == file)
            .map(|(_, l)| *l)
            .chain([line]);
        for l in lines {
            if a.others_near(owner, l, NEAR) {
                return None;
            }
        }
        Some(owner)
    }

    /// An error of a batch build as edit `s` alone would report it: its line
    /// (and the rendered text's `file:line:`) moved to the file with only
    /// `s`'s hunks.
    fn solo_error(
        &self,
        s: usize,
        e: &RawError,
        applied: &HashMap<String, apply::Applied>,
    ) -> Option<CompileError> {
        let (file, line) = e.at.clone()?;
        let a = applied.get(&file)?;
        let own: Vec<(usize, &Hunk)> = self.items[s]
            .cand
            .edit
            .hunks
            .iter()
            .filter(|h| h.file == file)
            .map(|h| (s, h))
            .collect();
        let original = self.originals.get(&file)?;
        let solo = apply::apply(&file, original, &own).ok()?;
        let solo_line = a.line_in(&solo, line)?;
        Some(CompileError {
            code: e.code.clone(),
            message: e.message.clone(),
            original_line: solo.original_line(solo_line),
            rendered: e
                .rendered
                .replace(&format!("{file}:{line}:"), &format!("{file}:{solo_line}:")),
            file,
            line: solo_line,
        })
    }

    /// Applies the batch's edits, runs `cargo check`, puts the originals
    /// back.
    fn build(
        &mut self,
        batch: &[usize],
        packages: &[String],
    ) -> Result<(HashMap<String, apply::Applied>, cargo::CheckOutput)> {
        let mut by_file: BTreeMap<String, Vec<(usize, &Hunk)>> = BTreeMap::new();
        for &i in batch {
            for h in &self.items[i].cand.edit.hunks {
                by_file.entry(h.file.clone()).or_default().push((i, h));
            }
        }
        let mut applied = HashMap::new();
        for (file, hunks) in &by_file {
            let original = self.originals.get(file).cloned().unwrap_or_default();
            match apply::apply(file, &original, hunks) {
                Ok(a) => {
                    applied.insert(file.clone(), a);
                }
                Err(e) => {
                    // Checked when the run was prepared; a mismatch here
                    // means two edits disagree about the same text.
                    return Err(CheckError::io(
                        format!("applying the edits to {file}"),
                        std::io::Error::other(e.to_string()),
                    ));
                }
            }
        }
        let root = self.root()?;
        let scratch = self
            .scratch
            .as_mut()
            .ok_or_else(|| CheckError::io("the scratch copy", std::io::Error::other("missing")))?;
        for (file, a) in &applied {
            scratch.write(file, &a.text)?;
        }
        let out = self
            .cargo
            .check(&root, packages, self.all_targets, &self.opts.cancel);
        let scratch = self
            .scratch
            .as_mut()
            .ok_or_else(|| CheckError::io("the scratch copy", std::io::Error::other("missing")))?;
        for file in applied.keys() {
            let original = self.originals.get(file).map(String::as_str).unwrap_or("");
            scratch.restore(file, original)?;
        }
        self.stats.builds += 1;
        Ok((applied, out?))
    }

    fn settle(&mut self, i: usize, outcome: Outcome, progress: &dyn Fn(CheckEvent)) {
        let status = match &outcome {
            Outcome::Compiles => FixStatus::Compiles,
            Outcome::Fails(_) => FixStatus::Fails,
            Outcome::NotChecked(_) => FixStatus::NotChecked,
        };
        self.items[i].result = Some(outcome);
        progress(CheckEvent::Checked {
            finding_id: self.items[i].cand.finding_id.clone(),
            status,
            resolved: self.resolved(),
            total: self.items.len(),
        });
    }

    fn resolved(&self) -> usize {
        self.items.iter().filter(|i| i.result.is_some()).count()
    }

    /// Runs each package's tests with its compiling edits applied; when some
    /// fail, compares with the tests as they are and splits the edits until
    /// the failures are pinned on single edits.
    fn tests(&mut self, progress: &dyn Fn(CheckEvent)) -> Result<()> {
        let mut groups: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for (i, item) in self.items.iter().enumerate() {
            if matches!(item.result, Some(Outcome::Compiles)) {
                groups.entry(item.packages.clone()).or_default().push(i);
            }
        }
        for (packages, idxs) in groups {
            let mut before: Option<cargo::TestRun> = None;
            let mut queue: VecDeque<Vec<usize>> = self.pack(&idxs).into();
            while let Some(batch) = queue.pop_front() {
                progress(CheckEvent::Testing {
                    packages: packages.clone(),
                    edits: batch.len(),
                });
                let t = Instant::now();
                let run = self.test_with(&batch, &packages)?;
                let share = t.elapsed() / batch.len().max(1) as u32;
                if run.error.is_none() && !run.failed.is_empty() && before.is_none() {
                    before = Some(self.test_with(&[], &packages)?);
                }
                let failing_before: Vec<String> = before
                    .as_ref()
                    .map(|b| b.failed.clone())
                    .unwrap_or_default();
                let new_failures: Vec<String> = run
                    .failed
                    .iter()
                    .filter(|f| !failing_before.contains(f))
                    .cloned()
                    .collect();
                if new_failures.is_empty() || run.error.is_some() || batch.len() == 1 {
                    for &i in &batch {
                        self.items[i].spent += share;
                        self.items[i].tests = Some(TestOutcome {
                            packages: packages.clone(),
                            passed: run.passed,
                            failed: new_failures.clone(),
                            failing_before: failing_before.clone(),
                            ignored: run.ignored,
                            error: run.error.clone(),
                        });
                    }
                } else {
                    for &i in &batch {
                        self.items[i].spent += share;
                    }
                    let (a, b) = batch.split_at(batch.len() / 2);
                    queue.push_back(a.to_vec());
                    queue.push_back(b.to_vec());
                }
            }
        }
        Ok(())
    }

    fn test_with(&mut self, batch: &[usize], packages: &[String]) -> Result<cargo::TestRun> {
        let mut by_file: BTreeMap<String, Vec<(usize, &Hunk)>> = BTreeMap::new();
        for &i in batch {
            for h in &self.items[i].cand.edit.hunks {
                by_file.entry(h.file.clone()).or_default().push((i, h));
            }
        }
        let mut texts = Vec::new();
        for (file, hunks) in &by_file {
            let original = self.originals.get(file).cloned().unwrap_or_default();
            let a = apply::apply(file, &original, hunks).map_err(|e| {
                CheckError::io(
                    format!("applying the edits to {file}"),
                    std::io::Error::other(e.to_string()),
                )
            })?;
            texts.push((file.clone(), a.text));
        }
        let root = self.root()?;
        let scratch = self
            .scratch
            .as_mut()
            .ok_or_else(|| CheckError::io("the scratch copy", std::io::Error::other("missing")))?;
        for (file, text) in &texts {
            scratch.write(file, text)?;
        }
        let run = self
            .cargo
            .test(&root, packages, &self.opts.cancel, self.opts.test_timeout);
        let scratch = self
            .scratch
            .as_mut()
            .ok_or_else(|| CheckError::io("the scratch copy", std::io::Error::other("missing")))?;
        for (file, _) in &texts {
            let original = self.originals.get(file).map(String::as_str).unwrap_or("");
            scratch.restore(file, original)?;
        }
        self.stats.test_runs += 1;
        run
    }

    fn finish_warnings(&mut self) -> Vec<String> {
        if let Some(s) = &self.scratch {
            self.stats.scratch_peak_bytes = s.peak_bytes;
        }
        std::mem::take(&mut self.warnings)
    }

    fn results(self) -> Vec<FixCheck> {
        let command = format!(
            "cargo check{}",
            if self.all_targets {
                " --all-targets"
            } else {
                ""
            }
        );
        self.items
            .into_iter()
            .map(|item| {
                let (status, errors, note) = match item.result {
                    Some(Outcome::Compiles) => (FixStatus::Compiles, Vec::new(), None),
                    Some(Outcome::Fails(e)) => (FixStatus::Fails, e, None),
                    Some(Outcome::NotChecked(why)) => {
                        (FixStatus::NotChecked, Vec::new(), Some(why))
                    }
                    None => (
                        FixStatus::NotChecked,
                        Vec::new(),
                        Some("the check stopped before this edit was built".to_owned()),
                    ),
                };
                let packages = item
                    .packages
                    .iter()
                    .map(|p| format!(" -p {p}"))
                    .collect::<String>();
                FixCheck {
                    finding_id: item.cand.finding_id,
                    fingerprint: item.cand.fingerprint,
                    edit_hash: item.hash,
                    edit: item.cand.edit,
                    status,
                    errors,
                    tests: item.tests.filter(|_| status == FixStatus::Compiles),
                    note,
                    command: format!("{command}{packages}"),
                    files: item.files,
                    duration_ms: item.spent.as_millis() as u64,
                    batched_with: item.batched_with,
                }
            })
            .collect()
    }
}

/// Whether an edit may change what other code sees — a type (a field's or
/// a variable's `Box<…>`/`LinkedList<…>`) or an item's signature or
/// definition: its errors can appear anywhere, even on a line another edit
/// changed, so they are never attributed by their lines. Read from the
/// hunks' text (the edits may come from an LLM Analyst), erring towards
/// "yes".
fn changes_types(edit: &Edit) -> bool {
    const ITEM_WORDS: &[&str] = &[
        "fn ",
        "->",
        "struct ",
        "enum ",
        "union ",
        "type ",
        "impl ",
        "impl<",
        "trait ",
        "const ",
        "static ",
        "mod ",
        "macro_rules",
    ];
    // Not `use `: the `write!` edit imports `std::fmt::Write` inside a
    // function body, which nothing outside it sees.
    edit.hunks.iter().any(|h| {
        h.original.contains("Box<")
            || h.original.contains("LinkedList")
            || [&h.original, &h.replacement]
                .iter()
                .any(|t| ITEM_WORDS.iter().any(|w| t.contains(w)))
    })
}

/// Lines a hunk spans, before or after the edit.
fn lines_of(h: &Hunk) -> u32 {
    h.original
        .lines()
        .count()
        .max(h.replacement.lines().count()) as u32
}

fn overlaps(a: &Hunk, b: &Hunk) -> bool {
    a.file == b.file && a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| l.contains("error"))
        .or_else(|| s.lines().last())
        .unwrap_or("no output")
        .trim()
        .to_owned()
}

/// Lines around another edit within which an error may be its doing (the
/// same function, most likely).
const NEAR: u32 = 40;

/// Names an edit's `let`s bind in `file` that its original text did not.
fn introduced_bindings(edit: &Edit, file: &str) -> Vec<String> {
    let lets = |s: &str| -> Vec<String> {
        s.split("let ")
            .skip(1)
            .filter_map(|rest| {
                let rest = rest.trim_start();
                let rest = rest.strip_prefix("mut ").unwrap_or(rest).trim_start();
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                (!name.is_empty()).then_some(name)
            })
            .collect()
    };
    let mut out = Vec::new();
    for h in edit.hunks.iter().filter(|h| h.file == file) {
        let before = lets(&h.original);
        for n in lets(&h.replacement) {
            if !before.contains(&n) && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Whether `text` names `ident` as a whole word.
fn mentions(text: &str, ident: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(ident).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(word)
            && !text[i + ident.len()..].chars().next().is_some_and(word)
    })
}

fn to_error(e: &RawError, applied: &HashMap<String, apply::Applied>) -> CompileError {
    let (file, line) = e.at.clone().unwrap_or_default();
    CompileError {
        code: e.code.clone(),
        message: e.message.clone(),
        original_line: match applied.get(&file) {
            Some(a) => a.original_line(line),
            None => Some(line),
        },
        file,
        line,
        rendered: e.rendered.clone(),
    }
}

/// A workspace file's text, refusing paths that leave the workspace.
fn read_workspace_file(workspace: &Path, file: &str) -> Option<String> {
    let rel = Path::new(file);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    let bytes = std::fs::read(workspace.join(rel)).ok()?;
    String::from_utf8(bytes).ok()
}

/// The edit as a unified diff (three lines of context) against the files'
/// texts as `source` gives them; a file it cannot read or that no longer
/// matches is shown as the hunks alone.
pub fn unified_diff(edit: &Edit, source: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    for file in edit.files() {
        let old = source(file);
        let new = old.as_deref().and_then(|o| edit.apply_to(file, o).ok());
        match (old, new) {
            (Some(old), Some(new)) => {
                let diff = similar::TextDiff::from_lines(&old, &new);
                out.push_str(
                    &diff
                        .unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{file}"), &format!("b/{file}"))
                        .to_string(),
                );
            }
            _ => {
                out.push_str(&format!("--- a/{file}\n+++ b/{file}\n"));
                for h in edit.hunks.iter().filter(|h| h.file == file) {
                    out.push_str(&format!("@@ line {} @@\n", h.line));
                    for l in h.original.lines() {
                        out.push_str(&format!("-{l}\n"));
                    }
                    for l in h.replacement.lines() {
                        out.push_str(&format!("+{l}\n"));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_show_the_edit_in_context() {
        let src = "fn f(s: String) -> usize {\n    let n = g(s.clone());\n    n\n}\n";
        let start = src.find(".clone()").unwrap() as u32;
        let edit = Edit {
            summary: "drop the `.clone()`".into(),
            hunks: vec![Hunk {
                file: "src/lib.rs".into(),
                start,
                end: start + 8,
                line: 2,
                original: ".clone()".into(),
                replacement: String::new(),
            }],
        };
        let diff = unified_diff(&edit, &|_| Some(src.to_owned()));
        assert_eq!(
            diff,
            "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,4 +1,4 @@\n fn f(s: String) -> usize {\n-    let n = g(s.clone());\n+    let n = g(s);\n     n\n }\n"
        );
        let blind = unified_diff(&edit, &|_| None);
        assert_eq!(
            blind,
            "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ line 2 @@\n-.clone()\n"
        );
    }
}
