import { Router } from 'express';
import { ObjectIdString, SeriesRangeQuery, type RangeSeries } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import { notFound } from '../errors.ts';
import { hoursBetween, readHours } from './series-hours.ts';
import { countSeries, incidentSpan, rangeSpan } from './count-series.ts';
import { HOUR_MS } from '../../shared/time.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

const DAYS = { '7d': 7, '30d': 30 } as const;
/** Past hours do not change; the current one does, so caches keep it a minute. */
const CACHE = 'public, max-age=60';

/** Longer graphs than the page's 24 h: a service's last 7 or 30 days hourly, and an incident's own span. */
export function seriesRangeRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  incidentStore: IncidentStore;
  clock: Clock;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);

  router.get('/api/services/:slug/series', async (req, res) => {
    const service = serviceOf(res);
    const { range } = SeriesRangeQuery.parse(req.query);
    const { from, to } = rangeSpan(deps.clock.now(), DAYS[range]);
    const docs = await readHours(deps.models, [service.slug], hoursBetween(from, to));
    const body: RangeSeries = { range, ...countSeries(docs, from, to, HOUR_MS) };
    res.set('cache-control', CACHE).json(body);
  });

  router.get('/api/incidents/:id/series', async (req, res) => {
    const incident = await deps.incidentStore.get(ObjectIdString.parse(req.params.id));
    if (!incident) throw notFound('That incident');
    const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : deps.clock.now();
    const { from, to, stepMs } = incidentSpan(Date.parse(incident.startedAt), end);
    const docs = await readHours(deps.models, [incident.service], hoursBetween(from, to));
    res
      .set('cache-control', incident.resolvedAt ? 'public, max-age=300' : CACHE)
      .json(countSeries(docs, from, to, stepMs));
  });

  return router;
}
