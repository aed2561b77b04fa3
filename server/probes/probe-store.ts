import type { AnyBulkWriteOperation } from 'mongodb';
import { LRUCache } from 'lru-cache';
import type { Models } from '../db/models.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/time.ts';
import { PROBE_HISTORY_HOURS, probeHourId } from '../db/models/probe-hour.model.ts';
import { NETWORK_ERROR_CODES, type OfficialStatus, type ProbeResult } from '../../shared/index.ts';
import { duplicateIndexes, isDuplicateKey } from '../db/database-errors.ts';
import { collections, type KeyedDoc } from '../db/collections.ts';

/** Primary-key reads in flight at once, as in series/series-hours.ts. */
const PARALLEL = 32;
const WRITE_CHUNK = 25;

/** A probe's latest result as stored; `sig` is the definition it ran, so an edited probe's old result is not shown. */
export interface StoredProbe {
  sig: string;
  result: ProbeResult;
  /** ISO time the current run of failures began; null while passing. */
  failingSince: string | null;
}

export interface StoredOfficial {
  url: string;
  kind: 'statuspage' | 'feed';
  /** The last successful read, kept while later reads fail. */
  latest: OfficialStatus | null;
  error: { code: string; message: string } | null;
  /** The last read, successful or not. */
  fetchedAt: string;
}

export interface ChecksDoc {
  _id: string;
  probes?: Record<string, StoredProbe>;
  official?: StoredOfficial;
}

export interface ProbeOutcome {
  slug: string;
  probeId: string;
  stored: StoredProbe;
  /** Whether to write it as the probe's latest too (the history always counts it). */
  persistLatest: boolean;
}

export interface ProbeHourDoc {
  _id: string;
  hour: Date;
  n?: Record<string, number>;
  f?: Record<string, number>;
  l?: Record<string, number>;
  k?: Record<string, number>;
}

/** Whether a run got an answer at all: only those say anything about response time. */
const answered = (r: ProbeResult) =>
  r.latencyMs !== undefined && (r.ok || !NETWORK_ERROR_CODES.includes(r.error?.code ?? 'other'));

/**
 * The database side of probes and official pages: latest results in one document per service,
 * per-minute history in a fixed ring of hour documents per probe. Every read and write is by `_id`.
 */
export class ProbeStore {
  /** Checks documents known to exist, and which hour each ring slot holds: each is learnt once. */
  private readonly knownChecks = new Set<string>();
  private readonly slotHours = new LRUCache<string, number>({ max: 50_000 });

  constructor(private readonly models: Models) {}

  private get checks() {
    return collections(this.models).serviceChecks;
  }

  private get hours() {
    return collections(this.models).probeHours;
  }

