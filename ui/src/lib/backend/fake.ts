// In-memory backend for tests, the dev server and screenshots. Behaves like
// the core where the UI can tell: errors carry the core's codes, a round
// runs in the background and streams RoundEvents over about three seconds,
// decisions and scope edits are kept until the page reloads. The active
// session has heap profiles (see profileFixtures.ts); running or verifying
// one takes `profileMs` and never runs anything.

import type {
  AppEvent,
  CheckOutcome,
  Decision,
  EngineKind,
  FindingPage,
  FindingRecord,
  FixApplication,
  FixState,
  FocusRequest,
  Handoff,
  ProfileSummaryView,
  ProfileView,
  Provider,
  RecentWorkspace,
  Role,
  RoundRecord,
  Scope,
  SessionExport,
  SessionInfo,
  Settings,
  StoredFixCheck,
  Target,
} from '../bindings/types';
import { fixtureCheck, fixtureDiff, fixtureEdit } from './checkFixtures';
import { runNotice } from '../logic/profile';
import { BackendError } from './errors';
import { buildReport, computeStatus, fixtureScope, fixtureSessions, generateFindings, OLD_WORKSPACE, toOverview, WORKSPACE } from './fixtures';
import {
  afterFix,
  compare,
  fixtureProfiles,
  listingOf,
  makeSites,
  measuredBy,
  measuredImpact,
  profiledFindings,
  savingOf,
  VIEW_SITES,
  type FakeProfile,
  type FakeVerification,
} from './profileFixtures';
import type { Backend } from './types';

export interface FakeOptions {
  /** Artificial latency of every call, to exercise loading states. */
  latencyMs?: number;
  /** Replace the active session's latest round with this many findings. */
  findings?: number;
  /** Start with no sessions and no recent workspaces. */
  empty?: boolean;
  /** What pickFolder answers (null: the user cancelled). */
  pickFolderResult?: string | null;
  /** Total duration of a simulated round in ms. */
  roundMs?: number;
  /** Latency of `loadFinding` alone (default: `latencyMs`), to see the finding page's loading state. */
  pageLatencyMs?: number;
  /** How long a simulated profile run or verification takes. */
  profileMs?: number;
  /** false: valgrind is not installed (profile and verify fail with `io`). */
  valgrind?: boolean;
  /** What pickProfileFile answers (null: the user cancelled). */
  pickProfileResult?: string | null;
  /** Start with the LLM Validator and Coordinator selected (the built-in Analyst stays), so a round streams tokens. */
  llm?: boolean;
  /** How long a simulated "Check fixes" takes. */
  checkMs?: number;
}

/** The core's message when valgrind is missing (ProfileError::ValgrindMissing). */
export const VALGRIND_MISSING =
  'valgrind is not installed (`valgrind --version` failed: No such file or directory); install it with `apt-get install valgrind` or `dnf install valgrind`. ' +
  "On platforms without valgrind, add the dhat crate's `Profiler` to the program and import the `dhat-heap.json` it writes.";

const NOT_WORKSPACES = ['/home/lead/Documents', '/tmp', '/'];

