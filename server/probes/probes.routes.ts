import { Router, type RequestHandler } from 'express';
import {
  OfficialSource,
  ProbeHistoryQuery,
  ProbesUpdate,
  type ProbeHistory,
  type Service,
  type ServiceChecksConfig,
} from '../../shared/index.ts';
import { AppError } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { Audit } from '../moderation/audit.ts';
import { adminOf } from '../admin/require-admin.ts';
import { HOUR_MS } from '../../shared/time.ts';
import type { ChecksBook } from './checks-book.ts';
import { probeSig } from './checks-book.ts';
import type { ProbeStore } from './probe-store.ts';
import type { LookupAll } from './target-guard.ts';
import { privateTargets } from './target-policy.ts';
import { historyPoints } from './probe-history.ts';
import { lookUpServiceParam, serviceIn, serviceOf } from '../services/service-param.ts';

const config = (s: Service): ServiceChecksConfig => ({
  slug: s.slug,
  probes: s.probes ?? [],
  official: s.official ?? null,
});

/** Operators edit a service's probes and official page; anyone reads the probes' response-time history. */
export function probesRoutes(deps: {
  catalog: ServiceCatalog;
  store: ProbeStore;
  book: ChecksBook;
  clock: Clock;
  audit: Audit;
  admin: RequestHandler;
  allowPrivate: boolean;
  lookup?: LookupAll;
  /** The service's checks changed: reschedule, refuse, show. */
  onChanged: (slug: string) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const refusePrivate = async (items: Parameters<typeof privateTargets>[0]) => {
    const fields = await privateTargets(items, deps);
    if (Object.keys(fields).length > 0) {
      throw new AppError(
        400,
        'private_target',
        'Private, loopback and internal addresses are not probed. To probe your own network on purpose, ' +
          'start the server with PROBE_ALLOW_PRIVATE=1.',
        fields,
      );
    }
  };

  router.get('/api/services/:slug/probes/history', async (req, res) => {
    const service = serviceOf(res);
    const { hours } = ProbeHistoryQuery.parse(req.query);
    const now = deps.clock.now();
    const stepMs = hours <= 24 ? 60_000 : 300_000;
    const to = Math.floor(now / stepMs) * stepMs + stepMs;
    const from = to - hours * HOUR_MS;
    const probes = service.probes ?? [];
    const hourStarts: number[] = [];
    for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h < to; h += HOUR_MS) hourStarts.push(h);
    const docs = await deps.store.readHistory(
      service.slug,
      probes.map((p) => p.id),
      hourStarts,
    );
    const body: ProbeHistory = {
      from,
      to,
      stepMs,
      probes: probes.map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        points: historyPoints(docs.get(p.id) ?? [], from, to, stepMs),
      })),
    };
    res.json(body);
  });

  router.get('/api/admin/services/:slug/checks', deps.admin, (req, res) => {
    res.json(config(serviceOf(res)));
  });

  router.put('/api/admin/services/:slug/probes', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    const { probes } = ProbesUpdate.parse(req.body);
    await refusePrivate({ probes });
    const kept = new Set(probes.map(probeSig));
    // A removed or edited probe's results and history belong to a check that no longer exists.
    const dropped = (service.probes ?? []).filter((p) => !kept.has(probeSig(p))).map((p) => p.id);
    await deps.catalog.setProbes(service.slug, probes);
    await deps.store.forgetProbes(service.slug, dropped);
    deps.book.forgetProbes(service.slug, dropped);
    await deps.audit.record(
      adminOf(res),
      'set_probes',
      { type: 'service', id: service.slug },
      probes.map((p) => `${p.id} (${p.kind})`).join(', ') || 'no probes',
    );
    await deps.catalog.reload();
    deps.onChanged(service.slug);
    res.json(config(serviceIn(deps.catalog, service.slug)));
  });

  router.put('/api/admin/services/:slug/official', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    const official = OfficialSource.parse(req.body);
    await refusePrivate({ official });
    await deps.catalog.setOfficial(service.slug, official);
    if (service.official && (service.official.url !== official.url || service.official.kind !== official.kind)) {
      await deps.store.forgetOfficial(service.slug);
      deps.book.forgetOfficial(service.slug);
    }
    await deps.audit.record(
      adminOf(res),
      'set_official',
      { type: 'service', id: service.slug },
      `${official.kind}: ${official.url}`,
    );
    await deps.catalog.reload();
    deps.onChanged(service.slug);
    res.json(config(serviceIn(deps.catalog, service.slug)));
  });

  router.delete('/api/admin/services/:slug/official', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    await deps.catalog.setOfficial(service.slug, null);
    await deps.store.forgetOfficial(service.slug);
    deps.book.forgetOfficial(service.slug);
    await deps.audit.record(adminOf(res), 'remove_official', { type: 'service', id: service.slug });
    await deps.catalog.reload();
    deps.onChanged(service.slug);
    res.status(204).end();
  });

  return router;
}
