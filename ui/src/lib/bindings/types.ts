// Generated from memaudit's Rust types by `cargo test -p memaudit --test bindings`.
// Do not edit: change the Rust types and run the test again.

export type Category = "ARENA_CANDIDATE" | "UNNECESSARY_CLONE" | "HEAP_AVOIDABLE" | "LIFETIME_EXTENSION" | "CACHE_HOSTILE" | "ALLOCATION_LOOP";

export type Priority = "P0" | "P1" | "P2" | "P3";

export type Confidence = "HIGH" | "MEDIUM" | "LOW";

export type Safety = "SAFE" | "NEEDS_REVIEW" | "UNSAFE";

export type Level = "High" | "Medium" | "Low";

export type FindingSource = "builtin" | "clippy" | "llm" | "measurement";

export type Impact = { 
/**
 * Heap allocations avoided per `unit`, when it can be estimated.
 */
allocations_avoided: number | null, 
/**
 * Bytes saved per `unit`, when sizes are known.
 */
bytes_saved: number | null, 
/**
 * The unit of work the numbers are per, e.g. "iteration of `for row in rows`".
 */
unit: string, 
/**
 * Which code paths benefit, e.g. "every file processed by `process_file`".
 */
applies_to: string, 
/**
 * Coarse level used for ranking.
 */
level: Level, };

export type Tradeoffs = { pros: Array<string>, cons: Array<string>, };

export type Finding = { 
/**
 * `F-001`-style id, unique within a session.
 */
id: string, 
/**
 * Stable identity across rounds and unrelated edits: a hash of the
 * category, the enclosing item path and the normalised code, never of
 * line numbers.
 */
fingerprint: string, category: Category, 
/**
 * Workspace-relative path with `/` separators.
 */
file: string, line_start: number, line_end: number, 
/**
 * Name of the crate the file belongs to.
 */
crate: string, 
/**
 * Priority of the file the finding is in.
 */
priority: Priority, 
/**
 * Enclosing item path, e.g. `worker::Bridge::flush`.
 */
item_path: string, confidence: Confidence, safety: Safety, 
/**
 * The current code snippet, kept so a session stays readable without the workspace.
 */
code: string, issue: string, 
/**
 * The proposed alternative: concrete code where possible.
 */
proposal: string, impact: Impact, tradeoffs: Tradeoffs, 
/**
 * e.g. "add the `smallvec` dependency".
 */
prerequisites: Array<string>, source: FindingSource, 
/**
 * How often the code runs, from the workspace call graph; `None` when
 * no call graph was built (an LLM Analyst's finding before validation,
 * a session from before the call graph).
 */
reach?: Reach, 
/**
 * The proposal as a concrete edit, when it is mechanical; `None` for a
 * design change, whose proposal is prose and not checked.
 */
edit?: Edit, };

export type Skipped = { file: string, error: string, };

export type AnalysisStats = { files: number, lines: number, bytes: number, findings: number, skipped: number, duration_ms: number, threads: number, };

export type Analysis = { findings: Array<Finding>, skipped: Array<Skipped>, stats: AnalysisStats, };

export type Heat = "hot" | "warm" | "cold" | "unknown";

export type ColdKind = "test" | "dev_tool" | "build" | "error_path" | "diagnostics" | "setup" | "not_compiled";

export type ProcessPerPass = { 
/**
 * The loop's unit of work: "iteration of `for i in 0..runs`".
 */
unit: string, 
/**
 * Where the loop starts: "src/benchmark/mod.rs:295".
 */
at: string, 
/**
 * Where the process is started: "src/timer/mod.rs:93".
 */
start: string, 
/**
 * The loops between that loop and the code, innermost first, by unit.
 */
inner: Array<string>, };

export type FieldGrowth = { 
/**
 * Each place that grows it, with how often it runs:
 * "`Scheduler::run_benchmarks` (src/benchmark/scheduler.rs:34): per
 * iteration of `for cmd in commands` ← called once per call from `main`".
 */
sites: Array<string>, 
/**
 * Why one of them may grow it without bound (per pass of an event loop,
 * per call of a library's API, per request, no caller known); `None`
 * when every site runs a bounded number of times per process: once,
 * or per element of collections walked from `main` or setup.
 */
unbounded?: string, };

