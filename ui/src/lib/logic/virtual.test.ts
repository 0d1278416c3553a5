import { describe, expect, it } from 'vitest';
import { computeWindow, scrollToReveal } from './virtual';

describe('computeWindow', () => {
  const check = (args: [number, number, number, number, number?], expected: { start: number; end: number; offsetTop: number; totalHeight: number }) =>
    expect(computeWindow(...args), `window for ${JSON.stringify(args)}`).toEqual(expected);

  it('renders the visible rows plus overscan at the top', () => {
    // 600px / 30px = 20 visible rows (+1 partial), 8 overscan below.
    check([0, 600, 30, 10000], { start: 0, end: 29, offsetTop: 0, totalHeight: 300000 });
  });
  it('windows the middle of a long list', () => {
    check([30000, 600, 30, 10000], { start: 992, end: 1029, offsetTop: 29760, totalHeight: 300000 });
  });
  it('clamps past the end (overscrolled or list shrank)', () => {
    const w = computeWindow(10_000_000, 600, 30, 10000);
    expect(w.end).toBe(10000);
    expect(w.end - w.start).toBeLessThan(40);
  });
  it('short and empty lists', () => {
    check([0, 600, 30, 5], { start: 0, end: 5, offsetTop: 0, totalHeight: 150 });
    check([120, 600, 30, 0], { start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });
  it('renders a bounded number of rows whatever the list length', () => {
    for (const n of [100, 10_000, 1_000_000]) {
      const w = computeWindow(n * 15, 900, 28, n);
      expect(w.end - w.start, `rows for ${n}`).toBeLessThanOrEqual(Math.ceil(900 / 28) + 1 + 16);
    }
  });
});

describe('scrollToReveal', () => {
  it('scrolls only when the row is outside the viewport', () => {
    expect(scrollToReveal(5, 0, 300, 30)).toBeNull();
    expect(scrollToReveal(12, 0, 300, 30)).toBe(90);
    expect(scrollToReveal(2, 300, 300, 30)).toBe(60);
  });
});
