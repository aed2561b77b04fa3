import { randomUUID } from 'node:crypto';
import type { Models } from './models.ts';
import type { Clock } from '../clock.ts';
import { isDuplicateKey } from './database-errors.ts';
import { collections } from './collections.ts';

/**
 * A lease document so that one process at a time runs a job across all processes sharing the
 * database. The holder renews it well before it expires; if it dies, another takes over once
 * it lapses.
 */
export class Lease {
  readonly holder = randomUUID();

  constructor(
    private readonly models: Models,
    private readonly clock: Clock,
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease; true while this process holds it. */
  async acquire(): Promise<boolean> {
    const now = this.clock.now();
    try {
      const doc = await collections(this.models).leases.findOneAndUpdate(
        { _id: this.name, $or: [{ holder: this.holder }, { expiresAt: { $lt: new Date(now) } }] },
        { $set: { holder: this.holder, expiresAt: new Date(now + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.holder === this.holder;
    } catch (err) {
      // Held by someone else: the filter did not match, so the upsert collided with their _id.
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async release(): Promise<void> {
    await collections(this.models).leases.deleteOne({ _id: this.name, holder: this.holder });
  }
}
