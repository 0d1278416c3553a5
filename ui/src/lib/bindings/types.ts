// Wire types of memaudit's core, mirroring the serde JSON shapes of
// `crates/model/src/*.rs`, `src/events.rs` and `src/error.rs` exactly
// (snake_case fields, enum spellings as their serde attributes say).
//
// HAND-WRITTEN STAND-IN: this file will be replaced by types generated from
// the Rust definitions (tauri-specta / ts-rs). Keep every wire type in this
// folder and nothing else here, so the swap is mechanical. Do not add UI
// state or helpers to this file.

// ---- finding.rs ----------------------------------------------------------

export type Category =
  | 'ARENA_CANDIDATE'
  | 'UNNECESSARY_CLONE'
  | 'HEAP_AVOIDABLE'
  | 'LIFETIME_EXTENSION'
  | 'CACHE_HOSTILE'
  | 'ALLOCATION_LOOP';

export type Priority = 'P0' | 'P1' | 'P2' | 'P3';
export type Confidence = 'HIGH' | 'MEDIUM' | 'LOW';
export type Safety = 'SAFE' | 'NEEDS_REVIEW' | 'UNSAFE';
export type Level = 'High' | 'Medium' | 'Low';
export type FindingSource = 'builtin' | 'clippy' | 'llm' | 'measurement';

export interface Impact {
  allocations_avoided: number | null;
  bytes_saved: number | null;
  unit: string;
  applies_to: string;
  level: Level;
}

export interface Tradeoffs {
  pros: string[];
  cons: string[];
}

export interface Finding {
  id: string;
  fingerprint: string;
  category: Category;
  file: string;
  line_start: number;
  line_end: number;
  /** `crate_name` in Rust, renamed by serde. */
  crate: string;
  priority: Priority;
  item_path: string;
  confidence: Confidence;
  safety: Safety;
  code: string;
  issue: string;
  proposal: string;
  impact: Impact;
  tradeoffs: Tradeoffs;
  prerequisites: string[];
  source: FindingSource;
}

// ---- review.rs -----------------------------------------------------------

export type Verdict = 'APPROVED' | 'NEEDS_WORK' | 'REJECTED';
export type CheckStatus = 'PASS' | 'FAIL' | 'UNCLEAR' | 'N/A';
export type Answer = 'YES' | 'NO' | 'MAYBE' | 'NEEDS_MEASUREMENT';

export interface Check {
  status: CheckStatus;
  evidence: string;
}

export interface Assessment {
  answer: Answer;
  evidence: string;
}

export interface ValidationIssue {
  id: string;
  description: string;
  risk: string;
  suggestion: string;
}

export interface Validation {
  finding_id: string;
  fingerprint: string;
  verdict: Verdict;
  lifetime: Check;
  thread_safety: Check;
  no_undefined_behavior: Check;
  estimate_plausible: Assessment;
  hot_path: Assessment;
  complexity_justified: Assessment;
  issues: ValidationIssue[];
  conditions: string[];
  counterexample: string | null;
  /** Skipped by serde when absent. */
  score?: number;
  engine: string;
}

export interface Summary {
  total: number;
  approved: number;
  needs_work: number;
  rejected: number;
  new: number;
  estimated_bytes_saved: number;
  estimated_allocations_avoided: number;
  estimated_allocation_reduction_pct: number | null;
}

export interface QuickWin {
  finding_id: string;
  location: string;
  category: Category;
  impact: Level;
  effort: Level;
  score: number;
  measured: boolean;
}

export interface Recommendation {
  pattern: string;
  category: Category;
  finding_ids: string[];
  locations: string[];
  unified_fix: string;
}

export interface CrateFindingLine {
  finding_id: string;
  summary: string;
  verdict: Verdict | null;
  state: FindingState;
}

export interface CrateFindings {
  crate: string;
  priority: Priority;
  findings: CrateFindingLine[];
}

export interface Deferred {
  finding_id: string;
  reason: string;
}

export interface Criterion {
  name: string;
  met: boolean;
  detail: string;
}

export interface Report {
  round: number;
  summary: Summary;
  quick_wins: QuickWin[];
  recommendations: Recommendation[];
  by_crate: CrateFindings[];
  deferred: Deferred[];
  next_focus: string[];
  termination: Criterion[];
}

// ---- scope.rs ------------------------------------------------------------

export interface Reason {
  signal: string;
  file: string;
  line: number | null;
  weight: number;
  detail: string;
}

export interface FileScope {
  path: string;
  priority: Priority;
  score: number;
  reasons: Reason[];
  lines: number;
  in_module_tree: boolean;
  /** Skipped by serde when absent. */
  overridden?: string;
}

export interface CrateScope {
  name: string;
  path: string;
  priority: Priority;
  score: number;
  reasons: Reason[];
  files: FileScope[];
  /** Skipped by serde when absent. */
  error?: string;
}

export interface Excluded {
  path: string;
  reason: string;
}

export interface Warning {
  file?: string;
  line?: number;
  message: string;
}

export type Focus = 'arena' | 'clones' | 'full';
/** serde `rename_all = "snake_case"` on `P0`, `P0P1`, `All`. */
export type PriorityFilter = 'p0' | 'p0_p1' | 'all';

export interface ForcedPriority {
  pattern: string;
  priority: Priority;
}

