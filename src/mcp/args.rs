//! The MCP tools' arguments: plain serde structs whose JSON schemas
//! (schemars) are what an agent sees in `tools/list`. Unknown fields are
//! refused, so a misspelt argument is an error the agent can read instead of
//! a silently ignored filter.
//!
//! Only shapes and conversions to the model's types live here; what the
//! tools do is in `server.rs`.

use rmcp::handler::server::common::FromContextPart;
use rmcp::handler::server::tool::ToolCallContext;
use serde::de::DeserializeOwned;

use memaudit_model::{
    Category, DecisionKind, FindingState, Focus, FocusRequest, Priority, PriorityFilter, Verdict,
};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::documents::Document;
use crate::sessions::ExportFormat;

/// A tool's arguments, decoded. Unlike rmcp's own extractor it names the
/// argument that failed ("`limit`: invalid type: string, expected u32"), so
/// an agent can fix the call. The error keeps rmcp's prefix, which makes the
/// router return it as a tool error the agent reads rather than a protocol
/// error.
#[derive(Debug, Clone)]
pub struct Parameters<P>(pub P);

impl<P: JsonSchema> JsonSchema for Parameters<P> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        P::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        P::json_schema(generator)
    }
}

impl<S, P: DeserializeOwned> FromContextPart<ToolCallContext<'_, S>> for Parameters<P> {
    fn from_context_part(context: &mut ToolCallContext<'_, S>) -> Result<Self, rmcp::ErrorData> {
        let arguments = context.arguments.take().unwrap_or_default();
        let tool = context.name().to_owned();
        serde_path_to_error::deserialize(serde_json::Value::Object(arguments))
            .map(Parameters)
            .map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let place = if path == "." {
                    format!("the arguments of `{tool}`")
                } else {
                    format!("argument `{path}` of `{tool}`")
                };
                rmcp::ErrorData::invalid_params(
                    format!("failed to deserialize parameters: {place}: {inner}"),
                    None,
                )
            })
    }
}

/// What an audit concentrates on.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FocusArg {
    /// ARENA_CANDIDATE, ALLOCATION_LOOP, LIFETIME_EXTENSION.
    Arena,
    /// UNNECESSARY_CLONE and clones in loops.
    Clones,
    /// All six categories.
    Full,
}

impl From<FocusArg> for Focus {
    fn from(f: FocusArg) -> Self {
        match f {
            FocusArg::Arena => Focus::Arena,
            FocusArg::Clones => Focus::Clones,
            FocusArg::Full => Focus::Full,
        }
    }
}

/// Which file priorities are analysed.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum PriorityFilterArg {
    #[serde(rename = "p0")]
    P0,
    #[serde(rename = "p0-p1")]
    P0P1,
    #[serde(rename = "all")]
    All,
}

impl From<PriorityFilterArg> for PriorityFilter {
    fn from(p: PriorityFilterArg) -> Self {
        match p {
            PriorityFilterArg::P0 => PriorityFilter::P0,
            PriorityFilterArg::P0P1 => PriorityFilter::P0P1,
            PriorityFilterArg::All => PriorityFilter::All,
        }
    }
}

/// A finding category (workflow spec section 3).
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CategoryArg {
    ArenaCandidate,
    UnnecessaryClone,
    HeapAvoidable,
    LifetimeExtension,
    CacheHostile,
    AllocationLoop,
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Self {
        match c {
            CategoryArg::ArenaCandidate => Category::ArenaCandidate,
            CategoryArg::UnnecessaryClone => Category::UnnecessaryClone,
            CategoryArg::HeapAvoidable => Category::HeapAvoidable,
            CategoryArg::LifetimeExtension => Category::LifetimeExtension,
            CategoryArg::CacheHostile => Category::CacheHostile,
            CategoryArg::AllocationLoop => Category::AllocationLoop,
        }
    }
}

/// A finding's state in a round.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StateArg {
    New,
    Persisting,
    Fixed,
    Stale,
}

impl From<StateArg> for FindingState {
    fn from(s: StateArg) -> Self {
        match s {
            StateArg::New => FindingState::New,
            StateArg::Persisting => FindingState::Persisting,
            StateArg::Fixed => FindingState::Fixed,
            StateArg::Stale => FindingState::Stale,
        }
    }
}

/// The Validator's verdict.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerdictArg {
    Approved,
    NeedsWork,
    Rejected,
}

impl From<VerdictArg> for Verdict {
    fn from(v: VerdictArg) -> Self {
        match v {
            VerdictArg::Approved => Verdict::Approved,
            VerdictArg::NeedsWork => Verdict::NeedsWork,
            VerdictArg::Rejected => Verdict::Rejected,
        }
    }
}

