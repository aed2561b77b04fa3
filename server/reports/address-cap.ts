import type { Models } from '../db/models.ts';

const DUPLICATE_KEY = 11000;

export interface FromAddress {
  service: string;
  /** Salted hash of the reporter's address (IPv6 by its /64). */
  addressHash: string;
}

/**
 * At most `perAddress` counted reports per service and window from one address, however many
 * User-Agents it rotates through. Enforced by the database, like the person claims: the k-th
 * report of (service, address, slot) inserts a claim with that `_id`, for k < perAddress. Each
 * process tries the next k it believes free; a collision (another process took it) moves it on,
 * so a batch costs one insert in the usual case and at most `perAddress` when processes race.
 */
export function createAddressCap(models: Models, windowMs: number, perAddress: number) {
  const { Claim } = models;
  /** Next k to try per service, address and slot; forgotten when the slot ends. */
  let next = new Map<string, number>();
  let nextSlot = NaN;

  /** Which items may count; `ids` are the claims taken, for `release` if the batch fails. */
  async function admit(items: FromAddress[], at: number): Promise<{ admitted: boolean[]; ids: string[] }> {
    const slot = Math.floor(at / windowMs);
    if (slot !== nextSlot) {
      next = new Map();
      nextSlot = slot;
    }
    const admitted = items.map(() => false);
    const ids: string[] = [];
    let pending = items.map((_, i) => i);
    while (pending.length > 0) {
      const tries: { index: number; id: string }[] = [];
      for (const index of pending) {
        const key = `${items[index]!.service}:${items[index]!.addressHash}:${slot}`;
        const k = next.get(key) ?? 0;
        if (k >= perAddress) continue;
        next.set(key, k + 1);
        tries.push({ index, id: `addr:${key}:${k}` });
      }
      if (tries.length === 0) break;
      const taken = await insertClaims(tries.map((t) => t.id), slot, at);
      pending = [];
      tries.forEach((t, j) => {
        if (taken.has(j)) pending.push(t.index);
        else {
          admitted[t.index] = true;
          ids.push(t.id);
        }
      });
    }
    return { admitted, ids };
  }

  /** Indexes of the ids another process had already taken. */
  async function insertClaims(ids: string[], slot: number, at: number): Promise<Set<number>> {
    try {
      await Claim.collection.insertMany(
        ids.map((id) => ({ _id: id as never, slot, at: new Date(at) })),
        { ordered: false },
      );
      return new Set();
    } catch (err) {
      const e = err as { writeErrors?: { index: number; code: number }[] | { index: number; code: number } };
      const errors = e.writeErrors ? ([] as { index: number; code: number }[]).concat(e.writeErrors) : undefined;
      if (!errors || errors.some((w) => w.code !== DUPLICATE_KEY)) throw err;
      return new Set(errors.map((w) => w.index));
    }
  }

  /** Gives back the claims of a batch that failed; the next try starts again from k = 0. */
  async function release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    next.clear();
    // One delete by `_id` each: FerretDB answers `$in` on `_id` with a scan.
    await Promise.all(ids.map((id) => Claim.collection.deleteOne({ _id: id as never })));
  }

  return { admit, release };
}
