import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import { tooManyRequests } from '../errors.ts';
import { RATE_LIMITS, windowOf, type RateAction } from './rate-limits.ts';
import { isDuplicateKey } from '../db/database-errors.ts';
import { collections } from '../db/collections.ts';

/**
 * Per-client limits kept in the database, so they hold however many server processes run.
 * One counter document per client, action and window; `$inc` is atomic.
 */
export class RateLimiter {
  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts one use; throws a 429 with Retry-After when the client is over the limit. Returns a
   * refund that takes this use back (a sign-in that succeeded should not count as a guess).
   */
  async consume(action: RateAction, client: string): Promise<() => Promise<void>> {
    const limit = RATE_LIMITS[action];
    const now = this.clock.now();
    const { start, end } = windowOf(now, limit.windowMs);
    const id = `${action}:${client}:${start}`;
    const n = await this.increment(id, new Date(end));
    if (n > limit.max) throw tooManyRequests(limit.what, Math.max(1, Math.ceil((end - now) / 1000)));
    return async () => {
      await collections(this.models).rateCounters.updateOne({ _id: id }, { $inc: { n: -1 } });
    };
  }

  private async increment(id: string, expiresAt: Date): Promise<number> {
    const { rateCounters } = collections(this.models);
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await rateCounters.findOneAndUpdate(
          { _id: id },
          { $inc: { n: 1 }, $setOnInsert: { expiresAt } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc?.n ?? 1;
      } catch (err) {
        // Two first uses at once race on the insert; the loser finds the document and increments it.
        if (!isDuplicateKey(err) || attempt > 0) throw err;
      }
    }
  }

  async sweep(): Promise<void> {
    await collections(this.models).rateCounters.deleteMany({ expiresAt: { $lt: new Date(this.clock.now()) } });
  }
}
