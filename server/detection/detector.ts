// Longer than 300 lines on purpose: the detector is one state machine whose statistics (windows,
// dispersion, baseline) share its state; the NAB and replay benches score it as one unit.
/**
 * Streaming spike detector for per-interval counts (reports per minute, tweets per 5 min).
 *
 * Model. Each interval's expected count comes from a seasonal baseline (hour-of-day ×
 * weekday profile by median polish, plus a trailing robust level: baseline.ts). Windows of
 * 2, 10 and 60 minutes compare their observed total with the summed expectation through a
 * negative-binomial tail whose overdispersion is fitted to the series' own past prediction
 * errors (significance.ts). An incident OPENS when a window is significant (a p-value
 * budget of about one false alarm per `falseAlarmDays`), holds ≥ minCount reports,
 * ≥ minRatio × baseline, and rises further above baseline than the series' ordinary bursts
 * do (ordinary-bursts.ts). While open it tracks its peak; it RESOLVES after
 * `resolveAfterMinutes` in which no window is even mildly elevated. One incident at a time.
 *
 * API. No clock or I/O inside; times are interval starts in epoch ms.
 *   const d = createDetector(60_000)          // interval length (+ optional settings)
 *   d.push({ time, count })       → Decision  // a closed interval: learnt, may open/resolve
 *   d.assess({ time, count, fraction }) → Decision
 *                                             // the filling interval: may open, never learnt
 *   d.band(time)                  → Band      // expected count and 90% range, for graphs
 *   d.incident                    → DetectedSpike | null
 * At startup, replay history with push(): four weeks of minutes (40k) take ~40 ms once
 * the process is warm, ~100 ms for the very first series (JIT warm-up).
 */

import { SeasonalBaseline } from './baseline.ts';
import { DAY_MS, HOUR_MS } from '../../shared/time.ts';
import { countQuantile } from './count-tails.ts';
import { detectorConfig, type DetectorConfig, type DetectorSettings } from './detector-config.ts';
import { BlockMaxima, ordinaryBar } from './ordinary-bursts.ts';
import { estimateDispersion, testWindow, type Evidence } from './significance.ts';

import type { Band, CountPoint, Decision, DetectedSpike, PartialPoint } from './decision.ts';

export {
  describeEvidence,
  type Band,
  type CountPoint,
  type Decision,
  type Evidence,
  type DetectedSpike,
  type PartialPoint,
} from './decision.ts';

/** Dispersion fits look at most this many past windows: plenty for a 90% quantile. */
const MAX_DISPERSION_SAMPLES = 2000;
/** Dispersion is refitted hourly during the first day, then daily. */
const FAST_LEARNING_MS = DAY_MS;
/** Below this many expected counts a window's spread is Poisson noise, not dispersion. */
const DISPERSION_MIN_EXPECTED = 5;
/** The dispersion prior weighs as much as this many past windows: a few hours of data outvote it. */
const PRIOR_WEIGHT = 30;
/** A "one day in N" bar needs a few days of record before it means anything. */
const MIN_DAYS_FOR_BAR = 2;

type Filling = { count: number; expected: number; fraction: number };

export class SpikeDetector {
  readonly config: DetectorConfig;
  private readonly baseline: SeasonalBaseline;
  private readonly ringSize: number;
  private readonly counts: Float64Array;
  private readonly expecteds: Float64Array;
  private readonly alphas: number[];
  private readonly excessMaxima: BlockMaxima[];
  private readonly ordinaryExcess: number[];
  private readonly threshold: number;
  /** Windows below the laxer (resolution) gates can neither open nor hold an incident. */
  private readonly worthTesting: { minCount: number; minRatio: number };
  /** Running totals of each window's last w closed intervals (observed, expected). */
  private readonly windowObserved: number[];
  private readonly windowExpected: number[];
  private seq = 0;
  private firstTime = NaN;
  private lastTime = NaN;
  private warmSeq = Infinity;
  private open: DetectedSpike | null = null;
  private calmSince = NaN;

  constructor(config: DetectorConfig) {
    this.config = config;
    this.baseline = new SeasonalBaseline(config);
    const dayIntervals = DAY_MS / config.intervalMs;
    this.ringSize = Math.max(Math.ceil(config.dispersionDays * dayIntervals), ...config.windowIntervals) + 1;
    this.counts = new Float64Array(this.ringSize).fill(NaN);
    this.expecteds = new Float64Array(this.ringSize).fill(NaN);
    this.alphas = config.windowIntervals.map(() => config.priorDispersion);
    this.excessMaxima = config.windowIntervals.map(() => new BlockMaxima(DAY_MS, config.historyDays));
    this.ordinaryExcess = config.windowIntervals.map(() => 0);
    this.windowObserved = config.windowIntervals.map(() => 0);
    this.windowExpected = config.windowIntervals.map(() => 0);
    this.threshold = -Math.log10(config.openPValue);
    this.worthTesting = { minCount: config.minCount, minRatio: Math.min(config.minRatio, config.resolveRatio) };
  }

