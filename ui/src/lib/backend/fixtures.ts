// Fixture data for the fake backend: one realistic workspace (five crates,
// P0–P3), two sessions with two rounds each, findings across all six
// categories, every verdict and state, decisions, reports. Deterministic:
// the same seed always yields the same data, so screenshots and tests are
// stable. `generateFindings(n)` scales to 10,000 rows for the perf check.

import type {
  Category,
  CrateFindings,
  Criterion,
  Decision,
  DecisionKind,
  Finding,
  FindingRecord,
  FindingRow,
  FindingState,
  Level,
  Priority,
  Report,
  ReportOverview,
  RoundOverview,
  RoundRecord,
  Safety,
  Scope,
  SessionExport,
  SessionInfo,
  SessionOverview,
  Status,
  Validation,
  Verdict,
} from '../bindings/types';
import { rowSummary } from '../logic/labels';

export const WORKSPACE = '/home/lead/src/ingest';
export const OLD_WORKSPACE = '/home/lead/src/legacy-etl';

/** A small deterministic PRNG (mulberry32) so fixtures never change. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length) % xs.length];
}

interface CrateDef {
  name: string;
  path: string;
  priority: Priority;
  score: number;
  files: { path: string; priority: Priority; score: number; lines: number }[];
}

export const CRATES: CrateDef[] = [
  {
    name: 'ingest-worker',
    path: 'crates/worker',
    priority: 'P0',
    score: 9,
    files: [
      { path: 'crates/worker/src/pipeline.rs', priority: 'P0', score: 8, lines: 912 },
      { path: 'crates/worker/src/batch.rs', priority: 'P0', score: 6, lines: 540 },
      { path: 'crates/worker/src/bridge.rs', priority: 'P0', score: 5, lines: 388 },
      { path: 'crates/worker/src/lib.rs', priority: 'P1', score: 3, lines: 120 },
    ],
  },
  {
    name: 'ingest-scan',
    path: 'crates/scan',
    priority: 'P1',
    score: 4,
    files: [
      { path: 'crates/scan/src/walk.rs', priority: 'P1', score: 4, lines: 430 },
      { path: 'crates/scan/src/watch.rs', priority: 'P1', score: 3, lines: 260 },
    ],
  },
  {
    name: 'ingest-schema',
    path: 'crates/schema',
    priority: 'P2',
    score: 2,
    files: [
      { path: 'crates/schema/src/validate.rs', priority: 'P2', score: 2, lines: 610 },
      { path: 'crates/schema/src/infer.rs', priority: 'P2', score: 1, lines: 330 },
    ],
  },
  {
    name: 'ingest-proto',
    path: 'crates/proto',
    priority: 'P2',
    score: 1,
    files: [{ path: 'crates/proto/src/codec.rs', priority: 'P2', score: 1, lines: 275 }],
  },
  {
    name: 'ingest-config',
    path: 'crates/config',
    priority: 'P3',
    score: 0,
    files: [{ path: 'crates/config/src/lib.rs', priority: 'P3', score: 0, lines: 140 }],
  },
];

export function fixtureScope(workspace = WORKSPACE): Scope {
  const reasonsFor = (file: string, score: number) => {
    const rs = [];
    if (score >= 5)
      rs.push({ signal: 'code:async_file_open', file, line: 42, weight: 3, detail: '`async fn load` opens a file' });
    if (score >= 2)
      rs.push({ signal: 'code:loop_over_rows', file, line: 118, weight: 2, detail: '`for row in batch.rows()` iterates user data' });
    if (score % 2 === 1)
      rs.push({ signal: 'code:render', file, line: 77, weight: 1, detail: '`fn render` draws progress' });
    return rs;
  };
  return {
    workspace,
    crates: CRATES.map((c) => ({
      name: c.name,
      path: c.path,
      priority: c.priority,
      score: c.score,
      reasons: [
        ...(c.name.includes('worker')
          ? [{ signal: 'name:worker', file: `${c.path}/Cargo.toml`, line: 2, weight: 5, detail: 'crate name contains "worker"' }]
          : []),
        ...(c.name.includes('scan')
          ? [{ signal: 'name:scan', file: `${c.path}/Cargo.toml`, line: 2, weight: 3, detail: 'crate name contains "scan"' }]
          : []),
        ...(c.score >= 4
          ? [{ signal: 'dep:tokio', file: `${c.path}/Cargo.toml`, line: 9, weight: 1, detail: 'depends on tokio' }]
          : []),
        ...(c.priority === 'P2'
          ? [{ signal: 'code:serialize', file: `${c.path}/src/lib.rs`, line: 12, weight: 1, detail: '`#[derive(Serialize)]` on large structs' }]
          : []),
      ],
      files: c.files.map((f) => ({
        path: f.path,
        priority: f.priority,
        score: f.score,
        reasons: reasonsFor(f.path, f.score),
        lines: f.lines,
        in_module_tree: true,
      })),
    })),
    excluded: [
      { path: 'crates/worker/benches/', reason: 'excluded by scope.md (`crates/*/benches/`)' },
      { path: 'crates/scan/tests/fixtures/', reason: 'test fixtures' },
      { path: 'target/', reason: 'build output' },
    ],
    warnings: [{ file: 'crates/proto/src/gen.rs', line: 1, message: 'file is not valid UTF-8; skipped' }],
    overrides: {
      include: [],
      exclude: ['crates/*/benches/'],
      force_priority: [{ pattern: 'crates/worker', priority: 'P0' }],
    },
    effects: [
      { kind: 'exclude', pattern: 'crates/*/benches/', matched: ['crates/worker/benches/throughput.rs'], summary: 'excluded 1 file' },
      { kind: 'force_priority', pattern: 'crates/worker', matched: ['crates/worker'], summary: 'already P0' },
    ],
    focus: 'full',
    priority_filter: 'all',
  };
}

interface Template {
  category: Category;
  item: string;
  issue: string;
  code: string;
  proposal: string;
  pros: string[];
  cons: string[];
  prerequisites: string[];
  allocs: number | null;
  bytes: number | null;
  unit: string;
}

const TEMPLATES: Template[] = [
  {
    category: 'UNNECESSARY_CLONE',
    item: 'Bridge::flush',
    issue: 'The batch schema is cloned for every row although it is only read. The clone allocates a new Vec of fields per row.',
    code: 'for row in batch.rows() {\n    let schema = self.schema.clone();\n    writer.write(&schema, row)?;\n}',
    proposal: 'let schema = &self.schema;\nfor row in batch.rows() {\n    writer.write(schema, row)?;\n}',
    pros: ['Removes one allocation per row', 'No API change'],
    cons: [],
    prerequisites: [],
    allocs: 1,
    bytes: 640,
    unit: 'row',
  },
  {
    category: 'UNNECESSARY_CLONE',
    item: 'Pipeline::route',
    issue: 'The path String is cloned to build a lookup key and dropped right after the lookup.',
    code: 'let key = path.to_string().clone();\nif let Some(sink) = self.sinks.get(&key) {\n    sink.push(record);\n}',
    proposal: 'if let Some(sink) = self.sinks.get(path) {\n    sink.push(record);\n}',
    pros: ['Avoids two String allocations per record'],
    cons: ['Needs `HashMap<String, _>::get` with `&str` (Borrow), already satisfied'],
    prerequisites: [],
    allocs: 2,
    bytes: 96,
    unit: 'record',
  },
  {
    category: 'ARENA_CANDIDATE',
    item: 'BatchBuilder::build',
    issue: 'Every file allocates hundreds of small column buffers that are all freed together when the batch is flushed.',
    code: 'let mut cols: Vec<Vec<u8>> = Vec::new();\nfor field in schema.fields() {\n    cols.push(Vec::with_capacity(field.width()));\n}',
    proposal: 'let arena = bumpalo::Bump::new();\nlet mut cols = bumpalo::collections::Vec::new_in(&arena);\nfor field in schema.fields() {\n    cols.push(bumpalo::collections::Vec::with_capacity_in(field.width(), &arena));\n}',
    pros: ['One reset per batch instead of N frees', 'Better locality for column buffers'],
    cons: ['Arena lifetime must not escape the batch', 'Adds a dependency'],
    prerequisites: ['add the `bumpalo` dependency with the `collections` feature'],
    allocs: 320,
    bytes: 48_000,
    unit: 'file',
  },
  {
    category: 'HEAP_AVOIDABLE',
    item: 'Record::tags',
    issue: 'Tags are stored in a Vec although 98% of records carry at most four of them.',
    code: 'pub struct Record {\n    pub id: u64,\n    pub tags: Vec<Tag>,\n}',
    proposal: 'pub struct Record {\n    pub id: u64,\n    pub tags: SmallVec<[Tag; 4]>,\n}',
    pros: ['No heap allocation for the common case'],
    cons: ['Record grows by 32 bytes inline', 'Public field type changes'],
    prerequisites: ['add the `smallvec` dependency'],
    allocs: 1,
    bytes: 64,
    unit: 'record',
  },
  {
    category: 'LIFETIME_EXTENSION',
    item: 'Walker::run',
    issue: 'The full directory listing is kept alive until the walk ends, although each entry is consumed once.',
    code: 'let entries: Vec<DirEntry> = fs::read_dir(root)?.collect::<Result<_, _>>()?;\nfor e in &entries {\n    self.visit(e)?;\n}\n// entries dropped here, after all children are visited',
    proposal: 'for e in fs::read_dir(root)? {\n    self.visit(&e?)?;\n}',
    pros: ['Peak memory no longer proportional to folder size'],
    cons: ['Errors surface mid-walk instead of up front'],
    prerequisites: [],
    allocs: null,
    bytes: 1_200_000,
    unit: 'folder of 10,000 entries',
  },
  {
    category: 'CACHE_HOSTILE',
    item: 'Column',
    issue: 'Hot fields (len, null_count) are interleaved with a cold 256-byte stats block, so scanning columns touches four cache lines each.',
    code: 'pub struct Column {\n    pub name: String,\n    pub stats: Stats, // 256 bytes, read once per file\n    pub len: usize,\n    pub null_count: usize,\n}',
    proposal: 'pub struct Column {\n    pub len: usize,\n    pub null_count: usize,\n    pub name: String,\n    pub stats: Box<Stats>, // cold, out of line\n}',
    pros: ['Column scan touches one cache line'],
    cons: ['One extra allocation per column (cold path)'],
    prerequisites: ['measure with `perf stat -e cache-misses` before and after'],
    allocs: null,
    bytes: null,
    unit: 'column scan',
  },
  {
    category: 'ALLOCATION_LOOP',
    item: 'Codec::encode_all',
    issue: 'A new output buffer is allocated inside the loop for every message instead of reusing one.',
    code: 'for msg in messages {\n    let mut buf = Vec::new();\n    msg.encode(&mut buf)?;\n    out.send(buf)?;\n}',
    proposal: 'let mut buf = Vec::with_capacity(4096);\nfor msg in messages {\n    buf.clear();\n    msg.encode(&mut buf)?;\n    out.send_slice(&buf)?;\n}',
    pros: ['One allocation for the whole loop'],
    cons: ['`send_slice` copies; measure if messages are large'],
    prerequisites: [],
    allocs: 1,
    bytes: 4096,
    unit: 'message',
  },
  {
    category: 'ALLOCATION_LOOP',
    item: 'Validator::check_rows',
    issue: 'format! builds an error string for every row even when the row is valid.',
    code: 'for (i, row) in rows.iter().enumerate() {\n    let ctx = format!("row {i}");\n    check(row).context(ctx)?;\n}',
    proposal: 'for (i, row) in rows.iter().enumerate() {\n    check(row).with_context(|| format!("row {i}"))?;\n}',
    pros: ['Allocates only on the error path'],
    cons: [],
    prerequisites: [],
    allocs: 1,
    bytes: 24,
    unit: 'row',
  },
];

const LEVELS: Level[] = ['High', 'Medium', 'Low'];
const SAFETIES: Safety[] = ['SAFE', 'SAFE', 'NEEDS_REVIEW', 'UNSAFE'];

function fileOfIndex(i: number): { crate: CrateDef; file: CrateDef['files'][number] } {
  const all = CRATES.flatMap((c) => c.files.map((f) => ({ crate: c, file: f })));
  return all[i % all.length];
}

export function makeValidation(f: Finding, verdict: Verdict): Validation {
  const pass = { status: 'PASS' as const, evidence: 'the borrowed value outlives every use' };
  return {
    finding_id: f.id,
    fingerprint: f.fingerprint,
    verdict,
    lifetime:
      verdict === 'REJECTED'
        ? { status: 'FAIL', evidence: `\`${f.item_path}\` moves the value into a spawned task; a borrow cannot outlive it` }
        : pass,
    thread_safety:
      verdict === 'NEEDS_WORK'
        ? { status: 'UNCLEAR', evidence: 'the value is shared with the flush thread through an Arc; check the lock order' }
        : { status: 'PASS', evidence: 'no cross-thread access' },
    no_undefined_behavior: { status: f.category === 'CACHE_HOSTILE' ? 'N/A' : 'PASS', evidence: 'no unsafe code involved' },
    estimate_plausible: {
      answer: verdict === 'APPROVED' ? 'YES' : verdict === 'NEEDS_WORK' ? 'NEEDS_MEASUREMENT' : 'NO',
      evidence:
        verdict === 'APPROVED'
          ? `one allocation per ${f.impact.unit}, confirmed by the loop structure`
          : 'the loop bound comes from configuration; size unknown',
    },
    hot_path: {
      answer: f.priority === 'P0' ? 'YES' : f.priority === 'P3' ? 'NO' : 'MAYBE',
      evidence: f.priority === 'P0' ? 'called for every file by `process_file`' : 'called once per scan',
    },
    complexity_justified: {
      answer: verdict === 'REJECTED' ? 'NO' : 'YES',
      evidence: verdict === 'REJECTED' ? 'the change adds a lifetime parameter to a public type for little gain' : 'local change, a few lines',
    },
    issues:
      verdict === 'NEEDS_WORK'
        ? [
            {
              id: `${f.id}-I1`,
              description: 'The proposal keeps a borrow across an `.await` point.',
              risk: 'The future is no longer `Send`; the worker pool requires `Send`.',
              suggestion: 'Clone once before the loop, outside the async block, and borrow inside.',
            },
          ]
        : [],
    conditions: verdict === 'APPROVED' ? ['keep the clone if `schema` becomes mutable during a batch'] : verdict === 'NEEDS_WORK' ? ['measure with a heap profile first'] : [],
    counterexample:
      verdict === 'REJECTED'
        ? `\`${f.item_path}\` hands the value to \`tokio::spawn\`, which needs \`'static\`; removing the clone does not compile.`
        : null,
    engine: 'builtin',
  };
}

