import type { OfficialView, ProbeDefinition, ProbeView, Service } from '../../shared/index.ts';
import type { VantageSample } from './vantage.ts';
import type { ChecksDoc, StoredOfficial, StoredProbe } from './probe-store.ts';
import { UsualLatency } from './usual-latency.ts';

/** The identity of a probe definition: an edited probe is a new probe, its old results are not its own. */
export const probeSig = (def: ProbeDefinition) => JSON.stringify(def);
export const officialSig = (o: { kind: string; url: string }) => `${o.kind} ${o.url}`;

/** What a probe checks, in one line. */
/**
 * A URL as the public may see it: without user, password, query and fragment, where operators
 * put tokens (`https://user:secret@host/health?key=…`).
 */
export function publicUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not shown)';
  }
}

/** What a probe checks, in one line, safe to show anyone. */
export function probeTarget(def: ProbeDefinition): string {
  switch (def.kind) {
    case 'http':
      return def.method === 'GET' ? publicUrl(def.url) : `${def.method} ${publicUrl(def.url)}`;
    case 'tcp':
      return `${def.host.includes(':') && !def.host.startsWith('[') ? `[${def.host}]` : def.host}:${def.port}`;
    case 'dns':
      return `${def.hostname} (${def.recordType}${def.resolver ? ` via ${def.resolver}` : ''})`;
  }
}

interface Held {
  probes: Map<string, StoredProbe>;
  official?: StoredOfficial;
}

/**
 * The latest probe and official-page results of every service, in memory: pages and the
 * verdict read them from here. The process that runs probes notes its own results at once;
 * every process also re-reads the database (by `_id`) on its refresh cycle.
 */
export class ChecksBook {
  private readonly bySlug = new Map<string, Held>();
  private readonly latency = new UsualLatency();

  /** Takes in what the database holds; returns the services whose results changed. */
  absorb(docs: ChecksDoc[]): string[] {
    const changed: string[] = [];
    for (const doc of docs) {
      let moved = false;
      for (const [id, stored] of Object.entries(doc.probes ?? {})) moved = this.noteProbe(doc._id, id, stored) || moved;
      if (doc.official) moved = this.noteOfficial(doc._id, doc.official) || moved;
      if (moved) changed.push(doc._id);
    }
    return changed;
  }

  /** Keeps the newer of what is held and `stored`; true when it changed. */
  noteProbe(slug: string, probeId: string, stored: StoredProbe): boolean {
    const held = this.held(slug);
    const before = held.probes.get(probeId);
    if (before && before.sig === stored.sig && Date.parse(before.result.at) >= Date.parse(stored.result.at))
      return false;
    held.probes.set(probeId, stored);
    this.latency.note(`${slug}/${probeId}`, stored.result.at, stored.result.ok, stored.result.latencyMs);
    return true;
  }

  /** Each probe's usual response time (median of its recent passing runs), where known. */
  usualLatency(service: Service): Map<string, number> {
    const out = new Map<string, number>();
    for (const def of service.probes ?? []) {
      const ms = this.latency.median(`${service.slug}/${def.id}`);
      if (ms !== undefined) out.set(def.id, ms);
    }
    return out;
  }

  noteOfficial(slug: string, stored: StoredOfficial): boolean {
    const held = this.held(slug);
    const before = held.official;
    if (
      before &&
      officialSig(before) === officialSig(stored) &&
      Date.parse(before.fetchedAt) >= Date.parse(stored.fetchedAt)
    )
      return false;
    held.official = stored;
    return true;
  }

  forgetProbes(slug: string, probeIds: string[]): void {
    for (const id of probeIds) this.bySlug.get(slug)?.probes.delete(id);
  }

  forgetOfficial(slug: string): void {
    const held = this.bySlug.get(slug);
    if (held) delete held.official;
  }

  /** Probe ids held for a service that its catalog entry no longer names (removed through the catalog file, say). */
  orphans(services: Service[]): { slug: string; probeIds: string[] }[] {
    const bySlug = new Map(services.map((s) => [s.slug, new Set((s.probes ?? []).map((p) => p.id))]));
    return [...this.bySlug].flatMap(([slug, held]) => {
      const known = bySlug.get(slug);
      const probeIds = known ? [...held.probes.keys()].filter((id) => !known.has(id)) : [];
      return probeIds.length > 0 ? [{ slug, probeIds }] : [];
    });
  }

  /** The latest result of a probe as it is defined now, if any. */
  latestProbe(slug: string, def: ProbeDefinition): StoredProbe | undefined {
    const stored = this.bySlug.get(slug)?.probes.get(def.id);
    return stored && stored.sig === probeSig(def) ? stored : undefined;
  }

  latestOfficial(service: Service): StoredOfficial | undefined {
    const stored = this.bySlug.get(service.slug)?.official;
    return stored && service.official && officialSig(stored) === officialSig(service.official) ? stored : undefined;
  }

  probeViews(service: Service): ProbeView[] {
    return (service.probes ?? []).map((def) => {
      const stored = this.latestProbe(service.slug, def);
      return {
        id: def.id,
        name: def.name,
        kind: def.kind,
        target: probeTarget(def),
        intervalSeconds: def.intervalSeconds,
        latest: stored?.result ?? null,
        ...(stored?.failingSince ? { failingSince: stored.failingSince } : {}),
      };
    });
  }

  officialView(service: Service): OfficialView | null {
    if (!service.official) return null;
    const stored = this.latestOfficial(service);
    return {
      url: publicUrl(service.official.url),
      kind: service.official.kind,
      latest: stored?.latest ?? null,
      ...(stored?.error ? { error: stored.error } : {}),
      fetchedAt: stored?.fetchedAt ?? null,
    };
  }

  /** Every service's latest probe results, for the vantage check. */
  vantageSamples(services: Service[]): VantageSample[] {
    return services.flatMap((s) =>
      (s.probes ?? []).flatMap((def) => {
        const r = this.latestProbe(s.slug, def)?.result;
        return r
          ? [
              {
                service: s.slug,
                probeId: def.id,
                ok: r.ok,
                ...(r.error ? { error: { code: r.error.code } } : {}),
                at: r.at,
              },
            ]
          : [];
      }),
    );
  }

  private held(slug: string): Held {
    let held = this.bySlug.get(slug);
    if (!held) this.bySlug.set(slug, (held = { probes: new Map() }));
    return held;
  }
}
