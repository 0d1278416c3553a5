// The backend the app uses: Tauri when running inside the shell, otherwise
// the in-memory fake (dev server, screenshots). Views import `backend` from
// here and nothing else from this folder's implementations. The fake and
// its generated data (about a megabyte) are loaded only outside the shell,
// so the desktop app does not ship them in its main bundle.

import type { FakeOptions } from './fake';
import { tauriBackend } from './tauri';
import type { Backend } from './types';

export type { Backend, Unsubscribe } from './types';
export { BackendError, describeError, toBackendError } from './errors';

declare global {
  interface Window {
    __TAURI_INTERNALS__?: unknown;
  }
}

/** Fake options from the page URL: `?findings=10000`, `?empty=1`, `?latency=300`,
 * `?pageLatency=2000` (finding pages only), `?profileMs=8000`, `?valgrind=0`,
 * `?llm=1` (LLM Validator and Coordinator: a round streams tokens), `?roundMs=20000`. */
export function fakeOptionsFromUrl(search: string): FakeOptions {
  const q = new URLSearchParams(search);
  const n = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  return {
    findings: n('findings'),
    empty: q.get('empty') === '1',
    latencyMs: n('latency') ?? 120,
    pickFolderResult: q.has('pick') ? q.get('pick') : undefined,
    pageLatencyMs: n('pageLatency'),
    profileMs: n('profileMs'),
    valgrind: q.get('valgrind') !== '0',
    pickProfileResult: q.has('pickProfile') ? q.get('pickProfile') : undefined,
    llm: q.get('llm') === '1',
    roundMs: n('roundMs'),
  };
}

export async function chooseBackend(win: Window | undefined = typeof window === 'undefined' ? undefined : window): Promise<Backend> {
  if (win && win.__TAURI_INTERNALS__) return tauriBackend;
  const { createFakeBackend } = await import('./fake');
  const fake = createFakeBackend(win ? fakeOptionsFromUrl(win.location.search) : {});
  // Outside Tauri only: lets the screenshot script emit watcher events.
  if (win) (win as unknown as { __memauditFake: typeof fake }).__memauditFake = fake;
  return fake;
}

let current: Backend | null = null;

/** Chooses the app-wide backend; `main.ts` awaits it before mounting the app. */
export async function initBackend(): Promise<void> {
  current ??= await chooseBackend();
}

/** The app-wide backend; tests replace it with `setBackend`. */
export function backend(): Backend {
  if (!current) throw new Error('backend() before initBackend() or setBackend()');
  return current;
}

export function setBackend(b: Backend): void {
  current = b;
}
