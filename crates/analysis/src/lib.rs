//! The built-in Analyst: syn-based detectors for the six finding categories of
//! the workflow spec (section 3), run over a [`Scope`] in parallel.
//!
//! The analysis is pure apart from reading the files named by the scope: it
//! never runs code from the workspace (the opt-in [`clippy`] source, which
//! builds it, is the one exception and says so), never writes anything and never fails
//! as a whole. A file that cannot be read, is too large, nests too deeply or
//! does not parse is reported in [`Analysis::skipped`] and the run goes on.
//!
//! This crate must NOT know about sessions, rounds, storage or rendering: it
//! turns source text into [`Finding`] values and nothing else.
//!
//! ```
//! use memaudit_analysis::{analyze_source, FileContext};
//! let src = "fn f(rows: &[String]) { for r in rows { let s = format!(\"{r}\"); drop(s); } }";
//! let findings = analyze_source("src/lib.rs", src, &FileContext::new("demo")).unwrap();
//! assert!(!findings.is_empty());
//! ```

pub mod clippy;
mod detectors;
pub mod edits;
mod emit;
pub mod reach;
mod run;

use std::sync::Arc;

pub use clippy::{clippy_findings, merge};
pub use memaudit_facts::TypeTable;
pub use memaudit_model::{
    Analysis, AnalysisStats, Category, Confidence, Finding, Focus, Priority, PriorityFilter,
    Safety, Scope, Skipped,
};
pub use run::analyze;

/// How an analysis run is carried out.
#[derive(Debug, Clone)]
pub struct AnalyzeOptions {
    /// Worker threads; 0 means `std::thread::available_parallelism()`.
    pub threads: usize,
    /// Files larger than this are skipped without being read.
    pub max_file_bytes: u64,
    /// Categories examined; `None` takes `scope.focus`.
    pub focus: Option<Focus>,
    /// Priorities examined; `None` takes `scope.priority_filter`.
    pub priority: Option<PriorityFilter>,
    /// Re-analyse just these workspace-relative files (the watcher's path).
    pub only_files: Option<Vec<String>>,
}

/// Default file size limit: 10 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            threads: 0,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            focus: None,
            priority: None,
            only_files: None,
        }
    }
}

/// Progress of a run, reported after each file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzeProgress {
    pub files_done: usize,
    pub files_total: usize,
    /// Workspace-relative path of the file just finished.
    pub current: String,
    /// Findings so far.
    pub findings: usize,
}

/// What a detector needs to know about the file beyond its text.
#[derive(Debug, Clone)]
pub struct FileContext {
    pub crate_name: String,
    pub priority: Priority,
    /// Crate-level type table (structs, enums, fn signatures). The file's own
    /// items are always added on top, so an empty table is fine.
    pub types: Arc<TypeTable>,
    /// Categories to report.
    pub focus: Focus,
    /// The file's module path in its crate (`printer`, `language::syntax`),
    /// when discovery followed it; otherwise it is guessed from the path.
    pub module: Option<String>,
}

impl FileContext {
    /// A context for a P2 file of `crate_name` with every category enabled.
    pub fn new(crate_name: &str) -> Self {
        FileContext {
            crate_name: crate_name.to_owned(),
            priority: Priority::P2,
            types: Arc::new(TypeTable::default()),
            focus: Focus::Full,
            module: None,
        }
    }
}

/// Why one file could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error("{file}:{line}:{column}: does not parse: {message}")]
    Parse {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{file}: {reason}")]
    TooComplex { file: String, reason: String },
    #[error("{file}: cannot be read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: is {bytes} bytes, above the {limit}-byte limit")]
    TooLarge {
        file: String,
        bytes: u64,
        limit: u64,
    },
    #[error("{file}: is not UTF-8 text")]
    NotText { file: String },
    #[error("{file}: the analyser failed on this file: {message}")]
    Panicked { file: String, message: String },
    /// `cargo clippy` could not be started: no cargo on the PATH, or the
    /// toolchain lacks the clippy component.
    #[error("{workspace}: cargo clippy is not available: {message}")]
    ClippyUnavailable { workspace: String, message: String },
    /// `cargo clippy` ran but the build failed (the code does not compile, a
    /// manifest is broken, a dependency cannot be fetched).
    #[error("{workspace}: cargo clippy failed (exit status {}):\n{stderr_tail}", status.map_or_else(|| "none".to_owned(), |c| c.to_string()))]
    ClippyFailed {
        workspace: String,
        status: Option<i32>,
        /// The compiler errors, then the last lines of cargo's stderr.
        stderr_tail: String,
    },
}

/// One file's findings from its source text, with ids `F-001`.. in line
/// order. Used by tests, the watcher and the Validator's re-check.
///
/// Positions are copied out of the syntax tree before returning and the
/// thread's span table is cleared, so repeated calls do not grow memory.
pub fn analyze_source(
    rel_path: &str,
    source: &str,
    ctx: &FileContext,
) -> Result<Vec<Finding>, AnalyzeError> {
    let result = analyze_source_inner(rel_path, source, ctx);
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut findings = result?;
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = memaudit_model::finding_id(i as u32 + 1);
    }
    Ok(findings)
}

