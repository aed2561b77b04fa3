import type { IncomingMessage } from 'node:http';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';

const SERVICE_PAGE = /^\/status\/([a-z0-9-]+)\/?$/;

/**
 * CSP connect-src, per document: 'self', and on a service's page that service's homepage (a
 * reporter's browser tries it, no-cors, to tell "I can't reach it at all" apart). Listing every
 * homepage made the header grow with the catalog (about 4 KB at 170 services, past the 4 KB
 * nginx buffers for an upstream's headers by default); the page reached by navigating inside
 * the app skips the check instead (client/src/lib/browser-check.ts).
 */
export function connectSources(catalog: Pick<ServiceCatalog, 'get'>) {
  return (req: IncomingMessage): string => {
    const slug = SERVICE_PAGE.exec((req.url ?? '').split('?')[0]!)?.[1];
    const homepage = slug ? catalog.get(slug)?.homepage : undefined;
    if (!homepage) return "'self'";
    try {
      return `'self' ${new URL(homepage).origin}`;
    } catch {
      return "'self'";
    }
  };
}
