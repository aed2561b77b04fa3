/**
 * Seasonal baseline: the count expected in an interval, learned from the series' own
 * history with robust statistics.
 *
 * Model, on log hourly rates y = ln((hour total + ½) / intervals in the hour):
 *   y ≈ overall + hourOfDay[h] + dayOfWeek[d] + level
 * hourOfDay and dayOfWeek come from a median polish of the last `historyDays` days × 24
 * hours (so an outage hour does not bend the profile). `level` is the median
 * residual of the last 72 complete hours: it follows slow drifts (a service growing, a
 * holiday week) but ignores anything shorter than ~36 hours. A day-long window would let
 * an incident that builds overnight and peaks in the evening lift its own baseline (the
 * median of 24 hours moves once 12 of them are raised) before it is big enough to open;
 * the price is a day or so of lag on a genuine step in level. The ½ is the usual started-log count
 * that keeps empty hours finite. Between hour centres the profile is interpolated, so a
 * steep morning ramp is not mistaken for a spike at the top of each hour.
 *
 * A new series falls back to a robust trailing baseline: for an hour of the day never seen
 * yet (so, during the first day), the expected count is the median rate of the last hour's
 * six 10-minute blocks, which follows a morning ramp yet shrugs off a short burst.
 * No prediction goes below `floorPerHour`.
 */

import { median, medianPolish } from './robust-stats.ts';
import { DAY_MS, HOUR_MS } from '../../shared/time.ts';

export interface BaselineConfig {
  intervalMs: number;
  historyDays: number;
  /** Expected rate never drops below this (reports per hour), so ratios stay meaningful. */
  floorPerHour: number;
}

/** Day of week, Sunday = 0, in UTC (1970-01-01 was a Thursday). */
export const dayOfWeek = (time: number): number => (Math.floor(time / DAY_MS) + 4) % 7;

/** Profiles are recomputed every hour while the history is this short, then once a day. */
const FAST_LEARNING_DAYS = 3;
/** The trailing fallback splits the last hour into this many blocks. */
const TRAILING_BLOCKS = 6;
/** The level is the median residual of this many recent hours. */
const LEVEL_HOURS = 72;
/** A day's row effect says something about its weekday only if most of the day was seen. */
const MIN_HOURS_FOR_WEEKDAY = 12;

export class SeasonalBaseline {
  readonly intervalsPerHour: number;
  private readonly hours: number;
  private readonly hourKey: Float64Array;
  private readonly hourLogRate: Float64Array;
  private readonly floorPerInterval: number;

  /** The last hour of interval counts, for the trailing fallback. */
  private readonly recent: Float64Array;
  private recentSeen = 0;

  private currentHour = NaN;
  private currentSum = 0;
  private currentN = 0;
  private firstHour = NaN;
  private closedHours = 0;

  private overall = 0;
  private hourOfDay = new Array<number>(24).fill(NaN);
  private weekday = new Array<number>(7).fill(NaN);
  private level = 0;

  constructor(private readonly config: BaselineConfig) {
    if (!(config.intervalMs > 0 && config.intervalMs <= HOUR_MS)) {
      throw new RangeError(`interval must be between 1 ms and 1 hour, got ${config.intervalMs} ms`);
    }
    this.intervalsPerHour = HOUR_MS / config.intervalMs;
    this.hours = config.historyDays * 24;
    this.hourKey = new Float64Array(this.hours).fill(NaN);
    this.hourLogRate = new Float64Array(this.hours).fill(NaN);
    this.floorPerInterval = config.floorPerHour / this.intervalsPerHour;
    this.recent = new Float64Array(Math.ceil(this.intervalsPerHour)).fill(NaN);
  }

  /** Hours of history seen so far (complete or not). */
  get historyHours(): number {
    return Number.isNaN(this.firstHour) ? 0 : this.currentHour - this.firstHour + this.currentN / this.intervalsPerHour;
  }

  /** Adds one closed interval. Times must not go backwards. */
  add(time: number, count: number): void {
    const hour = Math.floor(time / HOUR_MS);
    if (Number.isNaN(this.currentHour)) {
      this.currentHour = hour;
      this.firstHour = hour;
    } else if (hour !== this.currentHour) {
      this.closeHour();
      this.currentHour = hour;
    }
    this.currentSum += count;
    this.currentN += 1;
    this.recent[this.recentSeen++ % this.recent.length] = count;
  }