export interface GenOptions {
  count: number;
  seed?: number;
  /** Round the records belong to; round > 1 yields persisting/fixed/stale states. */
  round?: number;
  /** How many findings already carry a decision (fraction 0–1). */
  decided?: number;
}

/** Generates `count` finding records covering every category, verdict and state. */
export function generateFindings({ count, seed = 7, round = 2, decided = 0.3 }: GenOptions): FindingRecord[] {
  const r = rng(seed);
  const out: FindingRecord[] = [];
  const verdicts: Verdict[] = ['APPROVED', 'APPROVED', 'NEEDS_WORK', 'REJECTED'];
  const states: FindingState[] = round > 1 ? ['new', 'persisting', 'persisting', 'fixed', 'stale'] : ['new'];
  const kinds: DecisionKind[] = ['implement', 'defer', 'reject_false_positive', 'reject_wont_fix'];
  for (let i = 0; i < count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const { crate, file } = fileOfIndex(i * 7 + Math.floor(i / TEMPLATES.length));
    const line = 20 + Math.floor(r() * 800);
    const lines = t.code.split('\n').length;
    const id = `F-${String(i + 1).padStart(3, '0')}`;
    const finding: Finding = {
      id,
      fingerprint: `fp${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}`,
      category: t.category,
      file: file.path,
      line_start: line,
      line_end: line + lines - 1,
      crate: crate.name,
      priority: file.priority,
      item_path: `${crate.name.replace('ingest-', '')}::${t.item}`,
      confidence: pick(r, ['HIGH', 'HIGH', 'MEDIUM', 'LOW'] as const),
      safety: pick(r, SAFETIES),
      code: t.code,
      issue: t.issue,
      proposal: t.proposal,
      impact: {
        allocations_avoided: t.allocs,
        bytes_saved: t.bytes,
        unit: t.unit,
        applies_to: file.priority === 'P0' ? 'every file processed by `process_file`' : 'each scan of the input folder',
        level: file.priority === 'P0' ? 'High' : pick(r, LEVELS),
      },
      tradeoffs: { pros: t.pros, cons: t.cons },
      prerequisites: t.prerequisites,
      source: i % 11 === 10 ? 'llm' : 'builtin',
    };
    // Cycle verdicts and states with co-prime strides so every pair occurs.
    const verdict = verdicts[(i * 3 + 1 + Math.floor(i / TEMPLATES.length)) % verdicts.length];
    const state = states[(i * 2 + Math.floor(i / 5)) % states.length];
    const hasDecision = r() < decided && state !== 'fixed';
    let decision: Decision | null = null;
    if (hasDecision) {
      const kind = verdict === 'REJECTED' ? 'reject_false_positive' : kinds[i % 2 === 0 ? 0 : (i >> 1) % kinds.length];
      decision = {
        finding_id: id,
        fingerprint: finding.fingerprint,
        kind,
        note: kind === 'implement' ? 'Small change, do it in the next sprint.' : kind === 'defer' ? 'After the 2.0 release.' : 'Validator is right.',
        ...(kind === 'defer' ? { defer_until_round: round + 2 } : {}),
        round,
        decided_at: `2025-03-1${round}T10:${String(i % 60).padStart(2, '0')}:00Z`,
      };
    }
    out.push({ finding, state, validation: makeValidation(finding, verdict), decision });
  }
  return out;
}

