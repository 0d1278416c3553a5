//! The single pass over a workspace: each file is read and parsed once, and
//! the same syntax tree and facts feed discovery's module tree and code
//! signals, the built-in Analyst's detectors, the workspace call graph (how
//! hot each function runs) and the priorities; the facts of files with
//! findings are kept for the Validator, which then reads no syntax of its
//! own, and those of the other files are slimmed to what the call graph
//! reads as soon as the Analyst has visited them ([`PassOptions::slim_facts`]).
//!
//! This module orchestrates; it holds no rule of its own. It must NOT keep
//! syntax trees past a file's visit (only owned facts survive) and must NOT
//! run code from the workspace.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use memaudit_analysis::{AnalyzeProgress, FileContext};
use memaudit_discovery::{DiscoverOptions, FileVisitor, VisitedFile};
use memaudit_facts::FileFacts;
use memaudit_model::{
    finding_id, Analysis, AnalysisStats, Finding, Focus, Priority, PriorityFilter, Scope, Skipped,
};

use crate::error::{ApiError, Result};

/// How a pass is run.
#[derive(Debug, Clone, Default)]
pub struct PassOptions {
    /// Run the built-in Analyst's detectors on every file.
    pub analyze: bool,
    /// Categories the detectors report (`None`: the scope's focus).
    pub focus: Option<Focus>,
    /// Priorities whose findings are kept (`None`: the scope's filter).
    pub priority: Option<PriorityFilter>,
    /// Parsing threads; 0 means one per core.
    pub threads: usize,
    /// A `scope.md` to apply (relative to the workspace root, or absolute).
    /// `None` reads the workspace's own (`scope.md`, `specs/meta/scope.md`)
    /// when there is one.
    pub scope_md: Option<PathBuf>,
    /// Do not look for the workspace's own `scope.md`.
    pub no_workspace_scope_md: bool,
    /// Slim the facts of each file in which the built-in Analyst found
    /// nothing right after its visit, to what the call graph reads
    /// ([`FileFacts::slim`]): an audit then never holds every file's whole
    /// facts at once. Set it when only the built-in Analyst's findings are
    /// judged afterwards; [`Pass::facts`] has no facts for a slimmed file
    /// (the Validator would read it again).
    pub slim_facts: bool,
}

/// What one pass produced.
pub struct Pass {
    pub scope: Scope,
    /// The Analyst's findings (empty when `analyze` was off), with ids
    /// `F-001`.. in priority, file and line order, each with its reach.
    pub analysis: Analysis,
    /// The `scope.md` that was read, workspace-relative, if any.
    pub scope_md: Option<String>,
    facts: HashMap<String, Arc<FileFacts>>,
    /// Every type and fn signature of the workspace (names defined twice
    /// differently left out), layered under the kept files' own tables
    /// for the Validator by [`Pass::retain_facts`].
    types: Arc<memaudit_facts::TypeTable>,
}

impl Pass {
    /// The shared facts of a workspace-relative file (`None` for a file
    /// not parsed, or slimmed because no finding was in it).
    pub fn facts(&self, file: &str) -> Option<Arc<FileFacts>> {
        self.facts.get(file).cloned()
    }

    /// Keeps only the facts of `files` (the Validator needs no others),
    /// each file's types now layered over the workspace's: the Analyst saw
    /// one file at a time, the Validator sees a type declared in another.
    pub fn retain_facts(&mut self, files: &std::collections::HashSet<&str>) {
        let before = self.facts.len();
        self.facts.retain(|f, _| files.contains(f.as_str()));
        for ff in self.facts.values_mut() {
            Arc::make_mut(ff).table.set_parent(Arc::clone(&self.types));
        }
        // The dropped facts were built on the parse threads, in their
        // allocator arenas, where the store and the Validator (on this
        // thread) cannot reuse them: give the free pages back. A round that
        // keeps what the audit already kept drops nothing and trims nothing.
        if self.facts.len() < before {
            memaudit_discovery::release_freed_memory();
        }
    }
}

struct Analyst<'p> {
    focus: Focus,
    /// Slim the facts of files without findings ([`PassOptions::slim_facts`]).
    slim: bool,
    /// The workspace's type table, each visited file's merged in.
    types: Mutex<memaudit_facts::types::TableMerge>,
    done: AtomicUsize,
    found: AtomicUsize,
    progress: &'p (dyn Fn(AnalyzeProgress) + Sync),
}

