import type { Models } from '../db/models.ts';
import { insertClaims, type ClaimDoc } from './claim-inserts.ts';

export interface FromAddress {
  service: string;
  /** Salted hash of the reporter's address (IPv6 by its /64). */
  addressHash: string;
}

/**
 * At most `perAddress` counted reports per service and window from one address, however many
 * User-Agents it rotates through. Enforced by the database, like the person claims: the k-th
 * report of (service, address, slot) inserts a claim with that `_id`, for k < perAddress. Each
 * process hands out the next k it believes free; a collision (another process took it) moves it
 * on, so a batch costs nothing extra in the usual case and a round trip per collision otherwise.
 */
export function createAddressCap(models: Models, windowMs: number, perAddress: number) {
  /** Next k to hand out per service, address and slot; forgotten when the slot ends. */
  let next = new Map<string, number>();
  let nextSlot = NaN;

  /** The claim the item's report would take, or undefined when its address used up the window. */
  function assign(item: FromAddress, at: number): ClaimDoc | undefined {
    const slot = Math.floor(at / windowMs);
    if (slot !== nextSlot) {
      next = new Map();
      nextSlot = slot;
    }
    const key = `${item.service}:${item.addressHash}:${slot}`;
    const k = next.get(key) ?? 0;
    if (k >= perAddress) return undefined;
    next.set(key, k + 1);
    return { _id: `addr:${key}:${k}`, slot, at: new Date(at) };
  }

  /** Claims for items whose first try collided, moving on through k; which got one, and their ids. */
  async function retry(items: FromAddress[], at: number): Promise<{ admitted: boolean[]; ids: string[] }> {
    const admitted = items.map(() => false);
    const ids: string[] = [];
    let pending = items.map((_, i) => i);
    while (pending.length > 0) {
      const tries = pending.flatMap((index) => {
        const doc = assign(items[index]!, at);
        return doc ? [{ index, doc }] : [];
      });
      if (tries.length === 0) break;
      const taken = await insertClaims(models, tries.map((t) => t.doc));
      pending = [];
      tries.forEach((t, j) => {
        if (taken.has(j)) pending.push(t.index);
        else {
          admitted[t.index] = true;
          ids.push(t.doc._id);
        }
      });
    }
    return { admitted, ids };
  }

  /** Gives back claims (a failed batch, a repeat); the next try starts again from k = 0. */
  async function release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    next.clear();
    // One delete by `_id` each: FerretDB answers `$in` on `_id` with a scan.
    await Promise.all(ids.map((id) => models.Claim.collection.deleteOne({ _id: id as never })));
  }

  return { assign, retry, release };
}