export type Reach = { heat: Heat, 
/**
 * Set when `heat` is [`Heat::Cold`].
 */
cold?: ColdKind, 
/**
 * Loop nesting around the code along the hottest known path (0 when
 * not in a loop anywhere on it).
 */
loop_depth: number, 
/**
 * The chain a person can follow, innermost first: "called per line from
 * `print_line` (src/printer.rs:120)", "← per file from `run` (src/main.rs:40)".
 */
reasons: Array<string>, 
/**
 * A loop up the chain whose every pass also starts a child process,
 * when there is one: work beside a process start is measured against
 * its cost.
 */
process_per_pass?: ProcessPerPass, 
/**
 * For a field or static declaration: where the workspace grows it and
 * whether any of that growth can go on without bound.
 */
growth?: FieldGrowth, };

export type Hunk = { 
/**
 * Workspace-relative path with `/` separators.
 */
file: string, 
/**
 * Byte offset of the first replaced byte in the file as analysed.
 */
start: number, 
/**
 * Byte offset one past the last replaced byte (`start == end` inserts).
 */
end: number, 
/**
 * 1-based line of `start`, for display.
 */
line: number, 
/**
 * The text at `start..end` when the edit was computed: applying refuses
 * when the file no longer has it there.
 */
original: string, replacement: string, };

export type Edit = { 
/**
 * What the edit does, in a few words: "drop the `.clone()`".
 */
summary: string, 
/**
 * Non-overlapping hunks, ordered by file then `start`.
 */
hunks: Array<Hunk>, };

export type Verdict = "APPROVED" | "NEEDS_WORK" | "REJECTED";

export type CheckStatus = "PASS" | "FAIL" | "UNCLEAR" | "N/A";

export type Check = { status: CheckStatus, evidence: string, };

export type Answer = "YES" | "NO" | "MAYBE" | "NEEDS_MEASUREMENT";

export type Assessment = { answer: Answer, evidence: string, };

export type ValidationIssue = { 
/**
 * e.g. `F-003-I1`.
 */
id: string, description: string, risk: string, suggestion: string, };

export type Validation = { finding_id: string, fingerprint: string, verdict: Verdict, lifetime: Check, thread_safety: Check, no_undefined_behavior: Check, estimate_plausible: Assessment, hot_path: Assessment, complexity_justified: Assessment, issues: Array<ValidationIssue>, conditions: Array<string>, 
/**
 * Required when the verdict is REJECTED: the scenario where the
 * optimisation fails or the finding is wrong.
 */
counterexample: string | null, 
/**
 * Optional second-opinion score 0–10 (LLM Validator on built-in findings).
 */
score?: number | null, 
/**
 * Why the score is what it is (a sentence or two); only with a score.
 */
score_reason?: string | null, 
/**
 * Which engine validated it (`builtin`, `llm:<model>`).
 */
engine: string, };

export type Summary = { 
/**
 * Findings counted: everything but cold code, LOW notes and findings
 * fixed since an earlier round.
 */
total: number, approved: number, needs_work: number, rejected: number, 
/**
 * Findings new in this round (not seen in an earlier round).
 */
new: number, 
/**
 * The Analyst's estimates of bytes saved at peak, summed over the
 * actionable findings that state one; `None` when none does.
 */
estimated_bytes_saved: number | null, 
/**
 * Allocations that one pass through each actionable finding's code (one
 * iteration or call, the finding's `unit`) no longer makes, summed over
 * the findings that state a count; `None` when none does. Not a count
 * over a run: how often each pass runs is unknown without a profile.
 */
estimated_allocations_avoided: number | null, 
/**
 * Share (0–100) of the per-pass allocation counts stated by hot-path
 * findings that actionable findings remove: only what the audit flagged,
 * not a share of the program's allocations. `None` when no hot-path
 * finding states a count.
 */
estimated_allocation_reduction_pct: number | null, 
/**
 * What the session's newest heap profile measured at the actionable
 * findings' lines; `None` without a profile.
 */
measured: MeasuredSummary | null, 
/**
 * The headline figures as shown: measured where a profile exists,
 * labelled estimates or "—" with the reason where not.
 */
figures: Array<Figure>, 
/**
 * Findings in cold code (tests, setup, error paths, diagnostics): kept
 * with their reason, never surfaced nor counted above.
 */
cold: number, 
/**
 * LOW notes: findings whose proposal is only a sketch ("consider an
 * arena") rather than a change to their code, or only trims a finished
 * list's spare capacity; kept and listed, never surfaced nor counted
 * above.
 */
notes: number, };

