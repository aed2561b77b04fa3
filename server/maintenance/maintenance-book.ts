import type { Models } from '../db/models.ts';
import type { MaintenanceWindow } from '../../shared/index.ts';

/** Declared maintenance windows that have not ended, in memory for pages, detection and fusion. */
export class MaintenanceBook {
  private windows: MaintenanceWindow[] = [];

  constructor(private readonly models: Models) {}

  async reload(now: number): Promise<void> {
    // Keep a day of ended windows: an incident that began inside one is still "maintenance".
    const docs = await this.models.Maintenance.find({ cancelled: false, end: { $gte: new Date(now - 86_400_000) } })
      .sort({ start: 1 })
      .lean();
    this.windows = docs.map((d) => ({
      id: String(d._id),
      service: d.service,
      title: d.title,
      ...(d.description ? { description: d.description } : {}),
      start: d.start.toISOString(),
      end: d.end.toISOString(),
    }));
  }

  /** Current and upcoming windows of one service, soonest first. */
  forService(slug: string, now: number): MaintenanceWindow[] {
    return this.windows.filter((w) => w.service === slug && new Date(w.end).getTime() > now);
  }

  /** Every window of one service, including those that ended in the last day. */
  recentAndUpcoming(slug: string): MaintenanceWindow[] {
    return this.windows.filter((w) => w.service === slug);
  }
}
