import type { Models } from '../db/models.ts';
import type { Logger } from '../logger.ts';
import { createAddressCap, type FromAddress } from './address-cap.ts';
import { insertClaims, type ClaimDoc } from './claim-inserts.ts';
import { createDedupeClaims, type Claimant } from './dedupe-claims.ts';

/**
 * Who in a batch may be counted: one report per person and window (dedupe-claims.ts), at most a
 * few per address (address-cap.ts). Both kinds of claim go in one insert, one round trip. A
 * person's repeat must not use up one of the address's few: when the person's claim collides,
 * the address claim taken beside it is given back, off the answer's path.
 */
export function createReportClaims(deps: { models: Models; log: Logger; windowMs: number; perAddress: number }) {
  const persons = createDedupeClaims(deps.models, deps.windowMs);
  const addresses = createAddressCap(deps.models, deps.windowMs, deps.perAddress);

  /** Which items count, and the claims they hold (for `release` if the batch fails). */
  async function claim(items: (Claimant & FromAddress)[], at: number): Promise<{ counted: boolean[]; held: { items: Claimant[]; addressIds: string[] } }> {
    const candidates = await persons.candidates(items, at);
    // Turned away by the address's cap: no claim at all, so asking again within the window
    // would not count either, and a repeat is told apart from it by nothing anyone needs.
    const paired = candidates.flatMap((c) => {
      const address = addresses.assign(items[c.index]!, at);
      return address ? [{ ...c, address }] : [];
    });
    const docs: ClaimDoc[] = [...paired.map((p) => p.doc), ...paired.map((p) => p.address)];
    const taken = await insertClaims(deps.models, docs);

    const counted = items.map(() => false);
    const addressIds: string[] = [];
    const giveBack: string[] = [];
    const collided: number[] = [];
    paired.forEach((p, j) => {
      const personTaken = taken.has(j);
      const addressTaken = taken.has(paired.length + j);
      if (personTaken) {
        if (!addressTaken) giveBack.push(p.address._id);
      } else if (addressTaken) collided.push(p.index);
      else {
        counted[p.index] = true;
        addressIds.push(p.address._id);
      }
    });
    if (giveBack.length > 0) {
      addresses.release(giveBack).catch((err) => deps.log.warn({ err, claims: giveBack.length }, 'address claims of repeats not given back'));
    }
    if (collided.length > 0) {
      const again = await addresses.retry(collided.map((i) => items[i]!), at);
      collided.forEach((i, j) => (counted[i] = again.admitted[j]!));
      addressIds.push(...again.ids);
    }
    return { counted, held: { items: items.filter((_, i) => counted[i]), addressIds } };
  }

  /** Takes back the claims of a batch that failed after claiming. */
  async function release(held: { items: Claimant[]; addressIds: string[] }, at: number): Promise<void> {
    await Promise.all([persons.release(held.items, at), addresses.release(held.addressIds)]);
  }

  return { claim, release, sweep: persons.sweep };
}
