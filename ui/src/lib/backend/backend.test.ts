import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../bindings/types';
import { BackendError, describeError, toBackendError } from './errors';
import { createFakeBackend, VALGRIND_MISSING } from './fake';
import { activeFixture, FIXTURES } from './fixtures';
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
  it("installs the round the core ran, with its report HTML; the HTML of a running round is the core's too", async () => {
    const b = createFakeBackend({ roundMs: 3000 });
    await b.nextRound(2, [], '');
    await vi.advanceTimersByTimeAsync(100);
    expect(await b.reportHtml(2, 3)).toBe('<p>Round 3 has no report yet (status: running).</p>\n');
    await vi.advanceTimersByTimeAsync(3500);
    const next = activeFixture().next[0];
    const s = await b.loadSession(2);
    expect(s.rounds[2].findings, "the core's round 3").toEqual(next.overview.findings);
    expect(s.rounds[2].report).toEqual(next.overview.report);
    expect(s.status).toEqual(next.status);
    const html = await b.reportHtml(2, 3);
    expect(html).toContain('<h2>Memory Audit Report - Round 3</h2>');
    expect(html).toContain(`<li>Total findings: ${next.record.report!.summary.total}</li>`);
    expect(await codeOf(b.nextRound(2, [], '')), 'the fake has no round 4 from the core').toBe('round_state');
    expect((await b.loadSession(2)).rounds[2].status, 'and records no decision when it refuses').toBe('awaiting_decision');
  });
  it('a new audit plays the core\'s audit of the ingest workspace', async () => {
    const b = createFakeBackend({ roundMs: 3000 });
    const info = await b.startAudit('/home/lead/src/ingest', { focus: 'full', priority: 'all' });
    expect(info).toMatchObject({ id: 3, name: 'memory_audit_002', status: 'active' });
    await vi.advanceTimersByTimeAsync(3500);
    const s = await b.loadSession(3);
    expect(s.rounds.map((r) => r.findings.length)).toEqual([FIXTURES.fresh.export.rounds[0].findings.length]);
    expect(await b.reportHtml(3, 1)).toContain('<strong>Session:</strong> memory_audit_002');
  });
  it('with LLM engines, the Validator and Coordinator stream rising token counts', async () => {
    const b = createFakeBackend({ roundMs: 3000, llm: true });
    const seen: AppEvent[] = [];
    b.onEvent((e) => seen.push(e));
    await b.nextRound(2, [], '');
    await vi.advanceTimersByTimeAsync(4000);
    const started = seen.flatMap((e) => (e.type === 'RoleStarted' ? [[e.role, e.engine]] : []));
    expect(started).toEqual([
      ['analyst', 'builtin'],
      ['validator', 'llm:claude-sonnet-4-5'],
      ['coordinator', 'llm:claude-sonnet-4-5'],
    ]);
    const tokens = (role: string) => seen.flatMap((e) => (e.type === 'RoleProgress' && e.role === role && e.tokens_out != null ? [e.tokens_out] : []));
    expect(tokens('analyst'), 'the built-in Analyst streams nothing').toEqual([]);
    for (const role of ['validator', 'coordinator']) {
      const t = tokens(role);
      expect(t.length, role).toBeGreaterThanOrEqual(3);
      expect(t.every((n, i) => i === 0 || n > t[i - 1]), `${role}: ${t}`).toBe(true);
    }
    expect(seen[seen.length - 1]).toMatchObject({ type: 'RoundFinished', status: 'awaiting_decision' });
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
  it('uses Tauri only inside the shell', async () => {
    const fakeWin = { location: { search: '' } } as unknown as Window;
    expect(await chooseBackend(fakeWin)).not.toBe(tauriBackend);
    const tauriWin = { __TAURI_INTERNALS__: {}, location: { search: '' } } as unknown as Window;
    expect(await chooseBackend(tauriWin)).toBe(tauriBackend);
  });
  it('reads fake options from the URL', () => {
    expect(fakeOptionsFromUrl('?findings=10000&latency=0')).toMatchObject({ findings: 10000, latencyMs: 0, empty: false });
    expect(fakeOptionsFromUrl('?empty=1')).toMatchObject({ empty: true, llm: false });
    expect(fakeOptionsFromUrl('?llm=1')).toMatchObject({ llm: true });
  });
  it('generates 10,000 findings on request, as rows with pages behind them', async () => {
    const b = createFakeBackend({ findings: 10000 });
    const s = await b.loadSession(2);
    expect(s.rounds[1].findings).toHaveLength(10000);
    expect(new Set(s.rounds[1].findings.map((f) => f.id)).size, 'ids are unique').toBe(10000);
    const page = await b.loadFinding(2, 2, 'F-9999');
    expect(page.record.finding.id).toBe('F-9999');
    expect((await b.profileView(2, null)).sites.length, 'profiles work in the big mode too').toBeGreaterThan(0);
  });
});