function clone<T>(v: T): T {
  return structuredClone(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** What the core's comrak rendering of report.md looks like, for the fake. */
export function renderReportHtml(session: SessionExport, round: RoundRecord): string {
  const rep = round.report;
  if (!rep) return '<p><em>The Coordinator has not written a report for this round yet.</em></p>';
  const s = rep.summary;
  const e = escapeHtml;
  let h = `<h2>Memory Audit Report - Round ${rep.round}</h2>\n`;
  h += `<h3>Executive Summary</h3>\n<ul>\n<li>Total findings: ${s.total}</li>\n<li>Approved (ready to implement): ${s.approved}</li>\n<li>Needs work: ${s.needs_work}</li>\n<li>Rejected: ${s.rejected}</li>\n`;
  for (const f of s.figures) {
    const prefix = f.kind === 'measured' ? 'Measured' : 'Estimated';
    const label = f.key === 'memory_impact' ? `${prefix} memory impact` : f.key === 'allocation_reduction' ? `${prefix} allocation reduction` : f.label;
    h += f.value != null ? `<li>${e(label)}: ${e(f.value)} ${e(f.unit)} (${f.kind === 'measured' ? 'measured' : 'estimate, not measured'})</li>\n` : `<li>${e(label)}: — (${e(f.unit)})</li>\n`;
  }
  h += `</ul>\n<h3>Quick Wins (Implement First)</h3>\n<table>\n<thead>\n<tr>\n<th>ID</th>\n<th>Location</th>\n<th>Category</th>\n<th>Impact</th>\n<th>Effort</th>\n</tr>\n</thead>\n<tbody>\n`;
  for (const q of rep.quick_wins)
    h += `<tr>\n<td>${e(q.finding_id)}</td>\n<td><code>${e(q.location)}</code></td>\n<td>${q.category}</td>\n<td>${q.impact}</td>\n<td>${q.effort}</td>\n</tr>\n`;
  h += `</tbody>\n</table>\n<h3>Architectural Recommendations</h3>\n<ol>\n`;
  for (const r of rep.recommendations) {
    h += `<li><strong>${e(r.pattern)}</strong>: Found in ${r.finding_ids.length} locations.\n<ul>\n<li>Locations: ${r.locations.map((l) => `<code>${e(l)}</code>`).join(', ')}</li>\n<li>Unified solution: ${e(r.unified_fix)}</li>\n</ul>\n</li>\n`;
  }
  h += `</ol>\n`;
  const example = round.findings.find((f) => f.validation?.verdict === 'APPROVED');
  if (example) {
    h += `<p>Example of the first quick win's proposal (<code>${e(example.finding.file)}</code>):</p>\n`;
    h += `<pre><code class="language-rust">${highlightRust(example.finding.proposal)}</code></pre>\n`;
  }
  h += `<h3>Findings by Crate</h3>\n`;
  for (const c of rep.by_crate) {
    h += `<h4>${e(c.crate)} (${c.priority})</h4>\n<ul>\n`;
    for (const l of c.findings.slice(0, 12)) h += `<li>${e(l.finding_id)}: ${e(l.summary)} - ${l.verdict ?? 'UNVALIDATED'}</li>\n`;
    if (c.findings.length > 12) h += `<li>… and ${c.findings.length - 12} more</li>\n`;
    h += `</ul>\n`;
  }
  h += `<h3>Deferred (Low ROI)</h3>\n<ul>\n`;
  for (const d of rep.deferred.slice(0, 10)) h += `<li>${e(d.finding_id)}: ${e(d.reason)}</li>\n`;
  if (rep.deferred.length === 0) h += `<li>None.</li>\n`;
  h += `</ul>\n<h3>Next Round Focus</h3>\n<ul>\n${rep.next_focus.map((n) => `<li>${e(n)}</li>`).join('\n')}\n</ul>\n`;
  void session;
  return h;
}

/** A tiny Rust highlighter producing the same CSS classes as the core's. */
export function highlightRust(code: string): string {
  const kw = /\b(let|mut|for|in|if|else|fn|pub|struct|impl|return|match|use|mod|async|await|move|loop|while|Some|None|Ok|Err|self|Self)\b/g;
  return escapeHtml(code)
    .split('\n')
    .map((line) => {
      const ci = line.indexOf('//');
      const body = ci >= 0 ? line.slice(0, ci) : line;
      const comment = ci >= 0 ? `<span class="hl-comment">${line.slice(ci)}</span>` : '';
      return (
        body
          .replace(/(&quot;.*?&quot;)/g, '<span class="hl-string">$1</span>')
          .replace(kw, '<span class="hl-keyword">$1</span>')
          .replace(/\b(\d+)\b/g, '<span class="hl-number">$1</span>') + comment
      );
    })
    .join('\n');
}

export function createFakeBackend(opts: FakeOptions = {}): Backend & { emit(e: AppEvent): void; listenerCount(): number } {
  const latency = opts.latencyMs ?? 0;
  const roundMs = opts.roundMs ?? 3000;
  const sessions: SessionExport[] = opts.empty ? [] : fixtureSessions(opts.findings);
  const recent: RecentWorkspace[] = opts.empty
    ? []
    : [
        { path: WORKSPACE, last_opened: '2025-03-12T09:29:00Z' },
        { path: OLD_WORKSPACE, last_opened: '2025-03-04T16:00:00Z' },
      ];
  const scopes = new Map<string, Scope>();
  const listeners = new Set<(e: AppEvent) => void>();
  const running = new Map<number, { timers: ReturnType<typeof setTimeout>[]; round: number }>();
  let settings: Settings = {
    analyst_engine: 'builtin',
    validator_engine: opts.llm ? 'llm' : 'builtin',
    coordinator_engine: opts.llm ? 'llm' : 'builtin',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    base_url: 'https://api.anthropic.com',
    concurrency: 2,
    budget_usd: 5,
  };
  const keys = new Set<Provider>();
  const profiles = new Map<number, FakeProfile[]>();
  const verifications = new Map<number, FakeVerification[]>();
  for (const sx of sessions) {
    if (sx.session.status !== 'active') continue;
    const fx = fixtureProfiles(sx.rounds);
    profiles.set(sx.session.id, fx.profiles);
    verifications.set(sx.session.id, fx.verifications);
    const last = sx.rounds[sx.rounds.length - 1];
    if (last?.report) last.report.verified = fx.verifications.map((v) => savingOf(v.view.verification));
  }
  const profilesOf = (id: number) => profiles.get(id) ?? [];
  // Fix checks and applied fixes, by `session:finding`.
  const checks = new Map<string, StoredFixCheck>();
  const applied = new Map<string, FixApplication>();
  const checkMs = opts.checkMs ?? 1500;
  const checkCancels = new Set<number>();
  let nextCheckId = 1;
  let codeRunning = false;
  /** Set by cancelProfile; the running fake profile stops at its next tick. */
  let cancelRequested = false;

  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  /** A fake profile run's wait, in ticks, so cancelProfile can stop it. */
  async function runFor(ms: number) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (cancelRequested) throw new BackendError('cancelled', 'profiling was cancelled during `cargo test --no-run`; nothing was stored');
      await sleep(Math.min(50, end - Date.now()));
    }
    if (cancelRequested) throw new BackendError('cancelled', 'profiling was cancelled during `valgrind --tool=dhat`; nothing was stored');
  }
  const wait = () => sleep(latency);
  async function reply<T>(f: () => T, ms = latency): Promise<T> {
    await sleep(ms);
    return clone(f());
  }
  function emit(e: AppEvent) {
    for (const l of [...listeners]) l(e);
  }
  function session(id: number): SessionExport {
    const s = sessions.find((x) => x.session.id === id);
    if (!s) throw new BackendError('session_not_found', `no session matches \`${id}\`; \`memaudit sessions\` lists them`);
    return s;
  }
  function checkWorkspace(path: string) {
    const p = path.replace(/\/+$/, '') || '/';
    if (NOT_WORKSPACES.includes(p) || /not-cargo|Documents|Downloads/.test(p))
      throw new BackendError('not_a_workspace', `\`${path}\` has no Cargo.toml; it is not a Cargo workspace or crate`);
  }
  function latestRound(s: SessionExport): RoundRecord {
    const r = s.rounds[s.rounds.length - 1];
    if (!r) throw new BackendError('round_state', `session ${s.session.name} has no round yet`);
    return r;
  }

  /** Simulates Analyst → Validator → Coordinator over `roundMs`. */
  function runRound(s: SessionExport, number: number, focus: FocusRequest[], resumed: boolean) {
    const id = s.session.id;
    const count = 18 + ((number * 7) % 13);
    const prior = s.rounds.find((r) => r.number === number);
    const round: RoundRecord = prior ?? {
      number,
      status: 'running',
      started_at: new Date().toISOString(),
      finished_at: null,
      error: null,
      findings: [],
      report: null,
      role_runs: [],
      decision: null,
      focus,
    };
    round.status = 'running';
    if (!prior) s.rounds.push(round);
    s.session.rounds = s.rounds.length;
    const timers: ReturnType<typeof setTimeout>[] = [];
    running.set(id, { timers, round: number });
    const at = (ms: number, f: () => void) => timers.push(setTimeout(f, ms));
    const step = roundMs / 24;
    let t = 0;
    at(t, () => emit({ type: 'RoundStarted', session_id: id, session: s.session.name, round: number, resumed }));
    const files = (s.scope ?? fixtureScope()).crates.flatMap((c) => c.files.map((f) => f.path));
    // What the core reports as a role run's engine.
    const engine = (e: EngineKind) => (e === 'llm' ? `llm:${settings.model || 'claude-sonnet-4-5'}` : 'builtin');
    // An LLM role streams: several RoleProgress events per request, with the
    // run's output tokens so far (as the core's, at most ~10 a second).
    let tokens = 0;
    const stream = (role: Role, done: number, total: number, item: string, findings: number) => {
      for (let k = 1; k <= 3; k++) {
        t += step / 3;
        tokens += 90 + ((done * 37 + k * 53) % 120);
        // The third event is the request's end: one more request done.
        const [tokens_out, d] = [tokens, k === 3 ? done + 1 : done];
        at(t, () => emit({ type: 'RoleProgress', round: number, role, done: d, total, current: item, findings, tokens_out }));
      }
    };
    // Analyst: one progress event per file.
    t += step;
    at(t, () => emit({ type: 'RoleStarted', round: number, role: 'analyst', engine: engine(settings.analyst_engine), total: files.length }));
    files.forEach((f, i) => {
      t += step;
      at(t, () =>
        emit({ type: 'RoleProgress', round: number, role: 'analyst', done: i + 1, total: files.length, current: f, findings: Math.round(((i + 1) / files.length) * count) }),
      );
    });
    if (settings.analyst_engine === 'llm') {
      // The LLM Analyst reads the same files after the built-in pass, 8 per request.
      const requests = Math.ceil(files.length / 8);
      for (let r = 0; r < requests; r++) {
        const chunk = files.slice(r * 8, r * 8 + 8);
        stream('analyst', r, requests, chunk.length > 1 ? `${chunk[0]} +${chunk.length - 1} more` : chunk[0], count);
      }
    }
    at(t, () => emit({ type: 'Warned', round: number, message: 'crates/proto/src/gen.rs: file is not valid UTF-8; skipped' }));
    t += step;
    at(t, () => emit({ type: 'RoleFinished', round: number, role: 'analyst', duration_ms: Math.round(step * files.length), summary: `${count} findings in ${files.length} files` }));
    // Validator: progress in chunks of findings (an LLM Validator: batches of 5, streamed).
    tokens = 0;
    at(t, () => emit({ type: 'RoleStarted', round: number, role: 'validator', engine: engine(settings.validator_engine), total: count }));
    if (settings.validator_engine === 'llm') {
      const batches = Math.ceil(count / 5);
      for (let b = 0; b < batches; b++) {
        const first = `F-${String(b * 5 + 1).padStart(3, '0')}`;
        const size = Math.min(5, count - b * 5);
        stream('validator', b, batches, size > 1 ? `${first} +${size - 1} more` : first, 0);
      }
    } else {
      for (let d = 4; d <= count + 3; d += 4) {
        t += step;
        const done = Math.min(d, count);
        at(t, () => emit({ type: 'RoleProgress', round: number, role: 'validator', done, total: count, current: `F-${String(done).padStart(3, '0')}`, findings: done }));
      }
    }
    t += step;
    at(t, () => emit({ type: 'RoleFinished', round: number, role: 'validator', duration_ms: Math.round(step * 5), summary: `${count} validated: ${Math.round(count * 0.5)} approved` }));
    tokens = 0;
    at(t, () => emit({ type: 'RoleStarted', round: number, role: 'coordinator', engine: engine(settings.coordinator_engine), total: 1 }));
    if (settings.coordinator_engine === 'llm') {
      stream('coordinator', 0, 1, 'synthesis', count);
    } else {
      t += step;
      at(t, () => emit({ type: 'RoleProgress', round: number, role: 'coordinator', done: 1, total: 1, current: 'report.md', findings: count }));
    }
    t += step;
    at(t, () => {
      round.findings = generateFindings({ count, seed: 100 + number + id, round: number, decided: 0 });
      round.report = buildReport(number, round.findings);
      round.status = 'awaiting_decision';
      round.finished_at = new Date().toISOString();
      s.session.findings = round.findings.length;
      s.session.updated_at = round.finished_at;
      s.status = computeStatus(s.session.name, s.rounds);
      running.delete(id);
      emit({ type: 'RoleFinished', round: number, role: 'coordinator', duration_ms: Math.round(step * 2), summary: `report with ${round.report.quick_wins.length} quick wins` });
      emit({ type: 'RoundFinished', session_id: id, round: number, status: 'awaiting_decision', findings: count, new: round.findings.filter((f) => f.state === 'new').length });
    });
  }

  const profileMs = opts.profileMs ?? 2500;
  /** The round a profile ties to: the latest, which must have finished. */
  function profiledRound(s: SessionExport): RoundRecord {
    const r = latestRound(s);
    if (r.status === 'running' || running.has(s.session.id))
      throw new BackendError('round_state', `round ${r.number} of ${s.session.name} is still running; profile after it finished`);
    return r;
  }
  function checkTarget(t: Target) {
    const name = t.kind === 'test' ? t.package : t.name;
    if (!name.trim()) throw new BackendError('invalid_input', 'the target needs a package or a name');
    if (t.kind === 'test' && !fixtureScope().crates.some((c) => c.name === t.package))
      throw new BackendError('invalid_input', `no package \`${t.package}\` in the workspace`);
  }
  function startCodeRun(s: SessionExport) {
    if (opts.valgrind === false) throw new BackendError('io', VALGRIND_MISSING);
    if (s.session.workspace === OLD_WORKSPACE)
      throw new BackendError('workspace_missing', `the workspace ${OLD_WORKSPACE} of ${s.session.name} is gone; stored rounds can still be read`);
    if (codeRunning) throw new BackendError('round_state', 'a profile is already running');
    codeRunning = true;
    cancelRequested = false;
  }
  /** Profile ids are unique across sessions, as database ids are. */
  function nextProfileId(): number {
    return Math.max(0, ...[...profiles.values()].flat().map((p) => p.listing.id)) + 1;
  }
  function addProfile(s: SessionExport, round: RoundRecord, target: Target | null, path: string, tool: 'valgrind' | 'dhat_rs'): ProfileSummaryView {
    const id = nextProfileId();
    const measured = profiledFindings(round).slice(0, target ? 16 : 10);
    const sites = makeSites(300 + id, measured);
    const listing = listingOf(id, round.number, target, path, tool, new Date().toISOString(), sites);
    const ps = profilesOf(s.session.id);
    ps.push({ listing, sites });
    profiles.set(s.session.id, ps);
    return {
      profile_id: id,
      round: round.number,
      total_blocks: listing.total_blocks,
      total_bytes: listing.total_bytes,
      peak_live_bytes: listing.peak_live_bytes,
      measured_findings: new Set(sites.filter((x) => x.finding_id).map((x) => x.finding_id)).size,
      new_findings: [],
    };
  }

  const backend: Backend & { emit(e: AppEvent): void; listenerCount(): number } = {
    emit,
    listenerCount: () => listeners.size,
    listSessions: () =>
      reply(() => sessions.map((s) => s.session).sort((a, b) => b.updated_at.localeCompare(a.updated_at)) as SessionInfo[]),
    recentWorkspaces: () => reply(() => recent),
    openWorkspace: (path) =>
      reply(() => {
        checkWorkspace(path);
        const scope = scopes.get(path) ?? fixtureScope(path);
        scopes.set(path, scope);
        if (!recent.some((r) => r.path === path)) recent.unshift({ path, last_opened: new Date().toISOString() });
        return scope;
      }),
    saveScope: (path, overrides, focus, priorityFilter) =>
      reply(() => {
        checkWorkspace(path);
        for (const p of [...overrides.include, ...overrides.exclude, ...overrides.force_priority.map((f) => f.pattern)])
          if (p.trim() === '') throw new BackendError('invalid_input', 'an override pattern is empty');
        const scope = scopes.get(path) ?? fixtureScope(path);
        scope.overrides = { ...overrides, focus, priority_filter: priorityFilter };
        scope.focus = focus;
        scope.priority_filter = priorityFilter;
        const allFiles = scope.crates.flatMap((c) => c.files.map((f) => f.path));
        const match = (pat: string) => allFiles.filter((f) => f.startsWith(pat.replace(/\*.*$/, '')));
        scope.effects = [
          ...overrides.include.map((p) => ({ kind: 'include', pattern: p, matched: match(p), summary: match(p).length ? `included ${match(p).length} files` : 'matched nothing' })),
          ...overrides.exclude.map((p) => ({ kind: 'exclude', pattern: p, matched: match(p), summary: match(p).length ? `excluded ${match(p).length} files` : 'matched nothing' })),
          ...overrides.force_priority.map((fp) => ({ kind: 'force_priority', pattern: fp.pattern, matched: match(fp.pattern), summary: `forced ${fp.priority} on ${match(fp.pattern).length} files` })),
        ];
        scopes.set(path, scope);
        return scope;
      }),
    startAudit: (path, options) =>
      reply(() => {
        checkWorkspace(path);
        const id = Math.max(0, ...sessions.map((s) => s.session.id)) + 1;
        const now = new Date().toISOString();
        const info: SessionInfo = {
          id,
          name: `memory_audit_${String(id).padStart(3, '0')}`,
          workspace: path,
          created_at: now,
          updated_at: now,
          status: 'active',
          rounds: 0,
          findings: 0,
        };
        const scope = scopes.get(path) ?? fixtureScope(path);
        scope.focus = options.focus;
        scope.priority_filter = options.priority;
        const s: SessionExport = { schema_version: 2, session: info, scope, rounds: [], status: computeStatus(info.name, []) };
        sessions.push(s);
        runRound(s, 1, [], false);
        return info;
      }),
    nextRound: (sessionId, focus, _note) =>
      reply(() => {
        const s = session(sessionId);
        if (s.session.status === 'terminated') throw new BackendError('round_state', `session ${s.session.name} is terminated`);
        if (running.has(sessionId)) throw new BackendError('round_state', 'a round is already running');
        const last = latestRound(s);
        last.status = 'decided';
        last.decision = { kind: 'continue', focus, note: _note };
        runRound(s, last.number + 1, focus, false);
      }),
    resumeRound: (sessionId) =>
      reply(() => {
        const s = session(sessionId);
        const last = latestRound(s);
        if (last.status !== 'interrupted') throw new BackendError('round_state', `round ${last.number} is not interrupted`);
        runRound(s, last.number, last.focus, true);
      }),
    cancelRound: (sessionId) =>
      reply(() => {
        const s = session(sessionId);
        const run = running.get(sessionId);
        if (!run) throw new BackendError('round_state', 'no round is running');
        run.timers.forEach(clearTimeout);
        running.delete(sessionId);
        const r = s.rounds.find((x) => x.number === run.round)!;
        r.status = 'interrupted';
        emit({ type: 'RoundFinished', session_id: sessionId, round: run.round, status: 'interrupted', findings: r.findings.length, new: 0 });
      }),
    loadSession: (sessionId) => reply(() => toOverview(session(sessionId))),
    // The prompt's text is the core's (`memaudit::prompt`); the fake only
    // checks the ids and answers with a stand-in naming them.
    handoffPrompt: (sessionId, round, findingIds) =>
      reply((): Handoff => {
        const s = session(sessionId);
        const r = s.rounds.find((x) => x.number === round);
        if (!r) throw new BackendError('round_state', `session ${s.session.name} has no round ${round}`);
        if (findingIds.length === 0) throw new BackendError('invalid_input', 'name at least one finding');
        for (const id of findingIds) {
          if (!r.findings.some((f) => f.finding.id === id)) {
            throw new BackendError('finding_not_found', `session ${s.session.name} has no finding \`${id}\` (round ${round})`);
          }
        }
        return {
          session: s.session.name,
          round,
          finding_ids: findingIds,
          text: `# Task: hand-off of ${findingIds.join(', ')} (fake backend)\n`,
        };
      }),
    loadFinding: (sessionId, round, findingId) =>
      reply((): FindingPage => {
        const s = session(sessionId);
        const r = s.rounds.find((x) => x.number === round);
        if (!r) throw new BackendError('round_state', `session ${s.session.name} has no round ${round}`);
        const record = r.findings.find((f) => f.finding.id === findingId);
        if (!record) throw new BackendError('finding_not_found', `session ${s.session.name} has no finding \`${findingId}\` in round ${round}`);
        const ps = profilesOf(sessionId);
        const v = (verifications.get(sessionId) ?? []).filter((x) => x.fingerprint === record.finding.fingerprint).pop();
        return {
          round,
          record,
          measured: measuredImpact(ps, round, findingId),
          verification: v?.view ?? null,
          can_verify: ps.some((p) => p.listing.target !== null),
        };
      }, opts.pageLatencyMs ?? latency),
    profileView: (sessionId, profileId) =>
      reply((): ProfileView => {
        const ps = profilesOf(session(sessionId).session.id);
        const want = profileId ?? ps.reduce<number | null>((m, p) => (m === null || p.listing.id > m ? p.listing.id : m), null);
        const chosen = ps.find((p) => p.listing.id === want);
        if (profileId != null && !chosen) throw new BackendError('invalid_input', `session ${sessionId} has no profile ${profileId}`);
        return {
          profiles: ps.map((p) => p.listing).sort((a, b) => b.id - a.id),
          selected: chosen?.listing.id ?? null,
          sites: chosen ? chosen.sites.slice(0, VIEW_SITES) : [],
          site_count: chosen?.sites.length ?? 0,
        };
      }),
    importProfile: (sessionId, path) =>
      reply((): ProfileSummaryView => {
        const s = session(sessionId);
        const round = profiledRound(s);
        if (!/\.json$/i.test(path) || /broken|truncated/.test(path))
          throw new BackendError('invalid_input', `${path}:1:1: malformed DHAT profile: expected value`);
        if (/missing|gone/.test(path)) throw new BackendError('io', `cannot read ${path}: No such file or directory (os error 2)`);
        return addProfile(s, round, null, path, 'dhat_rs');
      }),
    cancelProfile: async () => {
      if (codeRunning) cancelRequested = true;
    },
    profileNotice: (sessionId, target) => reply(() => runNotice(target, session(sessionId).session.workspace)),
    profileSession: async (sessionId, target) => {
      await wait();
      const s = session(sessionId);
      const round = profiledRound(s);
      checkTarget(target);
      startCodeRun(s);
      try {
        await runFor(profileMs);
        return clone(addProfile(s, round, target, '', 'valgrind'));
      } finally {
        codeRunning = false;
      }
    },
    verifyFinding: async (sessionId, findingId) => {
      await wait();
      const s = session(sessionId);
      const round = profiledRound(s);
      const rec = round.findings.find((f) => f.finding.id.toLowerCase() === findingId.trim().toLowerCase());
      if (!rec) throw new BackendError('finding_not_found', `session ${s.session.name} has no finding \`${findingId}\``);
      const ps = profilesOf(sessionId);
      const before = measuredBy(ps, round.number, rec.finding.id) ?? ps[ps.length - 1];
      if (!before)
        throw new BackendError('round_state', `session ${s.session.name} has no profile to compare with; \`memaudit profile ${s.session.name} --test PKG\` measures one first`);
      if (!before.listing.target)
        throw new BackendError(
          'invalid_input',
          `${rec.finding.id} was measured by an imported profile, which memaudit cannot re-run; profile with \`memaudit profile ${s.session.name} --test/--bench/--bin\` before the fix, or import a new profile after it`,
        );
      startCodeRun(s);
      try {
        await runFor(profileMs);
        // The fake's fixes always work: the finding's site drops to one block.
        const sites = afterFix(before.sites, rec.finding.id);
        const after: FakeProfile = {
          listing: listingOf(nextProfileId(), round.number, before.listing.target, '', 'valgrind', new Date().toISOString(), sites),
          sites,
        };
        ps.push(after);
        profiles.set(sessionId, ps);
        const verification = compare(before, after, rec);
        const list = verifications.get(sessionId) ?? [];
        list.push({ fingerprint: rec.finding.fingerprint, view: { verification, verified_at: after.listing.created_at } });
        verifications.set(sessionId, list);
        if (round.report) round.report.verified = [...round.report.verified.filter((v) => v.finding_id !== rec.finding.id), savingOf(verification)];
        return clone(verification);
      } finally {
        codeRunning = false;
      }
    },
    reportHtml: (sessionId, round) =>
      reply(() => {
        const s = session(sessionId);
        const r = s.rounds.find((x) => x.number === round);
        if (!r) throw new BackendError('round_state', `session ${s.session.name} has no round ${round}`);
        return renderReportHtml(s, r);
      }),
    decide: (sessionId, req) =>
      reply(() => {
        const s = session(sessionId);
        const round = latestRound(s);
        const rec: FindingRecord | undefined = round.findings.find((f) => f.finding.id === req.finding_id);
        if (!rec) throw new BackendError('finding_not_found', `session ${s.session.name} has no finding \`${req.finding_id}\``);
        if (req.kind === 'defer' && !req.defer_until_date && req.defer_until_round == null)
          throw new BackendError('invalid_input', 'a deferral needs a date or a round');
        const d: Decision = {
          finding_id: req.finding_id,
          fingerprint: rec.finding.fingerprint,
          kind: req.kind,
          note: req.note,
          ...(req.defer_until_date ? { defer_until_date: req.defer_until_date } : {}),
          ...(req.defer_until_round != null ? { defer_until_round: req.defer_until_round } : {}),
          round: round.number,
          decided_at: new Date().toISOString(),
        };
        rec.decision = d;
        s.status = computeStatus(s.session.name, s.rounds);
        return d;
      }),
    terminate: (sessionId, note) =>
      reply(() => {
        const s = session(sessionId);
        if (running.has(sessionId)) throw new BackendError('round_state', 'cancel the running round first');
        const last = latestRound(s);
        last.status = 'decided';
        last.decision = { kind: 'terminate', note };
        s.session.status = 'terminated';
      }),
    exportSession: (sessionId, format, path) =>
      reply(() => {
        session(sessionId);
        if (!/\.(md|json|sarif)$/.test(path)) throw new BackendError('invalid_input', `\`${path}\` must end in .${format}`);
      }),
    getSettings: () => reply(() => settings),
    saveSettings: (next) =>
      reply(() => {
        if (next.concurrency < 1 || next.concurrency > 64) throw new BackendError('invalid_input', 'concurrency must be between 1 and 64');
        if (next.budget_usd < 0) throw new BackendError('invalid_input', 'the budget cannot be negative');
        settings = clone(next);
      }),
    setApiKey: (provider, key) =>
      reply(() => {
        if (key.trim() === '') throw new BackendError('invalid_input', 'the key is empty');
        keys.add(provider);
      }),
    keyStatus: (provider) => reply(() => ({ stored: keys.has(provider) })),
    pickFolder: () => reply(() => (opts.pickFolderResult === undefined ? WORKSPACE : opts.pickFolderResult)),
    pickSaveFile: (name) => reply(() => `/home/lead/Desktop/${name}`),
    pickProfileFile: () => reply(() => (opts.pickProfileResult === undefined ? `${WORKSPACE}/dhat-heap.json` : opts.pickProfileResult)),
    onEvent(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    reanalyzeChanged: (sessionId) =>
      reply(() => {
        const s = session(sessionId);
        const r = latestRound(s);
        for (const f of r.findings) if (f.state === 'stale') f.state = 'persisting';
        s.status = computeStatus(s.session.name, s.rounds);
      }),
    checkNotice: (sessionId, tests) =>
      reply(
        () =>
          `memaudit check builds ${session(sessionId).session.workspace} in a scratch copy under /home/lead/.cache/memaudit with \`cargo check\`${tests ? ' and `cargo test`' : ''}: the workspace's build scripts and proc macros run${tests ? ', and so do its tests' : ''}. Your files are not changed.`,
      ),
    checkFixes: async (sessionId, request) => {
      await wait();
      const s = session(sessionId);
      const round = latestRound(s);
      const chosen = round.findings.filter((r) =>
        request.findings.length ? request.findings.includes(r.finding.id) : r.state !== 'fixed' && r.validation?.verdict !== 'REJECTED',
      );
      const withEdit = chosen.flatMap((r) => {
        const edit = fixtureEdit(r.finding);
        return edit ? [{ r, edit }] : [];
      });
      const total = withEdit.length;
      const packages = [...new Set(withEdit.map((x) => x.r.finding.crate))];
      checkCancels.delete(sessionId);
      const tick = async (ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end) {
          if (checkCancels.has(sessionId)) {
            checkCancels.delete(sessionId);
            throw new BackendError('cancelled', 'the check was cancelled; the scratch copy is removed, only the build cache is kept');
          }
          await sleep(Math.min(40, end - Date.now()));
        }
      };
      const progress = (p: AppEvent) => emit(p);
      progress({ type: 'CheckEvent', session_id: sessionId, progress: { type: 'Copied', linked: 412, copied: 1 } });
      progress({ type: 'CheckEvent', session_id: sessionId, progress: { type: 'Baseline', packages } });
      await tick(checkMs / 3);
      progress({ type: 'CheckEvent', session_id: sessionId, progress: { type: 'Building', packages, edits: total, resolved: 0, total } });
      await tick(checkMs / 3);
      const out: StoredFixCheck[] = [];
      const verdicts: CheckOutcome['verdicts'] = [];
      for (const [i, { r, edit }] of withEdit.entries()) {
        const check = fixtureCheck(r.finding, edit, request.tests);
        const stored: StoredFixCheck = { id: nextCheckId++, round: round.number, checked_at: new Date().toISOString(), check };
        checks.set(`${sessionId}:${r.finding.id}`, stored);
        out.push(stored);
        if (check.status === 'fails' && r.validation && r.validation.verdict !== 'REJECTED') {
          verdicts.push({ finding_id: r.finding.id, before: r.validation.verdict, after: 'REJECTED' });
          r.validation.verdict = 'REJECTED';
          r.validation.counterexample = `Applying the proposed edit does not compile: E0597: ${check.errors[0].message}.`;
        }
        progress({ type: 'CheckEvent', session_id: sessionId, progress: { type: 'Checked', finding_id: r.finding.id, status: check.status, resolved: i + 1, total } });
      }
      if (request.tests) {
        progress({ type: 'CheckEvent', session_id: sessionId, progress: { type: 'Testing', packages, edits: out.filter((c) => c.check.status === 'compiles').length } });
        await tick(checkMs / 3);
      }
      s.status = computeStatus(s.session.name, s.rounds);
      return clone({
        session: s.session.name,
        round: round.number,
        checks: out,
        not_checkable: chosen.filter((r) => !fixtureEdit(r.finding)).map((r) => r.finding.id),
        verdicts,
        figures: { edits: total, builds: 3, test_runs: request.tests ? 1 : 0, duration_ms: checkMs, baseline_ms: Math.round(checkMs / 3), scratch_peak_bytes: 1_409_024, cache_bytes: 912_000_000 },
        warnings: [],
      });
    },
    cancelCheck: async (sessionId) => {
      checkCancels.add(sessionId);
    },
    fixState: (sessionId, findingId) =>
      reply((): FixState => {
        const s = session(sessionId);
        const rec = latestRound(s).findings.find((r) => r.finding.id === findingId);
        if (!rec) throw new BackendError('finding_not_found', `session ${s.session.name} has no finding \`${findingId}\``);
        const key = `${sessionId}:${findingId}`;
        const check = checks.get(key) ?? null;
        const edit = check?.check.edit ?? fixtureEdit(rec.finding);
        const app = applied.get(key) ?? null;
        const live = app && !app.undone_at;
        let apply_refusal: string | null = null;
        if (!edit) apply_refusal = `${findingId}'s proposal is a design change, not an edit: apply it by hand`;
        else if (!check) apply_refusal = `${findingId}'s edit has not been checked; run \`memaudit check ${s.session.name} ${findingId}\` (or "Check fixes") first`;
        else if (live) apply_refusal = `${findingId}'s fix was already applied at ${app.applied_at}; undo it first to apply it again`;
        else if (check.check.status === 'fails') apply_refusal = `${findingId}'s edit does not compile, so it is not applied: E0597: ${check.check.errors[0].message}`;
        return {
          finding_id: findingId,
          edit,
          diff: edit ? fixtureDiff(edit) : null,
          check,
          applied: app,
          apply_refusal,
          undo_refusal: live ? null : 'the fix is not applied: there is nothing to undo',
        };
      }),
    applyFix: (sessionId, findingId) =>
      reply(() => {
        const state = checks.get(`${sessionId}:${findingId}`);
        const app = applied.get(`${sessionId}:${findingId}`);
        if (!state) throw new BackendError('invalid_input', `${findingId}'s edit has not been checked; run "Check fixes" first`);
        if (app && !app.undone_at) throw new BackendError('invalid_input', `${findingId}'s fix was already applied at ${app.applied_at}; undo it first to apply it again`);
        if (state.check.status !== 'compiles') throw new BackendError('invalid_input', `${findingId}'s edit does not compile, so it is not applied`);
        const h = state.check.edit.hunks[0];
        const record: FixApplication = {
          id: applied.size + 1,
          finding_id: findingId,
          check_id: state.id,
          files: [{ file: h.file, before: h.original, after_hash: 'fixture' }],
          applied_at: new Date().toISOString(),
        };
        applied.set(`${sessionId}:${findingId}`, record);
        return { finding_id: findingId, check_id: state.id, dry_run: false, diff: fixtureDiff(state.check.edit), files: [h.file], application: record };
      }),
    undoFix: (sessionId, findingId) =>
      reply(() => {
        const app = applied.get(`${sessionId}:${findingId}`);
        if (!app || app.undone_at) throw new BackendError('invalid_input', 'the fix is not applied: there is nothing to undo');
        app.undone_at = new Date().toISOString();
        return app;
      }),
  };
  return backend;
}
