import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendEncoded } from '../http/encoded-body.ts';
import type { ServiceSnapshots } from './service-snapshots.ts';

const DETAIL = /^\/api\/services\/([a-z0-9][a-z0-9-]{0,47})\/?$/;

/**
 * A few seconds at a CDN or nginx absorb a surge of readers; stale-while-revalidate keeps them
 * served while one request fetches the next. Live changes reach open pages by socket anyway.
 * The rest are the security headers the app sets elsewhere (helmet), fitted to a JSON body.
 */
const HEADERS = {
  'cache-control': 'public, max-age=2, stale-while-revalidate=30',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
};

/**
 * The reads outage day is made of — the service list and a service's page data — answered from
 * the snapshots before Express sees the request: no routing, no middleware, no serialising, no
 * compressing. Returns false for anything else (an unknown service included: Express says 404).
 */
export function hotReads(snapshots: ServiceSnapshots): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === '/api/services' || path === '/api/services/') {
      sendEncoded(req, res, snapshots.summaries(), HEADERS);
      return true;
    }
    const slug = DETAIL.exec(path)?.[1];
    const body = slug ? snapshots.detail(slug) : undefined;
    if (!body) return false;
    sendEncoded(req, res, body, HEADERS);
    return true;
  };
}
