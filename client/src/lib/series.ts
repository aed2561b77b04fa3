import type { MinuteBucket, MinuteSeries } from '../../../shared/index.ts';
import { MINUTE_MS } from '../../../shared/time.ts';

/**
 * Folds a window of minutes (the first load, or a live update) into what the page holds.
 * Counts only ever grow, so the larger value wins: an update built by a process that has not
 * yet seen every write can never take a bar down.
 */
export function mergeMinutes(held: Map<number, MinuteBucket>, window: MinuteSeries): Map<number, MinuteBucket> {
  const next = new Map(held);
  for (const b of window.minutes) {
    const old = next.get(b.t);
    if (!old || b.total >= old.total) next.set(b.t, b);
  }
  return next;
}

export interface Bars {
  /** Bar start times, seconds (uPlot's unit). */
  xs: number[];
  ys: number[];
  peak: { t: number; count: number };
  total: number;
}

/** Totals per `binMs` over the `windowMs` before `to`; the last bar is the one still filling. */
export function bars(held: Map<number, MinuteBucket>, to: number, binMs: number, windowMs: number): Bars {
  const lastStart = Math.floor((to - 1) / binMs) * binMs;
  const n = Math.round(windowMs / binMs);
  const first = lastStart - (n - 1) * binMs;
  const ys = new Array<number>(n).fill(0);
  for (const b of held.values()) {
    const i = Math.floor((b.t - first) / binMs);
    if (i >= 0 && i < n) ys[i]! += b.total;
  }
  const xs = ys.map((_, i) => (first + i * binMs) / 1000);
  let peak = { t: first, count: 0 };
  ys.forEach((y, i) => y > peak.count && (peak = { t: first + i * binMs, count: y }));
  return { xs, ys, peak, total: ys.reduce((a, b) => a + b, 0) };
}

export function prune(held: Map<number, MinuteBucket>, from: number): Map<number, MinuteBucket> {
  return new Map([...held].filter(([t]) => t >= from));
}

export interface BandPoint {
  expected: number;
  low: number;
  high: number;
}

/** Folds a baseline band (per minute) into what the page holds; a newer band replaces older values. */
export function mergeBand(
  held: Map<number, BandPoint>,
  band: { from: number; stepMs: number; expected: number[]; low: number[]; high: number[] } | null,
): Map<number, BandPoint> {
  if (!band) return held;
  const next = new Map(held);
  band.expected.forEach((expected, i) =>
    next.set(band.from + i * band.stepMs, { expected, low: band.low[i]!, high: band.high[i]! }),
  );
  return next;
}

/**
 * The band per bar: expected counts add up; the range adds the minutes' bounds, which is wider
 * than the true range of a sum, so a bar above it is above normal for sure.
 */
export function bandBars(
  held: Map<number, BandPoint>,
  xs: number[],
  binMs: number,
): { expected: (number | null)[]; low: (number | null)[]; high: (number | null)[] } {
  const out = { expected: [] as (number | null)[], low: [] as (number | null)[], high: [] as (number | null)[] };
  for (const x of xs) {
    let e = 0,
      lo = 0,
      hi = 0,
      seen = 0;
    for (let t = x * 1000; t < x * 1000 + binMs; t += MINUTE_MS) {
      const b = held.get(t);
      if (!b) continue;
      seen++;
      e += b.expected;
      lo += b.low;
      hi += b.high;
    }
    const ok = seen > 0;
    out.expected.push(ok ? e : null);
    out.low.push(ok ? lo : null);
    out.high.push(ok ? hi : null);
  }
  return out;
}