export type QuickWin = { finding_id: string, 
/**
 * Short location (`crate/file.rs`), as in the spec's table.
 */
location: string, category: Category, impact: Level, effort: Level, 
/**
 * impact × safety ÷ effort, higher first.
 */
score: number, 
/**
 * True when the impact is measured (heap profile), not estimated.
 */
measured: boolean, 
/**
 * Full location with lines (`crates/a/src/lib.rs:10-14`).
 */
at: string, 
/**
 * One line: the finding's issue.
 */
summary: string, 
/**
 * The Validator's answer in one line.
 */
validation: string, 
/**
 * The gain with its unit: measured at its lines in a named workload, or
 * the Analyst's estimate per pass, or why there is none.
 */
gain: string, 
/**
 * The proposed edit as a unified diff, when the finding carries one.
 */
diff: string | null, 
/**
 * The proposal in words, for findings without an edit.
 */
proposal: string, };

export type MeasuredSummary = { workload: Workload, 
/**
 * The whole profiled run.
 */
run: RunFigures, 
/**
 * Actionable findings this profile measured (allocated at their lines).
 */
findings: number, 
/**
 * Allocations and bytes at those findings' lines over the run.
 */
allocations: number, bytes: number, 
/**
 * `100 × allocations ÷ run.allocations`, one decimal; `None` when the
 * run allocated nothing.
 */
allocation_share_pct: number | null, 
/**
 * Bytes allocated at those lines that were live at the run's global
 * peak (exact); `None` when the profile records no live figures.
 */
at_peak_bytes: number | null, };

export type Basis = "measured" | "estimated" | "unknown";

export type Figure = { 
/**
 * Stable key: `allocation_reduction`, `memory_impact`, `allocations`.
 */
key: string, 
/**
 * "Allocation reduction".
 */
label: string, 
/**
 * The number with its sign of approximation ("~20%", "3.1%",
 * "≤ 1.2 MiB"); `None` when unknown (shown as "—").
 */
value: string | null, 
/**
 * What the number counts, short enough for a tile ("of the allocations
 * flagged in hot code"); when `value` is `None`, the short reason.
 */
unit: string, kind: Basis, 
/**
 * What the figure is and what it is computed from, in a sentence or
 * two (the app's tooltip, the markdown's footnote).
 */
basis: string, 
/**
 * What would measure it, when it is not measured.
 */
action: string | null, };

export type Recommendation = { pattern: string, category: Category, finding_ids: Array<string>, locations: Array<string>, unified_fix: string, };

export type CrateFindingLine = { finding_id: string, summary: string, verdict: Verdict | null, state: FindingState, };

export type CrateFindings = { crate: string, priority: Priority, findings: Array<CrateFindingLine>, };

export type Deferred = { finding_id: string, reason: string, };

export type Criterion = { name: string, met: boolean, detail: string, };

export type VerifiedSaving = { finding_id: string, 
/**
 * `verified`, `no_effect` or `worse`.
 */
outcome: string, allocations_before: number, allocations_after: number, bytes_before: number, bytes_after: number, 
/**
 * One sentence, e.g. "allocations at src/lib.rs:12 fell from 1000 to 1".
 */
detail: string, };

export type SynthesisRecommendation = { pattern: string, 
/**
 * Findings of the round it cites; never empty.
 */
finding_ids: Array<string>, 
/**
 * Short locations of those findings, taken from the findings
 * themselves, not from the model.
 */
locations: Array<string>, recommendation: string, };

export type Synthesis = { 
/**
 * Which engine wrote it (`llm:<model>`).
 */
engine: string, 
/**
 * A few sentences for stakeholders.
 */
executive_summary: string, recommendations: Array<SynthesisRecommendation>, 
/**
 * What the Analyst should look at next round.
 */
next_focus: Array<string>, 
/**
 * Items of the model's answer that were dropped (finding ids that do
 * not exist in the round, recommendations left without a finding).
 */
discarded: number, };