  get incident(): DetectedSpike | null {
    return this.open;
  }

  /** Feeds one closed interval: it joins the history and may open or resolve an incident. */
  push(point: CountPoint): Decision {
    const { intervalMs } = this.config;
    const previous = this.lastTime;
    if (Number.isNaN(previous)) this.firstTime = point.time;
    else this.skipTo(point.time);
    this.lastTime = point.time;
    this.record(point.count, this.baseline.expected(point.time));
    this.baseline.add(point.time, point.count);
    if (this.warmSeq === Infinity && this.baseline.historyHours * 60 >= this.config.warmupMinutes)
      this.warmSeq = this.seq;

    const crossedHour = Math.floor(point.time / HOUR_MS) !== Math.floor(previous / HOUR_MS);
    const crossedDay = Math.floor(point.time / DAY_MS) !== Math.floor(previous / DAY_MS);
    if (crossedDay || (crossedHour && point.time - this.firstTime < FAST_LEARNING_MS)) this.refitDispersion();
    const windows = this.windows(null);
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      this.excessMaxima[i]!.add(point.time, this.passesGates(w) ? w.observed - w.expected : 0);
    }
    if (crossedDay) {
      this.refitOrdinaryExcess();
      this.recountWindows();
    }

    const at = point.time + intervalMs;
    const decision = this.decide(point.time, at, windows);
    if (!this.open || decision.transition === 'opened') return decision;
    if (windows.some((w) => this.mildlyElevated(w))) this.calmSince = NaN;
    else if (Number.isNaN(this.calmSince)) this.calmSince = point.time;
    if (Number.isNaN(this.calmSince) || at - this.calmSince < this.config.resolveAfterMinutes * 60_000) return decision;
    const resolved = { ...this.open, resolvedAt: this.calmSince };
    this.open = null;
    this.calmSince = NaN;
    return { ...decision, transition: 'resolved', incident: resolved };
  }

  /**
   * Judges the interval still filling (`fraction` of it elapsed, `count` so far) together
   * with the closed ones before it. Its count is never learnt: only an opening (or a new
   * peak of the open incident) is kept, so the incident the server records mid-minute is
   * the one the detector goes on tracking when the minute is pushed.
   */
  assess(point: PartialPoint): Decision {
    const { intervalMs } = this.config;
    if (!Number.isNaN(this.lastTime) && Math.round((point.time - this.lastTime) / intervalMs) !== 1) {
      throw new RangeError(
        `assess() judges the interval right after the last pushed one (${this.lastTime + intervalMs}), got ` +
          `${point.time}: push the closed intervals first`,
      );
    }
    const fraction = Math.min(1, Math.max(point.fraction, 1e-3));
    const expected = fraction * this.baseline.expected(point.time);
    const windows = this.windows({ count: point.count, expected, fraction });
    return this.decide(point.time, point.time + fraction * intervalMs, windows);
  }

  /**
   * Expected count for the interval at `time`, past or future, with a central range (90% by
   * default) from the shortest window's dispersion: the band to draw behind the graph.
   */
  band(time: number, coverage = 0.9): Band {
    const expected = this.baseline.expected(time);
    const alpha = this.alphas[0]!;
    const tail = (1 - coverage) / 2;
    return {
      time,
      expected,
      low: countQuantile(tail, expected, alpha),
      high: countQuantile(1 - tail, expected, alpha),
    };
  }

  /** Skipped intervals are unknown, not zero: a server should push its empty minutes as 0. */
  private skipTo(time: number): void {
    const steps = Math.round((time - this.lastTime) / this.config.intervalMs);
    if (steps < 1) throw new RangeError(`interval ${time} is not after the last one pushed (${this.lastTime})`);
    for (let i = 1; i < Math.min(steps, this.ringSize); i++) this.record(NaN, NaN);
    if (steps > this.ringSize) this.seq += steps - this.ringSize;
  }

  /** Stores an interval and slides each window's running totals over it. */
  private record(count: number, expected: number): void {
    const windows = this.config.windowIntervals;
    for (let i = 0; i < windows.length; i++) {
      const leaving = this.seq - windows[i]!;
      if (leaving >= 0 && !Number.isNaN(this.counts[leaving % this.ringSize]!)) {
        this.windowObserved[i]! -= this.counts[leaving % this.ringSize]!;
        this.windowExpected[i]! -= this.expecteds[leaving % this.ringSize]!;
      }
      if (!Number.isNaN(count)) {
        this.windowObserved[i]! += count;
        this.windowExpected[i]! += expected;
      }
    }
    const slot = this.seq % this.ringSize;
    this.counts[slot] = count;
    this.expecteds[slot] = expected;
    this.seq += 1;
  }

  /** Sums of the last `w` intervals from scratch, so running totals never drift. */
  private recountWindows(): void {
    this.config.windowIntervals.forEach((w, i) => {
      const { observed, expected } = this.sumLast(w);
      this.windowObserved[i] = observed;
      this.windowExpected[i] = expected;
    });
  }

  private sumLast(intervals: number): { observed: number; expected: number } {
    let observed = 0;
    let expected = 0;
    for (let k = 1; k <= intervals && k <= this.seq; k++) {
      const slot = (this.seq - k) % this.ringSize;
      if (Number.isNaN(this.counts[slot]!)) continue;
      observed += this.counts[slot]!;
      expected += this.expecteds[slot]!;
    }
    return { observed, expected };
  }

  /**
   * Evidence for each window ending now. With a filling interval, a window spans its
   * w − 1 latest closed intervals plus the elapsed part of the filling one.
   */
  private windows(filling: Filling | null): Evidence[] {
    const intervalMinutes = this.config.intervalMs / 60_000;
    return this.config.windowIntervals.map((w, i) => {
      const closed = filling ? w - 1 : w;
      let observed = this.windowObserved[i]!;
      let expected = this.windowExpected[i]!;
      if (filling) {
        // The filling interval takes the place of the window's oldest closed one.
        const oldest = this.seq - w;
        const slot = oldest % this.ringSize;
        if (oldest >= 0 && !Number.isNaN(this.counts[slot]!)) {
          observed -= this.counts[slot]!;
          expected -= this.expecteds[slot]!;
        }
        observed += filling.count;
        expected += filling.expected;
      }
      const minutes = (closed + (filling?.fraction ?? 0)) * intervalMinutes;
      const bars = { threshold: this.threshold, ordinaryExcess: this.ordinaryExcess[i]! };
      return testWindow(minutes, observed, expected, this.alphas[i]!, bars, this.worthTesting);
    });
  }

  private passesGates(w: Evidence): boolean {
    return w.observed >= this.config.minCount && w.ratio >= this.config.minRatio;
  }

  private opens(w: Evidence): boolean {
    return this.passesGates(w) && w.score >= w.threshold && w.observed - w.expected > w.ordinaryExcess;
  }

  private mildlyElevated(w: Evidence): boolean {
    return (
      w.observed >= this.config.minCount && w.ratio >= this.config.resolveRatio && w.pValue <= this.config.resolvePValue
    );
  }

  private decide(time: number, at: number, windows: Evidence[]): Decision {
    const evidence = strongest(windows);
    const significant = this.seq > this.warmSeq && windows.some((w) => this.opens(w));
    let transition: Decision['transition'] = 'none';
    if (!this.open && significant) {
      const trigger = strongest(windows.filter((w) => this.opens(w)));
      this.open = {
        startedAt: at - trigger.windowMinutes * 60_000,
        openedAt: at,
        trigger,
        peak: { ...trigger, at },
        resolvedAt: null,
      };
      this.calmSince = NaN;
      transition = 'opened';
    } else if (this.open && evidence.score > this.open.peak.score) {
      this.open = { ...this.open, peak: { ...evidence, at } };
    }
    return { time, at, transition, significant, evidence, windows, incident: this.open };
  }

  /** Each window's overdispersion, from past windows and what the baseline predicted for them. */
  private refitDispersion(): void {
    const available = Math.min(this.seq, this.ringSize - 1, this.seq - this.warmSeq);
    if (!(available > 0)) return;
    this.config.windowIntervals.forEach((w, i) => {
      const stride = Math.max(w, Math.ceil(available / MAX_DISPERSION_SAMPLES));
      const observed: number[] = [];
      const expected: number[] = [];
      for (let end = 1; end + w - 1 <= available; end += stride) {
        let o = 0;
        let e = 0;
        for (let k = end; k < end + w; k++) {
          const slot = (this.seq - k) % this.ringSize;
          o += this.counts[slot]!;
          e += this.expecteds[slot]!;
        }
        if (Number.isFinite(o)) {
          observed.push(o);
          expected.push(e);
        }
      }
      this.alphas[i] = estimateDispersion(observed, expected, {
        prior: this.config.priorDispersion,
        priorWeight: PRIOR_WEIGHT,
        minExpected: DISPERSION_MIN_EXPECTED,
        quantile: 0.9,
      }).alpha;
    });
  }

  private refitOrdinaryExcess(): void {
    this.excessMaxima.forEach((m, i) => {
      this.ordinaryExcess[i] = ordinaryBar(m.closed, 1 / this.config.falseAlarmDays, MIN_DAYS_FOR_BAR);
    });
  }
}

/** The most significant window; among windows at or below baseline, the most elevated. */
function strongest(windows: Evidence[]): Evidence {
  let best = windows[0]!;
  for (const w of windows) {
    if (w.score > best.score || (w.score === best.score && w.ratio > best.ratio)) best = w;
  }
  return best;
}

export function createDetector(intervalMs: number, overrides: Partial<DetectorSettings> = {}): SpikeDetector {
  return new SpikeDetector(detectorConfig(intervalMs, overrides));
}
