import { Types } from 'mongoose';
import type { Models } from '../db/models.ts';
import { CounterWriter } from '../series/counter-writer.ts';
import type { BrowserCheck, Comment } from '../../shared/index.ts';
import { hourBumps, minuteBumps } from '../series/series-bumps.ts';
import { createDedupeClaims } from './dedupe-claims.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { createAddressCap } from './address-cap.ts';
import { NetworkSample } from './network-sample.ts';

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
}

export type StoreOutcome = { counted: true; id: string } | { counted: false };

export interface StoredReport extends ReportToStore {
  id: string;
  commentId?: string;
  /** When its batch was written, epoch ms: the minute it counts in (within a second or two of arrival). */
  receivedAt: number;
}

/**
 * Writes one batch of reports: dedupe claims (per person, then per address), then reports and
 * comments, then the per-minute buckets' and per-hour series' increments, and last the comment
 * feed. If anything after the claims fails, what this batch wrote is undone as far as the
 * database allows and the whole batch fails, so no caller is told "counted" for a report that
 * is not stored, a retry is not mistaken for a repeat, and no comment shows without its report.
 */
export function createReportWriter(deps: {
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
  const { Report, Comment } = deps.models;
  const claims = createDedupeClaims(deps.models, deps.dedupeWindowMs);
  const addressCap = createAddressCap(deps.models, deps.dedupeWindowMs, deps.reportsPerAddress);
  const networks = new NetworkSample();
  const minuteCounters = new CounterWriter(deps.models.Bucket.collection);
  const hourCounters = new CounterWriter(deps.models.SeriesHour.collection);

  /** Applies the batch's counters; returns their undo. */
  async function increment(reports: StoredReport[]): Promise<() => Promise<void>> {
    const undoMinutes = await minuteCounters.apply(minuteBumps(reports));
    try {
      const undoHours = await hourCounters.apply(hourBumps(reports, networks.fresh(reports)));
      return async () => {
        await Promise.all([undoMinutes(), undoHours()]);
      };
    } catch (err) {
      await undoMinutes().catch((e) => deps.log.error({ err: e }, 'could not take back minute counters of a failed batch'));
      throw err;
    }
  }

  async function writeBatch(items: ReportToStore[]): Promise<StoreOutcome[]> {
    const at = deps.clock.now();
    const won = await claims.claim(items, at);
    // A person's repeat never uses up one of the address's few counted reports. A person turned
    // away by the cap keeps their claim: asking again within the window would not count either.
    const claimed = items.flatMap((r, i) => (won[i] ? [i] : []));
    const cap = await addressCap.admit(claimed.map((i) => items[i]!), at);
    const counted = new Set(claimed.filter((_, j) => cap.admitted[j]));
    const stored: StoredReport[] = [];
    items.forEach((r, i) => {
      if (!counted.has(i)) return;
      const id = new Types.ObjectId().toHexString();
      stored.push({ ...r, id, receivedAt: at, ...(r.comment ? { commentId: new Types.ObjectId().toHexString() } : {}) });
    });
    if (stored.length === 0) return items.map(() => ({ counted: false }));

    try {
      await Report.collection.insertMany(
        stored.map((r) => ({
          _id: new Types.ObjectId(r.id),
          service: r.service,
          problem: r.problem,
          ...(r.comment ? { comment: r.comment } : {}),
          clientHash: r.clientHash,
          createdAt: new Date(r.receivedAt),
          ...(r.browserCheck ? { browserCheck: { ...r.browserCheck, ...(r.browserCheck.at ? { at: new Date(r.browserCheck.at) } : {}) } } : {}),
        })),
        { ordered: true },
      );
      const withComments = stored.filter((r) => r.commentId);
      if (withComments.length > 0) {
        await Comment.collection.insertMany(
          withComments.map((r) => ({
            _id: new Types.ObjectId(r.commentId),
            service: r.service,
            text: r.comment!,
            problem: r.problem,
            reportId: new Types.ObjectId(r.id),
            clientHash: r.clientHash,
            status: 'visible',
            flags: 0,
            createdAt: new Date(r.receivedAt),
          })),
          { ordered: true },
        );
      }
      const undoCounters = await increment(stored);
      if (withComments.length > 0) {
        // Last, because memory shows it at once and a feed entry cannot be taken back cleanly.
        await deps
          .appendComments(
            withComments.map((r) => ({
              id: r.commentId!,
              service: r.service,
              text: r.comment!,
              problem: r.problem,
              createdAt: new Date(r.receivedAt).toISOString(),
            })),
          )
          .catch(async (err) => {
            await undoCounters().catch((e) => deps.log.error({ err: e }, 'could not take back counters of a failed batch'));
            throw err;
          });
      }
    } catch (err) {
      await undo(stored, cap.ids, at);
      throw err;
    }

    networks.remember(stored);
    deps.onStored(stored);
    const idOf = new Map<number, string>();
    let next = 0;
    items.forEach((_, i) => counted.has(i) && idOf.set(i, stored[next++]!.id));
    return items.map((_, i) => (idOf.has(i) ? { counted: true, id: idOf.get(i)! } : { counted: false }));
  }

  /** Best effort, since the database may be the reason we are here; what fails is logged. */
  async function undo(stored: StoredReport[], addressClaims: string[], at: number): Promise<void> {
    const reportIds = stored.map((r) => new Types.ObjectId(r.id));
    const steps = {
      'person claims': claims.release(stored, at),
      'address claims': addressCap.release(addressClaims),
      reports: Report.collection.deleteMany({ _id: { $in: reportIds } }),
      comments: Comment.collection.deleteMany({ reportId: { $in: reportIds } }),
    };
    const results = await Promise.allSettled(Object.values(steps));
    results.forEach((r, i) => {
      if (r.status === 'rejected') deps.log.error({ err: r.reason, step: Object.keys(steps)[i], reports: stored.length }, 'could not take back part of a failed batch');
    });
  }

  /** FerretDB has no TTL indexes; expired claims are removed here instead. */
  const sweepClaims = (now: number) => claims.sweep(now);

  return { writeBatch, sweepClaims };
}
