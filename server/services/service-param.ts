import type { Response, Router } from 'express';
import type { Service } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import { notFound } from '../errors.ts';

/**
 * Every route with `:slug` in its path looks the service up once, here, and reads it with
 * `serviceOf(res)`. An unknown slug is a 404 only when the handler asks for the service, not
 * when the parameter is read: a route's own guards (an operator's session, a feature switched
 * off) still answer first, as they did when each handler looked the service up itself.
 */
export function lookUpServiceParam(router: Router, catalog: Pick<ServiceCatalog, 'get'>): void {
  router.param('slug', (_req, res, next, slug: string) => {
    res.locals.slug = slug;
    res.locals.service = catalog.get(slug);
    next();
  });
}

/** The service named by the route's `:slug`, or the API's 404 for it. */
export function serviceOf(res: Response): Service {
  return found(res.locals.service as Service | undefined, String(res.locals.slug));
}

/** The service named `slug` as the catalog has it now (after a reload, or off the router), or the API's 404. */
export function serviceIn(catalog: Pick<ServiceCatalog, 'get'>, slug: string): Service {
  return found(catalog.get(slug), slug);
}

function found(service: Service | undefined, slug: string): Service {
  if (!service) throw notFound(`The service "${slug}"`);
  return service;
}