/// A file or crate priority.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum PriorityArg {
    P0,
    P1,
    P2,
    P3,
}

impl From<PriorityArg> for Priority {
    fn from(p: PriorityArg) -> Self {
        match p {
            PriorityArg::P0 => Priority::P0,
            PriorityArg::P1 => Priority::P1,
            PriorityArg::P2 => Priority::P2,
            PriorityArg::P3 => Priority::P3,
        }
    }
}

/// A decision on a finding.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum DecisionArg {
    /// Do it (the next round checks it is gone).
    #[serde(rename = "implement")]
    Implement,
    /// Later (optionally until a date or a round).
    #[serde(rename = "defer")]
    Defer,
    /// Not a real problem: never raised again.
    #[serde(rename = "reject-fp")]
    RejectFalsePositive,
    /// Real but not worth it: never raised again.
    #[serde(rename = "reject-wontfix")]
    RejectWontFix,
}

impl From<DecisionArg> for DecisionKind {
    fn from(d: DecisionArg) -> Self {
        match d {
            DecisionArg::Implement => DecisionKind::Implement,
            DecisionArg::Defer => DecisionKind::Defer,
            DecisionArg::RejectFalsePositive => DecisionKind::RejectFalsePositive,
            DecisionArg::RejectWontFix => DecisionKind::RejectWontFix,
        }
    }
}

/// A session document.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentArg {
    /// report.md: executive summary, quick wins, recommendations, by crate.
    Report,
    /// analyst.md: every finding in the workflow's format.
    Analyst,
    /// validator.md: every validation.
    Validator,
    /// status.md: the session's counts.
    Status,
    /// decisions.md: every decision by round.
    Decisions,
}

impl From<DocumentArg> for Document {
    fn from(d: DocumentArg) -> Self {
        match d {
            DocumentArg::Report => Document::Report,
            DocumentArg::Analyst => Document::Analyst,
            DocumentArg::Validator => Document::Validator,
            DocumentArg::Status => Document::Status,
            DocumentArg::Decisions => Document::Decisions,
        }
    }
}

/// An export format.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormatArg {
    /// The whole session as markdown (the workflow spec's documents).
    Md,
    /// The session as JSON (docs/export-json.md).
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
}

impl From<ExportFormatArg> for ExportFormat {
    fn from(f: ExportFormatArg) -> Self {
        match f {
            ExportFormatArg::Md => ExportFormat::Markdown,
            ExportFormatArg::Json => ExportFormat::Json,
            ExportFormatArg::Sarif => ExportFormat::Sarif,
        }
    }
}

/// Which engines run the roles.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnginesArg {
    /// The user's settings (config.toml), as the app and the CLI use them.
    #[default]
    Settings,
    /// The built-in engines for every role: offline, deterministic, free.
    Builtin,
}

