import type express from 'express';

/**
 * The routes an Express app registers (`get /api/incidents/:id`…), read from its router and
 * every router mounted in it. Given a running world's app (`world.app`), so routers built from
 * real dependencies (webhooks, the public API) are walked too. A route given as a RegExp is
 * written as one (`get /^\/(status|incidents|stories)\//`).
 */
export function expressRoutes(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${String(layer.route.path)}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...new Set(out)];
}

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}
