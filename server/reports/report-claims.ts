import type { Connection } from 'mongoose';
import type { Collection } from 'mongodb';
import type { KeyedDoc } from '../db/collections.ts';
import type { Logger } from '../logger.ts';
import { createAddressCap, type FromAddress } from './address-cap.ts';
import { duplicateIndexes, isDuplicateKey } from '../db/database-errors.ts';
import { createDedupeClaims, type Claimant } from './dedupe-claims.ts';

type Item = Claimant & FromAddress;

/**
 * Stores the reports of a batch that may be counted, in one round trip: each person's claim
 * (one report per person and window, dedupe-claims.ts) and, beside it, the report itself, whose
 * `_id` is its place among its address's few (address-cap.ts). Two documents per report, and the
 * database's unique `_id`s decide every race, across processes. A report stored beside a
 * repeat's colliding claim is taken back before anyone is answered; a report whose place another
 * process took tries the next place.
 */
export function createReportClaims(deps: {
  conn: Connection;
  /** Where the counted documents go: reports, or "it works again" (recoveries/). */
  collection: Collection<KeyedDoc>;
  log: Logger;
  windowMs: number;
  perAddress: number;
}) {
  const persons = createDedupeClaims(deps.conn, deps.windowMs);
  const addresses = createAddressCap(deps.windowMs, deps.perAddress);
  const Report = { collection: deps.collection };

  /** Inserts report documents; the indexes of those whose `_id` was taken. */
  async function insertReports(docs: { _id: string }[]): Promise<Set<number>> {
    if (docs.length === 0) return new Set();
    try {
      await Report.collection.insertMany(docs, { ordered: false });
      return new Set();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return duplicateIndexes(err);
    }
  }

  /**
   * The items stored as counted reports, with their `_id`s, and the person claims taken (for
   * `release` if the batch fails later). Items not listed were repeats or over their address's cap.
   */
  async function store<T extends Item>(
    items: T[],
    at: number,
    toDoc: (item: T, id: string) => { _id: string },
  ): Promise<{ stored: Map<number, string>; held: Claimant[] }> {
    // Over the address's cap: no claim at all; asking again within the window would not count either.
    const placed = persons.candidates(items, at).flatMap((c) => {
      const id = addresses.assign(items[c.index]!, at);
      return id ? [{ ...c, id }] : [];
    });
    const [claims, reports] = await Promise.allSettled([
      persons.insert(
        placed.map((p) => p.key),
        at,
      ),
      insertReports(placed.map((p) => toDoc(items[p.index]!, p.id))),
    ]);
    if (claims.status === 'rejected' || reports.status === 'rejected') {
      // Take back the half that is known to have gone in, so nobody's retry is taken for a
      // repeat and no report stands without its claim. (A half that failed midway may have
      // stored some of its documents; which, it cannot say.)
      addresses.forget();
      if (claims.status === 'fulfilled') {
        const mine = placed.filter((_, j) => !claims.value.has(j));
        await persons
          .release(
            mine.map((p) => items[p.index]!),
            at,
          )
          .catch((err) => deps.log.error({ err }, 'claims of a failed batch not taken back'));
      }
      if (reports.status === 'fulfilled') {
        const mine = placed.filter((_, j) => !reports.value.has(j));
        await Promise.all(mine.map((p) => Report.collection.deleteOne({ _id: p.id }))).catch((err) =>
          deps.log.error({ err }, 'reports of a failed batch not taken back'),
        );
      }
      throw claims.status === 'rejected' ? claims.reason : (reports as PromiseRejectedResult).reason;
    }
    const claimTaken = claims.value;
    const reportTaken = reports.value;

    const stored = new Map<number, string>();
    const held: Claimant[] = [];
    const repeats: string[] = [];
    let moveOn: number[] = [];
    placed.forEach((p, j) => {
      if (claimTaken.has(j)) {
        if (!reportTaken.has(j)) repeats.push(p.id);
        return;
      }
      held.push(items[p.index]!);
      if (reportTaken.has(j)) moveOn.push(p.index);
      else stored.set(p.index, p.id);
    });
    if (repeats.length > 0) {
      // Before anyone is answered, so the reports stored are exactly the counted ones. Only a
      // repeat another process saw first gets here (this process's own are caught before).
      addresses.forget();
      await Promise.all(repeats.map((id) => Report.collection.deleteOne({ _id: id }))).catch((err) =>
        deps.log.error({ err, reports: repeats.length }, "reports stored beside repeats' claims were not taken back"),
      );
    }
    // Another process took these places: the next ones, until the address's cap.
    while (moveOn.length > 0) {
      const next = moveOn.flatMap((index) => {
        const id = addresses.assign(items[index]!, at);
        return id ? [{ index, id }] : [];
      });
      const taken = await insertReports(next.map((p) => toDoc(items[p.index]!, p.id)));
      moveOn = [];
      next.forEach((p, j) => (taken.has(j) ? moveOn.push(p.index) : stored.set(p.index, p.id)));
    }
    return { stored, held };
  }

  /** Takes back the person claims of a batch that failed after storing (its reports go with the batch's undo). */
  async function release(held: Claimant[], at: number): Promise<void> {
    addresses.forget();
    await persons.release(held, at);
  }

  return { store, release, sweep: persons.sweep };
}