/// The `crate:`/`file:`/`category:` focus requests of a round.
pub fn focus_requests(
    crates: &[String],
    files: &[String],
    categories: &[CategoryArg],
) -> Vec<FocusRequest> {
    let mut out: Vec<FocusRequest> = Vec::new();
    out.extend(
        crates
            .iter()
            .map(|c| FocusRequest::Crate(c.trim().to_owned())),
    );
    out.extend(
        files
            .iter()
            .map(|f| FocusRequest::File(f.trim().to_owned())),
    );
    out.extend(
        categories
            .iter()
            .map(|c| FocusRequest::Category((*c).into())),
    );
    out
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForcedPriorityArg {
    /// Workspace-relative glob; a pattern ending in `/` matches a folder.
    pub pattern: String,
    pub priority: PriorityArg,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeArgs {
    /// Any path inside a Cargo workspace or crate (absolute, or relative to
    /// the server's working directory).
    pub workspace: String,
    /// Include these paths even if discovery ranks them low (globs).
    #[serde(default)]
    pub include: Vec<String>,
    /// Leave these paths out (globs), e.g. `**/tests/**`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Force a priority on matching crates or files.
    #[serde(default)]
    pub force_priority: Vec<ForcedPriorityArg>,
    pub focus: Option<FocusArg>,
    pub priority: Option<PriorityFilterArg>,
    /// Keep these overrides for the workspace (later audits use them, and an
    /// active session's scope.md is updated). Default: only preview them.
    #[serde(default)]
    pub save: bool,
    /// How many of the highest-priority files to list (default 20, at most 500).
    pub files: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditArgs {
    /// Any path inside a Cargo workspace or crate.
    pub workspace: String,
    /// What to concentrate on (default: the saved overrides, else full).
    pub focus: Option<FocusArg>,
    /// Which priorities to analyse (default: the saved overrides, else all).
    pub priority: Option<PriorityFilterArg>,
    /// Look deeper at these crates (names as `scope` lists them).
    #[serde(default)]
    pub focus_crates: Vec<String>,
    /// Look deeper at these workspace-relative files.
    #[serde(default)]
    pub focus_files: Vec<String>,
    /// Look deeper at these categories.
    #[serde(default)]
    pub focus_categories: Vec<CategoryArg>,
    /// Which engines run the roles (default: the user's settings).
    #[serde(default)]
    pub engines: EnginesArg,
    /// Write specs/meta/sessions/<session>/ into the workspace (default true).
    pub write_files: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionsArgs {
    /// Only sessions of the workspace containing this path.
    pub workspace: Option<String>,
    /// At most this many, most recently updated first (default 50).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportArgs {
    /// Session folder name (memory_audit_001) or id, as `sessions` lists it.
    pub session: String,
    /// Round number (default: the latest).
    pub round: Option<u32>,
    /// Which document (default: report).
    pub document: Option<DocumentArg>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingsArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Round number (default: the latest).
    pub round: Option<u32>,
    /// Keep findings in any of these states (default: all).
    #[serde(default)]
    pub state: Vec<StateArg>,
    /// Keep findings with any of these verdicts (default: all).
    #[serde(default)]
    pub verdict: Vec<VerdictArg>,
    #[serde(default)]
    pub category: Vec<CategoryArg>,
    /// Crate names, exact.
    #[serde(default, rename = "crate")]
    pub crates: Vec<String>,
    #[serde(default)]
    pub priority: Vec<PriorityArg>,
    /// true: only findings a heap profile measured; false: only unmeasured.
    pub measured: Option<bool>,
    /// true: only decided findings; false: only undecided ones.
    pub decided: Option<bool>,
    /// Skip this many matching findings (from a previous page's next_offset).
    #[serde(default)]
    pub offset: u32,
    /// Page size (default 50, at most 500).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Finding id: F-007 (F7 and 7 work too).
    pub finding: String,
    /// Round number (default: the latest).
    pub round: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecideArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Finding id: F-007 (F7 and 7 work too).
    pub finding: String,
    pub decision: DecisionArg,
    /// Why; kept in decisions.md.
    #[serde(default)]
    pub note: String,
    /// With `defer`: until this date (YYYY-MM-DD).
    pub defer_until_date: Option<String>,
    /// With `defer`: until this round.
    pub defer_until_round: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Look deeper at these crates (names as `scope` lists them).
    #[serde(default)]
    pub focus_crates: Vec<String>,
    /// Look deeper at these workspace-relative files.
    #[serde(default)]
    pub focus_files: Vec<String>,
    /// Look deeper at these categories.
    #[serde(default)]
    pub focus_categories: Vec<CategoryArg>,
    /// Why; kept with the round decision.
    #[serde(default)]
    pub note: String,
    /// Which engines run the roles (default: the user's settings).
    #[serde(default)]
    pub engines: EnginesArg,
    /// Write the session folder into the workspace (default true).
    pub write_files: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    #[serde(default)]
    pub engines: EnginesArg,
    pub write_files: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerminateArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    pub format: ExportFormatArg,
    /// Write to this file (absolute path) instead of returning the text.
    pub path: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromptArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Finding ids (F-007, F7 or 7), at most 50.
    pub findings: Vec<String>,
    /// Round number (default: the latest).
    pub round: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Profile this package's tests (its library's unit tests unless test_name).
    pub test: Option<String>,
    /// With test: the integration test target (tests/NAME.rs).
    pub test_name: Option<String>,
    /// With test: only tests whose name contains this.
    pub filter: Option<String>,
    /// Profile this bench target (benches/NAME.rs).
    pub bench: Option<String>,
    /// Profile this binary target.
    pub bin: Option<String>,
    /// With bench or bin: the package that has the target.
    pub package: Option<String>,
    /// With bench or bin: arguments for it.
    #[serde(default)]
    pub args: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Finding ids (F-003; F3 and 3 work too). Empty: every current finding
    /// of the latest round that has an edit and is not rejected.
    #[serde(default)]
    pub findings: Vec<String>,
    /// Also run the affected packages' tests with the compiling edits.
    #[serde(default)]
    pub tests: bool,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyArgs {
    /// Session folder name (memory_audit_001) or id.
    pub session: String,
    /// Finding id: F-007 (F7 and 7 work too).
    pub finding: String,
}
