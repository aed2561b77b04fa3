import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { StatusBoard } from '../status/status-board.ts';
import { embedCard } from './embed-card.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

const asset = (name: string) => readFileSync(new URL(`./embed/${name}`, import.meta.url), 'utf8');

/**
 * Only the card may be framed by other sites; the rest of the site keeps helmet's
 * `frame-ancestors 'self'` and X-Frame-Options. The card itself loads nothing but its own
 * script and style.
 */
const CARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri " +
  "'none'; form-action 'none'; frame-ancestors *";

/** GET /embed/:slug, a live status card for other sites' pages (an iframe), and its two assets. */
export function embedRoutes(deps: {
  catalog: ServiceCatalog;
  status: StatusBoard;
  base: (req: IncomingMessage) => string;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const script = asset('embed.js');
  const style = asset('embed.css');

  router.get('/embed/embed.js', (_req, res) => {
    res.set({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }).send(script);
  });
  router.get('/embed/embed.css', (_req, res) => {
    res.set({ 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }).send(style);
  });
  router.get('/embed/:slug', (req, res) => {
    const service = serviceOf(res);
    res.removeHeader('x-frame-options');
    res
      .set({
        'content-security-policy': CARD_CSP,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=10',
      })
      .send(embedCard(service, deps.status.get(service.slug), deps.base(req)));
  });
  return router;
}