const LEVEL_WEIGHT: Record<Level, number> = { High: 3, Medium: 2, Low: 1 };
const SAFETY_WEIGHT: Record<Safety, number> = { SAFE: 3, NEEDS_REVIEW: 2, UNSAFE: 1 };

/** The Coordinator's report for the fake: counts, quick wins, patterns, criteria. */
export function buildReport(round: number, records: FindingRecord[], earlierHigh = 0): Report {
  const live = records.filter((r) => r.state !== 'fixed');
  const verdictOf = (r: FindingRecord) => r.validation?.verdict;
  const approved = live.filter((r) => verdictOf(r) === 'APPROVED');
  const effortOf = (f: Finding): Level => (f.prerequisites.length > 0 ? 'High' : f.code.split('\n').length > 3 ? 'Medium' : 'Low');
  const quick = approved
    .map((r) => {
      const f = r.finding;
      const effort = effortOf(f);
      return {
        finding_id: f.id,
        location: `${f.crate.replace('ingest-', '')}/${f.file.split('/').pop()}`,
        category: f.category,
        impact: f.impact.level,
        effort,
        score: (LEVEL_WEIGHT[f.impact.level] * SAFETY_WEIGHT[f.safety]) / LEVEL_WEIGHT[effort],
        measured: false,
        at: `${f.file}:${f.line_start}${f.line_end > f.line_start ? `-${f.line_end}` : ''}`,
        summary: f.issue.split('. ')[0],
        validation: `APPROVED (builtin): hot path ${r.validation?.hot_path.answer ?? 'MAYBE'}; lifetime PASS, thread safety N/A, no UB PASS`,
        gain:
          f.impact.allocations_avoided != null
            ? `~${f.impact.allocations_avoided.toLocaleString('en-US')} ${f.impact.allocations_avoided === 1 ? 'allocation' : 'allocations'} per ${f.impact.unit || 'pass'} (estimate, not measured)`
            : '— not estimated; profile a workload (`memaudit profile`) to measure it',
        diff: f.edit
          ? f.edit.hunks
              .map((h) => `--- a/${h.file}\n+++ b/${h.file}\n@@ line ${h.line} @@\n${h.original.split('\n').map((l) => `-${l}`).join('\n')}\n${h.replacement.split('\n').map((l) => `+${l}`).join('\n')}\n`)
              .join('')
          : null,
        proposal: f.proposal.trim(),
      };
    })
    .sort((a, b) => b.score - a.score || a.finding_id.localeCompare(b.finding_id))
    .slice(0, 5);
  const byCat = new Map<Category, FindingRecord[]>();
  for (const r of live) {
    const list = byCat.get(r.finding.category) ?? [];
    list.push(r);
    byCat.set(r.finding.category, list);
  }
  const PATTERN: Partial<Record<Category, [string, string]>> = {
    UNNECESSARY_CLONE: ['Per-row clones of shared read-only data', 'Borrow the shared value once per batch; pass `&Schema` down the call chain.'],
    ALLOCATION_LOOP: ['Buffers allocated inside record loops', 'Hoist one reusable buffer per worker and `clear()` it per iteration.'],
    ARENA_CANDIDATE: ['Per-file scratch allocations', 'One `bumpalo::Bump` per file, reset after flush.'],
  };
  const recommendations = [...byCat.entries()]
    .filter(([c, rs]) => PATTERN[c] && rs.length >= 3)
    .map(([c, rs]) => ({
      pattern: PATTERN[c]![0],
      category: c,
      finding_ids: rs.slice(0, 8).map((r) => r.finding.id),
      locations: [...new Set(rs.map((r) => `${r.finding.file}:${r.finding.line_start}`))].slice(0, 6),
      unified_fix: PATTERN[c]![1],
    }));
  const by_crate: CrateFindings[] = CRATES.map((c) => ({
    crate: c.name,
    priority: c.priority,
    findings: live
      .filter((r) => r.finding.crate === c.name)
      .slice(0, 50)
      .map((r) => ({ finding_id: r.finding.id, summary: r.finding.issue.split('. ')[0], verdict: verdictOf(r) ?? null, state: r.state })),
  })).filter((c) => c.findings.length > 0);
  const newHigh = live.filter((r) => r.state === 'new' && r.finding.impact.level === 'High').length;
  const termination: Criterion[] = [
    { name: 'All P0 crates analyzed', met: true, detail: 'ingest-worker: 4 of 4 files analyzed' },
    {
      name: 'No new HIGH-impact findings in last round',
      met: round > 1 && newHigh === 0,
      detail: round > 1 ? `${newHigh} new HIGH-impact findings in round ${round} (round ${round - 1}: ${earlierHigh})` : 'first round',
    },
    { name: 'User satisfied with coverage', met: false, detail: 'your call: continue or terminate' },
    { name: 'Actionable report generated', met: quick.length > 0, detail: `${quick.length} quick wins, ${recommendations.length} recommendations` },
  ];
  const bytes = approved.reduce((s, r) => s + (r.finding.impact.bytes_saved ?? 0), 0);
  const allocs = approved.reduce((s, r) => s + (r.finding.impact.allocations_avoided ?? 0), 0);
  const PROFILE = 'Profile a workload (`memaudit profile`) to measure it.';
  return {
    round,
    summary: {
      total: live.length,
      approved: approved.length,
      needs_work: live.filter((r) => verdictOf(r) === 'NEEDS_WORK').length,
      rejected: live.filter((r) => verdictOf(r) === 'REJECTED').length,
      new: live.filter((r) => r.state === 'new').length,
      estimated_bytes_saved: bytes || null,
      estimated_allocations_avoided: allocs || null,
      estimated_allocation_reduction_pct: 18.5,
      measured: null,
      figures: [
        bytes
          ? { key: 'memory_impact', label: 'Memory impact', value: `~${(bytes / 1_048_576).toFixed(1)} MiB`, unit: 'saved at peak', kind: 'estimated', basis: `Not measured: the sum of the byte savings stated by the approved findings.`, action: PROFILE }
          : { key: 'memory_impact', label: 'Memory impact', value: null, unit: 'not estimated', kind: 'unknown', basis: 'No approved finding states a byte saving, and the session has no heap profile.', action: PROFILE },
        { key: 'allocation_reduction', label: 'Allocation reduction', value: '~18%', unit: 'of the allocations flagged in hot code', kind: 'estimated', basis: 'Not measured. Hot-path findings state allocations per pass through their code; approved findings remove 18% of them. Only what the audit flagged is counted, not the program\'s allocations.', action: PROFILE },
        allocs
          ? { key: 'allocations', label: 'Allocations removed per pass', value: `~${allocs.toLocaleString('en-US')}`, unit: `summed over ${approved.length} approved findings`, kind: 'estimated', basis: 'Each approved finding states the allocations one pass through its code would no longer make; this sums them. Not a count over a run.', action: PROFILE }
          : { key: 'allocations', label: 'Allocations removed per pass', value: null, unit: 'not estimated', kind: 'unknown', basis: 'No approved finding states an allocation count.', action: PROFILE },
      ],
      cold: live.filter((r) => r.finding.reach?.heat === 'cold').length,
      notes: 0,
    },
    quick_wins: quick,
    recommendations,
    by_crate,
    deferred: records
      .filter((r) => r.decision?.kind === 'defer')
      .slice(0, 20)
      .map((r) => ({ finding_id: r.finding.id, reason: r.decision!.note || 'deferred by the user' })),
    next_focus: ['crate ingest-scan: walk.rs was only partly covered', 'category CACHE_HOSTILE in ingest-worker'],
    termination,
    verified: [],
  };
}

