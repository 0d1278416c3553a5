// Heap profiles for the screens: the cargo command a target runs (the
// same words as the core's `describe_target`), the run form → Target,
// the profile view's crate filter and chart bars, the target a
// verification re-runs, and the sentences for measured and estimated
// impact. Pure, tested directly.

import type { Impact, MeasuredImpact, Outcome, ProfileListing, RunTotals, SiteRow, SiteTotals, Target } from '../bindings/types';
import type { Bar } from './chart';
import { formatBytes } from './labels';

const n = (x: number) => x.toLocaleString('en-US');

/** `cargo test -p PKG --lib`, as the core's `describe_target` words it. */
export function describeTarget(t: Target): string {
  const words = ['cargo'];
  switch (t.kind) {
    case 'test':
      words.push('test', '-p', t.package);
      if (t.test_name) words.push('--test', t.test_name);
      else words.push('--lib');
      if (t.filter) words.push('--', t.filter);
      break;
    case 'bench':
      words.push('bench');
      if (t.package) words.push('-p', t.package);
      words.push('--bench', t.name);
      if (t.args.length) words.push('--', ...t.args);
      break;
    case 'bin':
      words.push('run', '--release');
      if (t.package) words.push('-p', t.package);
      words.push('--bin', t.name);
      if (t.args.length) words.push('--', ...t.args);
      break;
  }
  return words.join(' ');
}

/** The core's `run_notice`: what runs, from where. */
export function runNotice(t: Target, workspace: string): string {
  return `memaudit profile runs \`${describeTarget(t)}\` from ${workspace} (the workspace's own code) under valgrind`;
}

/** Splits an argument line like a shell would for plain words and quotes. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

export type TargetKind = Target['kind'];

/** The Run profile form as typed. */
export interface TargetForm {
  kind: TargetKind;
  package: string;
  /** Test: the integration test target (empty: the library's unit tests). Bench/bin: the target name. */
  name: string;
  /** Test: the harness filter. Bench/bin: the arguments, split like a shell. */
  extra: string;
}

export const EMPTY_TARGET_FORM: TargetForm = { kind: 'test', package: '', name: '', extra: '' };

/** The form as a Target, or what is missing. */
export function buildTarget(f: TargetForm): { target: Target } | { error: string } {
  const pkg = f.package.trim();
  const name = f.name.trim();
  const extra = f.extra.trim();
  if (/\s/.test(pkg)) return { error: 'A package name has no spaces.' };
  if (/\s/.test(name)) return { error: 'A target name has no spaces.' };
  if (f.kind === 'test') {
    if (!pkg) return { error: 'Name the package whose tests to run.' };
    return { target: { kind: 'test', package: pkg, test_name: name || null, filter: extra || null } };
  }
  if (!name) return { error: f.kind === 'bench' ? 'Name the bench target to run.' : 'Name the binary to run.' };
  return { target: { kind: f.kind, package: pkg || null, name, args: splitArgs(extra) } };
}

