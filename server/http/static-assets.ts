import express, { Router } from 'express';
import path from 'node:path';
import { notFound } from '../errors.ts';

/**
 * The built client's files. Only Vite's content-hashed `/assets/*` may be cached for good: a
 * file with a fixed name (favicon.svg, index.html) changes under the same URL, so browsers
 * revalidate it (ETag) instead of keeping last year's for a year.
 * Source maps are not served: the production build does not emit them, and one left in an old
 * dist/ would hand out the source. Debug with Vite's dev server, which serves its own.
 */
export function staticAssets(distDir: string): Router {
  const router = Router();
  router.get(/\.map$/, (_req, _res, next) => next(notFound('This file')));
  router.use('/assets', express.static(path.join(distDir, 'assets'), { index: false, maxAge: '1y', immutable: true }));
  router.use(
    express.static(distDir, {
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  return router;
}