/// What the Analyst made of one file: its findings and, when some of its
/// rules need types declared in other files, what running them after the
/// pass takes (the file's crate and module).
struct Visit {
    findings: Vec<Finding>,
    later: Option<(String, String)>,
}

impl FileVisitor for Analyst<'_> {
    type Output = Visit;

    fn visit(&self, file: &VisitedFile<'_, '_>) -> Visit {
        let mut ctx = FileContext::new(file.crate_name);
        ctx.focus = self.focus;
        ctx.module = Some(file.module.join("::"));
        let findings = memaudit_analysis::detect(
            file.path,
            file.source,
            file.tree,
            file.rewrites,
            file.facts,
            file.syntax,
            &ctx,
        );
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let found = self.found.fetch_add(findings.len(), Ordering::Relaxed) + findings.len();
        (self.progress)(AnalyzeProgress {
            files_done: done,
            // Files are found while the module tree is followed: the total
            // grows with the count.
            files_total: done,
            current: file.path.to_owned(),
            findings: found,
        });
        self.types
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .add(&file.facts.table);
        let later = memaudit_analysis::needs_workspace_types(file.facts)
            .then(|| (file.crate_name.to_owned(), file.module.join("::")));
        Visit { findings, later }
    }

    /// A file's whole facts are needed again only for its findings (their
    /// reach, the Validator) and for the rules run with the workspace's
    /// types; the call graph reads the slimmed facts of the others.
    fn keeps_facts(&self, out: &Visit) -> bool {
        !self.slim || !out.findings.is_empty() || out.later.is_some()
    }
}

/// The Analyst's rules that need every file's types (an enum's variants
/// holding types declared in other files), run once the pass has built
/// them all: the one source read again, not parsed, for each file that
/// asked for it.
fn with_workspace_types(
    ws: &memaudit_discovery::Workspace,
    visited: &[(String, Visit)],
    types: &Arc<memaudit_facts::TypeTable>,
    focus: Focus,
) -> Vec<Finding> {
    let facts: HashMap<&str, &Arc<FileFacts>> = ws
        .crates
        .iter()
        .flat_map(|c| c.files.iter())
        .filter_map(|f| Some((f.path.as_str(), f.facts.as_ref()?)))
        .collect();
    let mut out = Vec::new();
    for (path, v) in visited {
        let Some((crate_name, module)) = &v.later else {
            continue;
        };
        let Some(ff) = facts.get(path.as_str()) else {
            continue;
        };
        // The file was read a moment ago; one that has gone since has
        // nothing more to say.
        let Ok(source) = std::fs::read_to_string(ws.root.join(path)) else {
            continue;
        };
        let mut ctx = FileContext::new(crate_name);
        ctx.focus = focus;
        ctx.module = Some(module.clone());
        out.extend(memaudit_analysis::detect_with_workspace(
            path,
            &source,
            ff,
            &ctx,
            types,
            &v.findings,
        ));
    }
    out
}

