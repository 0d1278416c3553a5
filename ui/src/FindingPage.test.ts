// The finding page and the profile screen against the fake backend, mounted
// in the whole App: pages fetched per selection (stale answers dropped, no
// skeleton for fast answers), measured and verified figures, the verify and
// run-profile confirms (nothing runs before the second click), the profile
// view's crate filter.
import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { FindingPage } from './lib/bindings/types';
import { setBackend } from './lib/backend';
import { createFakeBackend, type FakeOptions } from './lib/backend/fake';
import { SKELETON_DELAY_MS } from './lib/logic/pages';
import { router } from './lib/router.svelte';

type Fake = ReturnType<typeof createFakeBackend>;
let app: Record<string, unknown> | null = null;

async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await tick();
  }
}

async function start(fake: Fake, hash: string) {
  setBackend(fake);
  document.body.innerHTML = '<div id="app"></div>';
  router.go('#/', true);
  app = mount(App, { target: document.getElementById('app')! });
  await settle();
  router.go(hash, true);
  flushSync();
  await settle();
}

/** A key press where the user's focus is (the window when nothing has focus). */
function press(key: string) {
  const target = document.activeElement && document.activeElement !== document.body ? document.activeElement : window;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  flushSync();
}

const text = (sel = 'body') => document.querySelector(sel)?.textContent ?? '';
const selected = () => document.querySelector('[role=option][aria-selected=true]')?.id.replace('row-', '');
const button = (label: string | RegExp) =>
  [...document.querySelectorAll('button')].find((b) => (typeof label === 'string' ? b.textContent?.trim() === label : label.test(b.textContent ?? ''))) as
    | HTMLButtonElement
    | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

/** Text as the page shows it: backticks become inline code. */
const shown = (s: string) => s.replaceAll('`', '');
const n = (x: number) => x.toLocaleString('en-US');

/** The pages of the active session's latest round (the core's findings, the fake's profiles). */
async function pagesOf(fake: Fake): Promise<FindingPage[]> {
  const s = await fake.loadSession(2);
  return Promise.all(s.rounds[1].findings.map((f) => fake.loadFinding(2, 2, f.id)));
}

/** A finding the UI offers to verify: decided implement, measured by a run profile, not verified yet. */
async function verifiable(fake: Fake): Promise<string> {
  const page = (await pagesOf(fake)).find((p) => p.record.decision?.kind === 'implement' && p.can_verify && !p.verification && p.measured);
  if (!page) throw new Error('the fixtures have no finding to verify');
  return page.record.finding.id;
}

/** A fake whose loadFinding answers only when the test says so. */
function heldPages(opts: FakeOptions = {}) {
  const fake = createFakeBackend(opts);
  const held: { id: string; release: () => Promise<void> }[] = [];
  const real = fake.loadFinding.bind(fake);
  fake.loadFinding = (sid, round, id) =>
    new Promise<FindingPage>((resolve, reject) => {
      held.push({ id, release: () => real(sid, round, id).then(resolve, reject).then(settle) });
    });
  return { fake, held };
}

