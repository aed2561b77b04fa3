import { type MinuteBucket, type MinuteSeries, type ProblemBreakdown } from '../../shared/index.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time.ts';

export const minuteOf = (t: number) => Math.floor(t / MINUTE_MS) * MINUTE_MS;

/** The last `windowMs` up to and including the current (still filling) minute. */
export function seriesWindow(buckets: Iterable<MinuteBucket>, now: number, windowMs = DAY_MS): MinuteSeries {
  const to = minuteOf(now) + MINUTE_MS;
  const from = to - windowMs;
  const minutes = [...buckets].filter((b) => b.t >= from && b.t < to && b.total > 0).sort((a, b) => a.t - b.t);
  return { from, to, stepMs: MINUTE_MS, minutes };
}

export function totalBetween(buckets: Iterable<MinuteBucket>, from: number, to: number): number {
  let sum = 0;
  for (const b of buckets) if (b.t >= from && b.t < to) sum += b.total;
  return sum;
}

/**
 * "Most reported problems": the last hour when it holds enough reports to mean something,
 * else the last 24 h, so a quiet service still shows what people usually hit.
 */
export function problemBreakdown(
  buckets: Iterable<MinuteBucket>,
  now: number,
  labelOf: (problem: string) => string,
  minReportsForHour = 5,
): ProblemBreakdown {
  const list = [...buckets];
  const end = minuteOf(now) + MINUTE_MS;
  const count = (windowMs: number) => {
    const byProblem = new Map<string, number>();
    let total = 0;
    for (const b of list) {
      if (b.t < end - windowMs || b.t >= end) continue;
      for (const [p, n] of Object.entries(b.byProblem)) {
        byProblem.set(p, (byProblem.get(p) ?? 0) + n);
        total += n;
      }
    }
    return { byProblem, total };
  };
  let windowMs = HOUR_MS;
  let counted = count(windowMs);
  if (counted.total < minReportsForHour) {
    windowMs = DAY_MS;
    counted = count(windowMs);
  }
  const items = [...counted.byProblem]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([problem, n]) => ({ problem, label: labelOf(problem), count: n, share: n / counted.total }));
  return { windowMinutes: windowMs / MINUTE_MS, total: counted.total, items };
}

/** Totals in `binMs` bins aligned to the clock, oldest first, the last bin holding `now`. */
export function binnedTotals(buckets: Iterable<MinuteBucket>, now: number, binMs: number, bins: number): number[] {
  const lastStart = Math.floor(now / binMs) * binMs;
  const firstStart = lastStart - (bins - 1) * binMs;
  const out = new Array<number>(bins).fill(0);
  for (const b of buckets) {
    const i = Math.floor((b.t - firstStart) / binMs);
    if (i >= 0 && i < bins) out[i]! += b.total;
  }
  return out;
}

/**
 * Combines two lower bounds of one minute's counts (a database read, this process's own
 * writes): each field's maximum is a lower bound too, and so is the sum of the kinds.
 */
export function mergeBucket(held: MinuteBucket | undefined, fresh: MinuteBucket): MinuteBucket {
  if (!held) return fresh;
  const byProblem: Record<string, number> = { ...held.byProblem };
  for (const [p, n] of Object.entries(fresh.byProblem)) byProblem[p] = Math.max(byProblem[p] ?? 0, n);
  const kinds = Object.values(byProblem).reduce((a, n) => a + n, 0);
  return { t: held.t, total: Math.max(held.total, fresh.total, kinds), byProblem };
}
