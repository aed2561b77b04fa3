import { createDetector, type Decision, type SpikeDetector } from '../detection/detector.ts';
import type { BaselineBand } from '../../shared/index.ts';
import type { History } from './history-loader.ts';
import { LRUCache } from 'lru-cache';
import { MINUTE_MS } from '../../shared/time.ts';

/**
 * One service's detector with its place in time: which minutes it has learnt, its usual
 * problem split, the last decision, and a per-minute cache of the baseline band for graphs.
 */
export class ServiceDetector {
  readonly detector: SpikeDetector = createDetector(MINUTE_MS);
  /** The last closed minute pushed; NaN before the first. */
  lastPushed = NaN;
  firstPushed = NaN;
  usualByProblem: Record<string, number> = {};
  last: Decision | undefined;
  /** Bands by span, valid until the next minute is learnt (pages and live updates ask for different spans). */
  private bandCache = new LRUCache<string, BaselineBand>({ max: 8 });
  private bandCacheAt = NaN;

  /** Replays history up to (not including) `until`, a minute start; transitions are history, not news. */
  replay(history: History, until: number): void {
    this.usualByProblem = history.byProblem;
    if (history.oldest === undefined) return;
    for (let t = history.oldest; t < until; t += MINUTE_MS) this.push(t, history.counts.get(t) ?? 0);
  }

  push(time: number, count: number): Decision {
    if (Number.isNaN(this.firstPushed)) this.firstPushed = time;
    this.lastPushed = time;
    this.last = this.detector.push({ time, count });
    return this.last;
  }

  assess(time: number, count: number, fraction: number): Decision {
    this.last = this.detector.assess({ time, count, fraction });
    return this.last;
  }

  /** Expected reports per minute with a 90% range over [from, to), rounded for the wire. */
  band(from: number, to: number): BaselineBand | null {
    if (Number.isNaN(this.lastPushed)) return null;
    if (this.bandCacheAt !== this.lastPushed) {
      this.bandCache.clear();
      this.bandCacheAt = this.lastPushed;
    }
    const key = `${from}:${to}`;
    const cached = this.bandCache.get(key);
    if (cached) return cached;
    const out: BaselineBand = { from, stepMs: MINUTE_MS, expected: [], low: [], high: [] };
    const round = (x: number) => Math.round(x * 100) / 100;
    for (let t = from; t < to; t += MINUTE_MS) {
      const b = this.detector.band(t);
      out.expected.push(round(b.expected));
      out.low.push(round(b.low));
      out.high.push(round(b.high));
    }
    this.bandCache.set(key, out);
    return out;
  }
}
