import type { Models } from '../db/models.ts';
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

export interface NetworkHourDoc {
  _id: string;
  service: string;
  hour: Date;
  /** A sample of reporters' networks per minute (reports/network-sample.ts). */
  w?: Record<string, Record<string, number>>;
}

/** An hour's sampled networks, minute by minute. */
export function networksOf(doc: NetworkHourDoc): { t: number; networks: string[] }[] {
  const start = doc.hour.getTime();
  return Object.entries(doc.w ?? {})
    .map(([m, nets]) => ({ t: start + Number(m) * MINUTE_MS, networks: Object.keys(nets).filter((k) => nets[k]! > 0) }))
    .filter((x) => x.networks.length > 0);
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

/** Reads the hour documents of some services by primary key; missing hours had no reports. */
export function readHours(models: Models, services: string[], hours: number[]): Promise<HourDoc[]> {
  return readById<HourDoc>(models.SeriesHour.collection, services.flatMap((s) => hours.map((h) => seriesHourId(s, h))));
}

/** The same for the hours' network samples. */
export function readNetworkHours(models: Models, services: string[], hours: number[]): Promise<NetworkHourDoc[]> {
  return readById<NetworkHourDoc>(models.NetworkHour.collection, services.flatMap((s) => hours.map((h) => seriesHourId(s, h))));
}

async function readById<T>(collection: Models['SeriesHour']['collection'], ids: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const docs = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => collection.findOne({ _id: id as never })));
    for (const d of docs) if (d) out.push(d as unknown as T);
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

