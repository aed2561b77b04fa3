import type { BrowserCheck } from '../../../shared/index.ts';

/** Long enough for a slow mobile network, short enough that nobody waits for it. */
const TIMEOUT_MS = 8_000;

/**
 * Tries to reach a service's homepage from this browser: a no-cors request answers with an
 * opaque response when anything answered, and fails with a network error when nothing could
 * be reached (DNS, refused, TLS, timeout). Only that fact and the time taken leave the page.
 */
export function checkReachability(homepage: string): Promise<BrowserCheck> {
  const started = performance.now();
  const at = new Date().toISOString();
  const done = (reachable: boolean): BrowserCheck => ({
    reachable,
    ms: Math.min(60_000, Math.round(performance.now() - started)),
    at,
  });
  return fetch(homepage, {
    mode: 'no-cors',
    cache: 'no-store',
    credentials: 'omit',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).then(
    () => done(true),
    () => done(false),
  );
}

/**
 * The server's CSP lets a page reach a service's homepage only when that service's page is the
 * document the browser loaded (server/http/connect-sources.ts); after navigating inside the app the
 * check would be refused and read as "unreachable", so it is not tried at all.
 */
export function documentAllowsCheck(slug: string): boolean {
  const entry = performance.getEntriesByType('navigation')[0];
  const path = new URL(entry?.name ?? location.href).pathname.replace(/\/$/, '');
  return path === `/status/${slug}`;
}

/** The check's result if it arrives within `ms`, else nothing (the report is not held up). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}
