import type { Models } from '../db/models.ts';
import type { ClaimDoc } from './claim-inserts.ts';

/** Primary-key reads in flight at once. */
const PARALLEL = 32;
/**
 * A slot takes no new claims once it is over, give or take clock skew between processes and
 * batches in flight at the boundary; after this long, its claims can be read once and kept.
 */
const SETTLE_MS = 10_000;

export interface Claimant {
  service: string;
  clientHash: string;
}

/**
 * "One counted report per client and service within the window", enforced by the database's
 * unique `_id` with nothing but inserts and primary-key reads: no conditional update, which
 * FerretDB answers by scanning the collection whenever the filter holds more than `_id`.
 *
 * Time is cut into slots as long as the window. A counted report inserts a claim keyed by its
 * slot; a second insert into the same slot collides (a repeat less than a window apart), and a
 * claim in the previous slot newer than one window also makes a repeat. Two processes racing
 * for the same client meet at the unique `_id`.
 *
 * The previous slot stops changing once it is over, so its claims are read in one query per
 * slot and kept in memory; only in the first seconds of a slot is each one looked up by `_id`.
 */
export function createDedupeClaims(models: Models, windowMs: number) {
  const { Claim } = models;
  const slotOf = (t: number) => Math.floor(t / windowMs);
  const keyOf = (c: Claimant, slot: number) => `${c.service}:${c.clientHash}:${slot}`;
  // A promise, so batches in flight together wait for one read instead of each starting its own.
  let settled: { slot: number; at: Promise<Map<string, number>> } | undefined;

  /** When each claim of a finished slot was made, or undefined while that slot may still change. */
  async function settledClaims(slot: number, now: number): Promise<Map<string, number> | undefined> {
    if (now < (slot + 1) * windowMs + SETTLE_MS) return undefined;
    if (settled?.slot !== slot) {
      const read = Claim.collection
        .find({ slot }, { projection: { at: 1 } })
        .toArray()
        .then((docs) => new Map(docs.map((d) => [String(d._id), (d.at as Date).getTime()])));
      settled = { slot, at: read };
      read.catch(() => {
        if (settled?.at === read) settled = undefined; // try again with the next batch
      });
    }
    return settled.at;
  }

  /**
   * Which claimants may claim at `at`, with the claim each would insert: the first of several
   * identical ones in a batch, unless a claim of the previous slot is less than a window old.
   * Inserting the claims (report-claims.ts, with the address claims) decides who wins.
   */
  async function candidates(claimants: Claimant[], at: number): Promise<{ index: number; doc: ClaimDoc }[]> {
    const slot = slotOf(at);
    const firstIndex = new Map<string, number>();
    claimants.forEach((c, i) => {
      const k = keyOf(c, slot);
      if (!firstIndex.has(k)) firstIndex.set(k, i);
    });
    const first = [...firstIndex.values()];

    const recentInPreviousSlot = new Set<number>();
    const previous = await settledClaims(slot - 1, at);
    if (previous) {
      for (const ci of first) if ((previous.get(keyOf(claimants[ci]!, slot - 1)) ?? -Infinity) > at - windowMs) recentInPreviousSlot.add(ci);
    } else {
      for (let i = 0; i < first.length; i += PARALLEL) {
        const chunk = first.slice(i, i + PARALLEL);
        const found = await Promise.all(chunk.map((ci) => Claim.collection.findOne({ _id: keyOf(claimants[ci]!, slot - 1) as never })));
        found.forEach((doc, j) => {
          if (doc && (doc.at as Date).getTime() > at - windowMs) recentInPreviousSlot.add(chunk[j]!);
        });
      }
    }
    return first
      .filter((ci) => !recentInPreviousSlot.has(ci))
      .map((index) => ({ index, doc: { _id: keyOf(claimants[index]!, slot), slot, at: new Date(at) } }));
  }

  /** Takes back claims of a batch that failed after claiming (best effort: the database may be gone). */
  async function release(claimants: Claimant[], at: number): Promise<void> {
    const slot = slotOf(at);
    await Promise.all(claimants.map((c) => Claim.collection.deleteOne({ _id: keyOf(c, slot) as never, at: new Date(at) })));
  }

  /** Claims older than two windows can no longer make a repeat. */
  async function sweep(now: number): Promise<number> {
    const res = await Claim.collection.deleteMany({ at: { $lt: new Date(now - 2 * windowMs) } });
    return res.deletedCount;
  }

  return { candidates, release, sweep };
}

