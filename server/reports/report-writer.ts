import { Types, type Connection } from 'mongoose';
import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import { CounterWriter } from '../series/counter-writer.ts';
import type { BrowserCheck, Comment } from '../../shared/index.ts';
import { hourBumps, networkBumps } from '../series/series-bumps.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { createReportClaims } from './report-claims.ts';
import type { Claimant } from './dedupe-claims.ts';
import { NetworkSample } from './network-sample.ts';
import { createRegionCounter } from '../regions/region-counter.ts';
import type { Place } from '../regions/place.ts';

export interface ReportToStore {
  service: string;
  problem: string;
  comment?: string;
  /** Address + User-Agent: one counted report per person and window. */
  clientHash: string;
  /** The address alone: a few counted reports per address and window. */
  addressHash: string;
  /** The reporter's network (IPv4 /24, IPv6 /48), for "reports from how many places". */
  network: string;
  browserCheck?: BrowserCheck;
  /** Where the address is, coarsely (regions/place-lookup.ts); the address itself is not kept. */
  place?: Place;
}

export type StoreOutcome = { counted: true; id: string } | { counted: false };

export interface StoredReport extends ReportToStore {
  id: string;
  commentId?: string;
  /** When its batch was written, epoch ms: the minute it counts in (within a second or two of arrival). */
  receivedAt: number;
}

/**
 * Writes one batch of reports in two steps, each one round trip however big the batch:
 *   1. the person claims and the reports themselves, side by side (report-claims.ts);
 *   2. the counted reports' comments and the per-hour counters (`$inc`), at once;
 * then, only with comments, the services' comment feeds.
 * If anything after the claims fails, what this batch wrote is undone as far as the database
 * allows and the whole batch fails, so no caller is told "counted" for a report that is not
 * stored, a retry is not mistaken for a repeat, and no comment shows without its report.
 * Several batches may be in flight at once: every step is an insert or an atomic `$inc`.
 */
export function createReportWriter(deps: {
  conn: Connection;
  models: Models;
  clock: Clock;
  log: Logger;
  dedupeWindowMs: number;
  /** Counted reports per service and window from one address. */
  reportsPerAddress: number;
  /** Adds report comments to the services' comment feeds, the batch's last step. */
  appendComments: (comments: Comment[]) => Promise<void>;
  onStored: (reports: StoredReport[]) => void;
}) {
  const { reports: Reports, comments: Comments, seriesHours, networkHours } = collections(deps.models);
  const claims = createReportClaims({
    conn: deps.conn,
    collection: Reports,
    log: deps.log,
    windowMs: deps.dedupeWindowMs,
    perAddress: deps.reportsPerAddress,
  });
  const networks = new NetworkSample();
  const hourCounters = new CounterWriter(seriesHours);
  const networkCounters = new CounterWriter(networkHours);
  const countRegions = createRegionCounter(deps.models);

  /** The batch's counts, and its networks not yet recorded for their minute; returns the undo. */
  async function count(stored: StoredReport[]): Promise<() => Promise<void>> {
    const results = await Promise.allSettled([
      hourCounters.apply(hourBumps(stored)),
      networkCounters.apply(networkBumps(stored, networks.fresh(stored))),
      countRegions(stored),
    ]);
    const undos = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.find((r) => r.status === 'rejected');
    const undo = async () => void (await Promise.all(undos.map((u) => u())));
    if (failed) {
      await undo().catch((err) => deps.log.error({ err }, 'could not take back counters of a failed batch'));
      throw failed.reason;
    }
    return undo;
  }

  async function writeBatch(items: ReportToStore[]): Promise<StoreOutcome[]> {
    const at = deps.clock.now();
    const { stored: ids, held } = await claims.store(items, at, (r, id) => reportDoc(r, id, at));
    if (ids.size === 0) return items.map(() => ({ counted: false }));
    const stored: StoredReport[] = [...ids].map(([i, id]) => {
      const r = items[i]!;
      return { ...r, id, receivedAt: at, ...(r.comment ? { commentId: new Types.ObjectId().toHexString() } : {}) };
    });

    const withComments = stored.filter((r) => r.commentId);
    const steps = await Promise.allSettled([
      withComments.length > 0 ? Comments.insertMany(withComments.map(commentDoc), { ordered: false }) : undefined,
      count(stored),
    ]);
    const failed = steps.find((s) => s.status === 'rejected');
    try {
      if (failed) throw failed.reason;
      // Last, because memory shows it at once and a feed entry cannot be taken back cleanly.
      if (withComments.length > 0) await deps.appendComments(withComments.map(feedEntry));
    } catch (err) {
      const counters = steps[1];
      await undo(stored, held, at, counters.status === 'fulfilled' ? counters.value : undefined);
      throw err;
    }

    networks.remember(stored);
    deps.onStored(stored);
    return items.map((_, i) => (ids.has(i) ? { counted: true, id: ids.get(i)! } : { counted: false }));
  }

  /** Best effort, since the database may be the reason we are here; what fails is logged. */
  async function undo(
    stored: StoredReport[],
    held: Claimant[],
    at: number,
    undoCounters?: () => Promise<void>,
  ): Promise<void> {
    const reportIds = stored.map((r) => r.id);
    // The deletes are tried again: a database that just came back fails once on the connections
    // it dropped, and a claim left behind would make the person's retry look like a repeat.
    // Taking counters back is an $inc, not safe to repeat, so it is tried once.
    const steps = {
      claims: again(() => claims.release(held, at)),
      // One delete by `_id` each: FerretDB answers `$in` on `_id` with a scan.
      reports: again(() => Promise.all(reportIds.map((id) => Reports.deleteOne({ _id: id })))),
      comments: again(() => Comments.deleteMany({ reportId: { $in: reportIds } })),
      counters: undoCounters?.(),
    };
    const results = await Promise.allSettled(Object.values(steps));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        deps.log.error(
          { err: r.reason, step: Object.keys(steps)[i], reports: stored.length },
          'could not take back part of a failed batch',
        );
    });
  }

  /** FerretDB has no TTL indexes; claims of old windows are dropped here instead. */
  const sweepClaims = (now: number) => claims.sweep(now);

  return { writeBatch, sweepClaims };
}

/** Runs an idempotent step up to three times, 100 ms and then 400 ms apart. */
async function again<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (attempt >= 2) throw err;
      await new Promise((r) => setTimeout(r, 100 * 4 ** attempt));
    }
  }
}

const reportDoc = (r: ReportToStore, id: string, at: number) => ({
  _id: id,
  service: r.service,
  problem: r.problem,
  ...(r.comment ? { comment: r.comment } : {}),
  clientHash: r.clientHash,
  createdAt: new Date(at),
  ...(r.browserCheck
    ? { browserCheck: { ...r.browserCheck, ...(r.browserCheck.at ? { at: new Date(r.browserCheck.at) } : {}) } }
    : {}),
});

const commentDoc = (r: StoredReport) => ({
  _id: new Types.ObjectId(r.commentId),
  service: r.service,
  text: r.comment!,
  problem: r.problem,
  reportId: r.id,
  clientHash: r.clientHash,
  status: 'visible',
  flags: 0,
  createdAt: new Date(r.receivedAt),
});

const feedEntry = (r: StoredReport): Comment => ({
  id: r.commentId!,
  service: r.service,
  text: r.comment!,
  problem: r.problem,
  createdAt: new Date(r.receivedAt).toISOString(),
});
