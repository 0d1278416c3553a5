import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../bindings/types';
import { BackendError, describeError, toBackendError } from './errors';
import { createFakeBackend } from './fake';
import { chooseBackend, fakeOptionsFromUrl } from './index';
import { tauriBackend } from './tauri';

/** Awaits a rejection and returns its code: the UI branches on this, never on text. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return toBackendError(e).code;
  }
  throw new Error('expected a rejection');
}

describe('toBackendError', () => {
  const check = (input: unknown, code: string, message: string) => {
    const e = toBackendError(input);
    expect(e, `from ${JSON.stringify(input)}`).toBeInstanceOf(BackendError);
    expect([e.code, e.message]).toEqual([code, message]);
  };
  it('keeps a known {code, message} from IPC', () => check({ code: 'not_a_workspace', message: 'no Cargo.toml' }, 'not_a_workspace', 'no Cargo.toml'));
  it('maps unknown codes, plain errors and strings to internal', () => {
    check({ code: 'exploded', message: 'boom' }, 'internal', 'boom');
    check(new Error('ipc closed'), 'internal', 'ipc closed');
    check('panic in command', 'internal', 'panic in command');
    check(undefined, 'internal', 'unknown error');
  });
});

describe('describeError branches on code', () => {
  it('gives each code its own title and keeps the message', () => {
    const titles = new Set<string>();
    for (const code of ['not_a_workspace', 'workspace_missing', 'session_not_found', 'round_state', 'invalid_input', 'cancelled', 'database_newer', 'io', 'internal'] as const) {
      const v = describeError({ code, message: `m-${code}` });
      expect(v.message).toBe(`m-${code}`);
      titles.add(v.title);
    }
    expect(titles.size, 'distinct titles per code').toBe(9);
  });
  it('the same message under two codes reads differently (no text matching)', () => {
    const a = describeError({ code: 'not_a_workspace', message: 'x' });
    const b = describeError({ code: 'io', message: 'x' });
    expect(a.title).not.toBe(b.title);
    expect(a.hint).toMatch(/Cargo\.toml/);
  });
});

describe('fake backend errors carry the core codes', () => {
  const b = createFakeBackend();
  it('not_a_workspace for a folder without Cargo.toml', async () => {
    expect(await codeOf(b.openWorkspace('/home/lead/Documents'))).toBe('not_a_workspace');
    await expect(b.openWorkspace('/home/lead/src/ingest')).resolves.toMatchObject({ workspace: '/home/lead/src/ingest' });
  });
  it('session_not_found, finding_not_found, invalid_input, round_state', async () => {
    expect(await codeOf(b.loadSession(999))).toBe('session_not_found');
    expect(await codeOf(b.decide(2, { finding_id: 'F-9999', kind: 'implement', note: '' }))).toBe('finding_not_found');
    expect(await codeOf(b.decide(2, { finding_id: 'F-001', kind: 'defer', note: '' }))).toBe('invalid_input');
    expect(await codeOf(b.cancelRound(2))).toBe('round_state');
    expect(await codeOf(b.nextRound(1, [], ''))).toBe('round_state');
  });
  it('decide returns the stored decision and loadSession reflects it', async () => {
    const d = await b.decide(2, { finding_id: 'F-002', kind: 'defer', note: 'later', defer_until_round: 4 });
    expect(d).toMatchObject({ finding_id: 'F-002', kind: 'defer', defer_until_round: 4, round: 2 });
    const s = await b.loadSession(2);
    const rec = s.rounds[1].findings.find((f) => f.id === 'F-002');
    expect(rec?.decision?.kind).toBe('defer');
  });
  it('the API key is write-only: only its status comes back', async () => {
    expect(await b.keyStatus('openai')).toEqual({ stored: false });
    await b.setApiKey('openai', 'sk-secret');
    expect(await b.keyStatus('openai')).toEqual({ stored: true });
    expect(JSON.stringify(await b.getSettings())).not.toContain('sk-secret');
  });
});

describe('fake round run', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('streams events in order over the round time and stores the round', async () => {
    const b = createFakeBackend({ roundMs: 3000 });
    const seen: AppEvent[] = [];
    const off = b.onEvent((e) => seen.push(e));
    await b.nextRound(2, [{ kind: 'crate', value: 'ingest-worker' }], 'deeper');
    await vi.advanceTimersByTimeAsync(3500);
    off();
    const types = seen.map((e) => e.type);
    expect(types[0]).toBe('RoundStarted');
    expect(types[types.length - 1]).toBe('RoundFinished');
    const roles = seen.filter((e) => e.type === 'RoleStarted').map((e) => (e.type === 'RoleStarted' ? e.role : ''));
    expect(roles).toEqual(['analyst', 'validator', 'coordinator']);
    const s = await b.loadSession(2);
    expect(s.rounds.map((r) => r.status)).toEqual(['decided', 'decided', 'awaiting_decision']);
    expect(s.rounds[2].focus).toEqual([{ kind: 'crate', value: 'ingest-worker' }]);
  });
  it('cancel stops the events and leaves the round interrupted and resumable', async () => {
    const b = createFakeBackend({ roundMs: 3000 });
    const seen: AppEvent[] = [];
    b.onEvent((e) => seen.push(e));
    await b.nextRound(2, [], '');
    await vi.advanceTimersByTimeAsync(500);
    await b.cancelRound(2);
    const n = seen.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen.length, 'no event after the cancel').toBe(n);
    expect(seen[n - 1]).toMatchObject({ type: 'RoundFinished', status: 'interrupted' });
    await b.resumeRound(2);
    await vi.advanceTimersByTimeAsync(3500);
    expect(seen.find((e) => e.type === 'RoundStarted' && e.resumed)).toBeTruthy();
  });
});

describe('backend choice', () => {
  it('uses Tauri only inside the shell', () => {
    const fakeWin = { location: { search: '' } } as unknown as Window;
    expect(chooseBackend(fakeWin)).not.toBe(tauriBackend);
    const tauriWin = { __TAURI_INTERNALS__: {}, location: { search: '' } } as unknown as Window;
    expect(chooseBackend(tauriWin)).toBe(tauriBackend);
  });
  it('reads fake options from the URL', () => {
    expect(fakeOptionsFromUrl('?findings=10000&latency=0')).toMatchObject({ findings: 10000, latencyMs: 0, empty: false });
    expect(fakeOptionsFromUrl('?empty=1')).toMatchObject({ empty: true });
  });
  it('generates 10,000 findings on request', async () => {
    const b = createFakeBackend({ findings: 10000 });
    const s = await b.loadSession(2);
    expect(s.rounds[1].findings).toHaveLength(10000);
    expect(new Set(s.rounds[1].findings.map((f) => f.id)).size, 'ids are unique').toBe(10000);
  });
});
