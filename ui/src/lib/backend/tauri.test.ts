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
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(async () => '/picked'), save: vi.fn(async () => null) }));

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
  it('rejects with the {code, message} the command returned', async () => {
    invoke.mockRejectedValue({ code: 'not_a_workspace', message: '`/tmp` has no Cargo.toml' });
    await expect(tauriBackend.openWorkspace('/tmp')).rejects.toMatchObject({ code: 'not_a_workspace', message: '`/tmp` has no Cargo.toml' });
    invoke.mockRejectedValue('command open_workspace not found');
    await expect(tauriBackend.openWorkspace('/tmp')).rejects.toMatchObject({ code: 'internal' });
  });
  it('unsubscribing detaches both listeners, even before listen resolved', async () => {
    const off = tauriBackend.onEvent(() => {});
    off();
    off();
    await new Promise((r) => setTimeout(r, 0));
    expect(unlisteners).toHaveLength(2);
    for (const u of unlisteners) expect(u, 'each listener detached exactly once').toHaveBeenCalledTimes(1);
  });
  it('the folder picker returns the chosen path; the save dialog null on cancel', async () => {
    expect(await tauriBackend.pickFolder()).toBe('/picked');
    expect(await tauriBackend.pickSaveFile('x.md')).toBeNull();
  });
});
