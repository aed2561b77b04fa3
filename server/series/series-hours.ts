import type { Collection } from 'mongodb';
import type { Models } from '../db/models.ts';
import { collections, type KeyedDoc } from '../db/collections.ts';
import { seriesHourId } from '../db/models/series-hour.model.ts';
import { HOUR_MS } from '../../shared/time.ts';
import type { MinuteBucket } from '../../shared/index.ts';
import { MINUTE_MS } from '../../shared/time.ts';

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

/** Reads the hour documents of some services; missing hours had no reports. */
export function readHours(models: Models, services: string[], hours: number[]): Promise<HourDoc[]> {
  return readHourDocs<HourDoc>(collections(models).seriesHours, services, hours);
}

/** The same for the hours' network samples. */
export function readNetworkHours(models: Models, services: string[], hours: number[]): Promise<NetworkHourDoc[]> {
  return readHourDocs<NetworkHourDoc>(collections(models).networkHours, services, hours);
}

/**
 * Past this many keys one scan of the hours' range beats reading each key: a start reads a day
 * for every service (4,000 keys for 170 services, seconds of lookups on the embedded database),
 * while the periodic refresh reads an hour or two by key and never scans.
 */
const SCAN_ABOVE_KEYS = 1_500;

/** Hour documents (`_id` = service|hour) of some services and hours, by key or by one scan. */
export async function readHourDocs<T>(
  collection: Collection<KeyedDoc>,
  services: string[],
  hours: number[],
): Promise<T[]> {
  const out: T[] = [];
  if (services.length === 0 || hours.length === 0) return out;
  if (services.length * hours.length > SCAN_ABOVE_KEYS) {
    const wanted = new Set(services);
    const range = { $gte: new Date(Math.min(...hours)), $lte: new Date(Math.max(...hours)) };
    for await (const doc of collection.find({ hour: range }))
      if (wanted.has((doc as { service?: string }).service ?? '')) out.push(doc as unknown as T);
    return out;
  }
  const ids = services.flatMap((s) => hours.map((h) => seriesHourId(s, h)));
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const docs = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => collection.findOne({ _id: id })));
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