export function computeStatus(name: string, rounds: RoundRecord[]): Status {
  const last = rounds[rounds.length - 1];
  const rs = last?.findings ?? [];
  const count = (p: (r: FindingRecord) => boolean) => rs.filter(p).length;
  return {
    session: name,
    rounds: rounds.length,
    current_round: last?.number ?? 0,
    round_status: last?.status ?? 'running',
    total_findings: rs.length,
    approved: count((r) => r.validation?.verdict === 'APPROVED'),
    needs_work: count((r) => r.validation?.verdict === 'NEEDS_WORK'),
    rejected: count((r) => r.validation?.verdict === 'REJECTED'),
    new: count((r) => r.state === 'new'),
    persisting: count((r) => r.state === 'persisting'),
    fixed: count((r) => r.state === 'fixed'),
    stale: count((r) => r.state === 'stale'),
    decided_implement: count((r) => r.decision?.kind === 'implement'),
    decided_defer: count((r) => r.decision?.kind === 'defer'),
    decided_reject: count((r) => r.decision?.kind === 'reject_false_positive' || r.decision?.kind === 'reject_wont_fix'),
    undecided: count((r) => !r.decision && r.state !== 'fixed'),
  };
}

function roleRuns(start: string) {
  return (['analyst', 'validator', 'coordinator'] as const).map((role, i) => ({
    role,
    engine: 'builtin',
    started_at: start,
    finished_at: start,
    duration_ms: [820, 340, 45][i],
    tokens_in: 0,
    tokens_out: 0,
    cost_usd: 0,
    status: 'finished',
    error: null,
  }));
}