export type Report = { round: number, summary: Summary, quick_wins: Array<QuickWin>, recommendations: Array<Recommendation>, by_crate: Array<CrateFindings>, deferred: Array<Deferred>, next_focus: Array<string>, termination: Array<Criterion>, 
/**
 * Fixes re-measured by a heap profile, latest verification per finding.
 */
verified: Array<VerifiedSaving>, 
/**
 * What the LLM Coordinator added, when it ran. Everything above is the
 * built-in Coordinator's and stays so: the model never changes a count,
 * a ranking or a termination criterion.
 */
synthesis?: Synthesis | null, };

export type Reason = { 
/**
 * Machine-readable signal name, e.g. `name:worker`, `dep:tokio`,
 * `code:async_file_open`, `code:loop_over_rows`, `code:render`.
 */
signal: string, 
/**
 * Workspace-relative file where it fired (a `Cargo.toml` for name and
 * dependency signals).
 */
file: string, 
/**
 * 1-based line, when the signal has one.
 */
line: number | null, 
/**
 * What it added to the score (the spec's weights: file I/O ×3,
 * iteration ×2, render ×1; name signals force a minimum).
 */
weight: number, 
/**
 * Human-readable explanation, e.g. "`async fn load` opens a file".
 */
detail: string, };

export type FileScope = { 
/**
 * Workspace-relative path with `/` separators.
 */
path: string, priority: Priority, score: number, reasons: Array<Reason>, 
/**
 * Lines of code, for sizing and progress.
 */
lines: number, 
/**
 * True when the file is reachable from a target root through `mod`
 * declarations; false for stray `.rs` files found by walking.
 */
in_module_tree: boolean, 
/**
 * Set when an override changed this file's inclusion or priority.
 */
overridden?: string | null, 
/**
 * The file's functions with how hot each runs and its priority, from
 * the workspace call graph (empty when the file was not parsed).
 */
functions?: Array<FnScope>, };

export type FnScope = { 
/**
 * Item path inside the file's module (`Printer::print_line`).
 */
name: string, 
/**
 * 1-based line of the `fn`.
 */
line: number, 
/**
 * Last line of the body.
 */
end: number, priority: Priority, heat: Heat, cold?: ColdKind, 
/**
 * Why, as the call graph sees it: "called per line from `print_file`
 * (src/printer.rs:120) ← entry: `fn main` (src/main.rs:12)".
 */
reason: string, };

export type CrateScope = { name: string, 
/**
 * Workspace-relative directory of the crate's `Cargo.toml` (`.` for the root).
 */
path: string, priority: Priority, score: number, reasons: Array<Reason>, files: Array<FileScope>, 
/**
 * Set when the crate's manifest could not be read; the crate is still
 * listed so the user sees it, with no files.
 */
error?: string | null, };

export type Excluded = { path: string, reason: string, };

export type Warning = { file?: string | null, line?: number | null, message: string, };

export type Focus = "arena" | "clones" | "full";

export type PriorityFilter = "p0" | "p0_p1" | "all";

export type ScopeOverrides = { include: Array<string>, exclude: Array<string>, force_priority: Array<ForcedPriority>, focus?: Focus | null, priority_filter?: PriorityFilter | null, };

export type ForcedPriority = { pattern: string, priority: Priority, };

export type OverrideEffect = { 
/**
 * `include`, `exclude` or `force_priority`.
 */
kind: string, pattern: string, 
/**
 * Workspace-relative paths the override matched.
 */
matched: Array<string>, 
/**
 * e.g. "excluded 3 files", "matched nothing".
 */
summary: string, };

export type Scope = { 
/**
 * Absolute path of the workspace root, as discovered.
 */
workspace: string, 
/**
 * Crates, highest priority first.
 */
crates: Array<CrateScope>, excluded: Array<Excluded>, warnings: Array<Warning>, overrides: ScopeOverrides, effects: Array<OverrideEffect>, focus: Focus, priority_filter: PriorityFilter, 
/**
 * The `scope.md` whose overrides were applied (workspace-relative, or
 * absolute when outside the workspace); `None` when none was read.
 */
scope_md?: string, };

export type FindingState = "new" | "persisting" | "fixed" | "stale";

export type DecisionKind = "implement" | "defer" | "reject_false_positive" | "reject_wont_fix";

export type Decision = { finding_id: string, fingerprint: string, kind: DecisionKind, note: string, 
/**
 * For `defer`: until which date (`YYYY-MM-DD`).
 */
defer_until_date?: string | null, 
/**
 * For `defer`: until which round.
 */
defer_until_round?: number | null, 
/**
 * Round in which the decision was taken.
 */
round: number, 
/**
 * RFC 3339 UTC timestamp.
 */
decided_at: string, };

