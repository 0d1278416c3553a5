// Folds RoundEvents into what the Run view shows: per-role progress, the
// log, the finding count, and whether the round is over. Pure so the event
// protocol is tested without timers or a DOM.

import type { Role, RoundEvent, RoundStatus, Settings } from '../bindings/types';

export type RoleStatus = 'waiting' | 'running' | 'finished' | 'skipped';

export interface RoleProgressView {
  status: RoleStatus;
  engine: string;
  done: number;
  total: number;
  current: string;
  summary: string;
  durationMs: number | null;
  /** Output tokens of an LLM role's run so far (`RoleProgress.tokens_out`); null for built-in engines. */
  tokensOut: number | null;
}

export interface LogLine {
  seq: number;
  level: 'info' | 'warn' | 'done';
  text: string;
}

export interface RunState {
  sessionId: number | null;
  round: number | null;
  roles: Record<Role, RoleProgressView>;
  findings: number;
  log: LogLine[];
  /** Set by RoundFinished. */
  finished: RoundStatus | null;
  newFindings: number;
}

const ROLE: RoleProgressView = { status: 'waiting', engine: '', done: 0, total: 0, current: '', summary: '', durationMs: null, tokensOut: null };

export const MAX_LOG = 500;

export function initialRun(sessionId: number | null = null): RunState {
  return {
    sessionId,
    round: null,
    roles: { analyst: { ...ROLE }, validator: { ...ROLE }, coordinator: { ...ROLE } },
    findings: 0,
    log: [],
    finished: null,
    newFindings: 0,
  };
}

function log(s: RunState, level: LogLine['level'], text: string): LogLine[] {
  const seq = (s.log[s.log.length - 1]?.seq ?? 0) + 1;
  const next = [...s.log, { seq, level, text }];
  // The log is bounded: a huge workspace must not grow the page forever.
  return next.length > MAX_LOG ? next.slice(next.length - MAX_LOG) : next;
}

const cap = (r: Role) => r[0].toUpperCase() + r.slice(1);

/** Applies one event; events of another session or round are ignored. */
export function applyEvent(s: RunState, e: RoundEvent): RunState {
  if (e.type === 'RoundStarted') {
    if (s.sessionId !== null && e.session_id !== s.sessionId) return s;
    const fresh = initialRun(e.session_id);
    return { ...fresh, round: e.round, log: log(s, 'info', `Round ${e.round} ${e.resumed ? 'resumed' : 'started'} (${e.session})`) };
  }
  if (e.type === 'RoundFinished') {
    if (s.sessionId !== null && e.session_id !== s.sessionId) return s;
    const text =
      e.status === 'awaiting_decision'
        ? `Round ${e.round} finished: ${e.findings} findings, ${e.new} new`
        : `Round ${e.round} ${e.status.replace('_', ' ')}`;
    return { ...s, finished: e.status, findings: e.findings, newFindings: e.new, log: log(s, e.status === 'awaiting_decision' ? 'done' : 'warn', text) };
  }
  if (s.round !== null && e.round !== s.round) return s;
  switch (e.type) {
    case 'RoleStarted':
      return {
        ...s,
        roles: { ...s.roles, [e.role]: { ...ROLE, status: 'running', engine: e.engine, total: e.total } },
        log: log(s, 'info', `${cap(e.role)} started (${e.engine}${startedWhat(e.role, e.total)})`),
      };
    case 'RoleProgress': {
      const prev = s.roles[e.role];
      return {
        ...s,
        roles: {
          ...s.roles,
          // An event without the figure (a built-in engine, or a core that
          // predates it) keeps the last one.
          [e.role]: { ...prev, status: 'running', done: e.done, total: e.total, current: e.current, tokensOut: e.tokens_out ?? prev.tokensOut },
        },
        findings: e.role === 'analyst' ? Math.max(s.findings, e.findings) : s.findings,
      };
    }
    case 'RoleFinished': {
      const prev = s.roles[e.role];
      return {
        ...s,
        roles: { ...s.roles, [e.role]: { ...prev, status: 'finished', done: prev.total, summary: e.summary, durationMs: e.duration_ms } },
        log: log(s, 'done', `${cap(e.role)} finished in ${e.duration_ms} ms: ${e.summary}`),
      };
    }
    case 'RoleSkipped':
      return {
        ...s,
        roles: { ...s.roles, [e.role]: { ...s.roles[e.role], status: 'skipped', summary: e.reason } },
        log: log(s, 'info', `${cap(e.role)} skipped: ${e.reason}`),
      };
    case 'Warned':
      return { ...s, log: log(s, 'warn', e.message) };
  }
}

/** Fraction 0–1 of a role's work, for its bar. */
export function fraction(r: RoleProgressView): number {
  if (r.status === 'finished' || r.status === 'skipped') return 1;
  if (r.total <= 0) return 0;
  return Math.max(0, Math.min(1, r.done / r.total));
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The token figure on a role's progress line: "streaming… 1,234 tokens"
 * while an LLM role runs, "1,234 tokens" once it finished; empty for
 * built-in engines.
 */
export function tokensLabel(r: RoleProgressView): string {
  if (r.tokensOut === null) return '';
  const tokens = `${n(r.tokensOut)} ${r.tokensOut === 1 ? 'token' : 'tokens'}`;
  return r.status === 'running' ? `streaming… ${tokens}` : tokens;
}

/** What a role starts on, in its own unit: the Analyst reads files, the
 * Validator reviews findings (an LLM Validator's progress line then counts
 * its requests), the Coordinator writes one report. */
export function startedWhat(role: Role, total: number): string {
  if (role === 'analyst') return `, ${total.toLocaleString('en-US')} ${total === 1 ? 'file' : 'files'}`;
  if (role === 'validator') return `, ${total.toLocaleString('en-US')} ${total === 1 ? 'finding' : 'findings'}`;
  return '';
}

/** The engine a role that has not started yet will run on, spelled as its
 * RoleStarted will spell it (`builtin`, `llm:<model>`). */
export function plannedEngine(role: Role, settings: Settings): string {
  const kind = role === 'analyst' ? settings.analyst_engine : role === 'validator' ? settings.validator_engine : settings.coordinator_engine;
  return kind === 'llm' ? `llm:${settings.model}` : 'builtin';
}
