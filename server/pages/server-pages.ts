import { Router, type Request, type Response, type NextFunction } from 'express';
import { LRUCache } from 'lru-cache';
import type { PageData } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ServiceSnapshots } from '../services/service-snapshots.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import { incidentDetail } from '../incidents/incident-detail.ts';
import { visibleStory } from '../stories/story-view.ts';
import { headTags, incidentMeta, notFoundMeta, serviceMeta, storyMeta, type PageMeta } from './page-meta.ts';
import { pageTemplate } from './page-template.ts';
import { loadSsrModule } from './ssr-module.ts';
import { baseUrlOf } from './base-url.ts';

/** Like the service's JSON (hot-reads.ts): a CDN absorbs a surge, sockets carry what changes next. */
const SHORT_CACHE = 'public, max-age=2, stale-while-revalidate=30';

export interface ServerPagesDeps {
  /** client/dist-server/entry-server.js */
  ssrFile: string;
  /** client/dist/index.html as built. */
  template: string;
  log: Logger;
  clock: Clock;
  models: Models;
  catalog: ServiceCatalog;
  snapshots: ServiceSnapshots;
  incidentStore: IncidentStore;
  publicUrl: string | undefined;
}

type Rendered = { status: number; html: string };

/**
 * A service's status page, an incident and a story, rendered on the server from the same data
 * the API answers with, so the HTML already says what the verdict is (for people without
 * JavaScript, for crawlers, for link previews), then hydrated in the browser. Other paths go on
 * to the client-rendered page; so does everything while the server build is missing.
 */
export function serverPages(deps: ServerPagesDeps): Router {
  const router = Router();
  // Imported once, at start; a failed import leaves pages client-rendered rather than broken.
  const ssr = loadSsrModule(deps.ssrFile).catch((err: unknown) => {
    deps.log.error({ err, file: deps.ssrFile }, 'server rendering unavailable: pages render in the browser');
    return undefined;
  });
  const fill = pageTemplate(deps.template);
  // Outage day: thousands of readers of one service page cost one render per snapshot change.
  const servicePages = new LRUCache<string, Rendered>({ max: 500, ttl: 2_000 });

  router.get(/^\/(status|incidents|stories)\//, async (req: Request, res: Response, next: NextFunction) => {
    const mod = await ssr;
    if (!mod) return next();
    const route = mod.routeOf(req.path);
    const base = baseUrlOf(req, deps.publicUrl);
    const render = (status: number, data: PageData, meta: PageMeta): Rendered => {
      const { head, body } = mod.renderPage(req.path, data);
      return { status, html: fill({ head: headTags(meta, base) + head, body, data }) };
    };
    let page: Rendered;
    try {
      if (route.name === 'service' && route.slug) {
        const slug = route.slug;
        const view = deps.snapshots.view(slug);
        if (!view) {
          page = render(404, { route: 'service', slug, detail: null }, notFoundMeta(base, req.path));
        } else {
          const key = `${slug}\n${view.etag}\n${base}`;
          page =
            servicePages.get(key) ??
            render(
              200,
              { route: 'service', slug, detail: view.detail },
              serviceMeta(view.detail, base, deps.clock.now()),
            );
          servicePages.set(key, page);
        }
      } else if (route.name === 'incident' && route.id) {
        const incident = await incidentDetail({ ...deps, store: deps.incidentStore }, route.id);
        const service = incident ? (deps.snapshots.view(incident.service)?.detail.service ?? null) : null;
        page = incident
          ? render(
              200,
              { route: 'incident', id: route.id, incident, service },
              incidentMeta(incident, service?.homepage, base),
            )
          : render(
              404,
              { route: 'incident', id: route.id, incident: null, service: null },
              notFoundMeta(base, req.path),
            );
      } else if (route.name === 'story' && route.id) {
        const story = await visibleStory(deps.models, route.id);
        const service = story ? deps.catalog.get(story.service) : undefined;
        page = story
          ? render(
              200,
              { route: 'story', id: route.id, story, serviceName: service?.name ?? null },
              storyMeta(story, service, base),
            )
          : render(404, { route: 'story', id: route.id, story: null, serviceName: null }, notFoundMeta(base, req.path));
      } else {
        return next();
      }
    } catch (err) {
      // A page that fails to render on the server still works rendered in the browser.
      deps.log.error({ err, path: req.path }, 'server rendering failed; sending the client-rendered page');
      return next();
    }
    res
      .status(page.status)
      .type('html')
      .set('Cache-Control', page.status === 200 ? SHORT_CACHE : 'no-cache')
      .send(page.html);
  });
  return router;
}