export type FocusRequest = { "kind": "crate", "value": string } | { "kind": "file", "value": string } | { "kind": "category", "value": Category };

export type RoundDecision = { "kind": "continue", focus: Array<FocusRequest>, note: string, } | { "kind": "terminate", note: string, };

export type RoundStatus = "running" | "awaiting_decision" | "decided" | "interrupted" | "failed";

export type Role = "analyst" | "validator" | "coordinator";

export type RoleRun = { role: Role | null, 
/**
 * `builtin` or `llm:<provider>/<model>`.
 */
engine: string, started_at: string, finished_at: string | null, duration_ms: number | null, tokens_in: number, tokens_out: number, cost_usd: number, 
/**
 * `running`, `finished`, `failed`, `cancelled`.
 */
status: string, error: string | null, };

export type SessionInfo = { 
/**
 * Database id; unique across all workspaces.
 */
id: number, 
/**
 * Folder name, `memory_audit_001`.
 */
name: string, 
/**
 * Absolute path of the workspace root when the session was made.
 */
workspace: string, created_at: string, updated_at: string, 
/**
 * `active` or `terminated`.
 */
status: string, rounds: number, findings: number, };

export type FindingRecord = { finding: Finding, state: FindingState, validation: Validation | null, decision: Decision | null, 
/**
 * Measurements, verification and the compiler's check: attached when
 * the session leaves memaudit (exports, `show --format json`); absent
 * where a screen fetches them on its own.
 */
evidence?: Evidence, };

export type RoundRecord = { number: number, status: RoundStatus, started_at: string, finished_at: string | null, error: string | null, findings: Array<FindingRecord>, report: Report | null, role_runs: Array<RoleRun>, decision: RoundDecision | null, 
/**
 * Focus requests this round was asked to honour.
 */
focus: Array<FocusRequest>, };

export type Status = { session: string, rounds: number, current_round: number, round_status: string, total_findings: number, approved: number, needs_work: number, rejected: number, new: number, persisting: number, fixed: number, stale: number, decided_implement: number, decided_defer: number, decided_reject: number, undecided: number, };

export type SessionExport = { schema_version: number, session: SessionInfo, scope: Scope | null, rounds: Array<RoundRecord>, status: Status, };

export type FixStatus = "compiles" | "fails" | "not_checked";

export type CompileError = { 
/**
 * `E0597`, or `None` for errors without a code.
 */
code: string | null, 
/**
 * rustc's one-line message: "`owned` does not live long enough".
 */
message: string, 
/**
 * Workspace-relative file of the primary span.
 */
file: string, 
/**
 * 1-based line of the primary span in the file *with the edit applied*.
 */
line: number, 
/**
 * 1-based line in the file as analysed, when the span is outside the
 * edit's hunks (lines inside replaced text have no original line).
 */
original_line: number | null, 
/**
 * rustc's rendered diagnostic (with the edited code it points at), cut
 * to a bounded length.
 */
rendered: string, };

export type TestOutcome = { 
/**
 * The packages whose tests ran (`cargo test -p …`).
 */
packages: Array<string>, passed: number, 
/**
 * Full names of the tests that failed with the edit and passed without it.
 */
failed: Array<string>, 
/**
 * Tests that already failed without the edit: not held against it.
 */
failing_before: Array<string>, ignored: number, 
/**
 * Why the tests could not run (they did not build, the run timed out).
 */
error?: string, };

export type CheckedFile = { 
/**
 * Workspace-relative path with `/`.
 */
file: string, 
/**
 * blake3 of the file's bytes (hex) when it was checked.
 */
hash: string, };

export type FixCheck = { finding_id: string, fingerprint: string, 
/**
 * Identifies the edit that was checked (hash of its hunks): a result
 * holds only for exactly that edit.
 */
edit_hash: string, 
/**
 * The edit that was checked: applying the fix writes exactly this.
 */
edit: Edit, status: FixStatus, 
/**
 * The errors the edit caused (empty unless `status` is `fails`).
 */
errors: Array<CompileError>, 
/**
 * The tests, when they were asked for and the edit compiled.
 */
tests?: TestOutcome, 
/**
 * Why the edit was not checked (with `not_checked`), or a remark.
 */
note?: string, 
/**
 * The packages checked, and how: `cargo check --all-targets -p csv`.
 */
command: string, 
/**
 * The files the edit touches, as they were when checked.
 */
files: Array<CheckedFile>, 
/**
 * Wall time spent on this edit: its share of the batches it was in,
 * plus any run of its own.
 */
duration_ms: number, 
/**
 * How many other edits were compiled with it in its last build (0 when
 * it was built alone).
 */
batched_with: number, };

