import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { LRUCache } from 'lru-cache';
import type { KeyedDoc } from '../db/collections.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

/** One counter document to bump: created from `seed` if missing, then `$inc`'d. */
export interface CounterBump {
  id: string;
  seed: Record<string, unknown>;
  inc: Record<string, number>;
}

/**
 * Applies $inc bumps to counter documents addressed by `_id`. Missing documents are inserted
 * first (a race with another process is a harmless duplicate), so the increments never need
 * upserts, whose duplicate-key races FerretDB reports badly in bulk. On failure the applied
 * part is taken back; `apply` returns an undo for callers whose later steps fail.
 */
export class CounterWriter {
  // Documents this process has seen exist: the current minute's and hour's are created once.
  // Bounded by recency, not emptied at a size: a full wipe made every busy counter insert again at once.
  private readonly known = new LRUCache<string, true>({ max: 20_000 });

  constructor(private readonly collection: Collection<KeyedDoc>) {}

  async apply(bumps: CounterBump[]): Promise<() => Promise<void>> {
    if (bumps.length === 0) return async () => {};
    await this.ensure(bumps);
    try {
      const res = await this.collection.bulkWrite(ops(bumps, 1), { ordered: true });
      // A counter that vanished (deleted by hand, say) would take the bump nowhere: fail loudly
      // instead. Taking back every bump undoes exactly those that matched (the others touch nothing).
      if (res.matchedCount !== bumps.length) {
        this.known.clear();
        await this.collection.bulkWrite(ops(bumps, -1), { ordered: true }).catch(() => undefined);
        throw new Error(`counter bump matched ${res.matchedCount} of ${bumps.length} documents`);
      }
    } catch (err) {
      // Ordered: the first `matchedCount` bumps were applied. Best effort: the database may be gone.
      const applied = (err as { result?: { matchedCount?: number } }).result?.matchedCount ?? 0;
      if (applied > 0)
        await this.collection.bulkWrite(ops(bumps.slice(0, applied), -1), { ordered: true }).catch(() => undefined);
      throw err;
    }
    return async () => {
      await this.collection.bulkWrite(ops(bumps, -1), { ordered: true });
    };
  }

  private async ensure(bumps: CounterBump[]): Promise<void> {
    const missing = bumps.filter((b) => !this.known.has(b.id));
    if (missing.length === 0) return;
    try {
      await this.collection.insertMany(
        missing.map((b) => ({ _id: b.id, ...b.seed })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    for (const b of missing) this.known.set(b.id, true);
  }
}

function ops(bumps: CounterBump[], sign: 1 | -1): AnyBulkWriteOperation<KeyedDoc>[] {
  return bumps.map((b) => ({
    updateOne: {
      filter: { _id: b.id },
      update: { $inc: Object.fromEntries(Object.entries(b.inc).map(([k, v]) => [k, sign * v])) },
    },
  }));
}
