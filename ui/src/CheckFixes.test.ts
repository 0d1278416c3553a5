// "Check fixes" and "Apply fix" against the fake backend, mounted in the
// whole App: nothing is built before the confirm, progress and Cancel while
// the check runs, the verdicts it changed; on a finding's page the edit's
// diff, the check result, Apply (refused with the core's reason when not
// allowed) and Undo, and "not checked" for a design change.
import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { setBackend } from './lib/backend';
import { createFakeBackend } from './lib/backend/fake';
import { fixtureEdit } from './lib/backend/checkFixtures';
import { router } from './lib/router.svelte';

type Fake = ReturnType<typeof createFakeBackend>;
let app: Record<string, unknown> | null = null;

async function settle(n = 8) {
  for (let i = 0; i < n; i++) {
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

const text = (sel = 'body') => document.querySelector(sel)?.textContent ?? '';
const button = (label: string | RegExp) =>
  [...document.querySelectorAll('button')].find((b) => (typeof label === 'string' ? b.textContent?.trim() === label : label.test(b.textContent ?? ''))) as
    | HTMLButtonElement
    | undefined;

async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out; page says: ${text().slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 20));
    flushSync();
  }
  await settle();
}

afterEach(() => {
  if (app) unmount(app);
  app = null;
});

/** The latest round's findings of the fake's active session. */
async function latest(fake: Fake) {
  const overview = await fake.loadSession(2);
  const round = overview.rounds[overview.rounds.length - 1];
  const pages = await Promise.all(round.findings.map((r) => fake.loadFinding(2, round.number, r.id)));
  return { round: round.number, records: pages.map((p) => p.record) };
}

describe('check fixes', () => {
  it('asks first, shows progress, and reports the verdicts the compiler changed', async () => {
    const fake = createFakeBackend({ latencyMs: 0, checkMs: 300 });
    const check = vi.spyOn(fake, 'checkFixes');
    await start(fake, '#/s/2/report');
    button('Check fixes…')!.click();
    await settle();
    expect(text('[role=dialog]')).toContain('build scripts and proc macros run');
    expect(text('[role=dialog]'), 'the tests are part of the notice when chosen').toContain('cargo test');
    expect(check, 'nothing is built before the confirm').not.toHaveBeenCalled();
    button('Build and check')!.click();
    await settle(2);
    expect(text('[role=dialog]')).toContain('Checking fixes');
    expect(document.querySelector('[role=progressbar]')).not.toBeNull();
    await until(() => text('[role=dialog]').includes('Fixes checked'));
    expect(check).toHaveBeenCalledWith(2, { findings: [], tests: true, offline: false });
    expect(text('[role=dialog]')).toMatch(/\d+ compile, \d+ do not/);
    expect(text('[role=dialog]'), 'a failing edit rejects its finding').toContain('→ REJECTED');
  });

  it('cancels a running check', async () => {
    const fake = createFakeBackend({ latencyMs: 0, checkMs: 5000 });
    await start(fake, '#/s/2/report');
    button('Check fixes…')!.click();
    await settle();
    button('Build and check')!.click();
    await settle(4);
    button('Cancel')!.click();
    await until(() => text('[role=dialog]').includes('was cancelled'));
    expect(button('Build and check'), 'back to the question, nothing stored').toBeDefined();
  });
});

describe('apply fix', () => {
  it('shows the diff and result, applies, refuses a second apply, and undoes', async () => {
    const fake = createFakeBackend({ latencyMs: 0, checkMs: 30 });
    const { records } = await latest(fake);
    // Undecided: an applied fix leads to Verify, an undone one (undecided) does not.
    const good = records.find((r) => fixtureEdit(r.finding) && Number(r.finding.id.slice(2)) % 5 !== 0 && r.validation?.verdict !== 'REJECTED' && !r.decision)!;
    const bad = records.find((r) => fixtureEdit(r.finding) && Number(r.finding.id.slice(2)) % 5 === 0 && r.validation?.verdict !== 'REJECTED')!;
    const design = records.find((r) => !fixtureEdit(r.finding))!;
    await fake.checkFixes(2, { findings: [], tests: true, offline: false });

    await start(fake, `#/s/2/report?tab=findings&f=${good.finding.id}`);
    await until(() => text('article').includes('Checked fix') && !text('article').includes('Loading the edit'));
    const panel = () => text('[aria-label="Checked fix"]');
    expect(panel()).toContain('compiles');
    expect(panel()).toContain('212 tests');
    expect(document.querySelector('[aria-label="The edit as a diff"]'), 'the edit as a unified diff').not.toBeNull();
    const apply = vi.spyOn(fake, 'applyFix');
    button('Apply fix')!.click();
    await until(() => panel().includes('Applied to'));
    expect(apply).toHaveBeenCalledWith(2, good.finding.id);
    expect(panel(), 'the next step is the existing Verify fix').toContain('Verify fix');
    expect(button('Apply fix'), 'applied: only Undo is offered').toBeUndefined();
    await until(() => button('Verify fix…') !== undefined);
    expect(button('Verify fix…'), 'an applied fix leads to Verify without a decision first').toBeDefined();
    button('Undo fix')!.click();
    await until(() => panel().includes('Undone'));
    expect(button('Apply fix')!.disabled, 'undone: it can be applied again').toBe(false);
    expect(button('Verify fix…'), 'undone and undecided: nothing to verify').toBeUndefined();

    unmount(app!);
    await start(fake, `#/s/2/report?tab=findings&f=${bad.finding.id}`);
    await until(() => panel().includes('does not compile'));
    expect(panel()).toContain('E0597');
    expect(button('Apply fix')!.disabled, 'an edit that does not compile is not applied').toBe(true);
    expect(panel(), 'the refusal says why').toContain('does not compile, so it is not applied');

    unmount(app!);
    await start(fake, `#/s/2/report?tab=findings&f=${design.finding.id}`);
    await until(() => panel().includes('not checked'));
    expect(panel()).toContain('design change');
    expect(button('Apply fix')).toBeUndefined();
  });
});