export type StoredFixCheck = { id: number, round: number, 
/**
 * RFC 3339 UTC.
 */
checked_at: string, check: FixCheck, };

export type AppliedFile = { file: string, 
/**
 * The file's text before the fix was written.
 */
before: string, 
/**
 * blake3 (hex) of the text the fix wrote: undo refuses when the file no
 * longer has it.
 */
after_hash: string, };

export type FixApplication = { id: number, finding_id: string, 
/**
 * The check that allowed it.
 */
check_id: number, files: Array<AppliedFile>, 
/**
 * RFC 3339 UTC.
 */
applied_at: string, 
/**
 * When the user undid it, if they did.
 */
undone_at?: string, };

export type Workload = { profile_id: number, 
/**
 * The command memaudit profiled (`cargo test -p csv --test bench -- big`),
 * or `imported <file name>` for a profile the user made.
 */
command: string, 
/**
 * RFC 3339 UTC.
 */
measured_at: string, };

export type SiteFigures = { 
/**
 * Heap blocks allocated there over the whole run.
 */
allocations: number, bytes: number, 
/**
 * Bytes live at the sites' own maxima (an upper bound); `None` when the
 * profile records no live-bytes figures.
 */
max_live_bytes: number | null, };

export type RunFigures = { allocations: number, bytes: number, 
/**
 * Bytes live at the run's global peak; `None` when the profile records
 * no live-bytes figures.
 */
peak_live_bytes: number | null, };

export type Measured = { workload: Workload, site: SiteFigures, run: RunFigures, };

export type VerificationEvidence = { 
/**
 * `verified`, `no_effect` or `worse`.
 */
outcome: string, 
/**
 * The finding's lines (widened by a few lines) before and after.
 */
site_before: SiteFigures, site_after: SiteFigures, run_before: RunFigures, run_after: RunFigures, 
/**
 * One sentence, e.g. "allocations at src/lib.rs:10-14 fell from 1000
 * to 1 (-99.9%)".
 */
detail: string, 
/**
 * The profiles compared, when they were stored.
 */
before_profile: number | null, after_profile: number | null, 
/**
 * RFC 3339 UTC.
 */
verified_at: string, };

export type Evidence = { 
/**
 * What the session's newest profile that reached the finding's lines
 * measured there.
 */
measured: Measured | null, 
/**
 * Why `measured` is `None`: no profile of the session yet, or the
 * profiled workload never allocated at these lines. `None` when
 * measured.
 */
unmeasured: string | null, 
/**
 * The latest re-measurement of a fix (`memaudit verify`).
 */
verification: VerificationEvidence | null, 
/**
 * The latest compiler check of the finding's edit (`memaudit check`),
 * with the edit that was checked.
 */
fix_check: StoredFixCheck | null, };

export type CheckRequest = { 
/**
 * Finding ids (`F-003`, `3`); empty means every current finding of the
 * latest round that has an edit and is neither rejected by the
 * Validator nor by the user.
 */
findings: Array<string>, 
/**
 * Also run the affected packages' tests with the compiling edits.
 */
tests: boolean, 
/**
 * Pass `--offline` to cargo.
 */
offline: boolean, };

export type CheckProgress = { "type": "Copied", linked: number, copied: number, } | { "type": "Baseline", packages: Array<string>, } | { "type": "Building", packages: Array<string>, edits: number, resolved: number, total: number, } | { "type": "Checked", finding_id: string, status: FixStatus, resolved: number, total: number, } | { "type": "Testing", packages: Array<string>, edits: number, };

export type CheckEventPayload = { session_id: number, progress: CheckProgress, };

export type VerdictChange = { finding_id: string, before: Verdict, after: Verdict, };

export type CheckFigures = { edits: number, builds: number, test_runs: number, duration_ms: number, baseline_ms: number, scratch_peak_bytes: number, cache_bytes: number, };

