import { describe, expect, it } from 'vitest';
import { barLength, niceScale, niceStep, shortNumber, stack } from './chart';

describe('niceScale', () => {
  const check = (max: number, expected: { max: number; step: number; ticks?: number[] }) => {
    const s = niceScale(max);
    expect({ max: s.max, step: s.step }, `scale for ${max}`).toEqual({ max: expected.max, step: expected.step });
    if (expected.ticks) expect(s.ticks).toEqual(expected.ticks);
    expect(s.max, 'axis covers the data').toBeGreaterThanOrEqual(max);
  };
  it('rounds the axis up to nice steps', () => {
    check(0, { max: 1, step: 1, ticks: [0, 1] });
    check(3, { max: 3, step: 1, ticks: [0, 1, 2, 3] });
    check(7, { max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    check(42, { max: 50, step: 10 });
    check(10000, { max: 10000, step: 2000 });
    check(1_234_567, { max: 1_500_000, step: 500_000 });
  });
  it('never uses fractional steps for counts', () => {
    expect(niceStep(2)).toBe(1);
    expect(niceStep(0.3)).toBe(1);
  });
});

describe('bars', () => {
  const s = niceScale(50);
  it('scales linearly and clamps', () => {
    expect(barLength(25, s, 200)).toBe(100);
    expect(barLength(50, s, 200)).toBe(200);
    expect(barLength(80, s, 200)).toBe(200);
    expect(barLength(-3, s, 200)).toBe(0);
    expect(barLength(Number.NaN, s, 200)).toBe(0);
  });
  it('stacks segments end to end, dropping zeros', () => {
    const segs = stack(
      [
        { key: 'a', value: 10 },
        { key: 'b', value: 0 },
        { key: 'c', value: 15 },
      ],
      s,
      200,
    );
    expect(segs).toEqual([
      { key: 'a', value: 10, x: 0, width: 40 },
      { key: 'c', value: 15, x: 40, width: 60 },
    ]);
  });
  it('abbreviates axis labels', () => {
    expect(shortNumber(950)).toBe('950');
    expect(shortNumber(1200)).toBe('1.2k');
    expect(shortNumber(3_500_000)).toBe('3.5M');
    expect(shortNumber(2000)).toBe('2k');
  });
});