/// Runs the single pass over the workspace at `path`.
pub fn pass(
    path: &Path,
    opts: &PassOptions,
    progress: &(dyn Fn(AnalyzeProgress) + Sync),
) -> Result<Pass> {
    let started = Instant::now();
    let discover = DiscoverOptions {
        threads: opts.threads,
        ..DiscoverOptions::default()
    };
    let analyst = Analyst {
        focus: opts.focus.unwrap_or(Focus::Full),
        slim: opts.slim_facts,
        types: Mutex::default(),
        done: AtomicUsize::new(0),
        found: AtomicUsize::new(0),
        progress,
    };
    let (ws, visited) = if opts.analyze {
        memaudit_discovery::discover_with(path, &discover, &analyst)?
    } else {
        let (ws, _) =
            memaudit_discovery::discover_with(path, &discover, &memaudit_discovery::NoVisit)?;
        (ws, Vec::new())
    };
    // Every type and fn signature of the workspace (names defined twice
    // differently left out): for the Analyst's rules that need types of
    // other files, and for the Validator. The Analyst merged each file's
    // table as it visited the file (a slimmed file keeps none).
    let types = Arc::new(if opts.analyze {
        analyst
            .types
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .finish()
    } else {
        memaudit_facts::TypeTable::merged(
            ws.crates
                .iter()
                .flat_map(|c| c.files.iter())
                .filter_map(|f| f.facts.as_ref())
                .map(|ff| &ff.table),
        )
    });
    let later = with_workspace_types(&ws, &visited, &types, analyst.focus);
    let mut findings: Vec<Finding> = visited
        .into_iter()
        .flat_map(|(_, v)| v.findings)
        .chain(later)
        .collect();
    // A finding on a field or static said to keep memory asks where the
    // workspace grows it.
    let lines: Vec<(&str, u32, Option<&str>)> = findings
        .iter()
        .map(|f| {
            (
                f.file.as_str(),
                f.line_start,
                memaudit_analysis::reach::growth_subject(f),
            )
        })
        .collect();
    let (mut scope, reaches) = memaudit_discovery::score_with(&ws, &lines, opts.threads);
    for (f, reach) in findings.iter_mut().zip(reaches) {
        f.reach = Some(reach);
    }
    let scope_md = match &opts.scope_md {
        Some(p) if !ws.root.join(p).is_file() => {
            return Err(ApiError::InvalidInput(format!(
                "the scope.md {} does not exist (give an existing file, or leave it out to use \
                 the workspace's own scope.md or specs/meta/scope.md)",
                ws.root.join(p).display()
            )))
        }
        Some(p) => Some(p.clone()),
        None if opts.no_workspace_scope_md => None,
        None => memaudit_discovery::workspace_scope_md(&ws.root),
    };
    let read = memaudit_discovery::apply_scope_md(&mut scope, &ws.root, scope_md.as_deref())?;
    if let Some(f) = opts.focus {
        scope.focus = f;
    }
    if let Some(p) = opts.priority {
        scope.priority_filter = p;
    }

    // Findings follow the scope: files excluded by overrides are gone, each
    // finding takes its file's (possibly forced) priority, the filter and
    // the focus apply.
    let file_priority: HashMap<&str, Priority> = scope
        .crates
        .iter()
        .flat_map(|c| c.files.iter().map(|f| (f.path.as_str(), f.priority)))
        .collect();
    let filter = scope.priority_filter;
    let focus = scope.focus;
    findings.retain_mut(|f| match file_priority.get(f.file.as_str()) {
        Some(p) if filter.admits(*p) && focus.includes(f.category) => {
            f.priority = *p;
            true
        }
        _ => false,
    });
    findings.sort_by(|a, b| {
        (a.priority, &a.file, a.line_start, a.category).cmp(&(
            b.priority,
            &b.file,
            b.line_start,
            b.category,
        ))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = finding_id(i as u32 + 1);
    }

    let mut facts = HashMap::new();
    let mut stats = AnalysisStats {
        threads: if opts.threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            opts.threads
        },
        ..AnalysisStats::default()
    };
    for c in &ws.crates {
        for f in &c.files {
            if let Some(ff) = &f.facts {
                stats.files += 1;
                stats.lines += u64::from(ff.lines.max(f.signals.as_ref().map_or(0, |s| s.lines)));
                stats.bytes += f.bytes;
                if !ff.slim {
                    facts.insert(f.path.clone(), Arc::clone(ff));
                }
            }
        }
    }
    // A file discovery listed but could not parse is reported as skipped.
    let mut skipped: Vec<Skipped> = Vec::new();
    for c in &ws.crates {
        for f in c.files.iter().filter(|f| f.facts.is_none()) {
            let why = ws
                .warnings
                .iter()
                .find(|w| w.file.as_deref() == Some(f.path.as_str()))
                .map(|w| w.message.clone())
                .unwrap_or_else(|| "not parsed".to_owned());
            skipped.push(Skipped {
                file: f.path.clone(),
                error: why,
            });
        }
    }
    stats.findings = findings.len() as u64;
    stats.skipped = skipped.len() as u64;
    stats.duration_ms = started.elapsed().as_millis() as u64;
    Ok(Pass {
        types,
        scope,
        analysis: Analysis {
            findings,
            skipped,
            stats,
        },
        scope_md: read,
        facts,
    })
}

/// Adds `cargo clippy`'s memory lints to an analysis (`analyze --clippy`):
/// compiles the workspace, so its build scripts and proc macros run.
pub fn add_clippy(
    scope: &memaudit_model::Scope,
    analysis: &mut memaudit_model::Analysis,
) -> Result<()> {
    // Clippy fails on the workspace's own account (it does not build, or
    // cargo clippy is missing): the user's input, not memaudit's fault.
    let lints = memaudit_analysis::clippy_findings(scope)
        .map_err(|e| ApiError::InvalidInput(format!("cargo clippy: {e}")))?;
    let builtin = std::mem::take(&mut analysis.findings);
    analysis.findings = memaudit_analysis::merge(builtin, lints);
    Ok(())
}