describe('fake sessions as rows and finding pages', () => {
  const b = createFakeBackend();
  it("serves the core's report HTML of every round", async () => {
    for (const [i, g] of FIXTURES.sessions.entries()) {
      for (const r of g.export.rounds) {
        const html = await b.reportHtml(i + 1, r.number);
        expect(html, `session ${i + 1}, round ${r.number}`).toContain(`<h2>Memory Audit Report - Round ${r.number}</h2>`);
        expect(html).toContain(`<li>Total findings: ${r.report!.summary.total}</li>`);
      }
    }
    expect(await codeOf(b.reportHtml(2, 9))).toBe('round_state');
  });
  it('loadSession lists rows: no code, proposal or evidence, the scope as crate names', async () => {
    const s = await b.loadSession(2);
    expect(s.crates, "the core's scope, in its order").toEqual(activeFixture().export.scope!.crates.map((c) => c.name));
    expect([...s.crates].sort()).toEqual(['ingest-config', 'ingest-proto', 'ingest-scan', 'ingest-schema', 'ingest-worker']);
    const row = s.rounds[1].findings[0] as unknown as Record<string, unknown>;
    for (const heavy of ['code', 'proposal', 'validation', 'tradeoffs', 'finding']) expect(row, heavy).not.toHaveProperty(heavy);
    expect(row).toMatchObject({ id: 'F-001', verdict: expect.any(String), summary: expect.stringMatching(/\.$/) });
    expect(s.rounds[1].report).toMatchObject({ round: 2, recommendations: expect.any(Number), deferred: expect.any(Number) });
  });
  it('handoffPrompt names the findings it covers and refuses unknown ones with the core codes', async () => {
    const h = await b.handoffPrompt(2, 1, ['F-001', 'F-002']);
    expect(h.finding_ids).toEqual(['F-001', 'F-002']);
    expect(h.text).toContain('F-001');
    expect(await codeOf(b.handoffPrompt(2, 1, ['F-9999']))).toBe('finding_not_found');
    expect(await codeOf(b.handoffPrompt(2, 1, []))).toBe('invalid_input');
    expect(await codeOf(b.handoffPrompt(2, 7, ['F-001']))).toBe('round_state');
  });
  it('loadFinding gives the whole record of one round, with the core error codes', async () => {
    const p = await b.loadFinding(2, 1, 'F-001');
    expect(p.round).toBe(1);
    expect(p.record.finding.code.length).toBeGreaterThan(0);
    expect(p.record.validation?.finding_id).toBe('F-001');
    expect(await codeOf(b.loadFinding(2, 2, 'F-9999'))).toBe('finding_not_found');
    expect(await codeOf(b.loadFinding(2, 7, 'F-001'))).toBe('round_state');
    expect(await codeOf(b.loadFinding(99, 1, 'F-001'))).toBe('session_not_found');
  });
  it('the active session has measured findings and one verified fix; the old one has neither', async () => {
    const s = await b.loadSession(2);
    const pages = await Promise.all(s.rounds[1].findings.map((f) => b.loadFinding(2, 2, f.id)));
    const measured = pages.filter((p) => p.measured);
    expect(measured.length, 'several findings are measured').toBeGreaterThan(5);
    const verified = pages.filter((p) => p.verification);
    expect(verified).toHaveLength(1);
    expect(verified[0].verification!.verification).toMatchObject({ outcome: 'verified', before: { allocations: 48000 }, after: { allocations: 1 } });
    expect(verified[0].record.decision?.kind, 'the verified fix was decided implement').toBe('implement');
    expect(s.rounds[1].report, "the report is the core's, untouched by the fake's profiles").toEqual(activeFixture().overview.rounds[1].report);
    expect(pages.every((p) => p.can_verify), 'a run profile exists').toBe(true);
    const old = await b.loadFinding(1, 2, (await b.loadSession(1)).rounds[1].findings[0].id);
    expect([old.measured, old.verification, old.can_verify]).toEqual([null, null, false]);
  });
});

