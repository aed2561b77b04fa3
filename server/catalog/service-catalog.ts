import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import {
  ProbeDefinition,
  Service,
  type GuidanceSection,
  type OfficialSource,
  type Problem,
} from '../../shared/index.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

/**
 * The services, kept in memory (a page load costs no query) and reloaded from the database so
 * that several processes, and operators' edits, converge.
 */
export class ServiceCatalog {
  private bySlug = new Map<string, Service>();
  /** all(), sorted once per reload: the same array until the catalog changes (callers may memoise on it). */
  private sorted: Service[] | undefined;

  constructor(
    private readonly models: Models,
    private readonly onInvalid: (slug: string, problem: string) => void = () => {},
  ) {}

  /**
   * Inserts services that do not exist yet and never overwrites what an operator changed, except
   * for the fields a catalog file names (`fileFields`), which the file sets at every start.
   * Services stored before probes existed get the seed's probes and official page once.
   */
  async seed(services: Service[], fileFields: Map<string, Set<keyof Service>> = new Map()): Promise<void> {
    if (services.length === 0) return;
    // One read first: on an embedded database each write costs tens of milliseconds, and a start
    // that wrote every service of a 170-service catalog took half a minute. Now a fresh database
    // gets one insertMany, and a restart writes only what a file names or a backfill needs.
    const collection = collections(this.models).services;
    const stored = new Map(
      (
        await collection
          .find(
            { slug: { $in: services.map((s) => s.slug) } },
            { projection: { _id: 0, slug: 1, probes: 1, aliases: 1 } },
          )
          .toArray()
      ).map((d) => [d.slug as string, { probes: d.probes !== undefined, aliases: d.aliases !== undefined }]),
    );
    const fresh: Document[] = [];
    const opsOf = new Map<string, AnyBulkWriteOperation[]>();
    const ops: AnyBulkWriteOperation[] = services.flatMap((s): AnyBulkWriteOperation[] => {
      const named = fileFields.get(s.slug) ?? new Set<keyof Service>();
      const onInsert: Record<string, unknown> = { createdAt: new Date(), updatedAt: new Date() };
      const set: Record<string, unknown> = {};
      const unset: Record<string, ''> = {};
      for (const [key, value] of Object.entries(s) as [keyof Service, unknown][]) {
        if (key === 'slug' || value === undefined) continue;
        (named.has(key) ? set : onInsert)[key] = value;
      }
      // A file that names `official: null` removes it.
      if (named.has('official') && s.official === undefined) unset.official = '';
      const update = {
        $setOnInsert: onInsert,
        ...(Object.keys(set).length > 0 && { $set: set }),
        ...(Object.keys(unset).length > 0 && { $unset: unset }),
      };
      const backfill: AnyBulkWriteOperation[] = named.has('probes')
        ? []
        : [
            {
              updateOne: {
                filter: { slug: s.slug, probes: { $exists: false } },
                update: {
                  $set: {
                    probes: s.probes ?? [],
                    ...(s.official && !named.has('official') ? { official: s.official } : {}),
                  },
                },
              },
            },
          ];
      // Aliases came with the larger catalog: services stored before get the seed's once.
      const aliases: AnyBulkWriteOperation[] =
        s.aliases && !named.has('aliases')
          ? [
              {
                updateOne: {
                  filter: { slug: s.slug, aliases: { $exists: false } },
                  update: { $set: { aliases: s.aliases } },
                },
              },
            ]
          : [];
      const all: AnyBulkWriteOperation[] = [
        { updateOne: { filter: { slug: s.slug }, update, upsert: true } },
        ...backfill,
        ...aliases,
      ];
      opsOf.set(s.slug, all);
      const was = stored.get(s.slug);
      if (!was) {
        fresh.push({ slug: s.slug, ...onInsert, ...set });
        return [];
      }
      return [
        ...(update.$set || update.$unset ? all.slice(0, 1) : []),
        ...(was.probes ? [] : backfill),
        ...(was.aliases ? [] : aliases),
      ];
    });
    if (fresh.length > 0) {
      try {
        await collection.insertMany(fresh, { ordered: false });
      } catch (err) {
        // Another process starting at the same moment inserted some first, from the same seed and
        // file: only what the file names needs writing over them. (Replaying every upsert and
        // backfill here cost 500 writes and stalled two processes starting side by side.)
        if (!isDuplicateKey(err)) throw err;
        for (const doc of fresh) {
          const first = opsOf.get(doc.slug as string)![0]!;
          const { update } = (first as { updateOne: { update: Document } }).updateOne;
          if (update.$set || update.$unset) ops.push(first);
        }
      }
    }
    if (ops.length === 0) return;
    // Two processes starting together can race on the same upsert; $setOnInsert makes a retry safe.
    for (let attempt = 1; ; attempt++) {
      try {
        await collection.bulkWrite(ops, { ordered: true });
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
      }
    }
  }

  async reload(): Promise<void> {
    const docs = await this.models.Service.find({}, { _id: 0, createdAt: 0, updatedAt: 0 }).lean();
    const next = new Map<string, Service>();
    for (const raw of docs) {
      const doc = { ...raw, official: raw.official ?? undefined } as Record<string, unknown>;
      const parsed = Service.safeParse(doc);
      if (parsed.success) {
        next.set(parsed.data.slug, parsed.data);
        continue;
      }
      // A probe that no longer validates (the schema tightened) must not take its service off the site.
      const probes = Array.isArray(doc.probes)
        ? doc.probes.flatMap((p) => (ProbeDefinition.safeParse(p).success ? [ProbeDefinition.parse(p)] : []))
        : [];
      const retry = Service.safeParse({ ...doc, probes, official: undefined });
      if (retry.success) {
        next.set(retry.data.slug, {
          ...retry.data,
          ...(Service.shape.official.safeParse(doc.official).data && { official: doc.official as OfficialSource }),
        });
        this.onInvalid(retry.data.slug, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      } else
        this.onInvalid(String(doc.slug), retry.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    this.bySlug = next;
    this.sorted = undefined;
  }

  /** Replaces a service's probes (already validated); the caller reloads. */
  async setProbes(slug: string, probes: ProbeDefinition[]): Promise<void> {
    await collections(this.models).services.updateOne({ slug }, { $set: { probes, updatedAt: new Date() } });
  }

  async setOfficial(slug: string, official: OfficialSource | null): Promise<void> {
    await collections(this.models).services.updateOne(
      { slug },
      official
        ? { $set: { official, updatedAt: new Date() } }
        : { $unset: { official: '' }, $set: { updatedAt: new Date() } },
    );
  }

  /** Sets or (null) removes an operator's guidance for a service; the caller reloads. */
  async setGuidance(slug: string, guidance: GuidanceSection[] | null): Promise<void> {
    await collections(this.models).services.updateOne(
      { slug },
      guidance
        ? { $set: { guidance, updatedAt: new Date() } }
        : { $unset: { guidance: '' }, $set: { updatedAt: new Date() } },
    );
  }

  get(slug: string): Service | undefined {
    return this.bySlug.get(slug);
  }

  all(): Service[] {
    return (this.sorted ??= [...this.bySlug.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  problemLabel(slug: string, problem: string): string {
    return this.get(slug)?.problems.find((p: Problem) => p.id === problem)?.label ?? problem;
  }
}
