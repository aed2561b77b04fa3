import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the token's length. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics in Prometheus's text format. With a token configured it needs
 * `Authorization: Bearer <token>`; without one it is open, and should be blocked at the proxy.
 */
export function metricsRoutes(deps: { registry: Registry; token: string | undefined }): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (deps.token !== undefined && !bearerMatches(req.headers.authorization, deps.token)) {
      throw new AppError(
        401,
        'unauthorized',
        'Metrics need the header "Authorization: Bearer <METRICS_TOKEN>" with the token this server was started with.',
        undefined,
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="metrics"',
        },
      );
    }
    const body = await deps.registry.metrics();
    res.set({ 'content-type': deps.registry.contentType, 'cache-control': 'no-store' }).send(body);
  });
  return router;
}
