import { describe, expect, it } from 'vitest';
import type { Impact, ProfileListing, SiteRow, Target } from '../bindings/types';
import {
  beforeAfter,
  buildTarget,
  byteUnit,
  change,
  crateShares,
  describeTarget,
  EMPTY_TARGET_FORM,
  estimateSentence,
  filterSites,
  formOf,
  measuredSentence,
  NO_CRATE,
  percent,
  runNotice,
  siteBars,
  siteLabels,
  sortSites,
  splitArgs,
  unattributedShare,
  verifyTarget,
} from './profile';

const site = (file: string, line: number, crate: string, bytes: number, finding: string | null = null, blocks = 10): SiteRow => ({
  file,
  line,
  function: 'f',
  crate,
  total_blocks: blocks,
  total_bytes: bytes,
  max_live_bytes: bytes / 2,
  finding_id: finding,
});

const SITES: SiteRow[] = [
  site('crates/worker/src/bridge.rs', 106, 'ingest-worker', 18_000_000, 'F-021', 15),
  site('crates/scan/src/watch.rs', 353, 'ingest-scan', 13_200_000, 'F-013', 11),
  site('crates/worker/src/batch.rs', 306, 'ingest-worker', 10_800_000),
  site('crates/scan/src/walk.rs', 783, 'ingest-scan', 2_100_000, 'F-017', 3398),
  site('crates/worker/benches/throughput.rs', 40, '', 880_000, null, 9200),
  site('crates/schema/src/lib.rs', 12, 'ingest-schema', 500_000),
  site('crates/worker/src/lib.rs', 12, 'ingest-worker', 400_000),
];

describe('targets', () => {
  it('describes targets with the core words', () => {
    expect(describeTarget({ kind: 'test', package: 'a', test_name: null, filter: null })).toBe('cargo test -p a --lib');
    expect(describeTarget({ kind: 'test', package: 'a', test_name: 'it', filter: 'batch::' })).toBe('cargo test -p a --test it -- batch::');
    expect(describeTarget({ kind: 'bench', package: null, name: 'tp', args: [] })).toBe('cargo bench --bench tp');
    expect(describeTarget({ kind: 'bin', package: 'w', name: 'ingest', args: ['--rows', '10'] })).toBe('cargo run --release -p w --bin ingest -- --rows 10');
  });
  it('the notice names the command and the workspace', () => {
    expect(runNotice({ kind: 'test', package: 'a', test_name: null, filter: null }, '/ws')).toBe(
      "memaudit profile runs `cargo test -p a --lib` from /ws (the workspace's own code) under valgrind",
    );
  });
  it('splits arguments like a shell for words and quotes', () => {
    expect(splitArgs('  --rows 100000 "data dir" \'a"b\' ""  ')).toEqual(['--rows', '100000', 'data dir', 'a"b', '']);
    expect(splitArgs('')).toEqual([]);
  });
  it('builds a target from the form and says what is missing', () => {
    expect(buildTarget({ ...EMPTY_TARGET_FORM, package: ' ingest-worker ' })).toEqual({
      target: { kind: 'test', package: 'ingest-worker', test_name: null, filter: null },
    });
    expect(buildTarget({ kind: 'test', package: 'w', name: 'integration', extra: 'batch::' })).toEqual({
      target: { kind: 'test', package: 'w', test_name: 'integration', filter: 'batch::' },
    });
    expect(buildTarget({ kind: 'bench', package: '', name: 'tp', extra: '--quick "x y"' })).toEqual({
      target: { kind: 'bench', package: null, name: 'tp', args: ['--quick', 'x y'] },
    });
    expect(buildTarget(EMPTY_TARGET_FORM)).toHaveProperty('error');
    expect(buildTarget({ kind: 'bin', package: 'w', name: '', extra: '' })).toHaveProperty('error');
    expect(buildTarget({ kind: 'test', package: 'a b', name: '', extra: '' })).toHaveProperty('error');
  });
  it('a stored target fills the form and builds back to itself', () => {
    const targets: Target[] = [
      { kind: 'test', package: 'w', test_name: 'it', filter: 'x' },
      { kind: 'test', package: 'w', test_name: null, filter: null },
      { kind: 'bin', package: null, name: 'ingest', args: ['--dir', 'my data', 'say "hi"', ''] },
    ];
    for (const t of targets) expect(buildTarget(formOf(t)), JSON.stringify(t)).toEqual({ target: t });
  });
});

