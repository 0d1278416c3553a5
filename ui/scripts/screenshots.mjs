// Captures every screen in light and dark themes at 1400×900 into
// ui/screenshots/, and measures the 10,000-finding list (first render and
// scrolling). Serves dist/ on 127.0.0.1 and drives Debian's Chromium
// through playwright-core: no browser is downloaded.
import { createServer } from 'node:http';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(root, 'screenshots');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dist, rel === '/' ? 'index.html' : rel);
  if (!file.startsWith(dist)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
await mkdir(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const errors = [];
async function page(theme) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: theme, deviceScaleFactor: 1 });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => errors.push(`${theme}: ${e.message}`));
  p.on('console', (m) => m.type() === 'error' && errors.push(`${theme}: console: ${m.text()}`));
  return p;
}
const settle = (p, ms = 350) => p.waitForTimeout(ms);

/** A finding of the active session's latest round, as the fake serves the
 * core's generated data: one measured by a profile, the verified one, or
 * one decided "implement" that can be verified. */
async function findingWith(p, trait, query = '') {
  await p.goto(base + query + '#/');
  await p.waitForFunction(() => window.__memauditFake);
  return p.evaluate(async (trait) => {
    const f = window.__memauditFake;
    const s = await f.loadSession(2);
    const pages = await Promise.all(s.rounds[1].findings.map((r) => f.loadFinding(2, 2, r.id)));
    const want = {
      measured: (x) => x.measured && !x.verification,
      verified: (x) => x.verification,
      verifiable: (x) => x.record.decision?.kind === 'implement' && x.can_verify && x.measured && !x.verification,
    }[trait];
    return pages.find(want).record.finding.id;
  }, trait);
}

