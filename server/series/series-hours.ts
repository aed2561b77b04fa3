import type { Models } from '../db/models.ts';
import { findHotOrArchived } from '../db/hot-archive.ts';
import { HOUR_MS, seriesHourId } from '../db/models/series-hour.model.ts';
import type { MinuteBucket } from '../../shared/index.ts';

const MINUTE_MS = 60_000;
/** Primary-key reads in flight at once: enough to hide round trips, few enough to be polite. */
const PARALLEL = 32;

export interface HourDoc {
  _id: string;
  service: string;
  hour: Date;
  n?: Record<string, number>;
  p?: Record<string, Record<string, number>>;
  /** Browser checks per minute: tried the homepage, and could not reach it. */
  c?: Record<string, number>;
  u?: Record<string, number>;
}

export interface ReachMinute {
  t: number;
  checked: number;
  unreachable: number;
}

/** An hour document's browser checks, minute by minute (minutes without checks left out). */
export function reachOf(doc: HourDoc): ReachMinute[] {
  const start = doc.hour.getTime();
  return Object.entries(doc.c ?? {})
    .filter(([, n]) => n > 0)
    .map(([m, checked]) => ({ t: start + Number(m) * MINUTE_MS, checked, unreachable: doc.u?.[m] ?? 0 }));
}

/** The hour starts covering [from, to). */
export function hoursBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h < to; h += HOUR_MS) out.push(h);
  return out;
}

/**
 * Reads the hour documents of some services by primary key; missing hours had no reports.
 * The last two hours are read from both the hot collection and the archive and merged (an
 * hour can be split between them: imported history in the archive, live counts still hot);
 * older hours are read from the archive, falling back to the hot collection.
 */
export async function readHours(models: Models, services: string[], hours: number[]): Promise<HourDoc[]> {
  const hot = models.SeriesHour.collection;
  const archive = models.SeriesHourArchive.collection;
  const recentFrom = Math.max(...hours) - HOUR_MS;
  const lookups = services.flatMap((s) => hours.map((h) => ({ id: seriesHourId(s, h), recent: h >= recentFrom })));
  const out: HourDoc[] = [];
  for (let i = 0; i < lookups.length; i += PARALLEL) {
    const docs = await Promise.all(
      lookups.slice(i, i + PARALLEL).map(async ({ id, recent }) => {
        if (!recent) return findHotOrArchived<HourDoc>(archive, hot, id);
        const [a, b] = await Promise.all([hot.findOne({ _id: id as never }), archive.findOne({ _id: id as never })]);
        return a && b ? mergeHours(a as unknown as HourDoc, b as unknown as HourDoc) : ((a ?? b) as unknown as HourDoc | null);
      }),
    );
    for (const d of docs) if (d) out.push(d);
  }
  return out;
}

/** An hour document as minute buckets (minutes without reports left out). */
export function minutesOf(doc: HourDoc): MinuteBucket[] {
  const start = doc.hour.getTime();
  const out: MinuteBucket[] = [];
  for (const [m, total] of Object.entries(doc.n ?? {})) {
    if (!total) continue;
    const byProblem = Object.fromEntries(Object.entries(doc.p?.[m] ?? {}).filter(([, n]) => n > 0));
    out.push({ t: start + Number(m) * MINUTE_MS, total, byProblem });
  }
  return out;
}

/** Two lower bounds of one hour's counts, minute by minute: the larger of each wins. */
export function mergeHours(a: HourDoc, b: HourDoc): HourDoc {
  const flat = (x?: Record<string, number>, y?: Record<string, number>) => {
    const out: Record<string, number> = { ...x };
    for (const [k, v] of Object.entries(y ?? {})) out[k] = Math.max(out[k] ?? 0, v);
    return out;
  };
  const p: Record<string, Record<string, number>> = { ...a.p };
  for (const [m, kinds] of Object.entries(b.p ?? {})) p[m] = flat(p[m], kinds);
  return { ...a, n: flat(a.n, b.n), p, c: flat(a.c, b.c), u: flat(a.u, b.u) };
}
