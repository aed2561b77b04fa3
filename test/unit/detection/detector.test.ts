import { describe, expect, it } from 'vitest';
import { createDetector, type Decision, type SpikeDetector } from '../../../server/detection/detector.ts';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const MONDAY = Date.UTC(2025, 0, 6);
const HISTORY_DAYS = 14;
/** Minute of the test day (the day after the history) at a clock time. */
const at = (hh: number, mm = 0) => hh * 60 + mm;

/** Seeded uniform numbers (mulberry32), so every run sees the same reports. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, mean: number): number {
  if (mean > 50)
    return Math.max(
      0,
      Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())),
    );
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** A service's normal reports per minute: ~1 at 4 a.m., ~20 at 4 p.m., weekends at 60%. */
function usualRate(time: number): number {
  const hour = (time % DAY) / (60 * MINUTE);
  const weekday = (Math.floor(time / DAY) + 4) % 7;
  return (
    (1 + 19 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24))) * (weekday === 0 || weekday === 6 ? 0.6 : 1)
  );
}

/** A detector that has lived through `days` of normal reports (at `scale` × the usual rate). */
function withHistory(days: number, scale = 1): { detector: SpikeDetector; next: number } {
  const detector = createDetector(MINUTE);
  const rand = uniform(7);
  for (let i = 0; i < days * 1440; i++) {
    const time = MONDAY + i * MINUTE;
    detector.push({ time, count: poisson(rand, scale * usualRate(time)) });
  }
  return { detector, next: MONDAY + days * 1440 * MINUTE };
}

/**
 * Runs the test day's minutes [0, until) after the history: `shape` turns the usual rate
 * into the scenario's, `extra` adds reports on top, `scale` shrinks or grows the service.
 */
function runDay(
  shape: (minute: number, usual: number) => number,
  until = 1440,
  extra: (minute: number) => number = () => 0,
  scale = 1,
): { decisions: Decision[]; start: number; detector: SpikeDetector } {
  const { detector, next } = withHistory(HISTORY_DAYS, scale);
  const rand = uniform(99);
  const decisions: Decision[] = [];
  for (let m = 0; m < until; m++) {
    const time = next + m * MINUTE;
    decisions.push(detector.push({ time, count: poisson(rand, shape(m, scale * usualRate(time))) + extra(m) }));
  }
  return { decisions, start: next, detector };
}

const openings = (decisions: Decision[]) => decisions.filter((d) => d.transition === 'opened');
const minuteOf = (d: Decision, start: number) => (d.at - start) / MINUTE;

