import type { Models } from '../db/models.ts';
import type { MinuteBucket, Reachability } from '../../shared/index.ts';
import type { StoredReport } from '../reports/report-writer.ts';
import { mergeBucket, minuteOf } from './series-math.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/time.ts';
import { hoursBetween, minutesOf, networksOf, reachOf, readHours, readNetworkHours } from './series-hours.ts';

/** How much history the hot cache keeps: the graph's 24 h plus a margin for late readers. */
const KEEP_MS = DAY_MS + 10 * MINUTE_MS;
/** Reporters' networks are asked about over an incident's window, an hour at most. */
const NETWORKS_KEPT_MS = 70 * MINUTE_MS;

/**
 * The last 24 h of per-minute buckets for every service, in memory, so a page load or a live
 * update costs no query. Own writes are applied at once; other processes' writes arrive via
 * `refreshRecent`, which reads the last few minutes back from the database.
 *
 * Own writes and database reads are kept apart and shown as their per-field maximum. Both are
 * lower bounds of the truth, so the maximum never over-counts; merging them into one number
 * would, when a read that already includes a batch lands before that batch is applied here.
 */
export class SeriesBook {
  /** What is shown: per field, the larger of `snapshot` and `own`. */
  private readonly byService = new Map<string, Map<number, MinuteBucket>>();
  private readonly snapshot = new Map<string, Map<number, MinuteBucket>>();
  private readonly own = new Map<string, Map<number, MinuteBucket>>();
  /** Reporters' browser checks per minute, kept apart in the same way (database read, own writes). */
  private readonly reachSnapshot = new Map<string, Map<number, Reach>>();
  private readonly reachOwn = new Map<string, Map<number, Reach>>();
  /** Sampled reporters' networks per minute: a set, so the database's and our own simply unite. */
  private readonly networks = new Map<string, Map<number, Set<string>>>();

  constructor(private readonly models: Models) {}

  async load(slugs: string[], now: number): Promise<void> {
    await this.read(slugs, now - KEEP_MS, now + MINUTE_MS);
  }

  /**
   * Re-reads the last `minutes` minutes of the given services from the database; returns the
   * services whose counts changed (other processes' reports), for what shows them to follow.
   */
  async refreshRecent(now: number, slugs: string[], minutes = 10): Promise<Set<string>> {
    return this.read(slugs, minuteOf(now) - minutes * MINUTE_MS, now + MINUTE_MS);
  }

  apply(reports: StoredReport[]): void {
    for (const r of reports) {
      const t = minuteOf(r.receivedAt);
      const mine = mapOf(this.own, r.service);
      const b = mine.get(t) ?? { t, total: 0, byProblem: {} };
      b.total += 1;
      b.byProblem[r.problem] = (b.byProblem[r.problem] ?? 0) + 1;
      mine.set(t, b);
      this.show(r.service, t);
      addNetworks(this.networks, r.service, t, [r.network]);
      if (r.browserCheck) {
        const reach = mapOf(this.reachOwn, r.service);
        const c = reach.get(t) ?? { checked: 0, unreachable: 0 };
        c.checked += 1;
        if (!r.browserCheck.reachable) c.unreachable += 1;
        reach.set(t, c);
      }
    }
  }

  /**
   * Of the reporters in the last hour whose browser tried the homepage, how many could not reach it; null when none
   * tried.
   */
  reachability(slug: string, now: number): Reachability | null {
    const from = minuteOf(now) - 59 * MINUTE_MS;
    const db = this.reachSnapshot.get(slug);
    const mine = this.reachOwn.get(slug);
    const minutes = new Set([...(db?.keys() ?? []), ...(mine?.keys() ?? [])]);
    let checked = 0;
    let unreachable = 0;
    for (const t of minutes) {
      if (t < from || t > now) continue;
      const a = db?.get(t);
      const b = mine?.get(t);
      checked += Math.max(a?.checked ?? 0, b?.checked ?? 0);
      unreachable += Math.max(a?.unreachable ?? 0, b?.unreachable ?? 0);
    }
    if (checked === 0) return null;
    return { checked, unreachable, share: Math.min(1, unreachable / checked), windowMinutes: 60 };
  }

