// A cache of finding pages (`load_finding` answers), keyed by round and id.
// The findings list holds rows only; the page of the selected finding is
// fetched when it is shown, so keyboard moves through 10,000 rows never
// wait for IPC. Pure (no Svelte, no backend): the fetch function is given.
//
// - A page is fetched once: concurrent asks share one request.
// - Invalidation (a decision, a finished round, a verification) drops pages
//   and bumps a generation, so an answer that was in flight when the page
//   was invalidated is handed to its caller but not stored.
// - Failed fetches are not stored; the next ask tries again.
// - At most `capacity` pages are kept, the least recently used go first.

export function pageKey(round: number, id: string): string {
  return `${round}:${id}`;
}

export class PageCache<T> {
  private pages = new Map<string, T>();
  private inflight = new Map<string, { generation: number; promise: Promise<T> }>();
  private generation = 0;

  constructor(
    private readonly fetch: (round: number, id: string) => Promise<T>,
    private readonly capacity = 300,
  ) {}

  /** The stored page, if any (refreshes its recency). */
  get(round: number, id: string): T | undefined {
    const k = pageKey(round, id);
    const p = this.pages.get(k);
    if (p !== undefined) {
      this.pages.delete(k);
      this.pages.set(k, p);
    }
    return p;
  }

  has(round: number, id: string): boolean {
    return this.pages.has(pageKey(round, id));
  }

  /** The page from the cache, or fetched (once, however many ask). */
  load(round: number, id: string): Promise<T> {
    const hit = this.get(round, id);
    if (hit !== undefined) return Promise.resolve(hit);
    const k = pageKey(round, id);
    const running = this.inflight.get(k);
    if (running && running.generation === this.generation) return running.promise;
    const generation = this.generation;
    const promise = this.fetch(round, id).then(
      (page) => {
        if (this.inflight.get(k)?.promise === promise) this.inflight.delete(k);
        // Invalidated while in flight: the answer may predate the change.
        if (generation === this.generation) this.store(k, page);
        return page;
      },
      (e: unknown) => {
        if (this.inflight.get(k)?.promise === promise) this.inflight.delete(k);
        throw e;
      },
    );
    this.inflight.set(k, { generation, promise });
    return promise;
  }

  /** Drops one page (round and id given) or all of them. */
  invalidate(round?: number, id?: string): void {
    this.generation++;
    if (round != null && id != null) {
      const k = pageKey(round, id);
      this.pages.delete(k);
      this.inflight.delete(k);
    } else {
      this.pages.clear();
      this.inflight.clear();
    }
  }

  get size(): number {
    return this.pages.size;
  }

  private store(k: string, page: T) {
    this.pages.delete(k);
    this.pages.set(k, page);
    while (this.pages.size > this.capacity) {
      const oldest = this.pages.keys().next().value as string;
      this.pages.delete(oldest);
    }
  }
}

/** How long a page may take before its skeleton shows. A faster answer
 * replaces the previous page directly, so quick moves never flash grey. */
export const SKELETON_DELAY_MS = 150;

/** What the finding page shows while `wanted` is being fetched.
 * `shown` is the last page the view received (possibly another finding's). */
export type PageDisplay = 'page' | 'previous' | 'blank' | 'skeleton' | 'error';

export function pageDisplay(o: { wanted: string; shownKey: string | null; slow: boolean; failed: boolean }): PageDisplay {
  if (o.shownKey === o.wanted) return 'page';
  if (o.failed) return 'error';
  if (o.slow) return 'skeleton';
  // Fast path: keep the previous page (dimmed) for a moment instead of
  // swapping in a skeleton that would be replaced a few ms later.
  return o.shownKey === null ? 'blank' : 'previous';
}
