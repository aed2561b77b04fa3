import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import { matchesEtag, pickEncoding } from '../http/encoded-body.ts';

export const DOCS_ASSETS = '/api/docs/assets';

/** Scalar's standalone bundle, served from the installed package: no CDN, so it works offline. */
const scalarBundle = () => path.join(path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser', 'standalone.js');

/**
 * Scalar's settings, in a script of our own (the CSP allows no inline script). No web fonts,
 * telemetry, AI agent or Scalar-hosted proxy: the page asks nothing of anyone but this server.
 */
const SETTINGS = {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
  defaultOpenAllTags: false,
};

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outage radar API</title>
</head>
<body>
<div id="api-reference"></div>
<script src="${DOCS_ASSETS}/scalar.js"></script>
<script src="${DOCS_ASSETS}/docs.js"></script>
</body>
</html>
`;

const DOCS_SCRIPT = `Scalar.createApiReference('#api-reference', ${JSON.stringify(SETTINGS)});\n`;

interface Asset {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

function asset(bytes: Buffer): Asset {
  return { etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`, identity: bytes, gzip: gzipSync(bytes), br: brotliCompressSync(bytes) };
}

/**
 * The page's two scripts, compressed once (Scalar's bundle is 4.8 MB; gzip per request would
 * cost ~100 ms of CPU each), on first request so a start does not pay for a page nobody opens.
 */
export function docsAssets(): RequestHandler {
  const sources: Record<string, () => Buffer> = {
    '/scalar.js': () => readFileSync(scalarBundle()),
    '/docs.js': () => Buffer.from(DOCS_SCRIPT),
  };
  const built = new Map<string, Asset>();
  return (req, res, next) => {
    const source = sources[req.path];
    if (!source || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let a = built.get(req.path);
    if (!a) built.set(req.path, (a = asset(source())));
    const common = { 'cache-control': 'public, max-age=86400', etag: a.etag, vary: 'Accept-Encoding' };
    if (matchesEtag(req.get('if-none-match'), a.etag)) return void res.status(304).set(common).end();
    const encoding = pickEncoding(req.get('accept-encoding'));
    res.status(200).set({ ...common, 'content-type': 'text/javascript; charset=utf-8', ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) });
    res.end(req.method === 'HEAD' ? undefined : a[encoding]);
  };
}
