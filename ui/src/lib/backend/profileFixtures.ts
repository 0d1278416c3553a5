// Heap-profile fixtures for the fake backend: allocation sites across three
// crates (some inside findings' lines, a few outside the scope, a long tail
// past the view's 200), the profiles of the active session (an imported
// dhat-rs profile of round 1, a valgrind run of round 2, and the re-run that
// verified one fix), measured figures per finding and the verification.
// Deterministic, like the rest of the fixtures.

import type {
  FindingRecord,
  MeasuredImpact,
  ProfileListing,
  RoundRecord,
  SiteRow,
  Target,
  Tool,
  Verification,
  VerificationView,
  VerifiedSaving,
} from '../bindings/types';
import { CRATES, rng, WORKSPACE } from './fixtures';
import { describeTarget } from '../logic/profile';

/** What the view lists at most (the core's `VIEW_SITES`). */
export const VIEW_SITES = 200;

export interface FakeProfile {
  listing: ProfileListing;
  /** Every site, heaviest (bytes) first. */
  sites: SiteRow[];
}

export interface FakeVerification {
  fingerprint: string;
  view: VerificationView;
}

export const FIXTURE_TARGET: Target = { kind: 'test', package: 'ingest-worker', test_name: null, filter: null };

const PROFILED_CRATES = ['ingest-worker', 'ingest-scan', 'ingest-schema'];

const FUNCTIONS: Record<string, string[]> = {
  'crates/worker/src/pipeline.rs': ['worker::pipeline::Pipeline::run', 'worker::pipeline::Pipeline::route', 'worker::pipeline::spawn_stage'],
  'crates/worker/src/batch.rs': ['worker::batch::BatchBuilder::build', 'worker::batch::BatchBuilder::push_row', 'worker::batch::Batch::flush'],
  'crates/worker/src/bridge.rs': ['worker::bridge::Bridge::flush', 'worker::bridge::Bridge::encode'],
  'crates/worker/src/lib.rs': ['worker::process_file', 'worker::Worker::new'],
  'crates/scan/src/walk.rs': ['scan::walk::Walker::run', 'scan::walk::Walker::visit', 'scan::walk::normalise_path'],
  'crates/scan/src/watch.rs': ['scan::watch::Watcher::poll', 'scan::watch::debounce'],
  'crates/schema/src/validate.rs': ['schema::validate::Validator::check_rows', 'schema::validate::Validator::check_field'],
  'crates/schema/src/infer.rs': ['schema::infer::infer_types', 'schema::infer::Column::widen'],
};

/** Sites the scope does not list: benches excluded by scope.md, build output. */
const OUTSIDE: { file: string; function: string }[] = [
  { file: 'crates/worker/benches/throughput.rs', function: 'throughput::make_rows' },
  { file: 'crates/worker/build.rs', function: 'build_script_build::main' },
];

function bytesPerBlock(rec: FindingRecord): number {
  const { allocations_avoided: a, bytes_saved: b } = rec.finding.impact;
  if (a && b) return Math.max(16, Math.round(b / a));
  if (b) return b;
  return 64;
}

/** The findings a profile of `round` measures: up to 16 in the profiled
 * crates, `first` (when given) at the head so it is the heaviest. */
export function profiledFindings(round: RoundRecord, first?: FindingRecord | null): FindingRecord[] {
  const out: FindingRecord[] = first ? [first] : [];
  for (const r of round.findings) {
    if (out.length >= 16) break;
    if (r === first || r.state === 'fixed' || !PROFILED_CRATES.includes(r.finding.crate)) continue;
    out.push(r);
  }
  return out;
}

/** A profile's sites: one inside each measured finding's
 * lines, then 230 others across the profiled crates and two outside the
 * scope, heaviest first. */
