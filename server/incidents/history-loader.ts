import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import { HOUR_MS } from '../../shared/time.ts';
import { hoursBetween, minutesOf, readHours, type HourDoc } from '../series/series-hours.ts';

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
  const history = emptyHistory();
  for (const doc of await readHours(models, [service], hoursBetween(from, to))) addHour(history, doc, from, to);
  return finished(history);
}

/**
 * Every service's history in [from, to) in one pass over the hour documents. At start, reading
 * each service's 672 hours by key costs 672 lookups per service (two minutes for 170 services on
 * the embedded database); one scan of what exists costs what the data costs, and nothing when
 * most services have no history yet.
 */
export async function loadAllHistories(
  models: Models,
  services: string[],
  from: number,
  to: number,
): Promise<Map<string, History>> {
  const out = new Map(services.map((s) => [s, emptyHistory()]));
  const cursor = collections(models).seriesHours.find({
    hour: { $gte: new Date(Math.floor(from / HOUR_MS) * HOUR_MS), $lt: new Date(to) },
  });
  for await (const doc of cursor) {
    const history = out.get((doc as unknown as HourDoc).service);
    if (history) addHour(history, doc as unknown as HourDoc, from, to);
  }
  return new Map([...out].map(([s, h]) => [s, finished(h)]));
}

function emptyHistory(): History {
  return { counts: new Map(), byProblem: {} };
}

function addHour(history: History, doc: HourDoc, from: number, to: number): void {
  for (const b of minutesOf(doc)) {
    if (b.t < from || b.t >= to) continue;
    history.counts.set(b.t, b.total);
    if (history.oldest === undefined || b.t < history.oldest) history.oldest = b.t;
    for (const [p, n] of Object.entries(b.byProblem)) history.byProblem[p] = (history.byProblem[p] ?? 0) + n;
  }
}

const finished = (h: History): History => (h.oldest === undefined ? { counts: h.counts, byProblem: h.byProblem } : h);

/** Whether the hour before `before` holds reports (a backfill or an import appeared). */
export async function hasHistoryBefore(models: Models, service: string, before: number): Promise<boolean> {
  const hour = Math.floor(before / HOUR_MS) * HOUR_MS - HOUR_MS;
  return (await readHours(models, [service], [hour])).length > 0;
}