export type CheckOutcome = { session: string, round: number, checks: Array<StoredFixCheck>, 
/**
 * Current findings whose proposal is a design change: nothing to check.
 */
not_checkable: Array<string>, verdicts: Array<VerdictChange>, figures: CheckFigures, warnings: Array<string>, };

export type FixState = { finding_id: string, 
/**
 * The finding's edit (or the one the check used); `None` for a design
 * change, whose proposal is prose and not checked.
 */
edit: Edit | null, 
/**
 * The edit as a unified diff against the workspace's current files.
 */
diff: string | null, check: StoredFixCheck | null, 
/**
 * The latest application of the fix, undone or not.
 */
applied: FixApplication | null, 
/**
 * Why "Apply fix" is refused now; `None` when it may be applied.
 */
apply_refusal: string | null, 
/**
 * Why "Undo" is refused now; `None` when the fix can be undone.
 */
undo_refusal: string | null, };

export type ApplyOutcome = { finding_id: string, check_id: number, dry_run: boolean, 
/**
 * The change as a unified diff.
 */
diff: string, files: Array<string>, 
/**
 * The stored record (undo uses it); `None` for a dry run.
 */
application: FixApplication | null, };

export type FindingRow = { id: string, category: Category, file: string, line_start: number, line_end: number, crate: string, priority: Priority, item_path: string, 
/**
 * The issue's first sentence, at most [`ROW_SUMMARY_CHARS`] characters.
 */
summary: string, impact: Impact, source: FindingSource, state: FindingState, verdict: Verdict | null, decision: Decision | null, };

export type ReportOverview = { round: number, summary: Summary, quick_wins: Array<QuickWin>, recommendations: number, deferred: number, next_focus: Array<string>, termination: Array<Criterion>, verified: Array<VerifiedSaving>, };

export type RoundOverview = { number: number, status: RoundStatus, started_at: string, finished_at: string | null, error: string | null, findings: Array<FindingRow>, report: ReportOverview | null, role_runs: Array<RoleRun>, decision: RoundDecision | null, focus: Array<FocusRequest>, };

export type SessionOverview = { session: SessionInfo, 
/**
 * Names of the crates in the session's scope, in scope order (focus
 * requests pick from them).
 */
crates: Array<string>, rounds: Array<RoundOverview>, status: Status, };

export type Tool = "valgrind" | "dhat_rs";

export type Target = { "kind": "test", package: string, test_name: string | null, filter: string | null, } | { "kind": "bench", package: string | null, name: string, args: Array<string>, } | { "kind": "bin", package: string | null, name: string, args: Array<string>, };

export type SiteTotals = { allocations: number, bytes: number, max_live_bytes: number, 
/**
 * How many `file:line` sites were summed.
 */
sites: number, };

export type RunTotals = { allocations: number, bytes: number, peak_live_bytes: number | null, };

export type Outcome = "verified" | "no_effect" | "worse";

export type Verification = { finding_id: string, before: SiteTotals, after: SiteTotals, whole_run_before: RunTotals, whole_run_after: RunTotals, outcome: Outcome, 
/**
 * One sentence for the report, e.g. "allocations at src/lib.rs:10-14
 * fell from 1000 to 1 (-99.9%)".
 */
detail: string, };

export type MeasuredImpact = { profile_id: number, allocations: number, bytes: number, 
/**
 * `None` when the profile did not record it: no live figures at all,
 * or valgrind's DHAT writing 0 for lines that did allocate (a measured
 * finding always allocated, so 0 is never a real maximum here).
 */
max_live_bytes: number | null, measured_at: string, };

export type VerificationView = { verification: Verification, verified_at: string, };

export type FindingPage = { round: number, record: FindingRecord, 
/**
 * The newest profile's figures inside the finding's lines.
 */
measured: MeasuredImpact | null, 
/**
 * The latest re-measurement after a fix (before/after).
 */
verification: VerificationView | null, 
/**
 * Whether the session has a profile that `verify` can re-run (a run
 * target, not an imported file): the Verify button's condition.
 */
can_verify: boolean, };

export type ProfileListing = { id: number, round: number, 
/**
 * The cargo command that was profiled, or `imported <file>`.
 */
source: string, 
/**
 * The target to run again, `None` for an imported profile.
 */
target: Target | null, tool: Tool, created_at: string, total_blocks: number, total_bytes: number, peak_live_bytes: number | null, unattributed_blocks: number, unattributed_bytes: number, };

