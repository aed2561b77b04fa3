import { Types } from 'mongoose';
import type { Models } from '../db/models.ts';
import { CounterWriter } from '../series/counter-writer.ts';
import type { BrowserCheck, Comment } from '../../shared/index.ts';
import { hourBumps, minuteBumps } from '../series/series-bumps.ts';
import { createDedupeClaims } from './dedupe-claims.ts';
import type { Clock } from '../clock.ts';

export interface ReportToStore {
  service: string;
  problem: string;
  comment?: string;
  clientHash: string;
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
 * Writes one batch of reports: dedupe claims, then reports and comments, then the per-minute
 * buckets' and per-hour series' increments. If anything after the claims fails, what this batch wrote is undone as
 * far as the database allows and the whole batch fails, so no caller is told "counted" for a
 * report that is not stored and a retry is not mistaken for a repeat.
 */
export function createReportWriter(deps: {
  models: Models;
  clock: Clock;
  dedupeWindowMs: number;
  /** Adds report comments to the services' comment feeds, inside the batch. */
  appendComments: (comments: Comment[]) => Promise<void>;
  onStored: (reports: StoredReport[]) => void;
}) {
  const { Report, Comment } = deps.models;
  const claims = createDedupeClaims(deps.models, deps.dedupeWindowMs);
  const minuteCounters = new CounterWriter(deps.models.Bucket.collection);
  const hourCounters = new CounterWriter(deps.models.SeriesHour.collection);

  async function increment(reports: StoredReport[]): Promise<void> {
    const undoMinutes = await minuteCounters.apply(minuteBumps(reports));
    try {
      await hourCounters.apply(hourBumps(reports));
    } catch (err) {
      await undoMinutes().catch(() => undefined);
      throw err;
    }
  }

  async function writeBatch(items: ReportToStore[]): Promise<StoreOutcome[]> {
    const at = deps.clock.now();
    const won = await claims.claim(items, at);
    const stored: StoredReport[] = [];
    items.forEach((r, i) => {
      if (!won[i]) return;
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
        await deps.appendComments(
          withComments.map((r) => ({
            id: r.commentId!,
            service: r.service,
            text: r.comment!,
            problem: r.problem,
            createdAt: new Date(r.receivedAt).toISOString(),
          })),
        );
      }
      await increment(stored);
    } catch (err) {
      await undo(stored, at).catch(() => undefined);
      throw err;
    }

    deps.onStored(stored);
    const byIndex = new Map<number, string>();
    let next = 0;
    items.forEach((_, i) => won[i] && byIndex.set(i, stored[next++]!.id));
    return items.map((_, i) => (byIndex.has(i) ? { counted: true, id: byIndex.get(i)! } : { counted: false }));
  }

  /** Best effort: the database may be the reason we are here. */
  async function undo(stored: StoredReport[], at: number): Promise<void> {
    const reportIds = stored.map((r) => new Types.ObjectId(r.id));
    await Promise.allSettled([
      claims.release(stored, at),
      Report.collection.deleteMany({ _id: { $in: reportIds } }),
      Comment.collection.deleteMany({ reportId: { $in: reportIds } }),
    ]);
  }

  /** FerretDB has no TTL indexes; expired claims are removed here instead. */
  const sweepClaims = (now: number) => claims.sweep(now);

  return { writeBatch, sweepClaims };
}
