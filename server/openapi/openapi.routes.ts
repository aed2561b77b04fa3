import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { encodeJson, sendEncoded, type EncodedBody } from '../http/encoded-body.ts';
import { apiOperations, apiTags } from './api-operations.ts';
import { DOCS_PAGE, DOCS_ASSETS, docsAssets } from './api-docs-page.ts';
import { openApiDocument, type OpenApiDocument } from './openapi-document.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The document for this deployment; PUBLIC_URL, when set, becomes its server. */
export const apiDocument = (publicUrl?: string): OpenApiDocument =>
  openApiDocument(apiOperations, {
    title: 'Outage radar API',
    version: VERSION,
    description:
      'Crowdsourced outage reports fused with probes and official status pages. Every error answers `{ ' +
      'error: { code, message, fields? } }`; ' +
      '`message` is written for people, `code` is stable.',
    serverUrl: publicUrl,
    tags: apiTags,
  });

// ~50 ms to build: once per process (and PUBLIC_URL), not once per app a test starts.
const built = new Map<string, EncodedBody>();
const encoded = (publicUrl = '') =>
  built.get(publicUrl) ?? built.set(publicUrl, encodeJson(apiDocument(publicUrl || undefined))).get(publicUrl)!;

/**
 * GET /api/openapi.json, built once at start and compressed once; GET /api/docs, Swagger UI
 * reading it. The page runs under the app's own Content-Security-Policy, unloosened: Swagger
 * UI's bundle, stylesheet and settings are files from this origin, its inline styles are allowed
 * by helmet's default style-src, and it is told not to show the online validator's badge.
 */
export function openApiRoutes(deps: { publicUrl?: string | undefined }): Router {
  const router = Router();
  const body = encoded(deps.publicUrl);
  router.get('/api/openapi.json', (req, res) => {
    // Static for the process's life: a few minutes of caching costs nothing after a deploy.
    sendEncoded(req, res, body, { 'cache-control': 'public, max-age=300' });
  });
  router.use(DOCS_ASSETS, docsAssets());
  router.get('/api/docs', (_req, res) => {
    res.set('cache-control', 'public, max-age=300').type('html').send(DOCS_PAGE);
  });
  return router;
}
