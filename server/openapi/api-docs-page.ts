import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="reference"></div>
<script src="${DOCS_ASSETS}/docs.js"></script>
<script src="${DOCS_ASSETS}/scalar.js"></script>
</body>
</html>
`;

/**
 * Runs before the bundle. The zod inside Scalar probes for eval with `Function('')` unless told
 * it is jitless; under our CSP the probe fails (as it should) but is reported as a violation.
 * (Not `#api-reference`: the bundle mounts an element with that id by itself, without settings.)
 */
const DOCS_SCRIPT = `globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
document.addEventListener('DOMContentLoaded', () => Scalar.createApiReference('#reference', ${JSON.stringify(SETTINGS)}));
`;

interface Asset {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/** In zlib's thread pool: 4.8 MB takes ~0.4 s to gzip and ~0.7 s to brotli, too long to hold the event loop. */
async function asset(bytes: Buffer): Promise<Asset> {
  const [gz, br] = await Promise.all([promisify(gzip)(bytes), promisify(brotliCompress)(bytes, BROTLI)]);
  return { etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`, identity: bytes, gzip: gz, br };
}

/**
 * The page's two scripts, compressed once (Scalar's bundle is 4.8 MB, 1.2 MB as brotli) rather
 * than per request, on the first request so a start does not pay for a page nobody opens.
 */
export function docsAssets(): RequestHandler {
  const sources: Record<string, () => Buffer> = {
    '/scalar.js': () => readFileSync(scalarBundle()),
    '/docs.js': () => Buffer.from(DOCS_SCRIPT),
  };
  const built = new Map<string, Promise<Asset>>();
  return async (req, res, next) => {
    const source = sources[req.path];
    if (!source || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let pending = built.get(req.path);
    if (!pending) built.set(req.path, (pending = asset(source())));
    const a = await pending;
    const common = { 'cache-control': 'public, max-age=86400', etag: a.etag, vary: 'Accept-Encoding' };
    if (matchesEtag(req.get('if-none-match'), a.etag)) return void res.status(304).set(common).end();
    const encoding = pickEncoding(req.get('accept-encoding'));
    const bytes = a[encoding];
    res.status(200).set({
      ...common,
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': String(bytes.length),
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}
