import { Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import { serverPages, type ServerPagesDeps } from '../pages/server-pages.ts';
import { staticAssets } from './static-assets.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Serves the built Svelte client. Service pages get their own <title> and description in the
 * HTML itself, because people arrive from a search for "is ChatGPT down".
 */
export function clientPages(
  deps: { distDir: string; catalog: ServiceCatalog } & Omit<ServerPagesDeps, 'ssrFile' | 'template'>,
): Router {
  const router = Router();
  const indexPath = path.join(deps.distDir, 'index.html');
  if (!existsSync(indexPath)) {
    router.get(/^(?!\/api\/).*/, (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The web client is not built yet. Run `npm run build` (npm start does it for you), then reload.');
    });
    return router;
  }
  const template = readFileSync(indexPath, 'utf8');

  router.use(staticAssets(deps.distDir));
  router.use(
    serverPages({ ...deps, template, ssrFile: path.join(deps.distDir, '..', 'dist-server', 'entry-server.js') }),
  );
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (req, res) => {
    const slug = /^\/status\/([a-z0-9-]+)\/?$/.exec(req.path)?.[1];
    const service = slug ? deps.catalog.get(slug) : undefined;
    let html = template;
    if (service) {
      const name = escapeHtml(service.name);
      html = html
        .replace(/<title>.*?<\/title>/, `<title>Is ${name} down? Live status and outage reports — Outage radar</title>`)
        .replace(
          /<meta name="description" content=".*?"\s*\/?>/,
          `<meta name="description" content="Is ${name} down right now? Live user reports, what people are ` +
            'having problems with, and comments from the last 24 hours." />',
        );
    }
    res
      .status(slug && !service ? 404 : 200)
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(html);
  });
  return router;
}