fn analyze_source_inner(
    rel_path: &str,
    source: &str,
    ctx: &FileContext,
) -> Result<Vec<Finding>, AnalyzeError> {
    let parsed =
        memaudit_facts::parse::parse_source(rel_path, source).map_err(AnalyzeError::from)?;
    let file = &parsed.tree;
    let mut syntax = memaudit_facts::Syntax::with_source(source);
    let facts_cx = memaudit_facts::FileContext {
        test: None,
        crate_table: Some(Arc::clone(&ctx.types)),
    };
    let facts = memaudit_facts::items::gather(file, &facts_cx, &mut syntax);
    let mut findings = detect(
        rel_path,
        source,
        file,
        &parsed.rewrites,
        &facts,
        &syntax,
        ctx,
    );
    // The pass a workspace run makes after every file, with the crate's
    // types as the workspace: one file analysed alone reports what the
    // same file reports in its workspace when nothing else declares types.
    if needs_workspace_types(&facts) {
        let more = detect_with_workspace(rel_path, source, &facts, ctx, &ctx.types, &findings);
        findings.extend(more);
    }
    drop(syntax);
    // Without a workspace, the file's own call graph says how hot each
    // function is as far as this file can tell.
    let graph = [memaudit_facts::callgraph::GraphFile {
        crate_ident: ctx.crate_name.replace('-', "_").into(),
        module: Vec::new(),
        target: memaudit_facts::callgraph::TargetKind::guess(rel_path),
        path: rel_path,
        facts: &facts,
        cold: None,
        lib_crate: true,
        bin_crate: false,
    }];
    let hot = memaudit_facts::hotness::Hotness::analyze(&graph);
    reach::annotate(&mut findings, &hot, 0);
    Ok(findings)
}

/// The findings of one file whose facts are already gathered: the Analyst's
/// part of the single pass over a workspace (the caller parsed the file
/// once and hands the same tree, its macro rewrites and facts to every
/// consumer). Findings have no ids and no reach yet.
pub fn detect<'a>(
    rel_path: &str,
    source: &str,
    file: &'a syn::File,
    rewrites: &memaudit_facts::macros::Rewrites,
    facts: &memaudit_facts::FileFacts,
    syntax: &memaudit_facts::Syntax<'a>,
    ctx: &FileContext,
) -> Vec<Finding> {
    let mut out = emit::Emitter::new(rel_path, source, ctx);
    detectors::run_file(file, facts, syntax, &mut out);
    let mut findings = out.finish();
    // The emit step's last part: mechanical proposals become edits, read
    // from the same tree (the text as written where the expander rewrote
    // a macro); the caller clears the spans.
    edits::attach(rel_path, source, file, rewrites, &mut findings);
    findings
}

/// Whether [`detect_with_workspace`] may find more in this file once every
/// file's types are known: some enum has a field whose type is declared
/// elsewhere, or some `Copy` struct may be held in a row by another file's
/// type (or is sized only with the workspace's types).
pub fn needs_workspace_types(facts: &memaudit_facts::FileFacts) -> bool {
    detectors::needs_workspace(facts)
}

/// The findings of one file that need types declared in other files (the
/// layout of an enum whose variants hold them, a large element held in a
/// row by a type of another file), run after the single pass:
/// `workspace` is every file's table merged (`TypeTable::merged`), layered
/// here under the file's own. `reported` are the file's findings from
/// [`detect`], so that nothing is reported twice. No syntax is needed:
/// these rules read the facts, and `source` only gives the snippets.
pub fn detect_with_workspace(
    rel_path: &str,
    source: &str,
    facts: &memaudit_facts::FileFacts,
    ctx: &FileContext,
    workspace: &Arc<TypeTable>,
    reported: &[Finding],
) -> Vec<Finding> {
    let mut table = facts.table.clone();
    table.set_parent(Arc::clone(workspace));
    let lines: Vec<u32> = reported
        .iter()
        .filter(|f| f.category == Category::CacheHostile)
        .map(|f| f.line_start)
        .collect();
    let mut out = emit::Emitter::new(rel_path, source, ctx);
    detectors::run_with_workspace(facts, &table, workspace, &lines, &mut out);
    out.finish()
}

impl From<memaudit_facts::parse::ParseError> for AnalyzeError {
    fn from(e: memaudit_facts::parse::ParseError) -> Self {
        use memaudit_facts::parse::ParseError;
        match e {
            ParseError::Syntax {
                file,
                line,
                column,
                message,
            } => AnalyzeError::Parse {
                file,
                line,
                column,
                message,
            },
            ParseError::TooComplex { file, reason } => AnalyzeError::TooComplex { file, reason },
        }
    }
}

/// The stable identity of a finding: blake3 of the category, the enclosing
/// item path and the whitespace-normalised code, as 16 hex characters. Line
/// numbers are deliberately left out so that edits elsewhere in the file do
/// not change it.
pub fn fingerprint(category: Category, item_path: &str, code: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(category.as_str().as_bytes());
    hasher.update(b"\0");
    hasher.update(item_path.as_bytes());
    hasher.update(b"\0");
    let mut first = true;
    for word in code.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        first = false;
    }
    let hash = hasher.finalize();
    hash.to_hex()[..16].to_owned()
}