const shots = [
  ['01-home', async (p) => { await p.goto(base + '#/'); await p.waitForSelector('text=memory_audit_001'); }],
  ['02-home-not-a-workspace', async (p) => {
    await p.goto(base + '#/');
    await p.fill('#ws-path', '/home/lead/Documents');
    await p.click('button[type=submit]');
    await p.waitForSelector('[role=alert]');
  }],
  ['03-home-empty', async (p) => { await p.goto(base + '?empty=1#/'); await p.waitForSelector('text=No audits yet'); }],
  ['04-scope', async (p) => {
    await p.goto(base + '#/scope?path=/home/lead/src/ingest');
    await p.waitForSelector('text=ingest-worker');
    await p.click('button.link:has-text("walk.rs")');
  }],
  ['05-run-live', async (p) => {
    await p.goto(base + '#/scope?path=/home/lead/src/ingest');
    await p.waitForSelector('text=ingest-worker');
    await p.click('text=Start audit');
    await p.waitForSelector('text=Validator started', { timeout: 5000 });
    await settle(p, 300);
  }],
  ['05b-run-llm-streaming', async (p) => {
    // The LLM Validator and Coordinator (`?llm=1`) over a slow round, so the
    // Validator is caught streaming.
    await p.goto(base + '?llm=1&roundMs=20000#/scope?path=/home/lead/src/ingest');
    await p.waitForSelector('text=ingest-worker');
    await p.click('text=Start audit');
    await p.waitForSelector('text=/streaming… [0-9,]+ tokens/', { timeout: 20000 });
    await settle(p, 1500);
  }],
  ['06-run-finished', async (p) => {
    await p.goto(base + '#/scope?path=/home/lead/src/ingest');
    await p.waitForSelector('text=ingest-worker');
    await p.click('text=Start audit');
    await p.waitForSelector('text=awaiting your decisions', { timeout: 8000 });
  }],
  ['06b-run-llm-finished', async (p) => {
    await p.goto(base + '?llm=1#/scope?path=/home/lead/src/ingest');
    await p.waitForSelector('text=ingest-worker');
    await p.click('text=Start audit');
    await p.waitForSelector('text=awaiting your decisions', { timeout: 8000 });
  }],
  ['07-report-overview', async (p) => { await p.goto(base + '#/s/2/report'); await p.waitForSelector('.prose h2'); }],
  ['08-report-findings', async (p) => {
    await p.goto(base + '#/s/2/report?tab=findings');
    await p.waitForSelector('[role=option]');
    for (const k of ['j', 'j', 'j']) await p.keyboard.press(k);
  }],
  ['09-report-stale', async (p) => {
    await p.goto(base + '#/s/2/report?tab=findings');
    await p.waitForSelector('[role=option]');
    await p.evaluate(() => window.__memauditFake.emit({ type: 'FilesChanged', workspace: '/home/lead/src/ingest', files: ['crates/worker/src/pipeline.rs', 'crates/worker/src/batch.rs', 'crates/scan/src/walk.rs'], stale_findings: 7 }));
  }],
  ['10-decide', async (p) => {
    await p.goto(base + '#/s/2/decide');
    await p.waitForSelector('[role=option]');
    await p.keyboard.press('j');
    await p.keyboard.press('d');
    await p.keyboard.press('n');
    await p.keyboard.type('After the 2.0 release; measure first.');
  }],
  ['11-decide-round-panel', async (p) => {
    await p.goto(base + '#/s/2/decide');
    await p.waitForSelector('[role=option]');
    await p.click('text=Finish round…');
    await p.waitForSelector('[role=dialog]');
  }],
  ['12-shortcuts', async (p) => {
    await p.goto(base + '#/s/2/decide');
    await p.waitForSelector('[role=option]');
    await p.keyboard.press('?');
    await p.waitForSelector('text=Keyboard shortcuts');
  }],
  ['13-settings', async (p) => { await p.goto(base + '#/settings'); await p.waitForSelector('#model'); }],
  ['14-export', async (p) => {
    await p.goto(base + '#/s/2/export');
    await p.waitForSelector('text=SARIF 2.1.0');
    await p.click('text=Export…');
    await p.waitForSelector('text=Exported to');
  }],
  ['15-old-session-report', async (p) => { await p.goto(base + '#/s/1/report?tab=findings'); await p.waitForSelector('[role=option]'); }],
  ['18-profile', async (p) => { await p.goto(base + '#/s/2/profile'); await p.waitForSelector('text=Allocation sites'); }],
  ['19-profile-crate-filter', async (p) => { await p.goto(base + '#/s/2/profile?crate=ingest-scan'); await p.waitForSelector('text=Allocation sites'); }],
  ['20-profile-empty', async (p) => { await p.goto(base + '#/s/1/profile'); await p.waitForSelector('text=No heap profile yet'); }],
  ['21a-profile-run-form', async (p) => {
    await p.goto(base + '#/s/2/profile');
    await p.waitForSelector('text=Allocation sites');
    await p.click('button:has-text("Run profile…")');
    await p.waitForSelector('#rp-package');
    await p.click('label:has-text("Bench")');
    await p.fill('#rp-package', 'ingest-worker');
    await p.fill('#rp-name', 'throughput');
    await p.fill('#rp-extra', '--rows 100000 "data dir"');
  }],
  ['21-profile-run-confirm', async (p) => {
    await p.goto(base + '#/s/2/profile');
    await p.waitForSelector('text=Allocation sites');
    await p.click('button:has-text("Run profile…")');
    await p.waitForSelector('#rp-package');
    await p.click('button:has-text("Continue…")');
    await p.waitForSelector('[data-testid=run-notice]');
  }],
  ['22-profile-running', async (p) => {
    await p.goto(base + '?profileMs=600000#/s/2/profile');
    await p.waitForSelector('text=Allocation sites');
    await p.click('button:has-text("Run profile…")');
    await p.click('button:has-text("Continue…")');
    await p.click('button:has-text("Run profile"):not(:has-text("…"))');
    await p.waitForSelector('text=Profiling: building');
    await settle(p, 2200);
  }],
  ['23-profile-valgrind-missing', async (p) => {
    await p.goto(base + '?valgrind=0#/s/2/profile');
    await p.waitForSelector('text=Allocation sites');
    await p.click('button:has-text("Run profile…")');
    await p.click('button:has-text("Continue…")');
    await p.click('button:has-text("Run profile"):not(:has-text("…"))');
    await p.waitForSelector('[role=alert]');
  }],
  ['24-finding-measured', async (p) => {
    const id = await findingWith(p, 'measured');
    await p.goto(base + `#/s/2/report?tab=findings&f=${id}`);
    await p.waitForSelector('text=in this workload');
  }],
  ['25-finding-verified', async (p) => {
    const id = await findingWith(p, 'verified');
    await p.goto(base + `#/s/2/report?tab=findings&f=${id}`);
    await p.waitForSelector('[aria-label=Verification]');
  }],
  ['26-verify-confirm', async (p) => {
    const id = await findingWith(p, 'verifiable');
    await p.goto(base + `#/s/2/decide?f=${id}`);
    await p.click('button:has-text("Verify fix…")');
    await p.waitForSelector('[data-testid=run-notice]');
  }],
  ['27-verify-running', async (p) => {
    const id = await findingWith(p, 'verifiable', '?profileMs=600000');
    await p.goto(base + `?profileMs=600000#/s/2/report?tab=findings&f=${id}`);
    await p.click('button:has-text("Verify fix…")');
    await p.click('button:has-text("Run and verify")');
    await p.waitForSelector(`text=Verifying ${id}`);
    await settle(p, 1200);
  }],
  ['28-finding-loading', async (p) => {
    await p.goto(base + '?pageLatency=8000#/s/2/report?tab=findings');
    await p.waitForSelector('text=Loading F-');
  }],
  ['17-loading', async (p) => { await p.goto(base + '?latency=5000#/s/2/decide'); await p.waitForSelector('[role=status]'); }],
  ['16-10k-findings', async (p) => { await p.goto(base + '?findings=10000#/s/2/decide'); await p.waitForSelector('[role=option]'); }],
];

