import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { StatusBoard } from '../status/status-board.ts';
import { sendEncoded } from '../http/encoded-body.ts';
import { sendEncodedAs } from './encoded-text.ts';
import { badgeSvg, shieldsJson, unknownBadgeSvg } from './status-badge.ts';
import type { BuiltOnce } from './built-once.ts';
import type { StatuspageDocuments, StatuspagePath } from './statuspage-documents.ts';

const STATUSPAGE_PATHS = new Set<string>([
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] satisfies StatuspagePath[]);

const BADGE = /^\/badge\/([a-z0-9][a-z0-9-]{0,47})\.(svg|json)$/;

/**
 * Read by widgets and images on other sites' pages: CORS open (as Statuspage's own API is) and
 * loadable cross-origin. The rest are the security headers helmet sets elsewhere, fitted to a
 * body that is data, never a page.
 */
const SHARED = {
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
};
/** Widgets poll: a few seconds at a CDN absorb a crowd of them, and an unchanged answer is a 304. */
export const STATUSPAGE_HEADERS = { ...SHARED, 'cache-control': 'public, max-age=5, stale-while-revalidate=30' };
/** Badges sit in READMEs behind image proxies that keep them anyway. */
export const BADGE_HEADERS = { ...SHARED, 'cache-control': 'public, max-age=30, stale-while-revalidate=60' };
export const SVG = 'image/svg+xml; charset=utf-8';

/**
 * The Statuspage v2 API and the badges, answered before Express like the service reads
 * (hot-reads.ts): built once per change, serialised and compressed once, no middleware. Returns
 * false for anything else; a badge JSON for an unknown service goes on to Express's 404.
 */
export function publicHotReads(deps: {
  documents: BuiltOnce<StatuspageDocuments>;
  catalog: ServiceCatalog;
  status: StatusBoard;
  base: (req: IncomingMessage) => string;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path.startsWith('/api/v2/')) {
      const doc = path.slice('/api/v2/'.length);
      if (!STATUSPAGE_PATHS.has(doc)) return false;
      sendEncoded(req, res, deps.documents.encoded(deps.base(req), doc as StatuspagePath), STATUSPAGE_HEADERS);
      return true;
    }
    const badge = BADGE.exec(path);
    if (!badge) return false;
    const service = deps.catalog.get(badge[1]!);
    const level = service && deps.status.get(service.slug).level;
    if (badge[2] === 'svg') {
      const body = service ? badgeSvg(service.name, level!) : unknownBadgeSvg();
      sendEncodedAs(req, res, body, { status: service ? 200 : 404, contentType: SVG, headers: BADGE_HEADERS });
      return true;
    }
    if (!service) return false;
    sendEncoded(req, res, shieldsJson(service.name, level!), BADGE_HEADERS);
    return true;
  };
}
