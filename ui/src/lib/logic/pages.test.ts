import { describe, expect, it } from 'vitest';
import { PageCache, pageDisplay, pageKey } from './pages';

/** A fetch whose answers the test releases one by one, in any order. */
function controlled() {
  const calls: { round: number; id: string; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (round: number, id: string) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ round, id, resolve, reject });
    });
  return { calls, fetch };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PageCache', () => {
  it('fetches a page once however many ask, then answers from the cache', async () => {
    const { calls, fetch } = controlled();
    const cache = new PageCache(fetch);
    const a = cache.load(2, 'F-001');
    const b = cache.load(2, 'F-001');
    expect(calls, 'one request for two asks').toHaveLength(1);
    calls[0].resolve('page 1');
    expect(await a).toBe('page 1');
    expect(await b).toBe('page 1');
    expect(cache.get(2, 'F-001')).toBe('page 1');
    expect(await cache.load(2, 'F-001')).toBe('page 1');
    expect(calls, 'a cached page is not fetched again').toHaveLength(1);
  });

  it('keys pages by round and id', async () => {
    const { calls, fetch } = controlled();
    const cache = new PageCache(fetch);
    void cache.load(1, 'F-001');
    void cache.load(2, 'F-001');
    expect(calls.map((c) => pageKey(c.round, c.id))).toEqual(['1:F-001', '2:F-001']);
  });

  it('does not store a failed fetch: the next ask tries again', async () => {
    const { calls, fetch } = controlled();
    const cache = new PageCache(fetch);
    const first = cache.load(2, 'F-002');
    calls[0].reject(new Error('ipc closed'));
    await expect(first).rejects.toThrow('ipc closed');
    expect(cache.has(2, 'F-002')).toBe(false);
    const second = cache.load(2, 'F-002');
    expect(calls).toHaveLength(2);
    calls[1].resolve('ok');
    expect(await second).toBe('ok');
  });

  it('an answer that was in flight when the page was invalidated is not stored', async () => {
    const { calls, fetch } = controlled();
    const cache = new PageCache(fetch);
    const old = cache.load(2, 'F-003');
    cache.invalidate(2, 'F-003');
    const fresh = cache.load(2, 'F-003');
    expect(calls, 'after the invalidation a new request is made').toHaveLength(2);
    calls[0].resolve('before the decision');
    expect(await old, 'the caller still gets its answer').toBe('before the decision');
    expect(cache.has(2, 'F-003'), 'but the cache does not keep it').toBe(false);
    calls[1].resolve('after the decision');
    expect(await fresh).toBe('after the decision');
    expect(cache.get(2, 'F-003')).toBe('after the decision');
  });

  it('invalidating one page keeps the others; invalidating all drops every page', async () => {
    const cache = new PageCache(async (r, id) => `${r}/${id}`);
    await cache.load(2, 'F-001');
    await cache.load(2, 'F-002');
    cache.invalidate(2, 'F-001');
    expect([cache.has(2, 'F-001'), cache.has(2, 'F-002')]).toEqual([false, true]);
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('keeps at most `capacity` pages, dropping the least recently used', async () => {
    const cache = new PageCache(async (r, id) => `${r}/${id}`, 3);
    for (const id of ['a', 'b', 'c']) await cache.load(1, id);
    cache.get(1, 'a'); // a is now the most recent
    await cache.load(1, 'd');
    await flush();
    expect(['a', 'b', 'c', 'd'].map((id) => cache.has(1, id))).toEqual([true, false, true, true]);
    expect(cache.size).toBe(3);
  });
});

describe('pageDisplay', () => {
  const show = (shownKey: string | null, slow = false, failed = false) => pageDisplay({ wanted: '2:F-002', shownKey, slow, failed });
  it('shows the page once it is the wanted one', () => {
    expect(show('2:F-002')).toBe('page');
    expect(show('2:F-002', true, true), 'even if a flag is stale').toBe('page');
  });
  it('keeps the previous page while a fast answer is on its way (no skeleton flash)', () => {
    expect(show('2:F-001')).toBe('previous');
    expect(show(null), 'nothing shown yet: blank, not a skeleton').toBe('blank');
  });
  it('shows the skeleton only once the answer is slow, and the error when it failed', () => {
    expect(show('2:F-001', true)).toBe('skeleton');
    expect(show(null, true)).toBe('skeleton');
    expect(show('2:F-001', false, true)).toBe('error');
  });
});
