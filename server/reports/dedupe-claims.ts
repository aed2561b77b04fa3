import type { Connection } from 'mongoose';
import { LRUCache } from 'lru-cache';
import { duplicateIndexes, isDuplicateKey } from '../db/database-errors.ts';
import { keyedCollection } from '../db/collections.ts';

export interface Claimant {
  service: string;
  clientHash: string;
}

/** Collections named `report_claims_<slot>`, one per window. */
const PREFIX = 'report_claims_';
/** Claims this process remembers having taken: about 20 MB at most. */
const REMEMBERED = 200_000;

/**
 * "One counted report per person and service in each window", enforced by the database's
 * unique `_id` with nothing but inserts. Time is cut into windows (slots, clock-aligned): a
 * counted report inserts a claim keyed by person and service into its window's collection; a
 * second insert collides, in any process.
 *
 * Windows are fixed, not sliding: someone counted at 12:09 may count again at 12:11. A sliding
 * window needs each report to look up the previous window's claim, which halved throughput here
 * (one primary-key read per report) or stalled every batch while a window's claims were scanned;
 * outage day is when that matters, and twice in a window at most is a small price.
 *
 * One collection per window, so old claims go with a `drop` instead of a delete that scans.
 */
export function createDedupeClaims(conn: Connection, windowMs: number) {
  const slotOf = (t: number) => Math.floor(t / windowMs);
  const keyOf = (c: Claimant) => `${c.service}:${c.clientHash}`;
  const collectionOf = (slot: number) => keyedCollection(conn, `${PREFIX}${slot}`);
  // People press again on outage day, and nginx sends an address to the same process each time:
  // a repeat this process has seen is answered without the database (whose unordered insert
  // falls back to one transaction per document for a batch holding a duplicate).
  const taken = new LRUCache<string, number>({ max: REMEMBERED });

  /** The claims a batch would insert: the first of several identical claimants, and none this process knows taken. */
  function candidates(claimants: Claimant[], at: number): { index: number; key: string }[] {
    const slot = slotOf(at);
    const first = new Map<string, number>();
    claimants.forEach((c, i) => {
      const key = keyOf(c);
      if (!first.has(key) && taken.get(key) !== slot) first.set(key, i);
    });
    return [...first].map(([key, index]) => ({ index, key }));
  }

  /** Inserts claims at `at`, in one round trip; the indexes of those already taken (repeats). */
  async function insert(keys: string[], at: number): Promise<Set<number>> {
    if (keys.length === 0) return new Set();
    const slot = slotOf(at);
    let collided = new Set<number>();
    try {
      await collectionOf(slot).insertMany(
        keys.map((key) => ({ _id: key })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      collided = duplicateIndexes(err);
    }
    for (const key of keys) taken.set(key, slot);
    return collided;
  }

  /** Takes back claims of a batch that failed after claiming (the database may be the reason). */
  async function release(claimants: Claimant[], at: number): Promise<void> {
    for (const c of claimants) taken.delete(keyOf(c));
    const collection = collectionOf(slotOf(at));
    await Promise.all(claimants.map((c) => collection.deleteOne({ _id: keyOf(c) })));
  }

  /** Drops the collections of windows before the previous one: they can no longer make a repeat. */
  async function sweep(now: number): Promise<number> {
    const current = slotOf(now);
    const names = (await conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const old = names.filter((n) => n.startsWith(PREFIX) && Number(n.slice(PREFIX.length)) < current - 1);
    for (const name of old) await conn.dropCollection(name).catch(() => undefined); // another process dropped it first
    return old.length;
  }

  return { candidates, insert, release, sweep };
}
