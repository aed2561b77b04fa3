import { MINUTE_MS } from '../../shared/time.ts';

/**
 * Distinct networks recorded per service and minute, by each process. Enough to tell "a handful
 * of places" from "one place", while a meltdown seen from thousands of networks stays a few
 * hundred bytes per minute in the hour document. A window's union of capped minute sets still
 * answers "at least N networks?" exactly for any N up to this cap.
 */
export const NETWORKS_PER_MINUTE = 16;

interface Placed {
  service: string;
  network: string;
  receivedAt: number;
}

/** Which networks this process still has to record for each service and minute. */
export class NetworkSample {
  private readonly seen = new Map<string, Set<string>>();

  /** The reports of a batch whose network is new for its minute and within the cap (by index). */
  fresh(reports: Placed[]): Set<number> {
    const out = new Set<number>();
    const added = new Map<string, Set<string>>();
    reports.forEach((r, i) => {
      const key = keyOf(r);
      const seen = this.seen.get(key);
      const mine = added.get(key) ?? new Set<string>();
      if (seen?.has(r.network) || mine.has(r.network) || (seen?.size ?? 0) + mine.size >= NETWORKS_PER_MINUTE) return;
      mine.add(r.network);
      added.set(key, mine);
      out.add(i);
    });
    return out;
  }

  /** Notes a stored batch's networks; minutes older than two are forgotten. */
  remember(reports: Placed[]): void {
    let newest = 0;
    for (const r of reports) {
      const key = keyOf(r);
      const set = this.seen.get(key) ?? new Set<string>();
      if (set.size < NETWORKS_PER_MINUTE) set.add(r.network);
      this.seen.set(key, set);
      newest = Math.max(newest, r.receivedAt);
    }
    for (const key of this.seen.keys())
      if (Number(key.slice(key.lastIndexOf('|') + 1)) < newest - 2 * MINUTE_MS) this.seen.delete(key);
  }
}

const keyOf = (r: Placed) => `${r.service}|${Math.floor(r.receivedAt / MINUTE_MS) * MINUTE_MS}`;
