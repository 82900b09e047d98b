/**
 * The time bar, pure: the dated claims per year as bars, positions on the
 * bar as years (for brushing a range), and the ranges a play goes through.
 * Unit-tested in Node; the bar itself is timebar-view.ts.
 */
import type { Filters } from './types.ts';

/** The bars of the histogram: one per year (or per `step` years on a long span), lo..hi inclusive. */
export interface Bars {
  lo: number;
  hi: number;
  /** Years per bar. */
  step: number;
  /** Claims per bar, from lo, every `step` years. */
  counts: number[];
  max: number;
}

/** Bars from dated claims per (first) year; null without any. */
export function barsOf(histogram: ReadonlyMap<number, number>, maxBars = 120): Bars | null {
  const years = [...histogram.keys()].sort((a, b) => a - b);
  if (!years.length) return null;
  const lo = years[0]!;
  const last = years[years.length - 1]!;
  const span = last - lo + 1;
  const step = span <= maxBars ? 1 : [2, 5, 10, 20, 50, 100].find((s) => span / s <= maxBars) ?? Math.ceil(span / maxBars);
  const counts = new Array<number>(Math.ceil(span / step)).fill(0);
  histogram.forEach((n, y) => (counts[Math.floor((y - lo) / step)]! += n));
  return { lo, hi: lo + counts.length * step - 1, step, counts, max: Math.max(...counts) };
}

/** The year at a position on a bar `width` px wide (clamped to the bars). */
export function yearAt(b: Bars, x: number, width: number): number {
  const i = Math.floor((Math.max(0, Math.min(width - 0.001, x)) / width) * b.counts.length);
  return b.lo + i * b.step;
}

/** Where a year starts on the bar (px). */
export function xOfYear(b: Bars, year: number, width: number): number {
  return ((year - b.lo) / (b.hi - b.lo + 1)) * width;
}

/** The range brushed between two years (either order), whole bars. */
export function brushed(b: Bars, a: number, c: number): { yearFrom: number; yearTo: number } {
  const from = Math.min(a, c);
  const to = Math.max(a, c);
  return { yearFrom: Math.max(b.lo, from), yearTo: Math.min(b.hi, to + b.step - 1) };
}

/** The range the filters select on the bars (an open end at the bars' end). */
export function selected(b: Bars, f: Pick<Filters, 'yearFrom' | 'yearTo'>): { from: number; to: number } | null {
  if (f.yearFrom === null && f.yearTo === null) return null;
  return { from: f.yearFrom ?? b.lo, to: f.yearTo ?? b.hi };
}

/**
 * The ranges a play goes through, one per tick: from a range that does
 * not cover everything, the same width slides to the end; otherwise it
 * grows from the first bar (claims appear as time passes). About 24 ticks
 * at most, whole bars each.
 */
export function playRanges(b: Bars, f: Pick<Filters, 'yearFrom' | 'yearTo'>, maxTicks = 24): { yearFrom: number; yearTo: number }[] {
  const sel = selected(b, f);
  const stride = Math.max(b.step, Math.ceil((b.hi - b.lo + 1) / maxTicks / b.step) * b.step);
  const out: { yearFrom: number; yearTo: number }[] = [];
  if (sel && !(sel.from <= b.lo && sel.to >= b.hi) && sel.to < b.hi) {
    const width = sel.to - sel.from;
    for (let to = sel.to + stride; ; to += stride) {
      const end = Math.min(b.hi, to);
      out.push({ yearFrom: end - width, yearTo: end });
      if (end >= b.hi) break;
    }
    return out;
  }
  for (let to = b.lo + stride - 1; ; to += stride) {
    const end = Math.min(b.hi, to);
    out.push({ yearFrom: b.lo, yearTo: end });
    if (end >= b.hi) break;
  }
  return out;
}

/** "14 of 208 claims are dated" (how much a date filter can act on). */
export function datedInWords(dated: number, total: number): string {
  if (total === 0) return 'No claims on the canvas';
  if (dated === 0) return `None of the ${total.toLocaleString('en')} claims is dated`;
  return `${dated.toLocaleString('en')} of ${total.toLocaleString('en')} claim${total === 1 ? ' is' : 's are'} dated`;
}
