import { describe, expect, it } from 'vitest';
import { generateRows } from '../backend/fixtures';
import { EMPTY_FILTER, facetCounts, filterFindings, sortFindings, toggle, type FindingFilter } from './filter';

const records = generateRows({ count: 40, seed: 1 });
const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

function check(filter: Partial<FindingFilter>, expected: (r: (typeof records)[number]) => boolean) {
  const got = filterFindings(records, { ...EMPTY_FILTER, ...filter });
  expect(ids(got), `filter ${JSON.stringify(filter)}`).toEqual(ids(records.filter(expected)));
  return got;
}

describe('filterFindings', () => {
  it('an empty filter returns every record (same array, no copy)', () => {
    expect(filterFindings(records, EMPTY_FILTER)).toBe(records);
  });
  it('filters by each facet', () => {
    expect(check({ categories: ['UNNECESSARY_CLONE'] }, (r) => r.category === 'UNNECESSARY_CLONE').length).toBeGreaterThan(0);
    expect(check({ crates: ['ingest-scan'] }, (r) => r.crate === 'ingest-scan').length).toBeGreaterThan(0);
    check({ priorities: ['P0', 'P3'] }, (r) => r.priority === 'P0' || r.priority === 'P3');
    expect(check({ verdicts: ['REJECTED'] }, (r) => r.verdict === 'REJECTED').length).toBeGreaterThan(0);
    expect(check({ states: ['stale'] }, (r) => r.state === 'stale').length).toBeGreaterThan(0);
    check({ decisions: ['undecided'] }, (r) => r.decision === null);
  });
  it('combines facets with AND and values within a facet with OR', () => {
    check(
      { categories: ['ALLOCATION_LOOP', 'HEAP_AVOIDABLE'], verdicts: ['APPROVED'] },
      (r) => (r.category === 'ALLOCATION_LOOP' || r.category === 'HEAP_AVOIDABLE') && r.verdict === 'APPROVED',
    );
  });
  it('text search is case-insensitive over id, file, item and summary', () => {
    check({ text: '  F-007 ' }, (r) => r.id === 'F-007');
    check({ text: 'WALK.RS' }, (r) => r.file.includes('walk.rs'));
    check({ text: 'format!' }, (r) => r.summary.includes('format!'));
    expect(filterFindings(records, { ...EMPTY_FILTER, text: 'no-such-thing' })).toEqual([]);
  });
});

describe('sortFindings', () => {
  it('sorts ids numerically, not as strings', () => {
    const big = generateRows({ count: 1200, seed: 2 });
    const sorted = sortFindings([...big].reverse(), 'id');
    expect(sorted[0].id).toBe('F-001');
    expect(sorted[999].id).toBe('F-1000');
    expect(sorted[1199].id).toBe('F-1200');
  });
  it('sorts by priority with P0 first, ties by id', () => {
    const sorted = sortFindings(records, 'priority');
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      expect(a.priority <= b.priority, `${a.id} before ${b.id}`).toBe(true);
      if (a.priority === b.priority) expect(Number(a.id.slice(2)) < Number(b.id.slice(2)), 'ties by id').toBe(true);
    }
  });
  it('descending reverses the key but keeps the tie order', () => {
    const desc = sortFindings(records, 'verdict', 'desc');
    expect(records.some((r) => r.verdict === null), 'the core leaves fixed findings unvalidated').toBe(true);
    expect(desc[0].verdict, 'rows without a verdict rank last, so first when descending').toBeNull();
    expect(desc.find((r) => r.verdict)?.verdict).toBe('REJECTED');
    expect(desc[desc.length - 1].verdict).toBe('APPROVED');
    for (let i = 1; i < desc.length; i++) {
      const [a, b] = [desc[i - 1], desc[i]];
      if (a.verdict === b.verdict) expect(a.priority <= b.priority, `ties stay P0 first: ${a.id} before ${b.id}`).toBe(true);
    }
  });
  it('does not mutate its input', () => {
    const copy = [...records];
    sortFindings(records, 'crate', 'desc');
    expect(records).toEqual(copy);
  });
});

describe('facets', () => {
  it('counts every category and sums to the total', () => {
    const c = facetCounts(records);
    const total = [...c.categories.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(records.length);
    for (const [cat, n] of c.categories) expect(n, `${cat} present in fixtures`).toBeGreaterThan(0);
    for (const [v, n] of c.verdicts) expect(n, `${v} present in fixtures`).toBeGreaterThan(0);
    for (const [s, n] of c.states) expect(n, `${s} present in fixtures`).toBeGreaterThan(0);
  });
  it('toggle adds and removes', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
