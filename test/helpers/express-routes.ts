import type express from 'express';
import { loadConfig } from '../../server/config.ts';
import { createApp, type AppDeps } from '../../server/app.ts';

/** A function that returns itself for every call and property: stands in for a dependency nobody calls. */
function standIn(): unknown {
  const proxy: unknown = new Proxy(() => proxy, { get: (_t, key) => (key === 'then' ? undefined : proxy), apply: () => proxy });
  return proxy;
}

/** Every dependency createApp takes; a new one is a type error here until it is listed. */
const DEP_NAMES: Record<Exclude<keyof AppDeps, 'config' | 'clientDistDir'>, true> = {
  log: true, clock: true, conn: true, models: true, catalog: true, acceptReport: true, acceptRecovery: true, feed: true, clientOf: true, limiter: true,
  users: true, sessions: true, audit: true, votes: true, maintenance: true, incidentStore: true, announce: true, probeStore: true,
  checks: true, changed: true, email: true, webhooks: true, snapshots: true, publicApi: true, metrics: true,
};

/**
 * The routes the real Express app registers (`get /api/incidents/:id`…), read from its router.
 * The app is built by createApp itself; its dependencies are stand-ins, never called.
 */
export function expressRoutes(): string[] {
  const deps = {
    ...Object.fromEntries(Object.keys(DEP_NAMES).map((k) => [k, standIn()])),
    config: loadConfig({ SERVE_CLIENT: '0' }),
    clientDistDir: '/nonexistent',
  } as unknown as AppDeps;
  const app = createApp(deps) as express.Express & { router: { stack: Layer[] } };
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return [...new Set(out)];
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