  /** How many distinct networks reported in the minutes from `from` on (sampled: exact up to NETWORKS_PER_MINUTE). */
  networksSince(slug: string, from: number): number {
    const all = new Set<string>();
    for (const [t, nets] of this.networks.get(slug) ?? []) if (t >= from) for (const n of nets) all.add(n);
    return all.size;
  }

  /** Reports in one minute (0 when none). */
  countAt(slug: string, minute: number): number {
    return this.byService.get(slug)?.get(minute)?.total ?? 0;
  }

  /** Reports per problem kind from `from` to now. */
  byProblemSince(slug: string, from: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const b of this.buckets(slug)) {
      if (b.t < from) continue;
      for (const [p, n] of Object.entries(b.byProblem)) out[p] = (out[p] ?? 0) + n;
    }
    return out;
  }

  buckets(slug: string): Iterable<MinuteBucket> {
    return this.byService.get(slug)?.values() ?? [];
  }

  prune(now: number): void {
    const cutoff = now - KEEP_MS;
    for (const maps of [this.byService, this.snapshot, this.own, this.reachSnapshot, this.reachOwn, this.networks])
      for (const held of maps.values()) for (const t of held.keys()) if (t < cutoff) held.delete(t);
  }

  private show(slug: string, t: number): void {
    const fromDb = this.snapshot.get(slug)?.get(t);
    const mine = this.own.get(slug)?.get(t);
    const shown =
      fromDb && mine
        ? mergeBucket(fromDb, mine)
        : { ...(fromDb ?? mine)!, byProblem: { ...(fromDb ?? mine)!.byProblem } };
    mapOf(this.byService, slug).set(t, shown);
  }

  private async read(slugs: string[], from: number, to: number): Promise<Set<string>> {
    const changed = new Set<string>();
    // Networks matter for the last hour at most (an incident's window): read no older ones.
    const networksFrom = Math.max(from, to - NETWORKS_KEPT_MS);
    const [docs, networkDocs] = await Promise.all([
      readHours(this.models, slugs, hoursBetween(from, to)),
      readNetworkHours(this.models, slugs, hoursBetween(networksFrom, to)),
    ]);
    for (const doc of networkDocs) {
      for (const n of networksOf(doc))
        if (n.t >= networksFrom) addNetworks(this.networks, doc.service, n.t, n.networks);
    }
    for (const doc of docs) {
      for (const b of minutesOf(doc)) {
        if (b.t < from) continue;
        const before = this.byService.get(doc.service)?.get(b.t);
        mapOf(this.snapshot, doc.service).set(b.t, b);
        this.show(doc.service, b.t);
        const after = this.byService.get(doc.service)?.get(b.t);
        if (before?.total !== after?.total || JSON.stringify(before?.byProblem) !== JSON.stringify(after?.byProblem))
          changed.add(doc.service);
      }
      for (const r of reachOf(doc)) {
        if (r.t < from) continue;
        const held = this.reachSnapshot.get(doc.service)?.get(r.t);
        if (held?.checked !== r.checked || held?.unreachable !== r.unreachable) changed.add(doc.service);
        mapOf(this.reachSnapshot, doc.service).set(r.t, { checked: r.checked, unreachable: r.unreachable });
      }
    }
    return changed;
  }
}

interface Reach {
  checked: number;
  unreachable: number;
}

function addNetworks(maps: Map<string, Map<number, Set<string>>>, slug: string, t: number, networks: string[]): void {
  const held = mapOf(maps, slug);
  const set = held.get(t) ?? new Set<string>();
  for (const n of networks) set.add(n);
  held.set(t, set);
}

function mapOf<V>(maps: Map<string, Map<number, V>>, slug: string): Map<number, V> {
  let held = maps.get(slug);
  if (!held) maps.set(slug, (held = new Map()));
  return held;
}
