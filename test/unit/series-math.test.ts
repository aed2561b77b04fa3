import { describe, expect, it } from 'vitest';
import { binnedTotals, mergeBucket, problemBreakdown, seriesWindow } from '../../server/series/series-math.ts';
import { bars, mergeMinutes } from '../../client/src/lib/series.ts';

const M = 60_000;
const now = Date.UTC(2026, 0, 1, 12, 30, 20);
const minute = Math.floor(now / M) * M;
const b = (minsAgo: number, byProblem: Record<string, number>) => ({
  t: minute - minsAgo * M,
  total: Object.values(byProblem).reduce((a, n) => a + n, 0),
  byProblem,
});
const label = (p: string) => p.toUpperCase();

describe('series math', () => {
  it('keeps the last 24 hours up to and including the current minute, leaving out empty minutes', () => {
    const s = seriesWindow([b(0, { login: 1 }), b(1440, { login: 5 }), b(3, {}), b(1439, { api: 2 })], now);
    expect(s.to).toBe(minute + M);
    expect(s.from).toBe(minute + M - 1440 * M);
    expect(s.minutes.map((m) => m.t)).toEqual([minute - 1439 * M, minute]);
  });

  it('breaks down the last hour when it holds enough reports', () => {
    const d = problemBreakdown([b(0, { login: 3, api: 1 }), b(10, { api: 2 }), b(120, { errors: 50 })], now, label);
    expect(d.windowMinutes).toBe(60);
    expect(d.items).toEqual([
      { problem: 'api', label: 'API', count: 3, share: 0.5 },
      { problem: 'login', label: 'LOGIN', count: 3, share: 0.5 },
    ]);
  });

  it('falls back to 24 hours when the last hour is too quiet to mean anything', () => {
    const d = problemBreakdown([b(0, { login: 1 }), b(300, { errors: 3 })], now, label);
    expect(d.windowMinutes).toBe(1440);
    expect(d.items.map((i) => [i.problem, i.count])).toEqual([
      ['errors', 3],
      ['login', 1],
    ]);
  });

  it('bins totals on clock boundaries with the current bin last', () => {
    const bins = binnedTotals([b(0, { a: 2 }), b(30, { a: 1 }), b(31, { a: 4 })], now, 15 * M, 4);
    // now is 12:30:20 → bins 11:45, 12:00, 12:15, 12:30; 31 minutes ago is 11:59.
    expect(bins).toEqual([4, 1, 0, 2]);
  });

  it('combines a database read and own writes as lower bounds: never lower, never double', () => {
    // Read: 3 a + 1 c (others' and ours); own writes since: 2 a + 4 b → at least 3 a, 4 b, 1 c.
    expect(mergeBucket(b(0, { a: 3, c: 1 }), b(0, { a: 2, b: 4 }))).toEqual({
      t: minute,
      total: 8,
      byProblem: { a: 3, b: 4, c: 1 },
    });
    expect(mergeBucket(b(0, { a: 5 }), b(0, { a: 5 }))).toEqual({ t: minute, total: 5, byProblem: { a: 5 } });
  });
});

describe("the page's graph data", () => {
  it('folds live windows into what it holds, larger counts winning', () => {
    const held = mergeMinutes(new Map(), { from: 0, to: minute + M, stepMs: M, minutes: [b(1, { a: 2 })] });
    const next = mergeMinutes(held, {
      from: minute - 9 * M,
      to: minute + M,
      stepMs: M,
      minutes: [b(1, { a: 1 }), b(0, { a: 4 })],
    });
    expect([...next.values()].map((x) => x.total)).toEqual([2, 4]);
  });

  it('draws 5-minute bars over 24 hours with the growing bar last', () => {
    const held = mergeMinutes(new Map(), {
      from: 0,
      to: minute + M,
      stepMs: M,
      minutes: [b(0, { a: 2 }), b(1, { a: 3 }), b(7, { a: 1 })],
    });
    const out = bars(held, minute + M, 5 * M, 1440 * M);
    expect(out.ys).toHaveLength(288);
    // 12:30 is the current minute: 12:23 → the 12:20 bar, 12:29 → 12:25, 12:30 → the growing 12:30 bar.
    expect(out.ys.slice(-3)).toEqual([1, 3, 2]);
    expect(out.total).toBe(6);
    expect(out.peak).toEqual({ t: minute - 5 * M, count: 3 });
  });
});
