import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Tauri API is replaced: these tests check how the real backend calls
// commands and converts their rejections, not Tauri itself.
const invoke = vi.fn();
const unlisteners: ReturnType<typeof vi.fn>[] = [];
const listen = vi.fn(async () => {
  const u = vi.fn();
  unlisteners.push(u);
  return u;
});
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: (...a: unknown[]) => (listen as (...x: unknown[]) => unknown)(...a) }));
const open = vi.fn(async (_o?: unknown) => '/picked' as string | null);
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: (o: unknown) => open(o), save: vi.fn(async () => null) }));

const { tauriBackend } = await import('./tauri');

beforeEach(() => {
  invoke.mockReset();
  unlisteners.length = 0;
});

describe('tauri backend', () => {
  it('calls snake_case commands with camelCase argument keys', async () => {
    invoke.mockResolvedValue([]);
    await tauriBackend.listSessions();
    await tauriBackend.decide(2, { finding_id: 'F-001', kind: 'implement', note: '' });
    await tauriBackend.saveScope('/w', { include: [], exclude: [], force_priority: [] }, 'full', 'p0_p1');
    expect(invoke.mock.calls).toEqual([
      ['list_sessions', undefined],
      ['decide', { sessionId: 2, request: { finding_id: 'F-001', kind: 'implement', note: '' } }],
      ['save_scope', { path: '/w', overrides: { include: [], exclude: [], force_priority: [] }, focus: 'full', priorityFilter: 'p0_p1' }],
    ]);
  });
  it('the session, finding-page and profile commands take these argument keys', async () => {
    invoke.mockResolvedValue(null);
    const target = { kind: 'test' as const, package: 'w', test_name: null, filter: null };
    await tauriBackend.loadSession(2);
    await tauriBackend.loadFinding(2, 1, 'F-007');
    await tauriBackend.profileView(2, null);
    await tauriBackend.profileView(2, 5);
    await tauriBackend.importProfile(2, '/ws/dhat-heap.json');
    await tauriBackend.profileNotice(2, target);
    await tauriBackend.profileSession(2, target);
    await tauriBackend.verifyFinding(2, 'F-007');
    expect(invoke.mock.calls).toEqual([
      ['load_session', { sessionId: 2 }],
      ['load_finding', { sessionId: 2, round: 1, findingId: 'F-007' }],
      ['profile_view', { sessionId: 2, profileId: null }],
      ['profile_view', { sessionId: 2, profileId: 5 }],
      ['import_profile', { sessionId: 2, path: '/ws/dhat-heap.json' }],
      ['profile_notice', { sessionId: 2, target }],
      ['profile_session', { sessionId: 2, target }],
      ['verify_finding', { sessionId: 2, findingId: 'F-007' }],
    ]);
  });
  it('the fix-check commands take these argument keys', async () => {
    invoke.mockResolvedValue(null);
    await tauriBackend.checkNotice(2, true);
    await tauriBackend.checkFixes(2, { findings: [], tests: true, offline: false });
    await tauriBackend.cancelCheck(2);
    await tauriBackend.fixState(2, 'F-004');
    await tauriBackend.applyFix(2, 'F-004');
    await tauriBackend.undoFix(2, 'F-004');
    expect(invoke.mock.calls).toEqual([
      ['check_notice', { sessionId: 2, tests: true }],
      ['check_fixes', { sessionId: 2, request: { findings: [], tests: true, offline: false } }],
      ['cancel_check', { sessionId: 2 }],
      ['fix_state', { sessionId: 2, findingId: 'F-004' }],
      ['apply_fix', { sessionId: 2, findingId: 'F-004' }],
      ['undo_fix', { sessionId: 2, findingId: 'F-004' }],
    ]);
  });
  it('a check event arrives tagged CheckEvent', async () => {
    const seen: unknown[] = [];
    listen.mockClear();
    tauriBackend.onEvent((e) => seen.push(e));
    const calls = listen.mock.calls as unknown as [string, (e: { payload: unknown }) => void][];
    const check = calls.find(([name]) => name === 'check-event')!;
    check[1]({ payload: { session_id: 2, progress: { type: 'Baseline', packages: ['w'] } } });
    expect(seen).toEqual([{ type: 'CheckEvent', session_id: 2, progress: { type: 'Baseline', packages: ['w'] } }]);
  });
  it('a missing valgrind crosses as io with its message intact', async () => {
    invoke.mockRejectedValue({ code: 'io', message: 'valgrind is not installed; install it with `apt-get install valgrind`' });
    await expect(tauriBackend.profileSession(2, { kind: 'bench', package: null, name: 'b', args: [] })).rejects.toMatchObject({
      code: 'io',
      message: 'valgrind is not installed; install it with `apt-get install valgrind`',
    });
  });
  it('rejects with the {code, message} the command returned', async () => {
    invoke.mockRejectedValue({ code: 'not_a_workspace', message: '`/tmp` has no Cargo.toml' });
    await expect(tauriBackend.openWorkspace('/tmp')).rejects.toMatchObject({ code: 'not_a_workspace', message: '`/tmp` has no Cargo.toml' });
    invoke.mockRejectedValue('command open_workspace not found');
    await expect(tauriBackend.openWorkspace('/tmp')).rejects.toMatchObject({ code: 'internal' });
  });
  it('unsubscribing detaches every listener (rounds, watcher, checks), even before listen resolved', async () => {
    const off = tauriBackend.onEvent(() => {});
    off();
    off();
    await new Promise((r) => setTimeout(r, 0));
    expect(unlisteners).toHaveLength(3);
    for (const u of unlisteners) expect(u, 'each listener detached exactly once').toHaveBeenCalledTimes(1);
  });
  it('the folder picker returns the chosen path; the save dialog null on cancel', async () => {
    expect(await tauriBackend.pickFolder()).toBe('/picked');
    expect(await tauriBackend.pickSaveFile('x.md')).toBeNull();
  });
  it('the profile picker opens one JSON file and answers null on cancel', async () => {
    open.mockClear();
    expect(await tauriBackend.pickProfileFile()).toBe('/picked');
    expect(open.mock.calls[0][0]).toMatchObject({ directory: false, multiple: false, filters: [{ extensions: ['json'] }] });
    open.mockResolvedValueOnce(null);
    expect(await tauriBackend.pickProfileFile()).toBeNull();
  });
});