export function makeSites(seed: number, measured: FindingRecord[]): SiteRow[] {
  const r = rng(seed);
  const sites: SiteRow[] = [];
  measured.forEach((rec, k) => {
    const f = rec.finding;
    const blocks = Math.max(120, Math.round(48_000 / Math.pow(k + 1, 1.15)));
    const per = bytesPerBlock(rec);
    sites.push({
      file: f.file,
      line: Math.min(f.line_end, f.line_start + 1),
      function: f.item_path,
      crate: f.crate,
      total_blocks: per > 100_000 ? 3 + k : blocks,
      total_bytes: per > 100_000 ? per * (3 + k) : blocks * per,
      max_live_bytes: per > 100_000 ? per * (3 + k) : per * Math.max(1, Math.round(blocks / 400)),
      finding_id: f.id,
    });
  });
  const taken = new Set(sites.map((s) => `${s.file}:${s.line}`));
  const files = CRATES.filter((c) => PROFILED_CRATES.includes(c.name)).flatMap((c) => c.files.map((f) => ({ crate: c.name, file: f.path, lines: f.lines })));
  for (let i = 0; i < 230; i++) {
    const { crate, file, lines } = files[Math.floor(r() * files.length) % files.length];
    let line = 10 + Math.floor(r() * (lines - 10));
    while (taken.has(`${file}:${line}`)) line++;
    taken.add(`${file}:${line}`);
    const fns = FUNCTIONS[file] ?? [`${crate.replace('ingest-', '')}::helper`];
    const blocks = Math.max(1, Math.round(30_000 / Math.pow(i + 1.5, 1.3) + r() * 8));
    const per = [16, 24, 32, 48, 64, 128, 256, 4096][Math.floor(r() * 8) % 8];
    sites.push({
      file,
      line,
      function: fns[Math.floor(r() * fns.length) % fns.length],
      crate,
      total_blocks: blocks,
      total_bytes: blocks * per,
      max_live_bytes: per * Math.max(1, Math.round(blocks / (50 + r() * 500))),
      finding_id: null,
    });
  }
  OUTSIDE.forEach((o, i) => {
    const blocks = [9_200, 310][i];
    sites.push({ file: o.file, line: 40 + i * 17, function: o.function, crate: '', total_blocks: blocks, total_bytes: blocks * 96, max_live_bytes: 96 * 40, finding_id: null });
  });
  return sites.sort((a, b) => b.total_bytes - a.total_bytes || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Whole-run totals around the attributed sites: 18% of the blocks and
 * 11% of the bytes come from no workspace line (std, dependencies). */
export function listingOf(
  id: number,
  round: number,
  target: Target | null,
  path: string,
  tool: Tool,
  createdAt: string,
  sites: SiteRow[],
): ProfileListing {
  const blocks = sites.reduce((s, x) => s + x.total_blocks, 0);
  const bytes = sites.reduce((s, x) => s + x.total_bytes, 0);
  const unattributedBlocks = Math.round(blocks * 0.22);
  const unattributedBytes = Math.round(bytes * 0.124);
  return {
    id,
    round,
    source: target ? describeTarget(target) : `imported ${path}`,
    target,
    tool,
    created_at: createdAt,
    total_blocks: blocks + unattributedBlocks,
    total_bytes: bytes + unattributedBytes,
    peak_live_bytes: tool === 'valgrind' || id % 2 === 1 ? Math.round((bytes + unattributedBytes) * 0.061) : null,
    unattributed_blocks: unattributedBlocks,
    unattributed_bytes: unattributedBytes,
  };
}

/** The sites of the run after a fix of `findingId`: its site drops to one block. */
export function afterFix(sites: SiteRow[], findingId: string): SiteRow[] {
  return sites
    .map((s) => {
      if (s.finding_id !== findingId) return s;
      const per = Math.max(1, Math.round(s.total_bytes / Math.max(1, s.total_blocks)));
      return { ...s, total_blocks: 1, total_bytes: per, max_live_bytes: per };
    })
    .sort((a, b) => b.total_bytes - a.total_bytes || a.file.localeCompare(b.file) || a.line - b.line);
}

/** What a profile measured inside one finding's lines. */
export function siteTotals(p: FakeProfile, findingId: string) {
  const mine = p.sites.filter((s) => s.finding_id === findingId);
  return {
    allocations: mine.reduce((s, x) => s + x.total_blocks, 0),
    bytes: mine.reduce((s, x) => s + x.total_bytes, 0),
    max_live_bytes: mine.reduce((s, x) => s + x.max_live_bytes, 0),
    sites: mine.length,
  };
}

/** The newest profile of `round` with allocations in the finding's lines. */
export function measuredBy(profiles: FakeProfile[], round: number, findingId: string): FakeProfile | null {
  for (let i = profiles.length - 1; i >= 0; i--) {
    const p = profiles[i];
    if (p.listing.round === round && p.sites.some((s) => s.finding_id === findingId)) return p;
  }
  return null;
}

export function measuredImpact(profiles: FakeProfile[], round: number, findingId: string): MeasuredImpact | null {
  const p = measuredBy(profiles, round, findingId);
  if (!p) return null;
  const t = siteTotals(p, findingId);
  return { profile_id: p.listing.id, allocations: t.allocations, bytes: t.bytes, max_live_bytes: t.max_live_bytes > 0 ? t.max_live_bytes : null, measured_at: p.listing.created_at };
}

/** Before/after of one finding between two profiles, with the core's rules. */
export function compare(before: FakeProfile, after: FakeProfile, rec: FindingRecord): Verification {
  const b = siteTotals(before, rec.finding.id);
  const a = siteTotals(after, rec.finding.id);
  const wb = before.listing;
  const wa = after.listing;
  const siteFell = b.allocations > 0 && (a.allocations <= b.allocations * 0.9 || (a.allocations === b.allocations && a.bytes <= b.bytes * 0.9));
  const runFell = wb.total_blocks - wa.total_blocks >= (b.allocations - a.allocations) / 2;
  const worse = a.allocations >= b.allocations * 1.1 && b.allocations > 0;
  const outcome = siteFell && runFell ? 'verified' : worse ? 'worse' : 'no_effect';
  const f = rec.finding;
  // The core's sentences (memaudit-profile's verify::compare_moved).
  const where = f.line_end > f.line_start ? `${f.file}:${f.line_start}-${f.line_end}` : `${f.file}:${f.line_start}`;
  const pct = (x: number, y: number) => (x === 0 ? 'new' : `${y >= x ? '+' : ''}${(((y - x) * 100) / x).toFixed(1)}%`);
  const fell = `allocations at ${where} fell from ${b.allocations} to ${a.allocations} (${pct(b.allocations, a.allocations)}), bytes from ${b.bytes} to ${a.bytes} (${pct(b.bytes, a.bytes)}); whole run ${wb.total_blocks} → ${wa.total_blocks} allocations`;
  const detail =
    b.allocations === 0 && b.bytes === 0
      ? `the before profile measured no allocation at ${where}: this workload does not exercise the finding, so the fix cannot be verified with it`
      : outcome === 'worse'
        ? `allocations at ${where} rose from ${b.allocations} to ${a.allocations} (${pct(b.allocations, a.allocations)}), bytes from ${b.bytes} to ${a.bytes} (${pct(b.bytes, a.bytes)})`
        : outcome === 'verified'
          ? fell
          : siteFell
            ? `${fell}, so the allocations moved elsewhere instead of going away`
            : `allocations at ${where} went from ${b.allocations} to ${a.allocations} (${pct(b.allocations, a.allocations)}), less than the 10% that counts`;
  return {
    finding_id: f.id,
    before: b,
    after: a,
    whole_run_before: { allocations: wb.total_blocks, bytes: wb.total_bytes, peak_live_bytes: wb.peak_live_bytes },
    whole_run_after: { allocations: wa.total_blocks, bytes: wa.total_bytes, peak_live_bytes: wa.peak_live_bytes },
    outcome,
    detail,
  };
}

export function savingOf(v: Verification): VerifiedSaving {
  return {
    finding_id: v.finding_id,
    outcome: v.outcome,
    allocations_before: v.before.allocations,
    allocations_after: v.after.allocations,
    bytes_before: v.before.bytes,
    bytes_after: v.after.bytes,
    detail: v.detail,
  };
}

/** The active session's profiles (oldest first) and its one verified fix. */
export function fixtureProfiles(rounds: RoundRecord[]): { profiles: FakeProfile[]; verifications: FakeVerification[] } {
  const [r1, r2] = rounds;
  if (!r1 || !r2) return { profiles: [], verifications: [] };
  const fixed =
    r2.findings.find((r) => r.decision?.kind === 'implement' && r.state !== 'fixed' && PROFILED_CRATES.includes(r.finding.crate) && r.finding.impact.allocations_avoided) ?? null;
  const imported = makeSites(101, profiledFindings(r1).slice(0, 8));
  const before = makeSites(202, profiledFindings(r2, fixed));
  const profiles: FakeProfile[] = [
    { listing: listingOf(1, 1, null, `${WORKSPACE}/dhat-heap.json`, 'dhat_rs', '2025-03-10T11:02:00Z', imported), sites: imported },
    { listing: listingOf(2, 2, FIXTURE_TARGET, '', 'valgrind', '2025-03-12T10:05:00Z', before), sites: before },
  ];
  const verifications: FakeVerification[] = [];
  if (fixed) {
    const after = afterFix(before, fixed.finding.id);
    profiles.push({ listing: listingOf(3, 2, FIXTURE_TARGET, '', 'valgrind', '2025-03-12T11:40:00Z', after), sites: after });
    verifications.push({
      fingerprint: fixed.finding.fingerprint,
      view: { verification: compare(profiles[1], profiles[2], fixed), verified_at: '2025-03-12T11:41:30Z' },
    });
  }
  return { profiles, verifications };
}
