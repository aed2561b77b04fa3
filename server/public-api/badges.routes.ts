import { Router } from 'express';
import { notFound } from '../errors.ts';
import { BADGE_HEADERS, SVG } from './public-hot-reads.ts';
import { sendEncodedAs } from './encoded-text.ts';
import { unknownBadgeSvg } from './status-badge.ts';

/**
 * Known services' badges never get here: public-hot-reads.ts answers them before Express. What
 * is left is a name that is not a service: a grey "unknown service" SVG (so the page embedding
 * the broken link shows why) or the API's 404, both with status 404.
 */
export function badgesRoutes(): Router {
  const router = Router();
  router.get('/badge/:slug.svg', (req, res) =>
    sendEncodedAs(req, res, unknownBadgeSvg(), { status: 404, contentType: SVG, headers: BADGE_HEADERS }),
  );
  router.get('/badge/:slug.json', (req) => {
    throw notFound(`The service "${req.params.slug}"`);
  });
  return router;
}
