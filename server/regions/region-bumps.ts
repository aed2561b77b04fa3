import { seriesHourId } from '../db/models/series-hour.model.ts';
import { HOUR_MS } from '../../shared/time.ts';
import type { CounterBump } from '../series/counter-writer.ts';
import { cityKey, type Place } from './place.ts';
import type { RegionSample } from './region-sample.ts';
import { MINUTE_MS } from '../../shared/time.ts';

interface Located {
  service: string;
  receivedAt: number;
  place?: Place;
}

/**
 * What a batch adds to the per-hour region documents, one bump per service and hour:
 * `t.<m>` located reports, `g.<m>.<country>` and `l.<m>.<city key>` for the places the sample
 * admits. Reports without a place add nothing.
 */
export function regionBumps(reports: Located[], sample: RegionSample): CounterBump[] {
  const byId = new Map<string, CounterBump>();
  for (const r of reports) {
    if (!r.place) continue;
    const hour = Math.floor(r.receivedAt / HOUR_MS) * HOUR_MS;
    const minute = Math.floor(r.receivedAt / MINUTE_MS) * MINUTE_MS;
    const m = (minute - hour) / MINUTE_MS;
    const id = seriesHourId(r.service, hour);
    const bump = byId.get(id) ?? {
      id,
      seed: { service: r.service, hour: new Date(hour), t: {}, g: {}, l: {} },
      inc: {},
    };
    add(bump.inc, `t.${m}`);
    const { country, city } = r.place;
    if (sample.admit(r.service, minute, 'country', country)) add(bump.inc, `g.${m}.${country}`);
    if (city) {
      const key = cityKey(country, city);
      if (sample.admit(r.service, minute, 'city', key)) add(bump.inc, `l.${m}.${key}`);
    }
    byId.set(id, bump);
  }
  return [...byId.values()];
}

const add = (inc: Record<string, number>, key: string) => (inc[key] = (inc[key] ?? 0) + 1);