/** The form filled in from a stored target (Run again). */
export function formOf(t: Target): TargetForm {
  if (t.kind === 'test') return { kind: 'test', package: t.package, name: t.test_name ?? '', extra: t.filter ?? '' };
  const quoted = t.args.map((a) => (a === '' || /[\s"']/.test(a) ? (a.includes('"') ? `'${a}'` : `"${a}"`) : a));
  return { kind: t.kind, package: t.package ?? '', name: t.name, extra: quoted.join(' ') };
}

/** Label of the crate column and filter for sites the scope does not list. */
export const NO_CRATE = 'outside the scope';

export const crateOf = (s: SiteRow): string => s.crate || NO_CRATE;

export interface CrateShare {
  crate: string;
  sites: number;
  bytes: number;
}

/** Crates of the listed sites, heaviest first, with their site count and bytes. */
export function crateShares(sites: SiteRow[]): CrateShare[] {
  const m = new Map<string, CrateShare>();
  for (const s of sites) {
    const c = crateOf(s);
    const e = m.get(c) ?? { crate: c, sites: 0, bytes: 0 };
    e.sites++;
    e.bytes += s.total_bytes;
    m.set(c, e);
  }
  return [...m.values()].sort((a, b) => b.bytes - a.bytes || a.crate.localeCompare(b.crate));
}

/** Sites in any of `crates` (empty: all). Keeps the order. */
export function filterSites(sites: SiteRow[], crates: string[]): SiteRow[] {
  if (crates.length === 0) return sites;
  return sites.filter((s) => crates.includes(crateOf(s)));
}

const base = (path: string) => path.split('/').pop() ?? path;

/** Short, unique labels for sites: `file.rs:12`, widened to `dir/file.rs:12`
 * (and further) where two sites would read the same. */
export function siteLabels(sites: SiteRow[]): string[] {
  const parts = sites.map((s) => s.file.split('/'));
  const depth = sites.map(() => 1);
  const label = (i: number) => `${parts[i].slice(-depth[i]).join('/')}:${sites[i].line}`;
  for (let round = 0; round < 8; round++) {
    const seen = new Map<string, number[]>();
    sites.forEach((_, i) => {
      const l = label(i);
      seen.set(l, [...(seen.get(l) ?? []), i]);
    });
    let widened = false;
    for (const idx of seen.values()) {
      if (idx.length < 2) continue;
      for (const i of idx) {
        if (depth[i] < parts[i].length) {
          depth[i]++;
          widened = true;
        }
      }
    }
    if (!widened) break;
  }
  return sites.map((_, i) => label(i));
}

/** Bar chart series: bytes of sites a finding covers, and of sites none does. */
export const SITE_SERIES = [
  { key: 'finding', label: 'Covered by a finding', color: 'var(--accent)' },
  { key: 'none', label: 'No finding', color: 'var(--fg-subtle)' },
];

/** The binary unit the chart's axis counts in, chosen so the heaviest bar
 * reads as a number of at least 1 (axis ticks then fall on round numbers). */
export function byteUnit(max: number): { unit: string; size: number } {
  if (max >= 1024 ** 3) return { unit: 'GiB', size: 1024 ** 3 };
  if (max >= 1024 ** 2) return { unit: 'MiB', size: 1024 ** 2 };
  if (max >= 1024) return { unit: 'KiB', size: 1024 };
  return { unit: 'bytes', size: 1 };
}

/** The chart's bars: the `limit` heaviest sites by bytes, in `unit`
 * (one decimal). Labels are unique (BarChart keys its bars by label). */
export function siteBars(sites: SiteRow[], limit = 15): { bars: Bar[]; unit: string } {
  const top = [...sites].sort((a, b) => b.total_bytes - a.total_bytes).slice(0, limit);
  const { unit, size } = byteUnit(top[0]?.total_bytes ?? 0);
  const labels = siteLabels(top);
  const bars = top.map((s, i) => ({
    label: labels[i],
    values: { [s.finding_id ? 'finding' : 'none']: Math.round((s.total_bytes / size) * 10) / 10 },
  }));
  return { bars, unit };
}

export type SiteSortKey = 'total_blocks' | 'total_bytes' | 'max_live_bytes' | 'location';

export function sortSites(sites: SiteRow[], key: SiteSortKey, dir: 'asc' | 'desc' = 'desc'): SiteRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: SiteRow, b: SiteRow) =>
    key === 'location' ? a.file.localeCompare(b.file) || a.line - b.line : a[key] - b[key];
  return [...sites].sort((a, b) => sign * cmp(a, b) || b.total_bytes - a.total_bytes || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Share of the run's allocations no workspace line explains, in percent. */
export function unattributedShare(p: ProfileListing): { blocks: number; bytes: number } {
  const pct = (part: number, all: number) => (all > 0 ? (part / all) * 100 : 0);
  return { blocks: pct(p.unattributed_blocks, p.total_blocks), bytes: pct(p.unattributed_bytes, p.total_bytes) };
}

export function percent(x: number): string {
  if (x === 0) return '0%';
  if (x < 0.1) return '<0.1%';
  return `${x < 10 ? x.toFixed(1) : Math.round(x)}%`;
}

/** The target `verify_finding` re-runs, as the core chooses it: the
 * profile that measured the finding, else the newest profile. An imported
 * profile cannot be re-run. */
export function verifyTarget(
  profiles: ProfileListing[],
  measuredBy: number | null,
): { target: Target; profile: ProfileListing } | { error: string } {
  const byId = measuredBy != null ? profiles.find((p) => p.id === measuredBy) : undefined;
  const newest = profiles.reduce<ProfileListing | undefined>((a, p) => (!a || p.id > a.id ? p : a), undefined);
  const p = byId ?? newest;
  if (!p) return { error: 'The session has no heap profile to compare with. Run one on the Profile screen first.' };
  if (!p.target)
    return {
      error: `This finding was last measured by an imported profile (#${p.id}), which memaudit cannot re-run. Run a profile with a target before the fix, or import a new profile after it.`,
    };
  return { target: p.target, profile: p };
}

/** "1 allocation avoided, 640 B saved per row". */
export function estimateSentence(i: Impact): string {
  const parts: string[] = [];
  if (i.allocations_avoided != null) parts.push(`${n(i.allocations_avoided)} ${i.allocations_avoided === 1 ? 'allocation' : 'allocations'} avoided`);
  if (i.bytes_saved != null) parts.push(`${formatBytes(i.bytes_saved)} saved`);
  if (parts.length === 0) return `no figure estimated (per ${i.unit})`;
  return `${parts.join(', ')} per ${i.unit}`;
}

/** "1,000 allocations, 24 KiB in this workload". */
export function measuredSentence(m: MeasuredImpact): string {
  return `${n(m.allocations)} ${m.allocations === 1 ? 'allocation' : 'allocations'}, ${formatBytes(m.bytes)} in this workload`;
}

/** Relative change, signed: −99.9%, +12%, ±0%. Null when before is 0. */
export function change(before: number, after: number): string | null {
  if (before === 0) return after === 0 ? '±0%' : null;
  const pct = ((after - before) / before) * 100;
  if (pct === 0) return '±0%';
  const mag = Math.abs(pct);
  let text = mag < 10 ? mag.toFixed(1) : mag > 99 && mag < 100 ? mag.toFixed(1) : String(Math.round(mag));
  // A fall to a few allocations is not a fall to none: never round it to −100%.
  if (pct < 0 && after !== 0 && Number(text) >= 100) text = '99.9';
  return `${pct < 0 ? '−' : '+'}${text}%`;
}

export const OUTCOME_LABEL: Record<Outcome, string> = { verified: 'Verified', no_effect: 'No effect', worse: 'Worse' };

/** Rows of the before/after table: what the finding's lines and the whole run allocated. */
export interface BeforeAfter {
  label: string;
  allocations: [number, number];
  bytes: [number, number];
  /** Max live bytes of the sites / peak live bytes of the run (null: unknown). */
  live: [number | null, number | null];
}

export function beforeAfter(v: { before: SiteTotals; after: SiteTotals; whole_run_before: RunTotals; whole_run_after: RunTotals }): BeforeAfter[] {
  return [
    {
      label: "This finding's lines",
      allocations: [v.before.allocations, v.after.allocations],
      bytes: [v.before.bytes, v.after.bytes],
      live: [v.before.max_live_bytes, v.after.max_live_bytes],
    },
    {
      label: 'Whole run',
      allocations: [v.whole_run_before.allocations, v.whole_run_after.allocations],
      bytes: [v.whole_run_before.bytes, v.whole_run_after.bytes],
      live: [v.whole_run_before.peak_live_bytes, v.whole_run_after.peak_live_bytes],
    },
  ];
}

export { base as fileName };
