import type { DiagnosisEvidence, DiagnosisProbe, ProbePoint, ServiceDetail } from '../../shared/index.ts';
import type { RelatedCandidate } from '../catalog/related-services.ts';
import { OFFICIAL_FRESH_MS } from './fuse-inputs.ts';

/**
 * Assembles diagnose()'s input from what a service page already holds (its ServiceNow views)
 * and the catalog's related candidates, so wiring is one call. Pure.
 */

/** The catalog category whose services others run on: clouds, CDNs, hosting. */
export const PROVIDER_CATEGORY = 'Cloud';

export type DiagnosisViews = Pick<
  ServiceDetail,
  'status' | 'breakdown' | 'incident' | 'probes' | 'official' | 'vantage' | 'maintenance' | 'regions' | 'reachability'
>;

export interface DiagnosisContext {
  slug: string;
  category: string;
  now: number;
  /** Every service as "related" weighs it (ServiceViews.relatedCandidates()). */
  candidates: readonly RelatedCandidate[];
  /** Usual response time per probe id, e.g. usualLatencyMs() over its history. */
  usualLatency?: ReadonlyMap<string, number>;
}

/** A probe's usual response time: the median of its passing runs' latencies, if it has enough. */
export function usualLatencyMs(points: readonly ProbePoint[], minPoints = 5): number | undefined {
  const ms = points
    .filter((p) => p.ok && p.latencyMs !== null && p.latencyMs > 0)
    .map((p) => p.latencyMs!)
    .sort((a, b) => a - b);
  if (ms.length < minPoints) return undefined;
  const mid = ms.length >> 1;
  return ms.length % 2 === 1 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2;
}

/** Same rule as fuse-inputs.ts's staleAfterMs: three intervals and a minute. */
const stale = (intervalSeconds: number, at: string, now: number) =>
  now - Date.parse(at) > 3 * intervalSeconds * 1000 + 60_000;

function probes(views: DiagnosisViews, ctx: DiagnosisContext): DiagnosisProbe[] {
  return views.probes.flatMap((p) => {
    const r = p.latest;
    if (!r || stale(p.intervalSeconds, r.at, ctx.now) || r.error?.code === 'blocked_target') return [];
    const usual = ctx.usualLatency?.get(p.id);
    return [
      {
        name: p.name,
        kind: p.kind,
        ok: r.ok,
        ...(r.error ? { code: r.error.code, message: r.error.message } : {}),
        ...(r.details?.http ? { httpStatus: r.details.http.status } : {}),
        ...(r.latencyMs !== undefined ? { latencyMs: r.latencyMs } : {}),
        ...(usual !== undefined && usual > 0 ? { usualLatencyMs: usual } : {}),
      },
    ];
  });
}

function official(views: DiagnosisViews, now: number): DiagnosisEvidence['official'] {
  const o = views.official?.latest;
  if (!o || now - Date.parse(o.fetchedAt) > OFFICIAL_FRESH_MS) return null;
  return {
    level: o.level,
    description: o.description,
    incidents: o.incidents.map((i) => ({ name: i.name, text: i.latestUpdate ?? '' })),
    maintenances: o.maintenances
      .filter((m) => m.status === 'in_progress' || m.status === 'verifying')
      .map((m) => m.name),
  };
}

export function diagnosisEvidence(views: DiagnosisViews, ctx: DiagnosisContext): DiagnosisEvidence {
  const { now } = ctx;
  const window = views.maintenance.find((w) => Date.parse(w.start) <= now && now < Date.parse(w.end));
  const open = views.incident?.state === 'open' && views.incident.kind !== 'maintenance' ? views.incident : null;
  const top = views.regions.countries[0];
  const others = ctx.candidates.filter((c) => c.slug !== ctx.slug && c.troubled);
  // A cloud's neighbours are its peers, not its providers.
  const providers = ctx.category === PROVIDER_CATEGORY ? [] : others.filter((c) => c.category === PROVIDER_CATEGORY);
  return {
    level: views.status.level,
    crowd: {
      troubled: open !== null,
      ...(open ? { ratio: open.peak.ratio } : {}),
      problems: views.breakdown.items
        .filter((i) => i.count > 0)
        .sort((a, b) => b.share - a.share)
        .map((i) => ({ id: i.problem, label: i.label, share: i.share })),
      total: views.breakdown.total,
    },
    probes: probes(views, ctx),
    vantageDown: views.vantage.down,
    official: official(views, now),
    maintenance: window ? { title: window.title, until: window.end } : null,
    region:
      top && views.regions.located > 0
        ? { name: top.name, share: Math.min(1, top.reports / views.regions.located), located: views.regions.located }
        : null,
    reach: views.reachability
      ? { checked: views.reachability.checked, unreachable: views.reachability.unreachable }
      : null,
    providers: providers.map((c) => ({ name: c.name, level: c.level })),
    othersTroubled: others.length - providers.length,
  };
}
