import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { setBackend } from './lib/backend';
import { createFakeBackend } from './lib/backend/fake';
import { router } from './lib/router.svelte';

type Fake = ReturnType<typeof createFakeBackend>;
let fake: Fake;
let app: Record<string, unknown> | null = null;

async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
}

async function open(hash: string) {
  router.go(hash, true);
  flushSync();
  await settle();
}

function press(key: string, target: EventTarget = window) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  flushSync();
}

beforeEach(async () => {
  fake = createFakeBackend();
  setBackend(fake);
  document.body.innerHTML = '<div id="app"></div>';
  router.go('#/', true);
  app = mount(App, { target: document.getElementById('app')! });
  await settle();
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

describe('event subscriptions', () => {
  it('a session view subscribes while open and unsubscribes when it goes away', async () => {
    const base = fake.listenerCount();
    expect(base, 'app-level subscriptions (runs, session list)').toBe(2);
    await open('#/s/2/report');
    expect(fake.listenerCount(), 'the open session listens for its rounds and the watcher').toBe(base + 1);
    await open('#/s/1/report');
    expect(fake.listenerCount(), 'switching sessions replaces, not adds').toBe(base + 1);
    await open('#/');
    expect(fake.listenerCount(), 'leaving the session unsubscribes').toBe(base);
    unmount(app!);
    app = null;
    expect(fake.listenerCount(), 'closing the app unsubscribes everything').toBe(0);
  });

  it('moving within a session (tab, round, filter) keeps its store: the session loads once', async () => {
    const load = vi.spyOn(fake, 'loadSession');
    await open('#/s/2/report?tab=findings');
    await open('#/s/2/report?tab=overview');
    await open('#/s/2/report?round=1&tab=findings');
    await open('#/s/2/profile?crate=ingest-scan');
    expect(load).toHaveBeenCalledTimes(1);
    await open('#/s/1/report');
    expect(load, 'another session is loaded').toHaveBeenCalledTimes(2);
  });

  it('FilesChanged shows the stale banner; Re-check calls reanalyzeChanged', async () => {
    await open('#/s/2/report?tab=findings');
    fake.emit({ type: 'FilesChanged', workspace: '/home/lead/src/ingest', files: ['a.rs', 'b.rs', 'c.rs'], manifests: [], scope_files: [], stale_findings: 4 });
    flushSync();
    expect(document.body.textContent).toContain('3 files changed since round 2');
    const btn = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Re-check'))!;
    btn.click();
    await settle();
    expect(document.body.textContent).not.toContain('files changed since');
    const s = await fake.loadSession(2);
    expect(s.rounds[1].findings.some((f) => f.state === 'stale'), 'stale findings were re-checked').toBe(false);
  });
});

describe('keyboard triage', () => {
  it('j, i, Enter decides the second finding and moves on; f and w too', async () => {
    await open('#/s/2/decide');
    const selected = () => document.querySelector('[role=option][aria-selected=true]')?.id;
    const first = selected();
    expect(first, 'a finding is selected on open').toBeTruthy();
    press('j');
    const second = selected()!;
    expect(second).not.toBe(first);
    press('i');
    press('Enter');
    await settle();
    const id = second.replace('row-', '');
    const s = await fake.loadSession(2);
    expect(s.rounds[1].findings.find((f) => f.id === id)?.decision?.kind).toBe('implement');
    expect(selected(), 'saving advances to the next finding').not.toBe(second);
    const third = selected()!.replace('row-', '');
    press('f');
    press('n');
    const note = document.activeElement as HTMLTextAreaElement;
    expect(note.id, 'n focuses the note').toBe('decision-note');
    note.value = 'Arc moved into a thread';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    press('Enter', note);
    await settle();
    const s2 = await fake.loadSession(2);
    const d = s2.rounds[1].findings.find((f) => f.id === third)?.decision;
    expect(d).toMatchObject({ kind: 'reject_false_positive', note: 'Arc moved into a thread' });
  });

  it('keys typed while a decision is still saving belong to the next finding', async () => {
    // A slow backend: the first save is still in flight when the next keys arrive.
    const slow = createFakeBackend({ latencyMs: 80 });
    setBackend(slow);
    await open('#/s/2/decide');
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    const selected = () => document.querySelector('[role=option][aria-selected=true]')?.id.replace('row-', '');
    const first = selected()!;
    press('i');
    press('Enter');
    const second = selected()!;
    expect(second, 'the selection moves on before the save answers').not.toBe(first);
    press('f');
    press('Enter');
    await new Promise((r) => setTimeout(r, 400));
    await settle();
    const s = await slow.loadSession(2);
    const kind = (id: string) => s.rounds[1].findings.find((f) => f.id === id)?.decision?.kind;
    expect(kind(first)).toBe('implement');
    expect(kind(second)).toBe('reject_false_positive');
  });

  it('a decision the backend refuses returns to its finding with the choice kept', async () => {
    await open('#/s/2/decide');
    const selected = () => document.querySelector('[role=option][aria-selected=true]')?.id.replace('row-', '');
    const first = selected()!;
    vi.spyOn(fake, 'decide').mockRejectedValueOnce({ code: 'database', message: 'database is locked' });
    press('d');
    press('Enter');
    await settle();
    expect(selected(), 'back on the finding that was not saved').toBe(first);
    expect(document.body.textContent).toContain('database is locked');
    expect((document.querySelector('input[type=radio][value=defer]') as HTMLInputElement | null)?.checked ?? true).toBe(true);
  });

  it('Enter without a choice explains what to press', async () => {
    await open('#/s/2/decide');
    // Find an undecided row: the draft is empty there.
    for (let i = 0; i < 40 && !document.body.textContent?.includes('Choose a decision first'); i++) {
      press('Enter');
      await settle();
      if (!document.body.textContent?.includes('Choose a decision first')) press('j');
    }
    expect(document.body.textContent).toContain('Choose a decision first: i, d, f or w.');
  });

  it('? opens the shortcut sheet and Escape closes it; g h goes home', async () => {
    await open('#/s/2/decide');
    press('?');
    expect(document.querySelector('[role=dialog]')?.textContent).toContain('Keyboard shortcuts');
    press('Escape');
    expect(document.querySelector('[role=dialog]')).toBeNull();
    press('g');
    press('h');
    await settle();
    expect(router.route.view).toBe('home');
  });
});

describe('home', () => {
  it('a folder without Cargo.toml shows a clear error', async () => {
    const input = document.getElementById('ws-path') as HTMLInputElement;
    input.value = '/home/lead/Documents';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    (document.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector('[role=alert]')?.textContent).toContain('Not a Cargo workspace');
    expect(router.route.view).toBe('home');
  });
});

describe('report → decide', () => {
  it('"Decide this finding" opens Decide on that finding', async () => {
    await open('#/s/2/report?tab=findings');
    press('j');
    press('j');
    const id = document.querySelector('[role=option][aria-selected=true]')!.id.replace('row-', '');
    const link = [...document.querySelectorAll('a')].find((a) => /Decide this finding|Change decision/.test(a.textContent ?? ''))!;
    expect(link.getAttribute('href')).toBe(`#/s/2/decide?f=${id}`);
    await open(link.getAttribute('href')!);
    expect(document.querySelector('[role=option][aria-selected=true]')?.id).toBe(`row-${id}`);
  });
});

describe('settings', () => {
  it('the Coordinator can run on the LLM, which only adds to the built-in report', async () => {
    await open('#/settings');
    const llm = document.querySelector('input[name=coordinator_engine][value=llm]') as HTMLInputElement;
    expect(llm.checked, 'built-in by default').toBe(false);
    const fieldset = llm.closest('fieldset')!;
    expect(fieldset.textContent).not.toContain('stay built-in');
    llm.click();
    flushSync();
    expect(fieldset.textContent).toContain('Adds a summary and patterns; counts and ranking stay built-in');
    (document.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    await settle();
    expect((await fake.getSettings()).coordinator_engine).toBe('llm');
  });
});

describe('report overview: figures that mean what they say', () => {
  it('every headline figure is a number with its unit and basis, or a dash with the reason', async () => {
    await open('#/s/2/report?tab=overview');
    const tiles = [...document.querySelectorAll('.figures .figure')];
    expect(tiles.length).toBe(3);
    for (const t of tiles) {
      const value = t.querySelector('.value')!.textContent!.trim();
      const kind = t.querySelector('.kind')!.textContent!.trim();
      const unit = t.querySelector('.unit')!.textContent!.trim();
      const tip = t.querySelector('[role="tooltip"]')!.textContent!.trim();
      expect(unit, 'a unit or a reason').not.toBe('');
      expect(tip, 'a basis').not.toBe('');
      if (kind === 'not measured') expect(value).toBe('—');
      else expect(['estimate', 'measured']).toContain(kind);
      if (kind === 'estimate') expect(tip).toMatch(/not measured|Not a count over a run/i);
      // The basis is reachable from the keyboard.
      const why = t.querySelector('button.why')!;
      expect(why.getAttribute('aria-describedby')).toBe(t.querySelector('[role="tooltip"]')!.id);
    }
    expect(document.body.textContent).not.toContain('Hot-path reduction');
  });

  it('the first five quick wins carry location, validation, gain, effort and the edit or proposal', async () => {
    await open('#/s/2/report?tab=overview');
    const wins = [...document.querySelectorAll('.wins .win')];
    expect(wins.length).toBeGreaterThan(0);
    expect(wins.length).toBeLessThanOrEqual(5);
    for (const w of wins) {
      const text = w.textContent!;
      expect(w.querySelector('.at')!.textContent).toMatch(/\.rs:\d+/);
      expect(text).toContain('Validation');
      expect(text).toMatch(/Gain.*(estimate, not measured|measured|not estimated)/s);
      expect(text).toMatch(/effort (Low|Medium|High)/);
      expect(w.querySelector('.diff') ?? w.querySelector('.win-prop'), 'an edit or the proposal').not.toBeNull();
    }
  });
});
