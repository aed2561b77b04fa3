import { describe, expect, it } from 'vitest';
import { detectorConfig } from '../../../server/detection/detector-config.ts';
import { LevelDetector } from '../../../server/detection/level-detector.ts';
import { seriesKind } from '../../../server/detection/series-kind.ts';
import { detectOpenings } from '../../../server/detection/series-replay.ts';

const FIVE_MINUTES = 300_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2014, 4, 14);

/** Seeded uniform numbers (mulberry32), so every run sees the same series. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * A CPU percentage every 5 minutes: 30 ± 1, with a routine job that pins it at 100% for one
 * interval every hour; `change(i)` adds an event at interval i.
 */
function cpu(days: number, change: (i: number) => number = () => 0): { time: number; value: number }[] {
  const rand = uniform(11);
  return Array.from({ length: (days * DAY) / FIVE_MINUTES }, (_, i) => {
    const routine = i % 12 === 1 ? 100 : 30 + gaussian(rand);
    return { time: START + i * FIVE_MINUTES, value: Math.min(100, Math.max(0, routine + change(i))) };
  });
}

const perDay = DAY / FIVE_MINUTES;
const openings = (flags: boolean[]) => flags.flatMap((f, i) => (f ? [i] : []));

describe('seriesKind', () => {
  it('reads non-negative integers that vary at least like a Poisson count as counts', () => {
    const rand = uniform(3);
    const counts = Array.from({ length: 2000 }, () => Math.floor(-Math.log(1 - rand()) * 4));
    expect(seriesKind(counts)).toBe('counts');
    expect(seriesKind([0, 0, 0, 1, 0, 0, 2, 0])).toBe('counts');
  });

  it('reads fractions, negative values and steady integer readings as levels', () => {
    expect(seriesKind([30.5, 31.2, 29.8])).toBe('levels');
    expect(seriesKind([3, -1, 2])).toBe('levels');
    // A speed in mph: integers, but far steadier than 60 independent events would be.
    const rand = uniform(5);
    expect(seriesKind(Array.from({ length: 2000 }, () => 60 + Math.round(2 * gaussian(rand))))).toBe('levels');
  });
});

describe('LevelDetector', () => {
  it('never opens on a level that only does its routine (an hourly job pinning the CPU at 100%)', () => {
    expect(openings(detectOpenings(cpu(10), FIVE_MINUTES))).toEqual([]);
  });

  it('opens once, within the hour, when the level drops to a new normal, and not again while it stays there', () => {
    const dropAt = 6 * perDay + 100;
    const flags = detectOpenings(
      cpu(10, (i) => (i >= dropAt ? -15 : 0)),
      FIVE_MINUTES,
    );
    const opened = openings(flags);
    expect(opened).toHaveLength(1);
    expect(opened[0]! - dropAt).toBeGreaterThanOrEqual(0);
    expect(opened[0]! - dropAt).toBeLessThan(12);
  });

  it('opens on a rise no bigger than the routine spikes when it lasts (the hour window sees it)', () => {
    const from = 6 * perDay + 100;
    const opened = openings(
      detectOpenings(
        cpu(10, (i) => (i >= from && i < from + 36 ? 20 : 0)),
        FIVE_MINUTES,
      ),
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]! - from).toBeLessThan(12);
  });

  it('resolves a step once the trailing median has moved to the new level', () => {
    const detector = new LevelDetector(detectorConfig(FIVE_MINUTES));
    const stepAt = 6 * perDay;
    const transitions = cpu(10, (i) => (i >= stepAt ? 20 : 0)).map((p, i) => ({
      i,
      transition: detector.push({ time: p.time, count: p.value }).transition,
    }));
    const changes = transitions.filter((t) => t.transition !== 'none');
    expect(changes.map((t) => t.transition)).toEqual(['opened', 'resolved']);
    // The median of the trailing day passes the new level after half a day of it.
    expect(changes[1]!.i - stepAt).toBeLessThan(perDay);
  });

  it('says nothing in its first two days, before it has a record of ordinary days to judge by', () => {
    const opened = openings(
      detectOpenings(
        cpu(3, (i) => (i >= perDay && i < perDay + 24 ? 50 : 0)),
        FIVE_MINUTES,
      ),
    );
    expect(opened).toEqual([]);
  });
});