const only = process.argv[2];
for (const theme of ['light', 'dark']) {
  const p = await page(theme);
  for (const [name, act] of shots) {
    if (only && !name.includes(only)) continue;
    try {
      await p.goto('about:blank');
      await act(p);
      await settle(p);
      await p.screenshot({ path: join(out, `${name}-${theme}.png`) });
    } catch (e) {
      errors.push(`${name}-${theme}: ${e.message.split('\n')[0]}`);
    }
  }
  await p.context().close();
}

// Performance of the 10,000-finding list.
const perf = {};
{
  const p = await page('light');
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await p.goto('about:blank');
    const t0 = Date.now();
    await p.goto(base + `?latency=0&findings=10000#/s/2/report?tab=findings`);
    await p.waitForSelector('[data-testid=findings-viewport] [role=option]');
    runs.push({ wall: Date.now() - t0, sincenav: await p.evaluate(() => Math.round(performance.now())) });
  }
  perf.firstRenderMs = runs;
  // Render only: the session is loaded (Overview shown), then the Findings
  // tab builds the filtered, sorted list and its first rows.
  await p.goto(base + `?latency=0&findings=10000#/s/2/report`);
  await p.waitForSelector('.prose h2');
  perf.tabSwitchToListMs = await p.evaluate(async () => {
    const t0 = performance.now();
    location.hash = '#/s/2/report?tab=findings';
    while (!document.querySelector('[data-testid=findings-viewport] [role=option]')) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => requestAnimationFrame(() => r()));
    return Math.round(performance.now() - t0);
  });
  // Sorting 10,000 rows by another column.
  perf.sortMs = await p.evaluate(async () => {
    const btn = document.querySelector('button.th.c-category');
    const t0 = performance.now();
    btn.click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    return Math.round(performance.now() - t0);
  });
  perf.rowsInDom = await p.evaluate(() => document.querySelectorAll('[role=option]').length);
  perf.scroll = await p.evaluate(async () => {
    const vp = document.querySelector('[data-testid=findings-viewport]');
    const frames = [];
    let last = performance.now();
    const total = vp.scrollHeight - vp.clientHeight;
    const steps = 300;
    for (let i = 1; i <= steps; i++) {
      vp.scrollTop = (total * i) / steps;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    const sum = frames.reduce((a, b) => a + b, 0);
    return {
      steps,
      pxPerStep: Math.round(total / steps),
      meanFrameMs: +(sum / frames.length).toFixed(2),
      p95FrameMs: +frames[Math.floor(frames.length * 0.95)].toFixed(2),
      maxFrameMs: +frames[frames.length - 1].toFixed(2),
      rowsInDomAtEnd: document.querySelectorAll('[role=option]').length,
      lastRow: document.querySelector('[role=option]:last-child')?.id,
    };
  });
  // Keyboard: 200 × j through the list.
  perf.keyboard = await p.evaluate(async () => {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return { presses: 200, meanMsPerPress: +((performance.now() - t0) / 200).toFixed(2) };
  });
  // Filtering 10,000 rows by text.
  perf.filter = await p.evaluate(async () => {
    const input = document.querySelector('input[type=search]');
    const t0 = performance.now();
    input.value = 'walk.rs';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    return { ms: Math.round(performance.now() - t0), shown: document.querySelector('[role=listbox]').getAttribute('aria-label') };
  });
  await p.context().close();
}
await writeFile(join(out, 'perf.json'), JSON.stringify(perf, null, 2));
console.log(JSON.stringify(perf, null, 2));

await browser.close();
server.close();
if (errors.length) {
  console.error('Problems:\n' + errors.join('\n'));
  process.exitCode = 1;
}
console.log(`screenshots in ${out}`);