describe('finding page loading', () => {
  it('moves the selection at once and drops the answer for a finding no longer selected', async () => {
    const { fake, held } = heldPages();
    await start(fake, '#/s/2/report?tab=findings');
    const first = selected()!;
    await held.find((h) => h.id === first)!.release();
    expect(text('article'), 'the first page is shown').toContain('Proposed change');
    const firstIssue = document.querySelector('article section p')?.textContent;

    press('j');
    const second = selected()!;
    press('j');
    const third = selected()!;
    expect([first, second, third], 'two moves without waiting for any page').toHaveLength(new Set([first, second, third]).size);
    expect(document.querySelector('article')?.getAttribute('aria-label')).toBe(`Finding ${third}`);
    expect(document.querySelector('article .body.previous'), 'the previous page stays, dimmed').not.toBeNull();
    expect(text('article'), 'no skeleton for an answer that may come fast').not.toContain(`Loading ${third}`);

    // The answers arrive out of order: the third first, then the second.
    await held.find((h) => h.id === third)!.release();
    const thirdPage = await createFakeBackend().loadFinding(2, 2, third);
    expect(document.querySelector('article .body.previous')).toBeNull();
    expect(document.querySelector('article section p')?.textContent).toBe(shown(thirdPage.record.finding.issue));
    await held.find((h) => h.id === second)?.release();
    expect(document.querySelector('article')?.getAttribute('aria-label'), 'the late answer changed nothing').toBe(`Finding ${third}`);
    expect(document.querySelector('article section p')?.textContent).toBe(shown(thirdPage.record.finding.issue));
    expect(firstIssue).toBeTruthy();
  });

  it('shows the skeleton only when the answer is slow, and an error with Retry when it fails', async () => {
    const { fake, held } = heldPages();
    await start(fake, '#/s/2/report?tab=findings');
    expect(text('article')).not.toContain('Loading');
    await new Promise((r) => setTimeout(r, SKELETON_DELAY_MS + 60));
    flushSync();
    expect(text('article'), 'slow: the skeleton shows').toContain(`Loading ${selected()}`);
    // Fail the request: the error box offers Retry, which asks again.
    const failing = held.length;
    fake.loadFinding = vi.fn(async () => {
      throw { code: 'database', message: 'disk I/O error' };
    });
    press('j');
    await settle();
    expect(document.querySelector('article [role=alert]')?.textContent).toContain('disk I/O error');
    expect(held.length).toBe(failing);
    button('Retry')!.click();
    await settle();
    expect(fake.loadFinding, 'Retry asked again').toHaveBeenCalledTimes(2);
  });

  it('fetches the neighbours ahead, so the next j is served from the cache', async () => {
    const fake = createFakeBackend();
    const spy = vi.spyOn(fake, 'loadFinding');
    await start(fake, '#/s/2/report?tab=findings');
    const asked = new Set(spy.mock.calls.map((c) => c[2]));
    const rows = [...document.querySelectorAll('[role=option]')].map((r) => r.id.replace('row-', ''));
    expect(asked.has(rows[1]), 'the next row was fetched ahead').toBe(true);
    const calls = spy.mock.calls.length;
    press('j');
    expect(document.querySelector('article .body.previous'), 'no dimmed wait: the page was cached').toBeNull();
    expect(text('article')).toContain('Proposed change');
    await settle();
    expect(spy.mock.calls.slice(calls).map((c) => c[2]), 'only prefetches after the move').not.toContain(rows[1]);
  });

  it('a decision drops the cached page of that finding', async () => {
    const fake = createFakeBackend();
    const spy = vi.spyOn(fake, 'loadFinding');
    await start(fake, '#/s/2/decide');
    const id = selected()!;
    const before = spy.mock.calls.filter((c) => c[2] === id).length;
    press('w');
    press('Enter');
    await settle();
    press('k');
    await settle();
    expect(selected()).toBe(id);
    expect(spy.mock.calls.filter((c) => c[2] === id).length, 'the decided page was fetched again').toBe(before + 1);
  });
});

