/**
 * How big a series' ordinary bursts get, so an incident has to be bigger.
 *
 * Report and tweet streams carry short bursts that are not events: a retweet cascade, a
 * forum thread linking the report page, an office reporting at once. Their size depends on
 * the audience, not on the hour, so at night a routine +50 burst is "8× normal" and a count
 * test alone calls it an outage every other day. The cure needs no model of the bursts:
 * keep each day's largest excess over baseline (per window length) and require an incident
 * to exceed the size that only one day in N reached. That bar is an order statistic, so
 * the few days holding real incidents do not raise it.
 */

import { quantile } from './robust-stats.ts';

/**
 * The value the block maxima exceeded with frequency `exceedance` (an upper quantile);
 * 0 with fewer than `minBlocks` blocks, when there is no record to judge by yet.
 */
export function ordinaryBar(maxima: ArrayLike<number>, exceedance: number, minBlocks: number): number {
  let n = 0;
  for (let i = 0; i < maxima.length; i++) if (Number.isFinite(maxima[i]!)) n++;
  return n < minBlocks ? 0 : quantile(maxima, 1 - exceedance);
}

/** Maximum per clock-aligned block (a UTC day, say), for the last `capacity` blocks. */
export class BlockMaxima {
  private readonly maxima: Float64Array;
  private block = NaN;
  private current = 0;

  constructor(
    private readonly blockMs: number,
    capacity: number,
  ) {
    this.maxima = new Float64Array(capacity).fill(NaN);
  }

  add(time: number, value: number): void {
    const block = Math.floor(time / this.blockMs);
    if (block !== this.block) {
      if (!Number.isNaN(this.block)) {
        this.maxima[this.block % this.maxima.length] = this.current;
        // Blocks skipped by a gap in the data hold no maximum.
        for (let b = this.block + 1; b < block && b < this.block + this.maxima.length; b++)
          this.maxima[b % this.maxima.length] = NaN;
      }
      this.block = block;
      this.current = 0;
    }
    if (value > this.current) this.current = value;
  }

  /** Maxima of the closed blocks (NaN where there was no data). */
  get closed(): Float64Array {
    return this.maxima;
  }
}
