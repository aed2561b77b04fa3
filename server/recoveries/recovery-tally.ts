import type { Models } from '../db/models.ts';
import { RECOVERY_WINDOW_MINUTES } from '../../shared/index.ts';

const WINDOW_MS = RECOVERY_WINDOW_MINUTES * 60_000;

/**
 * "N people say it's back", per service, from memory: the last 15 minutes of recoveries, re-read
 * from the database on the refresh cycle (other processes' too) and added to as this process
 * counts its own. Few by nature (one per person while an incident lasts), so times are kept as is.
 */
export class RecoveryTally {
  private bySlug = new Map<string, number[]>();

  constructor(private readonly models: Models) {}

  async reload(now: number): Promise<void> {
    const docs = await this.models.Recovery.find(
      { createdAt: { $gte: new Date(now - WINDOW_MS) } },
      { service: 1, createdAt: 1 },
    ).lean();
    const next = new Map<string, number[]>();
    for (const d of docs) next.set(d.service, [...(next.get(d.service) ?? []), d.createdAt.getTime()]);
    this.bySlug = next;
  }

  add(slug: string, at: number): void {
    this.bySlug.set(slug, [...(this.bySlug.get(slug) ?? []), at]);
  }

  count(slug: string, now: number): number {
    return (this.bySlug.get(slug) ?? []).filter((t) => t > now - WINDOW_MS && t <= now).length;
  }

  view(slug: string, now: number) {
    return { lastMinutes: RECOVERY_WINDOW_MINUTES, count: this.count(slug, now) };
  }
}
