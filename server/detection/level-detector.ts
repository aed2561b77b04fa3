/**
 * Streaming detector for series that are levels, not counts (CPU %, latency, temperature,
 * prices, bytes): the count test's companion for what series-kind.ts calls 'levels'.
 *
 * Model. Robust scaling against the series' own recent past: each window (the same 2, 10
 * and 60 minutes as the count detector, at least one interval each) is summarised by its
 * mean, and scored as z = (mean − median) / scale, where median and scale (1.4826·MAD, or
 * the mean absolute deviation when over half the values are equal) come from the trailing
 * day before the window. Both directions count: a level fails by dropping as well as by
 * rising. Like the count detector, an incident must pass a significance bar (the normal
 * quantile of the same p-value budget) AND exceed the series' ordinary excursions: the
 * one-day-in-`falseAlarmDays` size of each window's daily largest |z| (ordinary-bursts.ts),
 * so a series that swings by routine (a daily batch job, a bursty disk) is judged against
 * its own swings, whatever its unit. No z is scaled by √w: neighbouring values of a level
 * are correlated, and the per-window bar calibrates each window on its own record.
 *
 * It stays open while some window is at least half its opening bar, and resolves after
 * `resolveAfterMinutes` below that; the trailing median follows a lasting step within a
 * day, so a new level ends its incident rather than holding it open for ever.
 */

import { DAY_MS } from '../../shared/time.ts';
import type { DetectorConfig } from './detector-config.ts';
import { BlockMaxima, ordinaryBar } from './ordinary-bursts.ts';
import { median } from './robust-stats.ts';
import { normalQuantile } from './significance.ts';

import type { CountPoint } from './decision.ts';

/** The trailing history spans a day, but never fewer intervals than this (hourly data). */
const MIN_HISTORY_INTERVALS = 48;
/** Median and scale are refitted this many times per history span, not on every interval. */
const REFITS_PER_HISTORY = 24;
/** A "one day in N" bar needs a few days of record before it means anything (as for counts). */
const MIN_DAYS_FOR_BAR = 2;
/** MAD → standard deviation for a normal; mean absolute deviation → standard deviation likewise. */
const MAD_TO_SD = 1.4826;
const MEAN_AD_TO_SD = 1.2533;

export interface LevelDecision {
  time: number;
  transition: 'none' | 'opened' | 'resolved';
  /** The window with the largest |z| now, and its z (signed: negative is a drop). */
  windowIntervals: number;
  z: number;
}

export class LevelDetector {
  private readonly history: number;
  private readonly longest: number;
  private readonly ring: Float64Array;
  private readonly refitEvery: number;
  private readonly zThreshold: number;
  private readonly maxima: BlockMaxima[];
  private readonly bars: number[];
  private seq = 0;
  private lastTime = NaN;
  private lastDay = NaN;
  private centre = NaN;
  private scale = NaN;
  private open = false;
  private calmSince = NaN;

  constructor(private readonly config: DetectorConfig) {
    this.history = Math.max(Math.ceil(DAY_MS / config.intervalMs), MIN_HISTORY_INTERVALS);
    this.longest = Math.max(...config.windowIntervals);
    this.ring = new Float64Array(this.history + this.longest).fill(NaN);
    this.refitEvery = Math.max(1, Math.floor(this.history / REFITS_PER_HISTORY));
    // Two-sided: the budget is split between rises and drops.
    this.zThreshold = normalQuantile(1 - config.openPValue / 2);
    this.maxima = config.windowIntervals.map(() => new BlockMaxima(DAY_MS, config.historyDays));
    this.bars = config.windowIntervals.map(() => 0);
  }

