import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import { readHourDocs } from '../series/series-hours.ts';
import { minuteOf } from '../series/series-math.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time.ts';
import { cityKey, type Place } from './place.ts';
import { CITIES_PER_MINUTE, COUNTRIES_PER_MINUTE } from './region-sample.ts';

/** A day (the widest window asked for) and a margin for late readers, as the series keeps. */
const KEEP_MS = DAY_MS + 10 * MINUTE_MS;
/** Primary-key reads in flight at once. */

/** One minute's located reports and their places. */
export interface MinuteRegions {
  located: number;
  countries: Record<string, number>;
  cities: Record<string, number>;
}

interface RegionHourDoc {
  service: string;
  hour: Date;
  t?: Record<string, number>;
  g?: Record<string, Record<string, number>>;
  l?: Record<string, Record<string, number>>;
}

/**
 * The last day of where each service's reports came from, per minute, in memory: a page load or
 * a live update costs no query. As the series store does: own writes apply at once, other
 * processes' arrive by re-reading the last minutes, and the two are kept apart and shown as
 * their per-field maximum (both are lower bounds of the truth, so the maximum never over-counts).
 */
export class RegionBook {
  private readonly db = new Map<string, Map<number, MinuteRegions>>();
  private readonly own = new Map<string, Map<number, MinuteRegions>>();

  constructor(private readonly models: Models) {}

  load(slugs: string[], now: number): Promise<void> {
    return this.read(slugs, now - KEEP_MS, now + MINUTE_MS);
  }

  /** Re-reads the last `minutes` minutes of the given services (other processes' reports). */
  refreshRecent(now: number, slugs: string[], minutes = 10): Promise<void> {
    return this.read(slugs, minuteOf(now) - minutes * MINUTE_MS, now + MINUTE_MS);
  }

  /** This process's stored reports, capped per minute as region-bumps.ts writes them. */
  apply(reports: { service: string; receivedAt: number; place?: Place }[]): void {
    for (const r of reports) {
      if (!r.place) continue;
      const held = mapOf(this.own, r.service);
      const t = minuteOf(r.receivedAt);
      const m = held.get(t) ?? { located: 0, countries: {}, cities: {} };
      held.set(t, m);
      m.located += 1;
      bumpCapped(m.countries, r.place.country, COUNTRIES_PER_MINUTE);
      if (r.place.city) bumpCapped(m.cities, cityKey(r.place.country, r.place.city), CITIES_PER_MINUTE);
    }
  }

  /** Located reports and their places summed over the minutes in [from, to). */
  between(slug: string, from: number, to: number): MinuteRegions {
    const out: MinuteRegions = { located: 0, countries: {}, cities: {} };
    const db = this.db.get(slug);
    const own = this.own.get(slug);
    const minutes = new Set([...(db?.keys() ?? []), ...(own?.keys() ?? [])]);
    for (const t of minutes) {
      if (t < from || t >= to) continue;
      const a = db?.get(t);
      const b = own?.get(t);
      out.located += Math.max(a?.located ?? 0, b?.located ?? 0);
      addMax(out.countries, a?.countries, b?.countries);
      addMax(out.cities, a?.cities, b?.cities);
    }
    return out;
  }

  prune(now: number): void {
    const cutoff = now - KEEP_MS;
    for (const maps of [this.db, this.own])
      for (const held of maps.values()) for (const t of held.keys()) if (t < cutoff) held.delete(t);
  }

  private async read(slugs: string[], from: number, to: number): Promise<void> {
    const hours: number[] = [];
    for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h < to; h += HOUR_MS) hours.push(h);
    for (const doc of await readHourDocs<RegionHourDoc>(collections(this.models).regionHours, slugs, hours))
      this.absorb(doc, from);
  }

  private absorb(doc: RegionHourDoc, from: number): void {
    const start = doc.hour.getTime();
    const held = mapOf(this.db, doc.service);
    for (const [m, located] of Object.entries(doc.t ?? {})) {
      const t = start + Number(m) * MINUTE_MS;
      if (t < from || !(located > 0)) continue;
      held.set(t, { located, countries: positive(doc.g?.[m]), cities: positive(doc.l?.[m]) });
    }
  }
}

function bumpCapped(counts: Record<string, number>, key: string, cap: number): void {
  if (counts[key] !== undefined) counts[key] += 1;
  else if (Object.keys(counts).length < cap) counts[key] = 1;
}

function addMax(out: Record<string, number>, a: Record<string, number> = {}, b: Record<string, number> = {}): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    out[key] = (out[key] ?? 0) + Math.max(a[key] ?? 0, b[key] ?? 0);
}

/** Counts left at zero (a batch taken back) are no places. */
const positive = (counts: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

function mapOf<V>(maps: Map<string, Map<number, V>>, slug: string): Map<number, V> {
  let held = maps.get(slug);
  if (!held) maps.set(slug, (held = new Map()));
  return held;
}