function makeRound(number: number, findings: FindingRecord[], status: RoundRecord['status'], day: number, earlierHigh = 0): RoundRecord {
  const at = `2025-03-${String(day).padStart(2, '0')}T09:30:00Z`;
  return {
    number,
    status,
    started_at: at,
    finished_at: `2025-03-${String(day).padStart(2, '0')}T09:30:02Z`,
    error: null,
    findings,
    report: buildReport(number, findings, earlierHigh),
    role_runs: roleRuns(at),
    decision:
      status === 'decided'
        ? { kind: 'continue', focus: [{ kind: 'crate', value: 'ingest-worker' }, { kind: 'category', value: 'ALLOCATION_LOOP' }], note: 'Look deeper at the worker.' }
        : null,
    focus: number > 1 ? [{ kind: 'crate', value: 'ingest-worker' }, { kind: 'category', value: 'ALLOCATION_LOOP' }] : [],
  };
}

/** Both fixture sessions. `bigCount` replaces the active session's round 2 with that many findings. */
export function fixtureSessions(bigCount?: number): SessionExport[] {
  const r1a = generateFindings({ count: 22, seed: 3, round: 1, decided: 1 });
  const r2a = generateFindings({ count: 24, seed: 4, round: 2, decided: 1 });
  const oldRounds = [makeRound(1, r1a, 'decided', 2), { ...makeRound(2, r2a, 'decided', 4), decision: { kind: 'terminate' as const, note: 'Enough for this quarter.' } }];
  const oldInfo: SessionInfo = {
    id: 1,
    name: 'memory_audit_001',
    workspace: OLD_WORKSPACE,
    created_at: '2025-03-02T09:30:00Z',
    updated_at: '2025-03-04T16:10:00Z',
    status: 'terminated',
    rounds: 2,
    findings: r2a.length,
  };
  const r1 = generateFindings({ count: 31, seed: 11, round: 1, decided: 0.9 });
  const r2 = generateFindings({ count: bigCount ?? 42, seed: 12, round: 2, decided: bigCount ? 0.2 : 0.25 });
  const highR1 = r1.filter((r) => r.finding.impact.level === 'High').length;
  const rounds = [makeRound(1, r1, 'decided', 10), makeRound(2, r2, 'awaiting_decision', 12, highR1)];
  const info: SessionInfo = {
    id: 2,
    name: 'memory_audit_002',
    workspace: WORKSPACE,
    created_at: '2025-03-10T09:30:00Z',
    updated_at: '2025-03-12T09:30:02Z',
    status: 'active',
    rounds: 2,
    findings: r2.length,
  };
  return [
    { schema_version: 2, session: info, scope: fixtureScope(), rounds, status: computeStatus(info.name, rounds) },
    { schema_version: 2, session: oldInfo, scope: fixtureScope(OLD_WORKSPACE), rounds: oldRounds, status: computeStatus(oldInfo.name, oldRounds) },
  ];
}

