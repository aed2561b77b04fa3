import { Router } from 'express';
import { notFound } from '../errors.ts';
import type { ServiceViews } from './service-views.ts';
import type { Clock } from '../clock.ts';

export function servicesRoutes(deps: { views: ServiceViews; clock: Clock }): Router {
  const router = Router();

  router.get('/api/services', (_req, res) => {
    res.json(deps.views.summaries(deps.clock.now()));
  });

  router.get('/api/services/:slug', (req, res) => {
    const detail = deps.views.detail(req.params.slug, deps.clock.now());
    if (!detail) throw notFound(`The service "${req.params.slug}"`);
    res.json(detail);
  });

  return router;
}
