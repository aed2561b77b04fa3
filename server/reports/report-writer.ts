import { Types } from 'mongoose';
import type { Models } from '../db/models.ts';
import { CounterWriter } from '../series/counter-writer.ts';
import type { Comment } from '../../shared/index.ts';
import { hourBumps, minuteBumps } from '../series/series-bumps.ts';

export interface ReportToStore {
  service: string;
  problem: string;
  comment?: string;
  clientHash: string;
  /** Arrival time, epoch ms: the minute it is counted in. */
  receivedAt: number;
}

export type StoreOutcome = { counted: true; id: string } | { counted: false };

export interface StoredReport extends ReportToStore {
  id: string;
  commentId?: string;
}

const DUPLICATE_KEY = 11000;

/**
 * Writes one batch of reports: dedupe claims, then reports and comments, then the per-minute
 * buckets' and per-hour series' increments. If anything after the claims fails, what this batch wrote is undone as
 * far as the database allows and the whole batch fails, so no caller is told "counted" for a
 * report that is not stored and a retry is not mistaken for a repeat.
 */
export function createReportWriter(deps: {
  models: Models;
  dedupeWindowMs: number;
  /** Adds report comments to the services' comment feeds, inside the batch. */
  appendComments: (comments: Comment[]) => Promise<void>;
  onStored: (reports: StoredReport[]) => void;
}) {
  const { Claim, Report, Comment } = deps.models;
  const minuteCounters = new CounterWriter(deps.models.Bucket.collection);
  const hourCounters = new CounterWriter(deps.models.SeriesHour.collection);

  /**
   * Claims each client's dedupe slot. A new claim is an insert; a client whose claim exists
   * takes it over only if it has expired, with a conditional update that one writer alone can
   * match. Both touch a single `_id`, which FerretDB and MongoDB answer from the primary key
   * (an `_id: { $in }` delete was a full scan on FerretDB and slowed every batch).
   */
  async function claim(items: ReportToStore[]): Promise<boolean[]> {
    const keys = items.map((r) => `${r.service}:${r.clientHash}`);
    const firstIndex = new Map<string, number>();
    keys.forEach((k, i) => firstIndex.has(k) || firstIndex.set(k, i));
    const unique = [...firstIndex.keys()];
    const atOf = (k: string) => new Date(items[firstIndex.get(k)!]!.receivedAt);
    const taken = new Set<string>();
    try {
      await Claim.collection.insertMany(unique.map((k) => ({ _id: k as never, at: atOf(k) })), { ordered: false });
    } catch (err) {
      const writeErrors = bulkWriteErrors(err);
      if (!writeErrors || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
      for (const e of writeErrors) taken.add(unique[e.index]!);
    }
    const renewed = await Promise.all(
      [...taken].map(async (k) => {
        const at = atOf(k);
        const res = await Claim.collection.updateOne(
          { _id: k as never, at: { $lt: new Date(at.getTime() - deps.dedupeWindowMs) } },
          { $set: { at } },
        );
        return res.modifiedCount === 1 ? k : undefined;
      }),
    );
    const won = new Set(unique.filter((k) => !taken.has(k)));
    renewed.forEach((k) => k && won.add(k));
    return keys.map((k, i) => firstIndex.get(k) === i && won.has(k));
  }

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
    const won = await claim(items);
    const stored: StoredReport[] = [];
    items.forEach((r, i) => {
      if (!won[i]) return;
      const id = new Types.ObjectId().toHexString();
      stored.push({ ...r, id, ...(r.comment ? { commentId: new Types.ObjectId().toHexString() } : {}) });
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
      await undo(stored).catch(() => undefined);
      throw err;
    }

    deps.onStored(stored);
    const byIndex = new Map<number, string>();
    let next = 0;
    items.forEach((_, i) => won[i] && byIndex.set(i, stored[next++]!.id));
    return items.map((_, i) => (byIndex.has(i) ? { counted: true, id: byIndex.get(i)! } : { counted: false }));
  }

  /** Best effort: the database may be the reason we are here. */
  async function undo(stored: StoredReport[]): Promise<void> {
    const reportIds = stored.map((r) => new Types.ObjectId(r.id));
    await Promise.allSettled([
      Claim.collection.deleteMany({
        $or: stored.map((r) => ({ _id: `${r.service}:${r.clientHash}` as never, at: new Date(r.receivedAt) })),
      }),
      Report.collection.deleteMany({ _id: { $in: reportIds } }),
      Comment.collection.deleteMany({ reportId: { $in: reportIds } }),
    ]);
  }

  /** FerretDB has no TTL indexes; claims older than the window are removed here instead. */
  async function sweepClaims(now: number): Promise<number> {
    const res = await Claim.collection.deleteMany({ at: { $lt: new Date(now - deps.dedupeWindowMs) } });
    return res.deletedCount;
  }

  return { writeBatch, sweepClaims };
}

function bulkWriteErrors(err: unknown): { index: number; code: number }[] | undefined {
  const e = err as { writeErrors?: { index: number; code: number }[] | { index: number; code: number } };
  if (!e?.writeErrors) return undefined;
  return Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
}