  /** One batch of results: each probe's latest, and its minute in the ring. */
  async writeProbeResults(items: ProbeOutcome[]): Promise<void> {
    if (items.length === 0) return;
    await this.ensureChecks([...new Set(items.map((i) => i.slug))]);
    // One update per document, in order: FerretDB stalled on unordered batches that touch one document many times.
    const sets = new Map<string, Record<string, StoredProbe>>();
    for (const i of items)
      if (i.persistLatest) sets.set(i.slug, { ...sets.get(i.slug), [`probes.${i.probeId}`]: i.stored });
    if (sets.size > 0) {
      await this.checks.bulkWrite(
        [...sets].map(([slug, $set]) => ({ updateOne: { filter: { _id: slug }, update: { $set } } })),
        { ordered: true },
      );
    }

    const incs = new Map<string, Record<string, number>>();
    const slots = new Map<string, { service: string; probe: string; hour: number }>();
    for (const { slug, probeId, stored } of items) {
      const at = Date.parse(stored.result.at);
      const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
      const m = Math.floor((at - hour) / MINUTE_MS);
      const id = probeHourId(slug, probeId, hour);
      slots.set(id, { service: slug, probe: probeId, hour });
      const inc = incs.get(id) ?? {};
      add(inc, `n.${m}`, 1);
      if (!stored.result.ok) add(inc, `f.${m}`, 1);
      if (answered(stored.result)) {
        add(inc, `l.${m}`, Math.round(stored.result.latencyMs!));
        add(inc, `k.${m}`, 1);
      }
      incs.set(id, inc);
    }
    await this.ensureSlots(slots);
    const ops: AnyBulkWriteOperation<KeyedDoc>[] = [...incs].map(([id, inc]) => ({
      updateOne: { filter: { _id: id }, update: { $inc: inc } },
    }));
    // Small commands: FerretDB (SQLite) wedged on one update command of hundreds of $inc under concurrent reads.
    for (let i = 0; i < ops.length; i += WRITE_CHUNK)
      await this.hours.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: true });
  }

  async writeOfficial(slug: string, official: StoredOfficial): Promise<void> {
    await this.ensureChecks([slug]);
    await this.checks.updateOne({ _id: slug }, { $set: { official } });
  }

  async readChecks(slugs: string[]): Promise<ChecksDoc[]> {
    const out: ChecksDoc[] = [];
    for (let i = 0; i < slugs.length; i += PARALLEL) {
      const docs = await Promise.all(slugs.slice(i, i + PARALLEL).map((s) => this.checks.findOne({ _id: s })));
      for (const d of docs) if (d) out.push(d as unknown as ChecksDoc);
    }
    return out;
  }

  /** The ring documents of some probes for the given hours; slots holding another hour are left out. */
  async readHistory(slug: string, probeIds: string[], hours: number[]): Promise<Map<string, ProbeHourDoc[]>> {
    const wanted = probeIds.flatMap((p) =>
      hours.slice(-PROBE_HISTORY_HOURS).map((h) => ({ p, h, id: probeHourId(slug, p, h) })),
    );
    const out = new Map<string, ProbeHourDoc[]>(probeIds.map((p) => [p, []]));
    for (let i = 0; i < wanted.length; i += PARALLEL) {
      const part = wanted.slice(i, i + PARALLEL);
      const docs = await Promise.all(part.map((w) => this.hours.findOne({ _id: w.id })));
      docs.forEach((d, j) => {
        const doc = d as unknown as ProbeHourDoc | null;
        if (doc && doc.hour.getTime() === part[j]!.h) out.get(part[j]!.p)!.push(doc);
      });
    }
    return out;
  }

  /** An operator removed or replaced probes: their latest results and their history go. */
  async forgetProbes(slug: string, probeIds: string[]): Promise<void> {
    if (probeIds.length === 0) return;
    await this.checks.updateOne(
      { _id: slug },
      { $unset: Object.fromEntries(probeIds.map((p) => [`probes.${p}`, ''])) },
    );
    const ids = probeIds.flatMap((p) =>
      Array.from({ length: PROBE_HISTORY_HOURS }, (_, slot) => `${slug}|${p}|${slot}`),
    );
    for (let i = 0; i < ids.length; i += PARALLEL) {
      await Promise.all(ids.slice(i, i + PARALLEL).map((id) => this.hours.deleteOne({ _id: id })));
    }
    for (const id of ids) this.slotHours.delete(id);
  }

  async forgetOfficial(slug: string): Promise<void> {
    await this.checks.updateOne({ _id: slug }, { $unset: { official: '' } });
  }

  private async ensureChecks(slugs: string[]): Promise<void> {
    const missing = slugs.filter((s) => !this.knownChecks.has(s));
    if (missing.length === 0) return;
    try {
      await this.checks.insertMany(
        missing.map((s) => ({ _id: s, probes: {} })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    for (const s of missing) this.knownChecks.add(s);
  }

  /**
   * Makes each slot hold its hour: new slots are inserted in one command; a slot that already
   * exists is read, and started afresh if it holds an hour a week old. Each slot is learnt once an hour.
   */
  private async ensureSlots(slots: Map<string, { service: string; probe: string; hour: number }>): Promise<void> {
    const unknown = [...slots].filter(([id, s]) => this.slotHours.get(id) !== s.hour);
    if (unknown.length === 0) return;
    const fresh = (s: { service: string; probe: string; hour: number }) => ({
      service: s.service,
      probe: s.probe,
      hour: new Date(s.hour),
      n: {},
      f: {},
      l: {},
      k: {},
    });
    const existing = new Set<string>();
    for (let i = 0; i < unknown.length; i += 100) {
      const part = unknown.slice(i, i + 100);
      try {
        await this.hours.insertMany(
          part.map(([id, s]) => ({ _id: id, ...fresh(s) })),
          { ordered: false },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        for (const j of duplicateIndexes(err)) existing.add(part[j]![0]);
      }
    }
    for (const [id, s] of unknown) {
      if (existing.has(id)) {
        const doc = await this.hours.findOne({ _id: id }, { projection: { hour: 1 } });
        if (doc && (doc.hour as Date).getTime() !== s.hour) await this.hours.replaceOne({ _id: id }, fresh(s));
      }
      this.slotHours.set(id, s.hour);
    }
  }
}

const add = (inc: Record<string, number>, key: string, n: number) => (inc[key] = (inc[key] ?? 0) + n);
