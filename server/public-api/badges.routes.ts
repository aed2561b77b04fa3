import { Router } from 'express';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { StatusBoard } from '../status/status-board.ts';
import { notFound } from '../errors.ts';
import { badgeLook, badgeSvg, shieldsEndpoint } from './status-badge.ts';

/** Embedded in READMEs and dashboards on other sites: images must load cross-origin. */
const HEADERS = {
  'cache-control': 'public, max-age=30, stale-while-revalidate=60',
  'cross-origin-resource-policy': 'cross-origin',
  'access-control-allow-origin': '*',
};

/**
 * GET /badge/:slug.svg, a flat badge of the verdict, and /badge/:slug.json, the same for
 * shields.io's endpoint badge. An unknown service is a 404 either way: the SVG one still draws a
 * grey "unknown service" badge, so a broken link shows as such on the page that embeds it.
 */
export function badgesRoutes(deps: { catalog: ServiceCatalog; status: StatusBoard }): Router {
  const router = Router();

  router.get('/badge/:slug.svg', (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    res.set({ ...HEADERS, 'content-type': 'image/svg+xml; charset=utf-8' });
    if (!service) return void res.status(404).send(badgeSvg('status', 'unknown service', 'lightgrey'));
    const look = badgeLook(deps.status.get(service.slug).level);
    res.send(badgeSvg(service.name, look.message, look.color));
  });

  router.get('/badge/:slug.json', (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    res.set(HEADERS).json(shieldsEndpoint(service.name, deps.status.get(service.slug).level));
  });

  return router;
}
