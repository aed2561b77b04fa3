import { describe, expect, it } from 'vitest';
import { SeasonalBaseline } from '../../../server/detection/baseline.ts';
import { median, medianPolish, quantile } from '../../../server/detection/robust-stats.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2025, 0, 6);
const config = { intervalMs: MINUTE, historyDays: 28, floorPerHour: 0.5 };

/** Noise-free reports per minute: 2 at night, 12 from 09:00 to 17:00, half on weekends. */
const rate = (time: number) => {
  const hour = Math.floor((time % DAY) / HOUR);
  const weekday = (Math.floor(time / DAY) + 4) % 7;
  return (hour >= 9 && hour < 17 ? 12 : 2) * (weekday === 0 || weekday === 6 ? 0.5 : 1);
};

function fed(days: number, change: (time: number, count: number) => number = (_, c) => c): SeasonalBaseline {
  const baseline = new SeasonalBaseline(config);
  for (let t = MONDAY; t < MONDAY + days * DAY; t += MINUTE) baseline.add(t, change(t, rate(t)));
  return baseline;
}

describe('seasonal baseline', () => {
  const baseline = fed(21);
  const next = MONDAY + 21 * DAY; // a Monday
  it.each([
    { name: 'a weekday night', time: next + 3 * HOUR + 30 * MINUTE, expected: 2 },
    { name: 'a weekday afternoon', time: next + 13 * HOUR + 30 * MINUTE, expected: 12 },
    { name: 'a weekend afternoon', time: next + 5 * DAY + 13 * HOUR + 30 * MINUTE, expected: 6 },
  ])('expects the usual count on $name', ({ time, expected }) => {
    expect(baseline.expected(time)).toBeGreaterThan(expected * 0.85);
    expect(baseline.expected(time)).toBeLessThan(expected * 1.15);
  });

  it('is not bent by an outage hour in its history', () => {
    const outageDay = MONDAY + 15 * DAY;
    const withOutage = fed(21, (t, c) => (t >= outageDay + 14 * HOUR && t < outageDay + 15 * HOUR ? c * 20 : c));
    expect(withOutage.expected(next + 14 * HOUR + 30 * MINUTE)).toBeCloseTo(
      baseline.expected(next + 14 * HOUR + 30 * MINUTE),
      1,
    );
  });

  it('keeps its level through a day-long rise, and follows a lasting one', () => {
    const riseStart = MONDAY + 21 * DAY;
    const dayLong = fed(22, (t, c) => (t >= riseStart && t < riseStart + 20 * HOUR ? c * 3 : c));
    const evening = riseStart + 19 * HOUR + 30 * MINUTE;
    expect(dayLong.expected(evening)).toBeLessThan(rate(evening) * 1.2);
    const lasting = fed(26, (t, c) => (t >= riseStart ? c * 2 : c));
    const later = riseStart + 5 * DAY + 13 * HOUR + 30 * MINUTE;
    expect(lasting.expected(later)).toBeGreaterThan(rate(later) * 1.7);
  });

  it('falls back to the trailing rate, then to the floor, for a new series', () => {
    const fresh = new SeasonalBaseline(config);
    expect(fresh.expected(MONDAY)).toBeCloseTo(0.5 / 60);
    for (let m = 0; m < 50; m++) fresh.add(MONDAY + m * MINUTE, m === 20 ? 300 : 4);
    // A 300-report minute is one block of six: the median rate ignores it.
    expect(fresh.expected(MONDAY + 50 * MINUTE)).toBe(4);
  });

  it('never expects fewer than the floor', () => {
    const silent = fed(3, () => 0);
    expect(silent.expected(MONDAY + 3 * DAY)).toBeCloseTo(0.5 / 60);
  });
});

describe('robust statistics', () => {
  it.each([
    { values: [3, 1, 2], q: 0.5, result: 2 },
    { values: [1, 2, 3, 4], q: 0.5, result: 2.5 },
    { values: [NaN, 5, 1], q: 0.5, result: 3 },
    { values: [0, 10], q: 0.9, result: 9 },
  ])('the $q quantile of $values is $result', ({ values, q, result }) => {
    expect(quantile(values, q)).toBeCloseTo(result);
  });

  it('median polish splits a table into row and column effects, ignoring an outlier', () => {
    const table = [0, 1, 2, 3].map((r) => [0, 1, 2, 3, 4].map((c) => 10 + r + 2 * c));
    table[1]![2] = 500;
    const fit = medianPolish(table, 5);
    expect(fit.col[3]! - fit.col[1]!).toBeCloseTo(4);
    expect(fit.row[3]! - fit.row[0]!).toBeCloseTo(3);
    expect(median(fit.col)).toBeCloseTo(0);
  });
});
