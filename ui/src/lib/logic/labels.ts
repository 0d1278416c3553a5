// Display names and orderings for the wire enums, shared by every view so a
// category or verdict always reads and sorts the same way.

import type { Category, DecisionKind, FindingState, Priority, Verdict } from '../bindings/types';

export const CATEGORIES: Category[] = [
  'ARENA_CANDIDATE',
  'UNNECESSARY_CLONE',
  'HEAP_AVOIDABLE',
  'LIFETIME_EXTENSION',
  'CACHE_HOSTILE',
  'ALLOCATION_LOOP',
];
export const PRIORITIES: Priority[] = ['P0', 'P1', 'P2', 'P3'];
export const VERDICTS: Verdict[] = ['APPROVED', 'NEEDS_WORK', 'REJECTED'];
export const STATES: FindingState[] = ['new', 'persisting', 'fixed', 'stale'];
export const DECISION_KINDS: DecisionKind[] = ['implement', 'defer', 'reject_false_positive', 'reject_wont_fix'];

export const CATEGORY_LABEL: Record<Category, string> = {
  ARENA_CANDIDATE: 'Arena candidate',
  UNNECESSARY_CLONE: 'Unnecessary clone',
  HEAP_AVOIDABLE: 'Heap avoidable',
  LIFETIME_EXTENSION: 'Lifetime extension',
  CACHE_HOSTILE: 'Cache hostile',
  ALLOCATION_LOOP: 'Allocation in loop',
};

export const CATEGORY_SHORT: Record<Category, string> = {
  ARENA_CANDIDATE: 'Arena',
  UNNECESSARY_CLONE: 'Clone',
  HEAP_AVOIDABLE: 'Heap',
  LIFETIME_EXTENSION: 'Lifetime',
  CACHE_HOSTILE: 'Cache',
  ALLOCATION_LOOP: 'Alloc loop',
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  APPROVED: 'Approved',
  NEEDS_WORK: 'Needs work',
  REJECTED: 'Rejected',
};

export const DECISION_LABEL: Record<DecisionKind, string> = {
  implement: 'Implement',
  defer: 'Defer',
  reject_false_positive: 'False positive',
  reject_wont_fix: "Won't fix",
};

export const STATE_LABEL: Record<FindingState, string> = {
  new: 'New',
  persisting: 'Persisting',
  fixed: 'Fixed',
  stale: 'Stale',
};

/** CSS class suffix for a category colour (see app.css `--cat-*`). */
export function categoryClass(c: Category): string {
  return `cat-${c.toLowerCase().replace(/_/g, '-')}`;
}

export function verdictClass(v: Verdict | null | undefined): string {
  return v ? `verdict-${v.toLowerCase().replace(/_/g, '-')}` : 'verdict-none';
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1_048_576) return `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KiB`;
  return `${(n / 1_048_576).toFixed(1)} MiB`;
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function location(f: { file: string; line_start: number; line_end: number }): string {
  return f.line_end > f.line_start ? `${f.file}:${f.line_start}-${f.line_end}` : `${f.file}:${f.line_start}`;
}

/** Signal names of a priority's reasons, each once, with a count when it fired several times. */
export function signalSummary(reasons: { signal: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r.signal, (counts.get(r.signal) ?? 0) + 1);
  return [...counts].map(([s, n]) => (n > 1 ? `${s} ×${n}` : s)).join(', ');
}
