//! Command-line definition and dispatch. Glue only: every behaviour lives in
//! the library (`memaudit::…`); this module parses arguments, prints, and
//! maps errors to exit codes.

mod check;
mod mcp;
mod output;
mod profile;
mod progress;
mod prompt;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use memaudit::model::{DecisionKind, Focus, FocusRequest, PriorityFilter, Verdict};
use memaudit::rounds::{self, AuditOptions, Cancel};
use memaudit::sessions::{self, DecisionInput, ExportFormat};
use memaudit::Store;

/// Exit code when `--fail-on` matched.
const EXIT_GATE: u8 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "memaudit",
    version,
    about = "Audits Rust workspaces for memory and allocation waste.",
    long_about = "Audits Rust workspaces for memory and allocation waste.\n\n\
        An audit is a session of rounds: the Analyst finds allocation waste, the Validator \
        checks each finding against the code, the Coordinator ranks them into a report, and \
        you decide what to implement before the next round. Sessions live in one SQLite \
        database per user and are mirrored as markdown under specs/meta/sessions/ in the \
        workspace.\n\nExit codes: 0 success, 1 failure, 2 usage error, 3 `--fail-on` matched."
)]
struct Cli {
    /// SQLite database to use (default: the platform data folder's memaudit/memaudit.db).
    #[arg(long, global = true, env = "MEMAUDIT_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Discover a workspace's crates and files and show their priority with the reasons.
    Scope {
        /// Any path inside a Cargo workspace or crate.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output format: a table for people, or JSON (documented in docs/scope-json.md).
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
        /// A scope.md with overrides (include, exclude, force priority) to apply.
        /// Default: the workspace's scope.md or specs/meta/scope.md.
        #[arg(long, value_name = "FILE")]
        scope_md: Option<PathBuf>,
        /// Show every file, not only the first 40.
        #[arg(long)]
        all: bool,
    },
    /// Run the built-in Analyst only and print its findings (nothing is stored).
    Analyze {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Markdown in the workflow's analyst.md format, or JSON (docs/detectors.md).
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
        #[command(flatten)]
        filters: Filters,
    },
    /// Start a new audit session of a workspace and run round 1.
    Audit {
        #[arg(default_value = ".")]
        path: PathBuf,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        engine: EngineArgs,
        /// Print the report as markdown (default) or the session as JSON.
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
        /// Do not write specs/meta/sessions/<session>/ into the workspace.
        #[arg(long)]
        no_files: bool,
        /// Exit with code 3 when the round has findings at this level.
        #[arg(long, value_enum, default_value_t = FailOn::Never)]
        fail_on: FailOn,
        #[command(flatten)]
        check: check::CheckFixesArgs,
    },
    /// List every session of every workspace in the database.
    Sessions {
        #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
        format: TableOrJson,
    },
    /// Show a session's report (latest round unless --round).
    Show {
        /// Session folder name (memory_audit_001) or id from `memaudit sessions`.
        session: String,
        #[arg(long)]
        round: Option<u32>,
        /// Which document: the report (default), analyst findings, validations, status, decisions.
        #[arg(long, value_enum, default_value_t = Doc::Report)]
        doc: Doc,
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
    },
    /// Decide a finding: implement, defer, reject-fp (false positive) or reject-wontfix.
    Decide {
        session: String,
        /// Finding id, e.g. F-003 (F3 and 3 work too).
        finding: String,
        #[arg(value_enum)]
        decision: DecisionArg,
        #[arg(long, default_value = "")]
        note: String,
        /// With `defer`: until a date (2026-12-31) or a round (round:3).
        #[arg(long, value_name = "DATE|round:N")]
        until: Option<String>,
    },
    /// Record "continue" on the current round and run the next one.
    Next {
        session: String,
        /// Look deeper at: crate:NAME, file:PATH or category:NAME (repeatable).
        #[arg(long = "focus", value_name = "REQUEST")]
        focus: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_enum, default_value_t = MdOrJson::Md)]
        format: MdOrJson,
        #[arg(long)]
        no_files: bool,
        #[arg(long, value_enum, default_value_t = FailOn::Never)]
        fail_on: FailOn,
        #[command(flatten)]
        engine: EngineArgs,
        #[command(flatten)]
        check: check::CheckFixesArgs,
    },
    /// Continue a round that was interrupted (killed, cancelled or failed).
    Resume {
        session: String,
        #[arg(long)]
        no_files: bool,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Store, remove or check an LLM provider's API key (kept in the OS keychain).
    Key {
        #[arg(value_enum)]
        action: KeyAction,
        #[arg(value_enum)]
        provider: ProviderArg,
    },
    /// End a session: record "terminate" on the current round.
    Terminate {
        session: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Export a session to markdown, JSON or SARIF 2.1.0.
    Export {
        session: String,
        #[arg(long, value_enum)]
        format: ExportArg,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Measure a session's findings with a heap profile: RUNS the workspace's own test,
    /// bench or binary under valgrind DHAT (--test/--bench/--bin), or imports a DHAT JSON
    /// file (--import).
    Profile(profile::ProfileArgs),
    /// Verify a fix: re-run the profiled workload (the workspace's own code, under
    /// valgrind) and compare the finding's allocations before and after.
    Verify(profile::VerifyArgs),
    /// Check findings' edits with the compiler: BUILDS the workspace in a scratch copy
    /// (its build scripts and proc macros run; with --tests its tests too).
    Check(check::CheckArgs),
    /// Write a checked fix into the workspace (--dry-run shows the diff; --undo puts
    /// the files back).
    Apply(check::ApplyArgs),
    /// Print a hand-off prompt for findings: a self-contained task for a coding agent.
    Prompt(prompt::PromptArgs),
    /// Serve the audit to coding agents over MCP (stdio); see docs/agents.md.
    Mcp(mcp::McpArgs),
}

#[derive(clap::Args, Debug, Clone)]
struct Filters {
    /// What to concentrate on: arena opportunities, clone reduction, or everything.
    #[arg(long, value_enum)]
    focus: Option<FocusArg>,
    /// Which priorities to analyse.
    #[arg(long, value_enum)]
    priority: Option<PriorityArg>,
    /// Analysis threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Also run `cargo clippy` with the memory lints and merge its findings.
    /// This compiles the workspace, so its build scripts and proc macros run.
    #[arg(long)]
    clippy: bool,
    /// A scope.md with overrides (include, exclude, force priority, focus).
    /// Default: the session's own, else the workspace's scope.md or
    /// specs/meta/scope.md.
    #[arg(long, value_name = "FILE")]
    scope_md: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum TableOrJson {
    Table,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum MdOrJson {
    Md,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum FocusArg {
    Arena,
    Clones,
    Full,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum PriorityArg {
    P0,
    #[value(name = "p0-p1")]
    P0P1,
    All,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum FailOn {
    /// Never gate (default).
    Never,
    /// Any APPROVED finding that is not rejected by a decision.
    Approved,
    /// Any current finding that is not rejected.
    Any,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum Doc {
    Report,
    Analyst,
    Validator,
    Status,
    Decisions,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum DecisionArg {
    Implement,
    Defer,
    #[value(name = "reject-fp")]
    RejectFp,
    #[value(name = "reject-wontfix")]
    RejectWontfix,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum KeyAction {
    /// Read a key from the terminal (hidden) or standard input and store it.
    Set,
    Delete,
    /// Say where the key would come from: environment, keychain or none.
    Status,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum ExportArg {
    Md,
    Json,
    Sarif,
}

/// Engine choice per role; each flag overrides `config.toml`.
#[derive(clap::Args, Debug, Clone, Default)]
struct EngineArgs {
    /// Engine of the Analyst: built-in static analysis (default) or the LLM.
    #[arg(long, value_enum)]
    analyst: Option<EngineArg>,
    /// Engine of the Validator: built-in rules (default) or the LLM.
    #[arg(long, value_enum)]
    validator: Option<EngineArg>,
    /// Engine of the Coordinator: built-in report only (default), or the LLM
    /// adding a summary, cross-cutting patterns and next-focus suggestions.
    #[arg(long, value_enum)]
    coordinator: Option<EngineArg>,
    /// LLM provider wire format: Anthropic Messages or any OpenAI-compatible server.
    #[arg(long, value_enum)]
    provider: Option<ProviderArg>,
    /// Model name, e.g. claude-sonnet-4-5, gpt-4.1, qwen2.5-coder:14b.
    #[arg(long)]
    model: Option<String>,
    /// Base URL of the provider, e.g. http://127.0.0.1:11434/v1 for a local Ollama.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum EngineArg {
    Builtin,
    Llm,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
enum ProviderArg {
    Anthropic,
    Openai,
}

impl EngineArgs {
    /// `config.toml` with the flags on top.
    fn engines(&self) -> Result<memaudit::engines::Engines> {
        use memaudit::config::{EngineKind, ProviderChoice};
        let path = memaudit::config::settings_path();
        let mut s = memaudit::config::load_settings(&path)?;
        let kind = |e: EngineArg| match e {
            EngineArg::Builtin => EngineKind::Builtin,
            EngineArg::Llm => EngineKind::Llm,
        };
        if let Some(e) = self.analyst {
            s.analyst_engine = kind(e);
        }
        if let Some(e) = self.validator {
            s.validator_engine = kind(e);
        }
        if let Some(e) = self.coordinator {
            s.coordinator_engine = kind(e);
        }
        if let Some(p) = self.provider {
            s.provider = match p {
                ProviderArg::Anthropic => ProviderChoice::Anthropic,
                ProviderArg::Openai => ProviderChoice::Openai,
            };
        }
        if let Some(m) = &self.model {
            s.model = m.clone();
        }
        if let Some(u) = &self.base_url {
            s.base_url = u.clone();
        }
        Ok(memaudit::engines::Engines::from_settings(&s))
    }
}

impl Filters {
    fn options(&self, write_files: bool) -> AuditOptions {
        AuditOptions {
            focus: self.focus.map(|f| match f {
                FocusArg::Arena => Focus::Arena,
                FocusArg::Clones => Focus::Clones,
                FocusArg::Full => Focus::Full,
            }),
            priority: self.priority.map(|p| match p {
                PriorityArg::P0 => PriorityFilter::P0,
                PriorityArg::P0P1 => PriorityFilter::P0P1,
                PriorityArg::All => PriorityFilter::All,
            }),
            threads: self.threads,
            write_files,
            engines: Default::default(),
            clippy: self.clippy,
            scope_md: absolute(self.scope_md.as_deref()),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            let mut stderr = anstream::stderr();
            let _ = writeln!(stderr, "error: {err}");
            let mut shown = err.to_string();
            for cause in err.chain().skip(1) {
                // Library errors often quote their source already.
                let text = cause.to_string();
                if !shown.contains(&text) {
                    let _ = writeln!(stderr, "  caused by: {text}");
                    shown.push_str(&text);
                }
            }
            ExitCode::FAILURE
        }
    }
}

fn open_store(db: Option<PathBuf>) -> Result<Store> {
    let path = memaudit::resolve_db_path(db);
    let store = memaudit::open_database(&path)
        .with_context(|| format!("opening the database {}", path.display()))?;
    // Rounds left running by a killed process are marked as interrupted so
    // that `show` and `resume` tell the truth.
    rounds::reap_interrupted(&store).context("checking for interrupted rounds")?;
    Ok(store)
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    match cli.command {
        Command::Scope {
            path,
            format,
            scope_md,
            all,
        } => {
            let pass = memaudit::audit::pass(
                &path,
                &memaudit::audit::PassOptions {
                    scope_md: absolute(scope_md.as_deref()),
                    ..Default::default()
                },
                &|_| {},
            )
            .with_context(|| format!("discovering the workspace at {}", path.display()))?;
            let scope = pass.scope;
            output::say_scope_md(scope.scope_md.as_deref());
            match format {
                TableOrJson::Json => print_json(&scope)?,
                TableOrJson::Table => output::print_scope(&scope, all)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze {
            path,
            format,
            filters,
        } => {
            let opts = filters.options(false);
            let bar = progress::Bar::new("Analyst");
            // The same single pass an audit runs: one parse per file, the
            // call graph's reach on every finding.
            let pass = memaudit::audit::pass(
                &path,
                &memaudit::audit::PassOptions {
                    analyze: true,
                    focus: opts.focus,
                    priority: opts.priority,
                    threads: opts.threads,
                    scope_md: opts.scope_md.clone(),
                    no_workspace_scope_md: false,
                    // Nothing reads the facts after the findings' reach.
                    slim_facts: true,
                },
                &|p| bar.analyst(p.files_done as u64, p.files_total as u64, &p.current),
            );
            bar.finish();
            let pass =
                pass.with_context(|| format!("analysing the workspace at {}", path.display()))?;
            output::say_scope_md(pass.scope.scope_md.as_deref());
            let scope = pass.scope;
            let mut analysis = pass.analysis;
            if opts.clippy {
                eprintln!(
                    "note: --clippy compiles the workspace: its build scripts and proc macros run"
                );
                memaudit::audit::add_clippy(&scope, &mut analysis)
                    .context("running cargo clippy")?;
            }
            match format {
                MdOrJson::Json => print_json(&analysis)?,
                MdOrJson::Md => {
                    print_text(&memaudit::documents::analysis_md(&analysis.findings))?;
                    output::print_skipped(&analysis.skipped);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit {
            path,
            filters,
            engine,
            format,
            no_files,
            fail_on,
            check,
        } => {
            let store = open_store(db)?;
            let mut opts = filters.options(!no_files);
            opts.engines = engine.engines()?;
            if opts.clippy {
                eprintln!(
                    "note: --clippy compiles the workspace: its build scripts and proc macros run"
                );
            }
            let info = rounds::start_session(&store, &path, &opts)
                .with_context(|| format!("starting an audit of {}", path.display()))?;
            eprintln!(
                "Session {} (id {}) in {}",
                info.name, info.id, info.workspace
            );
            let outcome = run_with_progress(|emit, cancel| {
                rounds::run_round(&store, info.id, &[], &opts, emit, cancel)
            })?;
            check::after_round(&store, info.id, &check);
            finish_round(&store, &outcome, format, fail_on)
        }
        Command::Sessions { format } => {
            let store = open_store(db)?;
            let list = sessions::list(&store).context("listing sessions")?;
            match format {
                TableOrJson::Json => print_json(&list)?,
                TableOrJson::Table => output::print_sessions(&list)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show {
            session,
            round,
            doc,
            format,
        } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            // With each finding's evidence: `--format json` prints the same
            // round shape as the JSON export.
            let export = memaudit::evidence::load_session(&store, info.id)
                .with_context(|| format!("loading session {}", info.name))?;
            let number = round.unwrap_or(info.rounds);
            let record = export
                .rounds
                .iter()
                .find(|r| r.number == number)
                .with_context(|| format!("session {} has no round {number}", info.name))?;
            if format == MdOrJson::Json {
                print_json(record)?;
                return Ok(ExitCode::SUCCESS);
            }
            let document = match doc {
                Doc::Report => memaudit::documents::Document::Report,
                Doc::Analyst => memaudit::documents::Document::Analyst,
                Doc::Validator => memaudit::documents::Document::Validator,
                Doc::Status => memaudit::documents::Document::Status,
                Doc::Decisions => memaudit::documents::Document::Decisions,
            };
            let text = memaudit::documents::render(&store, info.id, Some(number), document)
                .with_context(|| format!("rendering {} of {}", document.as_str(), info.name))?
                .markdown;
            print_text(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Decide {
            session,
            finding,
            decision,
            note,
            until,
        } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            let kind = match decision {
                DecisionArg::Implement => DecisionKind::Implement,
                DecisionArg::Defer => DecisionKind::Defer,
                DecisionArg::RejectFp => DecisionKind::RejectFalsePositive,
                DecisionArg::RejectWontfix => DecisionKind::RejectWontFix,
            };
            let (defer_until_date, defer_until_round) = match until.as_deref() {
                None => (None, None),
                Some(u) => match u.strip_prefix("round:") {
                    Some(n) => (
                        None,
                        Some(n.parse::<u32>().with_context(|| {
                            format!("`{u}` is not round:N with a round number")
                        })?),
                    ),
                    None => (Some(u.to_owned()), None),
                },
            };
            let decided = rounds::decide(
                &store,
                info.id,
                &DecisionInput {
                    finding_id: finding,
                    kind,
                    note,
                    defer_until_date,
                    defer_until_round,
                },
            )?;
            // A folder that cannot be written only earns a note; a workspace
            // that is gone, nothing.
            if let rounds::FilesRefresh::Failed(e) = &decided.files {
                eprintln!("note: session files not updated: {e}");
            }
            let d = decided.decision;
            eprintln!("{} {}: {}", info.name, d.finding_id, d.kind.label());
            Ok(ExitCode::SUCCESS)
        }
        Command::Next {
            session,
            focus,
            note,
            format,
            no_files,
            fail_on,
            engine,
            check,
        } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            let focus = focus
                .iter()
                .map(|f| f.parse::<FocusRequest>())
                .collect::<Result<Vec<_>, _>>()?;
            let opts = AuditOptions {
                write_files: !no_files,
                engines: engine.engines()?,
                ..AuditOptions::default()
            };
            let outcome = run_with_progress(|emit, cancel| {
                rounds::continue_session(&store, info.id, &focus, &note, &opts, emit, cancel)
            })?;
            check::after_round(&store, info.id, &check);
            finish_round(&store, &outcome, format, fail_on)
        }
        Command::Resume {
            session,
            no_files,
            engine,
        } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            let opts = AuditOptions {
                write_files: !no_files,
                engines: engine.engines()?,
                ..AuditOptions::default()
            };
            let outcome = run_with_progress(|emit, cancel| {
                rounds::resume_round(&store, info.id, &opts, emit, cancel)
            })?;
            finish_round(&store, &outcome, MdOrJson::Md, FailOn::Never)
        }
        Command::Key { action, provider } => {
            let name = match provider {
                ProviderArg::Anthropic => "anthropic",
                ProviderArg::Openai => "openai",
            };
            match action {
                KeyAction::Set => {
                    let key = read_key(name)?;
                    memaudit::keys::set(name, &key)?;
                    eprintln!("the {name} key is stored in the OS keychain");
                }
                KeyAction::Delete => {
                    memaudit::keys::delete(name)?;
                    eprintln!("the {name} key is removed from the OS keychain");
                }
                KeyAction::Status => {
                    let source = memaudit::keys::source(name)?;
                    println!("{name}: {source}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Terminate { session, note } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            let files = rounds::terminate(&store, info.id, &note)?;
            if let rounds::FilesRefresh::Failed(e) = &files {
                eprintln!("note: session files not updated: {e}");
            }
            eprintln!("{} terminated", info.name);
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            session,
            format,
            output,
        } => {
            let store = open_store(db)?;
            let info = resolve(&store, &session)?;
            let format = match format {
                ExportArg::Md => ExportFormat::Markdown,
                ExportArg::Json => ExportFormat::Json,
                ExportArg::Sarif => ExportFormat::Sarif,
            };
            let text = memaudit::documents::export(&store, info.id, format)
                .with_context(|| format!("exporting session {}", info.name))?;
            match output {
                Some(path) => {
                    memaudit::documents::write_file(&path, &text)
                        .with_context(|| format!("writing {}", path.display()))?;
                    eprintln!("wrote {}", path.display());
                }
                None => print_text(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Profile(args) => profile::run_profile(db, args),
        Command::Verify(args) => profile::run_verify(db, args),
        Command::Check(args) => check::run_check(db, args),
        Command::Apply(args) => check::run_apply(db, args),
        Command::Prompt(args) => prompt::run(db, args),
        Command::Mcp(args) => mcp::run(db, args),
    }
}

/// Reads an API key without echoing it on a terminal, or as one line of
/// standard input when piped (`printf %s "$KEY" | memaudit key set …`).
fn read_key(provider: &str) -> Result<String> {
    use std::io::IsTerminal;
    let key = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{provider} API key (input hidden): "))
            .context("reading the key from the terminal")?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the key from standard input")?;
        line
    };
    let key = key.trim().to_owned();
    if key.is_empty() {
        anyhow::bail!("no key given");
    }
    Ok(key)
}

fn resolve(store: &Store, key: &str) -> Result<memaudit::model::SessionInfo> {
    let cwd = std::env::current_dir().ok();
    Ok(sessions::resolve(store, key, cwd.as_deref())?)
}

fn run_with_progress<F>(f: F) -> Result<rounds::RoundOutcome>
where
    F: FnOnce(
        &(dyn Fn(memaudit::RoundEvent) + Sync),
        &Cancel,
    ) -> memaudit::error::Result<rounds::RoundOutcome>,
{
    let bar = progress::Bar::new("Analyst");
    let cancel = Cancel::new();
    let emit = |e: memaudit::RoundEvent| bar.event(&e);
    let result = f(&emit, &cancel);
    bar.finish();
    Ok(result?)
}

/// A path given on the command line, made absolute against the current
/// directory (the engine resolves relative paths against the workspace root).
fn absolute(path: Option<&Path>) -> Option<PathBuf> {
    path.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

fn finish_round(
    store: &Store,
    outcome: &rounds::RoundOutcome,
    format: MdOrJson,
    fail_on: FailOn,
) -> Result<ExitCode> {
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    if let Ok(Some(scope)) = memaudit::sessions::scope(store, outcome.session.id) {
        output::say_scope_md(scope.scope_md.as_deref());
    }
    let export = memaudit::evidence::load_session(store, outcome.session.id)
        .context("loading the session")?;
    let record = export
        .rounds
        .iter()
        .find(|r| r.number == outcome.round)
        .context("the round just run is missing from the database")?;
    match format {
        MdOrJson::Json => print_json(&export)?,
        MdOrJson::Md => match &record.report {
            Some(_) => print_text(
                &memaudit::documents::render(
                    store,
                    outcome.session.id,
                    Some(outcome.round),
                    memaudit::documents::Document::Report,
                )
                .context("rendering the report")?
                .markdown,
            )?,
            None => eprintln!("round {} has no report", outcome.round),
        },
    }
    if let Some(first) = outcome.files_written.first() {
        if let Some(dir) = first.parent().and_then(|p| p.parent()) {
            eprintln!("Session files: {}", dir.display());
        }
    }
    eprintln!(
        "Round {} of {}: {} findings ({} new). Next: `memaudit decide {} F-001 implement`, `memaudit next {}`.",
        outcome.round,
        outcome.session.name,
        outcome.findings,
        outcome.new,
        outcome.session.name,
        outcome.session.name
    );
    let gated = record.findings.iter().any(|r| {
        let current = matches!(
            r.state,
            memaudit::model::FindingState::New | memaudit::model::FindingState::Persisting
        );
        let rejected = r.decision.as_ref().is_some_and(|d| d.kind.is_rejection());
        let approved = r
            .validation
            .as_ref()
            .is_some_and(|v| v.verdict == Verdict::Approved);
        current
            && !rejected
            && match fail_on {
                FailOn::Never => false,
                FailOn::Any => true,
                FailOn::Approved => approved,
            }
    });
    Ok(if gated {
        ExitCode::from(EXIT_GATE)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).context("writing JSON")?;
    writeln!(out).context("writing JSON")?;
    Ok(())
}

fn print_text(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        // A closed pipe (`memaudit show … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("writing output"),
    }
}