describe('sites: crate filter and chart', () => {
  it('counts sites and bytes per crate, heaviest first, sites outside the scope apart', () => {
    expect(crateShares(SITES)).toEqual([
      { crate: 'ingest-worker', sites: 3, bytes: 29_200_000 },
      { crate: 'ingest-scan', sites: 2, bytes: 15_300_000 },
      { crate: NO_CRATE, sites: 1, bytes: 880_000 },
      { crate: 'ingest-schema', sites: 1, bytes: 500_000 },
    ]);
  });
  it('filters by any of the chosen crates; none chosen is all', () => {
    expect(filterSites(SITES, [])).toBe(SITES);
    expect(filterSites(SITES, ['ingest-scan']).map((s) => s.line)).toEqual([353, 783]);
    expect(filterSites(SITES, ['ingest-schema', NO_CRATE]).map((s) => s.file)).toEqual(['crates/worker/benches/throughput.rs', 'crates/schema/src/lib.rs']);
  });
  it('labels are short and unique', () => {
    const labels = siteLabels(SITES);
    expect(labels[0]).toBe('bridge.rs:106');
    expect(labels.slice(5)).toEqual(['schema/src/lib.rs:12', 'worker/src/lib.rs:12']);
    expect(new Set(labels).size).toBe(SITES.length);
  });
  it('chart bars: the heaviest sites, in one unit, coloured by whether a finding covers them', () => {
    const { bars, unit } = siteBars(SITES, 3);
    expect(unit).toBe('MiB');
    expect(bars).toEqual([
      { label: 'bridge.rs:106', values: { finding: 17.2 } },
      { label: 'watch.rs:353', values: { finding: 12.6 } },
      { label: 'batch.rs:306', values: { none: 10.3 } },
    ]);
    const scan = siteBars(filterSites(SITES, ['ingest-scan']));
    expect(scan.bars.map((b) => b.label), 'the chart follows the crate filter').toEqual(['watch.rs:353', 'walk.rs:783']);
    expect(siteBars([]).bars).toEqual([]);
    expect([byteUnit(900).unit, byteUnit(2048).unit, byteUnit(3 * 1024 ** 3).unit]).toEqual(['bytes', 'KiB', 'GiB']);
  });
  it('sorts by a figure, either way, ties by bytes', () => {
    expect(sortSites(SITES, 'total_blocks')[0].total_blocks).toBe(9200);
    expect(sortSites(SITES, 'total_blocks', 'asc')[0].total_blocks).toBe(10);
    expect(sortSites(SITES, 'location', 'asc')[0].file).toBe('crates/scan/src/walk.rs');
    expect(SITES[0].line, 'input untouched').toBe(106);
  });
});

const listing = (id: number, target: Target | null): ProfileListing => ({
  id,
  round: 2,
  source: target ? describeTarget(target) : 'imported /ws/dhat-heap.json',
  target,
  tool: target ? 'valgrind' : 'dhat_rs',
  created_at: '2025-03-12T10:00:00Z',
  total_blocks: 1000,
  total_bytes: 64_000,
  peak_live_bytes: null,
  unattributed_blocks: 180,
  unattributed_bytes: 0,
});

describe('verification', () => {
  const T: Target = { kind: 'test', package: 'w', test_name: null, filter: null };
  it('re-runs the profile that measured the finding, else the newest', () => {
    const ps = [listing(3, T), listing(2, { ...T, package: 'other' }), listing(1, null)];
    expect(verifyTarget(ps, 2)).toMatchObject({ target: { package: 'other' }, profile: { id: 2 } });
    expect(verifyTarget(ps, null)).toMatchObject({ profile: { id: 3 } });
    expect(verifyTarget(ps, 99), 'a measuring profile that is gone: the newest').toMatchObject({ profile: { id: 3 } });
  });
  it('an imported profile cannot be re-run; no profile at all says so', () => {
    expect(verifyTarget([listing(3, T), listing(1, null)], 1)).toHaveProperty('error');
    expect(verifyTarget([listing(1, null)], null)).toHaveProperty('error');
    expect(verifyTarget([], null)).toHaveProperty('error');
  });
  it('before/after rows for the lines and the whole run', () => {
    const rows = beforeAfter({
      before: { allocations: 1000, bytes: 16_000, max_live_bytes: 160, sites: 1 },
      after: { allocations: 1, bytes: 16, max_live_bytes: 16, sites: 1 },
      whole_run_before: { allocations: 5000, bytes: 90_000, peak_live_bytes: 4096 },
      whole_run_after: { allocations: 4001, bytes: 74_016, peak_live_bytes: null },
    });
    expect(rows.map((r) => [r.label, r.allocations, r.live])).toEqual([
      ["This finding's lines", [1000, 1], [160, 16]],
      ['Whole run', [5000, 4001], [4096, null]],
    ]);
  });
  it('changes read as signed percentages, never −100% while something is left', () => {
    expect(change(1000, 1)).toBe('−99.9%');
    expect(change(48_000, 1)).toBe('−99.9%');
    expect(change(1000, 0)).toBe('−100%');
    expect(change(100, 112)).toBe('+12%');
    expect(change(100, 95)).toBe('−5.0%');
    expect(change(5, 5)).toBe('±0%');
    expect(change(0, 0)).toBe('±0%');
    expect(change(0, 10)).toBeNull();
  });
  it('unattributed share and percentages', () => {
    expect(unattributedShare(listing(1, null))).toEqual({ blocks: 18, bytes: 0 });
    expect([percent(0), percent(0.04), percent(3.14159), percent(18)]).toEqual(['0%', '<0.1%', '3.1%', '18%']);
  });
});

describe('impact sentences', () => {
  const impact: Impact = { allocations_avoided: 1, bytes_saved: 640, unit: 'row', applies_to: 'x', level: 'High' };
  it('estimated: what is saved per unit of work', () => {
    expect(estimateSentence(impact)).toBe('1 allocation avoided, 640 B saved per row');
    expect(estimateSentence({ ...impact, allocations_avoided: 320, bytes_saved: null, unit: 'file' })).toBe('320 allocations avoided per file');
    expect(estimateSentence({ ...impact, allocations_avoided: null, bytes_saved: null, unit: 'column scan' })).toBe('no figure estimated (per column scan)');
  });
  it('measured: what the workload allocated there', () => {
    expect(measuredSentence({ profile_id: 2, allocations: 1000, bytes: 24_576, max_live_bytes: null, measured_at: '' })).toBe('1,000 allocations, 24 KiB in this workload');
    expect(measuredSentence({ profile_id: 2, allocations: 1, bytes: 16, max_live_bytes: null, measured_at: '' })).toBe('1 allocation, 16 B in this workload');
  });
});