  push(point: CountPoint): LevelDecision {
    this.skipTo(point.time);
    this.ring[this.seq % this.ring.length] = point.count;
    this.seq += 1;
    if (this.seq % this.refitEvery === 0 || Number.isNaN(this.centre)) this.refit();

    const diffs = this.config.windowIntervals.map((w) => this.windowDiff(w));
    const zs = diffs.map((d) => this.z(d));
    diffs.forEach((d, i) => this.maxima[i]!.add(point.time, Number.isFinite(d) ? Math.abs(d) : 0));
    // After add(): the first interval of a day is what closes the day before it.
    const day = Math.floor(point.time / DAY_MS);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.maxima.forEach(
        (m, i) => (this.bars[i] = ordinaryBar(m.closed, 1 / this.config.falseAlarmDays, MIN_DAYS_FOR_BAR)),
      );
    }
    let best = 0;
    zs.forEach((z, i) => {
      if (Math.abs(z) > Math.abs(zs[best]!) || Number.isNaN(zs[best]!)) best = i;
    });
    const decision: LevelDecision = {
      time: point.time,
      transition: 'none',
      windowIntervals: this.config.windowIntervals[best]!,
      z: zs[best]!,
    };

    const ready = this.daysOfRecord() >= MIN_DAYS_FOR_BAR;
    if (!this.open) {
      // Beyond the ordinary bar by more than the noise: a capped metric (CPU at 100%) repeats
      // its routine maximum exactly, and a hair's shift of the median must not make that news.
      const opens =
        ready && zs.some((z, i) => Math.abs(z) >= this.zThreshold && Math.abs(diffs[i]!) > this.bars[i]! + this.scale);
      if (opens) {
        this.open = true;
        this.calmSince = NaN;
        decision.transition = 'opened';
      }
      return decision;
    }
    const held = zs.some((z, i) => Math.abs(z) >= this.zThreshold && Math.abs(diffs[i]!) >= this.bars[i]! / 2);
    if (held) this.calmSince = NaN;
    else if (Number.isNaN(this.calmSince)) this.calmSince = point.time;
    const end = point.time + this.config.intervalMs;
    if (!Number.isNaN(this.calmSince) && end - this.calmSince >= this.config.resolveAfterMinutes * 60_000) {
      this.open = false;
      this.calmSince = NaN;
      decision.transition = 'resolved';
    }
    return decision;
  }

  /** Skipped intervals are unknown: they hold NaN, which every statistic here leaves out. */
  private skipTo(time: number): void {
    if (!Number.isNaN(this.lastTime)) {
      const steps = Math.round((time - this.lastTime) / this.config.intervalMs);
      if (steps < 1) throw new RangeError(`interval ${time} is not after the last one pushed (${this.lastTime})`);
      for (let i = 1; i < Math.min(steps, this.ring.length + 1); i++) this.ring[this.seq++ % this.ring.length] = NaN;
    }
    this.lastTime = time;
  }

  /** Median and scale of the trailing history that ends where the longest window begins. */
  private refit(): void {
    const values: number[] = [];
    for (let k = this.longest + 1; k <= this.longest + this.history && k <= this.seq; k++) {
      const v = this.ring[(this.seq - k) % this.ring.length]!;
      if (!Number.isNaN(v)) values.push(v);
    }
    if (values.length < MIN_HISTORY_INTERVALS / 2) return;
    const centre = median(values);
    const deviations = values.map((v) => Math.abs(v - centre));
    let scale = MAD_TO_SD * median(deviations);
    if (!(scale > 0)) scale = (MEAN_AD_TO_SD * deviations.reduce((s, d) => s + d, 0)) / deviations.length;
    this.centre = centre;
    this.scale = scale;
  }

  /** The window's mean minus the trailing median, in the series' own unit. */
  private windowDiff(w: number): number {
    if (Number.isNaN(this.centre)) return NaN;
    let sum = 0;
    let n = 0;
    for (let k = 1; k <= w && k <= this.seq; k++) {
      const v = this.ring[(this.seq - k) % this.ring.length]!;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? NaN : sum / n - this.centre;
  }

  private z(diff: number): number {
    if (Number.isNaN(diff)) return NaN;
    if (this.scale > 0) return diff / this.scale;
    // A flat history: any change at all is infinitely unusual, none is nothing.
    return diff === 0 ? 0 : Math.sign(diff) * Infinity;
  }

  private daysOfRecord(): number {
    let n = 0;
    for (const v of this.maxima[0]!.closed) if (Number.isFinite(v)) n++;
    return n;
  }
}