  /** Expected count for the interval starting at `time`. */
  expected(time: number): number {
    const hourEffect = this.hourEffect(time);
    if (Number.isNaN(hourEffect)) return Math.max(this.trailing(), this.floorPerInterval);
    const logRate = this.overall + this.level + hourEffect + orZero(this.weekday[dayOfWeek(time)]);
    return Math.max(Math.exp(logRate) - 0.5 / this.intervalsPerHour, this.floorPerInterval);
  }

  /**
   * Median of the last hour's six 10-minute rates: a median of sums, because a median of
   * single small counts (mostly 0s and 1s at night) is biased low, while six blocks still
   * shrug off a burst that fills one or two of them.
   */
  private trailing(): number {
    const held = Math.min(this.recentSeen, this.recent.length);
    if (held === 0) return 0;
    const blockSize = Math.max(1, Math.floor(this.recent.length / TRAILING_BLOCKS));
    const rates: number[] = [];
    for (let end = this.recentSeen; end > this.recentSeen - held; end -= blockSize) {
      const start = Math.max(end - blockSize, this.recentSeen - held);
      let sum = 0;
      for (let k = start; k < end; k++) sum += this.recent[k % this.recent.length]!;
      rates.push(sum / (end - start));
    }
    return median(rates);
  }

  /** The profile's effect for this time of day, interpolated between hour centres; NaN if unknown. */
  private hourEffect(time: number): number {
    if (this.closedHours === 0) return NaN;
    const intoDay = (((time + this.config.intervalMs / 2) % DAY_MS) + DAY_MS) % DAY_MS;
    const pos = intoDay / HOUR_MS - 0.5;
    const base = Math.floor(pos);
    const frac = pos - base;
    const a = this.hourOfDay[(base + 24) % 24]!;
    const b = this.hourOfDay[(base + 25) % 24]!;
    return a * (1 - frac) + b * frac;
  }

  private closeHour(): void {
    const slot = this.currentHour % this.hours;
    this.hourKey[slot] = this.currentHour;
    this.hourLogRate[slot] = Math.log((Math.max(0, this.currentSum) + 0.5) / this.currentN);
    this.closedHours += 1;
    const dayClosed = this.currentHour % 24 === 23;
    if (dayClosed || this.currentHour - this.firstHour < FAST_LEARNING_DAYS * 24) this.refitProfile();
    this.refitLevel();
    this.currentSum = 0;
    this.currentN = 0;
  }

  /** Calls `visit` for each closed hour from `sinceHour` still inside the history. */
  private eachHourHeld(sinceHour: number, visit: (hour: number, logRate: number) => void): void {
    for (let h = Math.max(sinceHour, this.currentHour - this.hours + 1); h <= this.currentHour; h++) {
      const slot = h % this.hours;
      if (this.hourKey[slot] === h) visit(h, this.hourLogRate[slot]!);
    }
  }

  private refitProfile(): void {
    const firstDay = Math.floor((this.currentHour - this.hours + 1) / 24);
    const rows = new Map<number, number[]>();
    this.eachHourHeld(-Infinity, (h, y) => {
      const day = Math.floor(h / 24);
      let row = rows.get(day);
      if (!row) rows.set(day, (row = new Array<number>(24).fill(NaN)));
      row[h % 24] = y;
    });
    const days = [...rows.keys()].filter((d) => d >= firstDay).sort((a, b) => a - b);
    const fit = medianPolish(
      days.map((d) => rows.get(d)!),
      24,
    );
    this.overall = fit.overall;
    this.hourOfDay = fit.col;
    const byWeekday: number[][] = Array.from({ length: 7 }, () => []);
    days.forEach((day, i) => {
      const seen = rows.get(day)!.filter((v) => !Number.isNaN(v)).length;
      if (seen >= MIN_HOURS_FOR_WEEKDAY && !Number.isNaN(fit.row[i]!)) byWeekday[(day + 4) % 7]!.push(fit.row[i]!);
    });
    this.weekday = byWeekday.map((effects) => median(effects));
  }

  private refitLevel(): void {
    const residuals: number[] = [];
    this.eachHourHeld(this.currentHour - (LEVEL_HOURS - 1), (h, y) => {
      residuals.push(y - this.overall - orZero(this.hourOfDay[h % 24]) - orZero(this.weekday[dayOfWeek(h * HOUR_MS)]));
    });
    this.level = residuals.length > 0 ? median(residuals) : 0;
  }
}

const orZero = (v: number | undefined): number => (v === undefined || Number.isNaN(v) ? 0 : v);
