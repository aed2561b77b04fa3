import { seriesHourId } from '../db/models/series-hour.model.ts';
import { HOUR_MS } from '../../shared/time.ts';
import type { CounterBump } from './counter-writer.ts';
import { MINUTE_MS } from '../../shared/time.ts';

interface Counted {
  service: string;
  problem: string;
  receivedAt: number;
  browserCheck?: { reachable: boolean };
  /** Short salted hash of the reporter's network: base64url, so it is a safe field name. */
  network?: string;
}

/** What a batch of stored reports adds to the per-hour documents: one bump per service and hour. */
export function hourBumps(reports: Counted[]): CounterBump[] {
  const byId = new Map<string, CounterBump>();
  for (const r of reports) {
    const hour = Math.floor(r.receivedAt / HOUR_MS) * HOUR_MS;
    const m = Math.floor((r.receivedAt - hour) / MINUTE_MS);
    const id = seriesHourId(r.service, hour);
    const bump = byId.get(id) ?? { id, seed: { service: r.service, hour: new Date(hour), n: {}, p: {} }, inc: {} };
    add(bump.inc, `n.${m}`, 1);
    add(bump.inc, `p.${m}.${r.problem}`, 1);
    // Reporters' browsers: `c` tried the homepage, `u` could not reach it at all.
    if (r.browserCheck) {
      add(bump.inc, `c.${m}`, 1);
      if (!r.browserCheck.reachable) add(bump.inc, `u.${m}`, 1);
    }
    byId.set(id, bump);
  }
  return [...byId.values()];
}

/** The networks of the reports at the indexes in `fresh`, for their minute (`w.<m>.<net>`): usually none. */
export function networkBumps(reports: Counted[], fresh: ReadonlySet<number>): CounterBump[] {
  const byId = new Map<string, CounterBump>();
  for (const i of fresh) {
    const r = reports[i]!;
    if (!r.network) continue;
    const hour = Math.floor(r.receivedAt / HOUR_MS) * HOUR_MS;
    const m = Math.floor((r.receivedAt - hour) / MINUTE_MS);
    const id = seriesHourId(r.service, hour);
    const bump = byId.get(id) ?? { id, seed: { service: r.service, hour: new Date(hour), w: {} }, inc: {} };
    add(bump.inc, `w.${m}.${r.network}`, 1);
    byId.set(id, bump);
  }
  return [...byId.values()];
}

const add = (inc: Record<string, number>, key: string, n: number) => (inc[key] = (inc[key] ?? 0) + n);
