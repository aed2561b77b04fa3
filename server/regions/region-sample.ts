import { MINUTE_MS } from '../../shared/time.ts';

/**
 * Distinct countries and cities one process records per service and minute. Past these, a report
 * still counts as located but adds no new place: on outage day a service is reported from every
 * country at once, and the minute's document must stay small. The places seen first are in
 * practice the frequent ones, so the top of the list survives the cap.
 */
export const COUNTRIES_PER_MINUTE = 24;
export const CITIES_PER_MINUTE = 32;

export type PlaceKind = 'country' | 'city';

/** Which places this process records for each service and minute. */
export class RegionSample {
  private readonly seen = new Map<string, { country: Set<string>; city: Set<string> }>();
  private newest = 0;

  /** Whether `key` is counted for its minute: already recorded, or a new one within the cap. */
  admit(service: string, minute: number, kind: PlaceKind, key: string): boolean {
    const id = `${service}|${minute}`;
    let held = this.seen.get(id);
    if (!held) this.seen.set(id, (held = { country: new Set(), city: new Set() }));
    const set = held[kind];
    if (set.has(key)) return true;
    if (set.size >= (kind === 'country' ? COUNTRIES_PER_MINUTE : CITIES_PER_MINUTE)) return false;
    set.add(key);
    if (minute > this.newest) this.forgetBefore((this.newest = minute) - 2 * MINUTE_MS);
    return true;
  }

  private forgetBefore(t: number): void {
    for (const id of this.seen.keys()) if (Number(id.slice(id.lastIndexOf('|') + 1)) < t) this.seen.delete(id);
  }
}
