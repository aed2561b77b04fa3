import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { RequestHandler } from 'express';
import { matchesEtag, pickEncoding } from '../http/encoded-body.ts';

export const DOCS_ASSETS = '/api/docs/assets';

/** Swagger UI's static files, read from the installed package: no CDN, so it works offline. */
const swaggerFile = (name: string) => () =>
  readFileSync(createRequire(import.meta.url).resolve(`swagger-ui-dist/${name}`));

/**
 * Swagger UI's settings, in a script of our own (the CSP allows no inline script). No online
 * validator badge (it would load an image from validator.swagger.io), no `?url=` from the query
 * string, no standalone top bar: the page reads our document and asks nothing of anyone but this
 * server. "Try it out" sends its requests to the paths resolved against this origin (or PUBLIC_URL).
 */
const SETTINGS = {
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  queryConfigEnabled: false,
  deepLinking: true,
  displayRequestDuration: true,
  defaultModelsExpandDepth: 0,
  filter: true,
};

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outage radar API</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${DOCS_ASSETS}/swagger-ui.css">
<style>body { margin: 0; background: #fff; }</style>
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="${DOCS_ASSETS}/docs.js"></script>
</body>
</html>
`;

/** Runs after the bundle (scripts without async/defer run in order), so SwaggerUIBundle is defined. */
const DOCS_SCRIPT = `const settings = ${JSON.stringify(SETTINGS)};
window.ui = SwaggerUIBundle({ ...settings, presets: [SwaggerUIBundle.presets.apis] });
`;

interface Asset {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

const BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/**
 * In zlib's thread pool: the 1.7 MB bundle takes ~0.1 s to gzip and ~0.15 s to brotli, too long to hold the event loop.
 */
async function asset(bytes: Buffer): Promise<Asset> {
  const [gz, br] = await Promise.all([promisify(gzip)(bytes), promisify(brotliCompress)(bytes, BROTLI)]);
  return { etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`, identity: bytes, gzip: gz, br };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The page's scripts and stylesheet, compressed once (Swagger UI's bundle is 1.7 MB, 405 kB
 * as brotli; its CSS 188 kB, 24 kB) rather than per request, on the first request so a start
 * does not pay for a page nobody opens.
 */
export function docsAssets(): RequestHandler {
  const sources: Record<string, { type: string; read: () => Buffer }> = {
    '/swagger-ui-bundle.js': { type: JS, read: swaggerFile('swagger-ui-bundle.js') },
    '/swagger-ui.css': { type: CSS, read: swaggerFile('swagger-ui.css') },
    '/docs.js': { type: JS, read: () => Buffer.from(DOCS_SCRIPT) },
  };
  const built = new Map<string, Promise<Asset>>();
  return async (req, res, next) => {
    const source = sources[req.path];
    if (!source || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let pending = built.get(req.path);
    if (!pending) built.set(req.path, (pending = asset(source.read())));
    const a = await pending;
    const common = { 'cache-control': 'public, max-age=86400', etag: a.etag, vary: 'Accept-Encoding' };
    if (matchesEtag(req.get('if-none-match'), a.etag)) return void res.status(304).set(common).end();
    const encoding = pickEncoding(req.get('accept-encoding'));
    const bytes = a[encoding];
    res.status(200).set({
      ...common,
      'content-type': source.type,
      'content-length': String(bytes.length),
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}
