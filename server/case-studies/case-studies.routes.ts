import { Router } from 'express';
import { ObjectIdString } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { ProbeStore } from '../probes/probe-store.ts';
import { AppError, notFound } from '../errors.ts';
import { buildCaseStudy } from './build-case-study.ts';
import { buildReliability, reliabilityFrom } from './build-reliability.ts';
import { readCaseStudy, readResolvedIncidents } from './read-case-study.ts';

/** Late stories and insights still join a case study, so caches keep it only a minute. */
const CACHE = 'public, max-age=60';

export const stillOpen = (id: string) =>
  new AppError(
    409,
    'incident_open',
    `This incident is still open: its case study is written once it resolves. Follow it live at /incidents/${id}.`,
  );

/** A resolved incident told as a case study, and a service's reliability over the last 12 months. */
export function caseStudiesRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  incidentStore: IncidentStore;
  probeStore: ProbeStore;
  clock: Clock;
}): Router {
  const router = Router();

  router.get('/api/incidents/:id/case-study', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const incident = await deps.incidentStore.get(id);
    if (!incident) throw notFound('That incident');
    if (incident.state !== 'resolved') throw stillOpen(id);
    res.set('cache-control', CACHE).json(buildCaseStudy(await readCaseStudy(deps, incident)));
  });

  router.get('/api/services/:slug/reliability', async (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    const now = deps.clock.now();
    const { incidents, causeOf } = await readResolvedIncidents(deps.models, service.slug, reliabilityFrom(now));
    res.set('cache-control', CACHE).json(buildReliability(service.slug, incidents, now, causeOf));
  });

  return router;
}
