import type { Models } from '../db/models.ts';
import { HOUR_MS } from '../db/models/series-hour.model.ts';
import { hoursBetween, minutesOf, readHours } from '../series/series-hours.ts';

export interface History {
  /** Reports per minute (minute start → count); minutes without a bucket had none. */
  counts: Map<number, number>;
  /** Reports per problem kind over the whole span: the service's usual split. */
  byProblem: Record<string, number>;
  /** The oldest minute with reports, or undefined for a service with no history. */
  oldest?: number;
}

/** Reads a service's per-minute counts in [from, to) to teach its detector what is normal. */
export async function loadHistory(models: Models, service: string, from: number, to: number): Promise<History> {
  const docs = await readHours(models, [service], hoursBetween(from, to));
  const counts = new Map<number, number>();
  const byProblem: Record<string, number> = {};
  let oldest: number | undefined;
  for (const doc of docs) {
    for (const b of minutesOf(doc)) {
      if (b.t < from || b.t >= to) continue;
      counts.set(b.t, b.total);
      if (oldest === undefined || b.t < oldest) oldest = b.t;
      for (const [p, n] of Object.entries(b.byProblem)) byProblem[p] = (byProblem[p] ?? 0) + n;
    }
  }
  return { counts, byProblem, ...(oldest !== undefined ? { oldest } : {}) };
}

/** Whether the hour before `before` holds reports (a backfill or an import appeared). */
export async function hasHistoryBefore(models: Models, service: string, before: number): Promise<boolean> {
  const hour = Math.floor(before / HOUR_MS) * HOUR_MS - HOUR_MS;
  return (await readHours(models, [service], [hour])).length > 0;
}