/** A record as `load_session` lists it (the core's `FindingRow`). */
export function toRow(r: FindingRecord): FindingRow {
  const f = r.finding;
  return {
    id: f.id,
    category: f.category,
    file: f.file,
    line_start: f.line_start,
    line_end: f.line_end,
    crate: f.crate,
    priority: f.priority,
    item_path: f.item_path,
    summary: rowSummary(f.issue),
    impact: f.impact,
    source: f.source,
    state: r.state,
    verdict: r.validation?.verdict ?? null,
    decision: r.decision,
  };
}

/** Rows for tests: `generateFindings` as the overview lists them. */
export function generateRows(o: GenOptions): FindingRow[] {
  return generateFindings(o).map(toRow);
}

export function toReportOverview(r: Report): ReportOverview {
  return {
    round: r.round,
    summary: r.summary,
    quick_wins: r.quick_wins,
    recommendations: r.recommendations.length,
    deferred: r.deferred.length,
    next_focus: r.next_focus,
    termination: r.termination,
    verified: r.verified,
  };
}

export function toRoundOverview(r: RoundRecord): RoundOverview {
  return {
    number: r.number,
    status: r.status,
    started_at: r.started_at,
    finished_at: r.finished_at,
    error: r.error,
    findings: r.findings.map(toRow),
    report: r.report ? toReportOverview(r.report) : null,
    role_runs: r.role_runs,
    decision: r.decision,
    focus: r.focus,
  };
}

/** The session as `load_session` answers: rows, no code or evidence. */
export function toOverview(s: SessionExport): SessionOverview {
  return {
    session: s.session,
    crates: (s.scope?.crates ?? []).map((c) => c.name),
    rounds: s.rounds.map(toRoundOverview),
    status: s.status,
  };
}