export type Handoff = { session: string, round: number, 
/**
 * The findings it covers, in the order asked for (ids normalised).
 */
finding_ids: Array<string>, 
/**
 * Markdown, ready to paste.
 */
text: string, };

export type SiteRow = { file: string, line: number, function: string, 
/**
 * The crate whose files include this one (empty when the scope does
 * not list the file).
 */
crate: string, total_blocks: number, total_bytes: number, max_live_bytes: number, 
/**
 * The finding of the profile's round whose lines hold this site.
 */
finding_id: string | null, };

export type ProfileView = { 
/**
 * Newest first.
 */
profiles: Array<ProfileListing>, 
/**
 * The profile `sites` belong to (the newest unless another was asked for).
 */
selected: number | null, 
/**
 * Its heaviest sites by bytes, at most [`VIEW_SITES`].
 */
sites: Array<SiteRow>, 
/**
 * How many sites the profile has in all.
 */
site_count: number, };

export type ProfileSummaryView = { profile_id: number, round: number, total_blocks: number, total_bytes: number, peak_live_bytes: number | null, 
/**
 * Findings of the round with measured allocations at their lines.
 */
measured_findings: number, 
/**
 * Ids of the findings raised for heavy sites no finding explained.
 */
new_findings: Array<string>, };

export type RoundEvent = { "type": "RoundStarted", session_id: number, session: string, round: number, resumed: boolean, } | { "type": "RoleStarted", round: number, role: Role, engine: string, total: number, } | { "type": "RoleProgress", round: number, role: Role, done: number, total: number, current: string, findings: number, tokens_out?: number | null, } | { "type": "RoleFinished", round: number, role: Role, duration_ms: number, summary: string, } | { "type": "RoleSkipped", round: number, role: Role, reason: string, } | { "type": "Warned", round: number, message: string, } | { "type": "RoundFinished", session_id: number, round: number, status: RoundStatus, findings: number, new: number, };

export type FilesChanged = { workspace: string, 
/**
 * Changed, created or removed `.rs` files.
 */
files: Array<string>, 
/**
 * Changed `Cargo.toml` files: discovery must run again.
 */
manifests: Array<string>, 
/**
 * Changed `scope.md` files under `specs/meta/sessions/`.
 */
scope_files: Array<string>, 
/**
 * Findings the caller marked stale because of this batch.
 */
stale_findings: number, };

export type ErrorCode = "not_a_workspace" | "workspace_missing" | "session_not_found" | "ambiguous_session" | "finding_not_found" | "invalid_input" | "round_state" | "cancelled" | "provider" | "database" | "database_newer" | "database_corrupt" | "io" | "internal";

export type EngineKind = "builtin" | "llm";

export type ProviderChoice = "anthropic" | "openai";

export type Settings = { analyst_engine: EngineKind, validator_engine: EngineKind, coordinator_engine: EngineKind, provider: ProviderChoice, model: string, 
/**
 * Empty means the provider's default.
 */
base_url: string, 
/**
 * Concurrent requests to the provider.
 */
concurrency: number, 
/**
 * Spending cap per session in US dollars; 0 means no cap.
 */
budget_usd: number, };

export type RecentWorkspace = { path: string, last_opened: string, };

export type StartOptions = { focus: Focus, priority: PriorityFilter, };

export type DecideRequest = { finding_id: string, kind: DecisionKind, note: string, defer_until_date?: string | null, defer_until_round?: number | null, };

export type KeyStatus = { stored: boolean, };

export type AppInfo = { version: string, database: string, settings: string, };

export type ApiErrorPayload = { code: ErrorCode, message: string, };

/** Provider names as the settings and the keychain spell them. */
export type Provider = ProviderChoice;

/** Export formats of `export_session`. */
export type ExportFormat = "md" | "json" | "sarif";

/** A watcher batch as the UI receives it (tagged like the round events). */
export type FilesChangedEvent = FilesChanged & { type: "FilesChanged" };

/** A fix check's progress as the UI receives it (tagged like the round events). */
export type CheckEvent = CheckEventPayload & { type: "CheckEvent" };

/** Everything the shell emits. */
export type AppEvent = RoundEvent | FilesChangedEvent | CheckEvent;