describe('measured and verified figures', () => {
  it('a measured finding shows the measurement next to the estimate', async () => {
    const fake = createFakeBackend();
    const page = (await pagesOf(fake)).find((p) => p.measured && p.record.finding.impact.allocations_avoided != null)!;
    const { impact: est } = page.record.finding;
    const m = page.measured!;
    await start(fake, `#/s/2/report?tab=findings&f=${page.record.finding.id}`);
    const impact = text('[aria-label=Impact]');
    expect(impact).toMatch(new RegExp(`Estimated\\s*${n(est.allocations_avoided!)} allocations? avoided`));
    expect(impact).toContain(`per ${shown(est.unit)}`);
    expect(impact).toMatch(new RegExp(`Measured\\s*${n(m.allocations)} allocations?, [\\d.]+ (B|KiB|MiB) in this workload`));
    expect(document.querySelector(`[aria-label=Impact] a[href="#/s/2/profile?p=${m.profile_id}"]`), 'links to the profile').not.toBeNull();
  });

  it('a verified fix shows before → after for its lines and the whole run, coloured by outcome', async () => {
    const fake = createFakeBackend();
    const page = (await pagesOf(fake)).find((p) => p.verification)!;
    const ver = page.verification!.verification;
    await start(fake, `#/s/2/report?tab=findings&f=${page.record.finding.id}`);
    const v = document.querySelector('[aria-label=Verification]')!;
    expect(v.querySelector('.outcome.o-verified')?.textContent).toBe('Verified');
    const rows = [...v.querySelectorAll('tbody tr')].map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toMatch(new RegExp(`^This finding's lines\\s*${n(ver.before.allocations)} → 1\\s*−99\\.9%`));
    expect(rows[1]).toMatch(new RegExp(`^Whole run\\s*${n(ver.whole_run_before.allocations)} → ${n(ver.whole_run_after.allocations)}\\s*−\\d+%`));
    expect(button('Verify again…'), 'implement + a run profile: verify again').toBeTruthy();
  });

  it('a finding not measured says so; no Verify without the implement decision', async () => {
    const fake = createFakeBackend();
    const s = await fake.loadSession(2);
    const pages = await Promise.all(s.rounds[1].findings.map((f) => fake.loadFinding(2, 2, f.id)));
    const plain = pages.find((p) => !p.measured && p.record.decision?.kind !== 'implement')!;
    await start(fake, `#/s/2/report?tab=findings&f=${plain.record.finding.id}`);
    expect(text('[aria-label=Impact]')).toContain('Not measured');
    expect(button(/Verify/)).toBeUndefined();
  });
});

describe('verify fix', () => {
  it('shows the notice and runs nothing until confirmed; then shows the result', async () => {
    const fake = createFakeBackend({ profileMs: 0 });
    const verify = vi.spyOn(fake, 'verifyFinding');
    const id = await verifiable(fake);
    await start(fake, `#/s/2/report?tab=findings&f=${id}`);
    button('Verify fix…')!.click();
    await settle();
    const dialog = document.querySelector('[role=dialog]')!;
    expect(dialog.textContent).toContain(`Verify the fix of ${id}?`);
    expect(text('[data-testid=run-notice]')).toBe(
      "memaudit profile runs `cargo test -p ingest-worker --lib` from /home/lead/src/ingest (the workspace's own code) under valgrind",
    );
    press('j');
    expect(selected(), 'keys typed in the dialog do not move the list').toBe(id);
    button('Cancel')!.click();
    await settle();
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(verify).not.toHaveBeenCalled();

    button('Verify fix…')!.click();
    await settle();
    button('Run and verify')!.click();
    await settle();
    expect(verify).toHaveBeenCalledWith(2, id);
    await settle();
    expect(document.querySelector('[aria-label=Verification] .outcome')?.textContent).toBe('Verified');
    expect(text('[aria-label=Impact]')).toContain('Verification stored');
  });

  it('a running verification can be cancelled; nothing is stored and it says so', async () => {
    const fake = createFakeBackend({ profileMs: 60_000 });
    const cancel = vi.spyOn(fake, 'cancelProfile');
    const id = await verifiable(fake);
    await start(fake, `#/s/2/report?tab=findings&f=${id}`);
    button('Verify fix…')!.click();
    await settle();
    button('Run and verify')!.click();
    await settle();
    expect(text('[aria-label=Impact]')).toContain(`Verifying ${id}`);
    button('Cancel')!.click();
    await settle();
    expect(cancel).toHaveBeenCalledWith(2);
    await vi.waitFor(() => expect(text('[aria-label=Impact] [role=alert]')).toContain('Verification cancelled'), { timeout: 2000 });
    expect(text('[aria-label=Impact] [role=alert]')).toContain('nothing was stored');
    expect((await fake.loadFinding(2, 2, id)).verification, 'no verification stored').toBeNull();
  });

  it('a missing valgrind shows the install hint', async () => {
    const fake = createFakeBackend({ profileMs: 0, valgrind: false });
    await start(fake, `#/s/2/report?tab=findings&f=${await verifiable(fake)}`);
    button('Verify fix…')!.click();
    await settle();
    button('Run and verify')!.click();
    await settle();
    const alert = text('[aria-label=Impact] [role=alert]');
    expect(alert).toContain('Could not build or run the target');
    expect(alert).toContain('apt-get install valgrind');
  });
});

