import type { MinuteBucket, MinuteSeries } from '../../../shared/index.ts';

export const MINUTE_MS = 60_000;

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
