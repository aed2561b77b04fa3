import { Router } from 'express';
import { notFound } from '../errors.ts';

/**
 * Known services' reads never get here: hot-reads.ts answers them from the snapshots before
 * Express. What is left is the answer for a service we do not know.
 */
export function servicesRoutes(): Router {
  const router = Router();
  router.get('/api/services/:slug', (req) => {
    throw notFound(`The service "${req.params.slug}"`);
  });
  return router;
}
