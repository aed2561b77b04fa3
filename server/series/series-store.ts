import type { Models } from '../db/models.ts';
import type { MinuteBucket } from '../../shared/index.ts';
import type { StoredReport } from '../reports/report-writer.ts';
import { DAY_MS, MINUTE_MS, mergeBucket, minuteOf } from './series-math.ts';

/** How much history the hot cache keeps: the graph's 24 h plus a margin for late readers. */
const KEEP_MS = DAY_MS + 10 * MINUTE_MS;

/**
 * The last 24 h of per-minute buckets for every service, in memory, so a page load or a live
 * update costs no query. Own writes are applied at once; other processes' writes arrive via
 * `refreshRecent`, which reads the last few minutes back from the database.
 */
export class SeriesStore {
  private readonly byService = new Map<string, Map<number, MinuteBucket>>();

  constructor(private readonly models: Models) {}

  async load(now: number): Promise<void> {
    await this.read({ minute: { $gte: new Date(now - KEEP_MS) } });
  }

  /** Re-reads the last `minutes` minutes (for the given services, or all) from the database. */
  async refreshRecent(now: number, slugs?: string[], minutes = 10): Promise<void> {
    const filter: Record<string, unknown> = { minute: { $gte: new Date(minuteOf(now) - minutes * MINUTE_MS) } };
    if (slugs) filter.service = { $in: slugs };
    await this.read(filter);
  }

  apply(reports: StoredReport[]): void {
    for (const r of reports) {
      const t = minuteOf(r.receivedAt);
      const held = this.minutesOf(r.service);
      const b = held.get(t) ?? { t, total: 0, byProblem: {} };
      b.total += 1;
      b.byProblem[r.problem] = (b.byProblem[r.problem] ?? 0) + 1;
      held.set(t, b);
    }
  }

  buckets(slug: string): Iterable<MinuteBucket> {
    return this.byService.get(slug)?.values() ?? [];
  }

  prune(now: number): void {
    const cutoff = now - KEEP_MS;
    for (const held of this.byService.values()) for (const t of held.keys()) if (t < cutoff) held.delete(t);
  }

  private minutesOf(slug: string): Map<number, MinuteBucket> {
    let held = this.byService.get(slug);
    if (!held) this.byService.set(slug, (held = new Map()));
    return held;
  }

  private async read(filter: Record<string, unknown>): Promise<void> {
    const docs = await this.models.Bucket.find(filter, { service: 1, minute: 1, total: 1, byProblem: 1 }).lean();
    for (const d of docs) {
      const t = d.minute.getTime();
      const held = this.minutesOf(d.service);
      held.set(t, mergeBucket(held.get(t), { t, total: d.total ?? 0, byProblem: (d.byProblem ?? {}) as Record<string, number> }));
    }
  }
}
