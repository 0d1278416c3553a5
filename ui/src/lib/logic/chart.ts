// Scales for the report's bar charts: a "nice" axis maximum and ticks
// (1, 2, 5 × 10^k steps) so labels read as round numbers, and the pixel
// length of a bar. Pure, so the axis maths is tested without a DOM.

/** One bar of a chart: a label and its value per series key. */
export interface Bar {
  label: string;
  values: Record<string, number>;
}

export interface Scale {
  max: number;
  step: number;
  ticks: number[];
}

/** A nice step for about `count` intervals over [0, max]. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  // Counts are integers: never step below 1.
  return Math.max(1, nice * mag);
}

export function niceScale(dataMax: number, count = 5): Scale {
  const step = niceStep(dataMax, count);
  const max = dataMax > 0 ? Math.ceil(dataMax / step) * step : step;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return { max, step, ticks };
}

/** Pixel length of a value on an axis of `length` px; clamps to [0, length]. */
export function barLength(value: number, scale: Scale, length: number): number {
  if (!(value > 0) || scale.max <= 0) return 0;
  return Math.min(length, (value / scale.max) * length);
}

export interface Segment {
  key: string;
  value: number;
  x: number;
  width: number;
}

/** Lays stacked segments end to end along one bar. Zero segments are dropped. */
export function stack(parts: { key: string; value: number }[], scale: Scale, length: number): Segment[] {
  const out: Segment[] = [];
  let acc = 0;
  for (const p of parts) {
    if (p.value <= 0) continue;
    const x = barLength(acc, scale, length);
    acc += p.value;
    out.push({ key: p.key, value: p.value, x, width: barLength(acc, scale, length) - x });
  }
  return out;
}

/** Short axis labels: 1200 → 1.2k, 3_500_000 → 3.5M. */
export function shortNumber(n: number): string {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}