describe('spike detector', () => {
  it.each([
    { name: 'three reports at 4 a.m. are not an incident', extra: (m: number) => (m === at(4) ? 3 : 0) },
    { name: 'a weekday with its normal afternoon peak opens nothing', extra: () => 0 },
  ])('$name', ({ extra }) => {
    const { decisions } = runDay((_, usual) => usual, 1440, extra);
    expect(openings(decisions)).toEqual([]);
  });

  it.each([
    { name: '10× at the afternoon peak', start: at(16), factor: 10, within: 2 },
    { name: '5× in the morning', start: at(10), factor: 5, within: 2 },
    { name: '10× at 4 a.m., once ten reports are in', start: at(4), factor: 10, within: 5 },
  ])('a short burst ($name) opens an incident within $within minutes', ({ start, factor, within }) => {
    const { decisions, start: day } = runDay(
      (m, usual) => (m >= start && m < start + 15 ? usual * factor : usual),
      start + 15,
    );
    const opened = openings(decisions);
    expect(opened).toHaveLength(1);
    expect(minuteOf(opened[0]!, day) - start).toBeLessThanOrEqual(within);
  });

  it('a gradual rise to four times normal over an hour opens before the hour is out', () => {
    const start = at(9);
    const rise = (m: number) => 1 + (3 * Math.min(60, Math.max(0, m - start))) / 60;
    const { decisions, start: day } = runDay((m, usual) => usual * rise(m), start + 90);
    const opened = openings(decisions);
    expect(opened).toHaveLength(1);
    expect(minuteOf(opened[0]!, day)).toBeGreaterThan(start);
    expect(minuteOf(opened[0]!, day)).toBeLessThan(start + 60);
  });

  it('opens one incident per outage, tracks its peak, and resolves after a sustained return to normal', () => {
    const start = at(14);
    const factor = (m: number) => (m < start || m >= start + 40 ? 1 : m < start + 20 ? 6 : 12);
    const { decisions, start: day } = runDay((m, usual) => usual * factor(m), start + 180);
    expect(openings(decisions)).toHaveLength(1);
    const resolved = decisions.filter((d) => d.transition === 'resolved');
    expect(resolved).toHaveLength(1);
    const incident = resolved[0]!.incident!;
    // Quiet again at start + 40; resolution needs the calm to hold, not one quiet minute.
    expect((incident.resolvedAt! - day) / MINUTE).toBeGreaterThanOrEqual(start + 40);
    expect(resolved[0]!.at - incident.resolvedAt!).toBeGreaterThanOrEqual(30 * MINUTE);
    expect(minuteOf(resolved[0]!, day)).toBeLessThan(start + 40 + 120);
    expect(incident.peak.ratio).toBeGreaterThan(8);
    expect(incident.peak.at).toBeGreaterThan(day + (start + 20) * MINUTE);
  });

  it('eight reports in a minute on a service that is silent at night are not an incident', () => {
    // ~0.05 reports a minute at night: eight at once is improbable, but eight people are not an outage.
    const { decisions } = runDay(
      (_, usual) => usual,
      at(5),
      (m) => (m === at(4) ? 8 : 0),
      1 / 20,
    );
    expect(openings(decisions)).toEqual([]);
  });

  it('says how big the spike is, with the numbers behind it', () => {
    const start = at(15);
    const { decisions } = runDay((m, usual) => (m >= start ? usual * 10 : usual), start + 3);
    const trigger = openings(decisions)[0]!.incident!.trigger;
    expect(trigger.observed).toBeGreaterThan(trigger.expected * 2);
    expect(trigger.ratio).toBeCloseTo(trigger.observed / trigger.expected);
    expect(trigger.pValue).toBeLessThan(1e-4);
    expect(trigger.score).toBeGreaterThanOrEqual(trigger.threshold);
    expect(trigger.windowMinutes).toBeGreaterThan(0);
  });

  it('opens inside the filling minute without learning its count', () => {
    const { detector, next } = withHistory(HISTORY_DAYS);
    const time = next + at(16) * MINUTE;
    for (let m = 0; m < at(16); m++)
      detector.push({ time: next + m * MINUTE, count: Math.round(usualRate(next + m * MINUTE)) });
    const before = detector.band(time + MINUTE).expected;
    const calm = detector.assess({ time, count: 3, fraction: 1 / 6 });
    expect(calm.transition).toBe('none');
    const burst = detector.assess({ time, count: 120, fraction: 2 / 6 });
    expect(burst.transition).toBe('opened');
    expect(burst.at).toBe(time + (2 / 6) * MINUTE);
    expect(detector.incident).not.toBeNull();
    // Only the opening was kept: the baseline has not seen the 120 reports.
    expect(detector.band(time + MINUTE).expected).toBe(before);
    expect(detector.push({ time, count: 200 }).transition).toBe('none');
  });

  it('draws an expected count with a range that follows the daily rhythm', () => {
    const { detector, next } = withHistory(HISTORY_DAYS);
    const night = detector.band(next + at(4) * MINUTE);
    const afternoon = detector.band(next + at(16) * MINUTE);
    expect(night.expected).toBeGreaterThan(0.5);
    expect(night.expected).toBeLessThan(2);
    expect(afternoon.expected).toBeGreaterThan(15);
    expect(afternoon.expected).toBeLessThan(25);
    expect(afternoon.low).toBeLessThan(afternoon.expected);
    expect(afternoon.high).toBeGreaterThan(afternoon.expected);
  });

  describe('a new series with no history', () => {
    const steady = (minutes: number, burstAt = Infinity, factor = 1) => {
      const detector = createDetector(MINUTE);
      const rand = uniform(3);
      const decisions: Decision[] = [];
      for (let m = 0; m < minutes; m++) {
        const rate = 5 * (m >= burstAt && m < burstAt + 15 ? factor : 1);
        decisions.push(detector.push({ time: MONDAY + at(10) * MINUTE + m * MINUTE, count: poisson(rand, rate) }));
      }
      return decisions;
    };

    it.each([
      { name: 'a steady stream opens nothing', decisions: () => steady(240) },
      {
        name: 'a burst in the first hour opens nothing: there is no baseline yet',
        decisions: () => steady(60, 20, 10),
      },
    ])('$name', ({ decisions }) => {
      expect(openings(decisions())).toEqual([]);
    });

    it('a burst after the first hour opens, against the trailing baseline', () => {
      const opened = openings(steady(200, 150, 10));
      expect(opened).toHaveLength(1);
      expect(opened[0]!.time).toBeLessThanOrEqual(MONDAY + at(10) * MINUTE + 152 * MINUTE);
    });
  });

  it('works on 5-minute intervals with the same code', () => {
    const detector = createDetector(5 * MINUTE);
    const rand = uniform(11);
    let opened = 0;
    for (let i = 0; i < 14 * 288; i++) {
      const time = MONDAY + i * 5 * MINUTE;
      const spike = i === 13 * 288 + 200 ? 8 : 1;
      opened +=
        detector.push({ time, count: poisson(rand, 5 * usualRate(time) * spike) }).transition === 'opened' ? 1 : 0;
    }
    expect(opened).toBe(1);
  });

  it('refuses time going backwards and an assessment that skips closed intervals', () => {
    const detector = createDetector(MINUTE);
    detector.push({ time: MONDAY + MINUTE, count: 1 });
    expect(() => detector.push({ time: MONDAY, count: 1 })).toThrow(RangeError);
    expect(() => detector.assess({ time: MONDAY + 5 * MINUTE, count: 1, fraction: 0.5 })).toThrow(
      /push the closed intervals first/,
    );
  });
});
