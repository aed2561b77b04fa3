import type { Models } from '../db/models.ts';
import { Service, type Problem } from '../../shared/index.ts';

/**
 * The services, kept in memory (a page load costs no query) and reloaded from the database so
 * that several processes, and operators' edits, converge.
 */
export class ServiceCatalog {
  private bySlug = new Map<string, Service>();

  constructor(private readonly models: Models) {}

  /** Inserts services that do not exist yet; never overwrites what an operator changed. */
  async seed(services: Service[]): Promise<void> {
    if (services.length === 0) return;
    const ops = services.map((s) => ({
      updateOne: { filter: { slug: s.slug }, update: { $setOnInsert: s }, upsert: true },
    }));
    // Two processes starting together can race on the same upsert; $setOnInsert makes a retry safe.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.models.Service.bulkWrite(ops, { ordered: true });
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000 || attempt >= 3) throw err;
      }
    }
  }

  async reload(): Promise<void> {
    const docs = await this.models.Service.find({}, { _id: 0, createdAt: 0, updatedAt: 0 }).lean();
    const next = new Map<string, Service>();
    for (const doc of docs) {
      const parsed = Service.safeParse(doc);
      if (parsed.success) next.set(parsed.data.slug, parsed.data);
    }
    this.bySlug = next;
  }

  get(slug: string): Service | undefined {
    return this.bySlug.get(slug);
  }

  all(): Service[] {
    return [...this.bySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  problemLabel(slug: string, problem: string): string {
    return this.get(slug)?.problems.find((p: Problem) => p.id === problem)?.label ?? problem;
  }
}