export interface ScopeOverrides {
  include: string[];
  exclude: string[];
  force_priority: ForcedPriority[];
  focus?: Focus;
  priority_filter?: PriorityFilter;
}

export interface OverrideEffect {
  kind: string;
  pattern: string;
  matched: string[];
  summary: string;
}

export interface Scope {
  workspace: string;
  crates: CrateScope[];
  excluded: Excluded[];
  warnings: Warning[];
  overrides: ScopeOverrides;
  effects: OverrideEffect[];
  focus: Focus;
  priority_filter: PriorityFilter;
}

// ---- session.rs ----------------------------------------------------------

export type FindingState = 'new' | 'persisting' | 'fixed' | 'stale';
export type DecisionKind = 'implement' | 'defer' | 'reject_false_positive' | 'reject_wont_fix';

export interface Decision {
  finding_id: string;
  fingerprint: string;
  kind: DecisionKind;
  note: string;
  defer_until_date?: string;
  defer_until_round?: number;
  round: number;
  decided_at: string;
}

/** Adjacently tagged: `{"kind": "crate", "value": "worker"}`. */
export type FocusRequest =
  | { kind: 'crate'; value: string }
  | { kind: 'file'; value: string }
  | { kind: 'category'; value: Category };

/** Internally tagged by `kind`. */
export type RoundDecision =
  | { kind: 'continue'; focus: FocusRequest[]; note: string }
  | { kind: 'terminate'; note: string };

export type RoundStatus = 'running' | 'awaiting_decision' | 'decided' | 'interrupted' | 'failed';
export type Role = 'analyst' | 'validator' | 'coordinator';

export interface RoleRun {
  role: Role | null;
  engine: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  status: string;
  error: string | null;
}

export interface SessionInfo {
  id: number;
  name: string;
  workspace: string;
  created_at: string;
  updated_at: string;
  /** `active` or `terminated`. */
  status: string;
  rounds: number;
  findings: number;
}

export interface FindingRecord {
  finding: Finding;
  state: FindingState;
  validation: Validation | null;
  decision: Decision | null;
}

export interface RoundRecord {
  number: number;
  status: RoundStatus;
  started_at: string;
  finished_at: string | null;
  error: string | null;
  findings: FindingRecord[];
  report: Report | null;
  role_runs: RoleRun[];
  decision: RoundDecision | null;
  focus: FocusRequest[];
}

export interface Status {
  session: string;
  rounds: number;
  current_round: number;
  round_status: string;
  total_findings: number;
  approved: number;
  needs_work: number;
  rejected: number;
  new: number;
  persisting: number;
  fixed: number;
  stale: number;
  decided_implement: number;
  decided_defer: number;
  decided_reject: number;
  undecided: number;
}

export interface SessionExport {
  schema_version: number;
  session: SessionInfo;
  scope: Scope | null;
  rounds: RoundRecord[];
  status: Status;
}

// ---- src/events.rs -------------------------------------------------------

/** Internally tagged by `type`; variant names as in Rust, fields snake_case. */
export type RoundEvent =
  | { type: 'RoundStarted'; session_id: number; session: string; round: number; resumed: boolean }
  | { type: 'RoleStarted'; round: number; role: Role; engine: string; total: number }
  | {
      type: 'RoleProgress';
      round: number;
      role: Role;
      done: number;
      total: number;
      current: string;
      findings: number;
    }
  | { type: 'RoleFinished'; round: number; role: Role; duration_ms: number; summary: string }
  | { type: 'RoleSkipped'; round: number; role: Role; reason: string }
  | { type: 'Warned'; round: number; message: string }
  | {
      type: 'RoundFinished';
      session_id: number;
      round: number;
      status: RoundStatus;
      findings: number;
      new: number;
    };

/** The watcher's event: `.rs` files changed under an open workspace. */
export interface FilesChanged {
  type: 'FilesChanged';
  workspace: string;
  files: string[];
  stale_findings: number;
}

export type AppEvent = RoundEvent | FilesChanged;

// ---- src/error.rs --------------------------------------------------------

export type ErrorCode =
  | 'not_a_workspace'
  | 'workspace_missing'
  | 'session_not_found'
  | 'ambiguous_session'
  | 'finding_not_found'
  | 'invalid_input'
  | 'round_state'
  | 'cancelled'
  | 'database'
  | 'database_newer'
  | 'database_corrupt'
  | 'io'
  | 'internal';

/** What every command rejects with across IPC. */
export interface ApiErrorPayload {
  code: ErrorCode;
  message: string;
}

// ---- API-layer wire types (src/config.rs, commands) ----------------------

export type EngineKind = 'builtin' | 'llm';
export type Provider = 'anthropic' | 'openai';

export interface Settings {
  analyst_engine: EngineKind;
  validator_engine: EngineKind;
  coordinator_engine: EngineKind;
  provider: Provider;
  model: string;
  base_url: string;
  concurrency: number;
  budget_usd: number;
}

export interface RecentWorkspace {
  path: string;
  last_opened: string;
}

export interface KeyStatus {
  stored: boolean;
}

export interface StartOptions {
  focus: Focus;
  priority: PriorityFilter;
}

export interface DecideRequest {
  finding_id: string;
  kind: DecisionKind;
  note: string;
  defer_until_date?: string;
  defer_until_round?: number;
}

export type ExportFormat = 'md' | 'json' | 'sarif';
