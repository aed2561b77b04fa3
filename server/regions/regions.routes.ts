import { Router } from 'express';
import { RegionsQuery } from '../../shared/index.ts';
import { notFound } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { RegionStore } from './region-store.ts';
import { regionsWindow } from './region-view.ts';

/** Where a service's reports come from, over a window of the caller's choosing; from memory. */
export function regionsRoutes(deps: { catalog: ServiceCatalog; clock: Clock; regions: RegionStore }): Router {
  const router = Router();
  router.get('/api/services/:slug/regions', (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    const { minutes } = RegionsQuery.parse(req.query);
    res.set('cache-control', 'public, max-age=2, stale-while-revalidate=30');
    res.json(regionsWindow(deps.regions, service.slug, deps.clock.now(), minutes));
  });
  return router;
}