describe('profile view', () => {
  it('filters chart and table by crate through the URL', async () => {
    const fake = createFakeBackend();
    const newest = (await fake.profileView(2, null)).profiles[0];
    await start(fake, '#/s/2/profile');
    expect(text('.stats')).toContain(n(newest.total_blocks));
    const chip = [...document.querySelectorAll('[aria-label="Filter sites by crate"] button')].find((b) => b.textContent?.startsWith('ingest-scan'))!;
    (chip as HTMLButtonElement).click();
    await settle();
    expect(router.route.params.get('crate')).toBe('ingest-scan');
    const crates = new Set([...document.querySelectorAll('.sites tbody tr td:nth-child(3)')].map((td) => td.textContent));
    expect(crates).toEqual(new Set(['ingest-scan']));
    const bars = document.querySelectorAll('figure svg text.label');
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.length).toBeLessThanOrEqual(15);
    expect([...bars].every((b) => /^(watch|walk)\.rs:\d+/.test(b.textContent ?? '')), 'the chart follows the filter').toBe(true);
  });

  it('site links open the finding in the report', async () => {
    await start(createFakeBackend(), '#/s/2/profile');
    const link = document.querySelector('.sites tbody a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(`#/s/2/report?round=2&tab=findings&f=${link.textContent}`);
  });

  it('Run profile shows the notice and asks before anything runs', async () => {
    const fake = createFakeBackend({ profileMs: 0 });
    const run = vi.spyOn(fake, 'profileSession');
    await start(fake, '#/s/2/profile');
    button('Run profile…')!.click();
    await settle();
    const pkg = document.getElementById('rp-package') as HTMLInputElement;
    expect(pkg.value, 'starts from the last run target').toBe('ingest-worker');
    button('Continue…')!.click();
    await settle();
    expect(text('[data-testid=run-notice]')).toContain('`cargo test -p ingest-worker --lib` from /home/lead/src/ingest');
    expect(run).not.toHaveBeenCalled();
    button('Run profile')!.click();
    await settle();
    await settle();
    expect(run).toHaveBeenCalledWith(2, { kind: 'test', package: 'ingest-worker', test_name: null, filter: null });
    expect(text('.banner.ok')).toContain('Profile #4 stored');
    expect(text('.plist')).toContain('#4');
  });

  it('a session without profiles explains both ways to get one', async () => {
    await start(createFakeBackend(), '#/s/1/profile');
    expect(text()).toContain('No heap profile yet');
    expect(text()).toContain('memaudit profile memory_audit_001 --test PKG');
    expect(text()).toContain('--import FILE');
  });

  it('Import profile reads the picked file and selects the new profile', async () => {
    const fake = createFakeBackend();
    const imp = vi.spyOn(fake, 'importProfile');
    await start(fake, '#/s/1/profile');
    button('Import profile…')!.click();
    await settle();
    await settle();
    expect(imp).toHaveBeenCalledWith(1, '/home/lead/src/ingest/dhat-heap.json');
    expect(text('.plist')).toContain('imported /home/lead/src/ingest/dhat-heap.json');
  });

  it('g p opens the profile view', async () => {
    await start(createFakeBackend(), '#/s/2/report');
    press('g');
    press('p');
    await settle();
    expect(router.route.view).toBe('profile');
  });
});