describe('fake heap profiles', () => {
  it('the view lists profiles newest first and the top 200 sites of the chosen one', async () => {
    const b = createFakeBackend();
    const v = await b.profileView(2, null);
    expect(v.profiles.map((p) => p.id)).toEqual([3, 2, 1]);
    expect(v.selected).toBe(3);
    expect(v.sites).toHaveLength(200);
    expect(v.site_count).toBeGreaterThan(200);
    for (let i = 1; i < v.sites.length; i++) expect(v.sites[i - 1].total_bytes).toBeGreaterThanOrEqual(v.sites[i].total_bytes);
    expect(new Set(v.sites.map((x) => x.crate)), 'sites in three crates and outside the scope').toEqual(new Set(['ingest-worker', 'ingest-scan', 'ingest-schema', '']));
    expect(v.sites.some((x) => x.finding_id)).toBe(true);
    expect(v.profiles.find((p) => p.id === 1)).toMatchObject({ target: null, tool: 'dhat_rs', source: expect.stringMatching(/^imported /) });
    expect((await b.profileView(2, 1)).selected).toBe(1);
    expect(await codeOf(b.profileView(2, 42))).toBe('invalid_input');
    expect(await b.profileView(1, null)).toEqual({ profiles: [], selected: null, sites: [], site_count: 0 });
  });
  it('import reads a file (never runs), rejects a malformed one with invalid_input', async () => {
    const b = createFakeBackend();
    const s = await b.importProfile(2, '/home/lead/dhat-heap.json');
    expect(s).toMatchObject({ profile_id: 4, round: 2, new_findings: [] });
    expect((await b.profileView(2, null)).profiles[0]).toMatchObject({ id: 4, target: null });
    expect(await codeOf(b.importProfile(2, '/home/lead/broken.json'))).toBe('invalid_input');
    expect(await codeOf(b.importProfile(2, '/home/lead/notes.txt'))).toBe('invalid_input');
  });
  it('the notice is the core sentence; a run stores a profile; no valgrind is io with the install hint', async () => {
    const b = createFakeBackend({ profileMs: 0 });
    const target = { kind: 'test' as const, package: 'ingest-scan', test_name: null, filter: null };
    expect(await b.profileNotice(2, target)).toBe(
      "memaudit profile runs `cargo test -p ingest-scan --lib` from /home/lead/src/ingest (the workspace's own code) under valgrind",
    );
    expect(await b.profileSession(2, target)).toMatchObject({ profile_id: 4, measured_findings: expect.any(Number) });
    expect((await b.profileView(2, null)).profiles[0].source).toBe('cargo test -p ingest-scan --lib');
    expect(await codeOf(b.profileSession(2, { ...target, package: 'nope' }))).toBe('invalid_input');
    const none = createFakeBackend({ profileMs: 0, valgrind: false });
    await expect(none.profileSession(2, target)).rejects.toMatchObject({ code: 'io', message: VALGRIND_MISSING });
    await expect(none.verifyFinding(2, 'F-001')).rejects.toMatchObject({ code: 'io' });
  });
  it('verify re-runs, stores the comparison and the finding page shows it', async () => {
    const b = createFakeBackend({ profileMs: 0 });
    const s = await b.loadSession(2);
    const pages = await Promise.all(s.rounds[1].findings.map((f) => b.loadFinding(2, 2, f.id)));
    const before = pages.find((p) => p.measured && !p.verification)!;
    const id = before.record.finding.id;
    expect(before.measured?.allocations).toBeGreaterThan(100);
    const v = await b.verifyFinding(2, id);
    expect(v).toMatchObject({ finding_id: id, outcome: 'verified', after: { allocations: 1 } });
    const after = await b.loadFinding(2, 2, id);
    expect(after.verification?.verification).toEqual(v);
    expect(after.measured?.allocations, 'the newest profile measures the fixed line').toBe(1);
    expect((await b.loadSession(2)).rounds[1].report, "the core's report stays as generated").toEqual(s.rounds[1].report);
  });
  it('verify refuses what the core refuses', async () => {
    const b = createFakeBackend({ profileMs: 0 });
    expect(await codeOf(b.verifyFinding(2, 'F-999'))).toBe('finding_not_found');
    const old = (await b.loadSession(1)).rounds[1].findings[0].id;
    expect(await codeOf(b.verifyFinding(1, old)), 'no profile to compare with').toBe('round_state');
    const imported = createFakeBackend({ profileMs: 0 });
    await imported.importProfile(1, '/old/dhat-heap.json');
    expect(await codeOf(imported.verifyFinding(1, old)), 'an imported profile cannot be re-run').toBe('invalid_input');
  });
});
