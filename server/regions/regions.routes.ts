import { Router } from 'express';
import { RegionsQuery } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { RegionBook } from './region-book.ts';
import { regionsWindow } from './region-view.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

/** Where a service's reports come from, over a window of the caller's choosing; from memory. */
export function regionsRoutes(deps: { catalog: ServiceCatalog; clock: Clock; regions: RegionBook }): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  router.get('/api/services/:slug/regions', (req, res) => {
    const service = serviceOf(res);
    const { minutes } = RegionsQuery.parse(req.query);
    res.set('cache-control', 'public, max-age=2, stale-while-revalidate=30');
    res.json(regionsWindow(deps.regions, service.slug, deps.clock.now(), minutes));
  });
  return router;
}
