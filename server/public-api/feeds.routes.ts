import type { IncomingMessage } from 'node:http';
import { Router, type Response } from 'express';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import { PAGE_NAME } from './statuspage-documents.ts';
import { FEED_TYPES, incidentFeed, renderFeed, type FeedFormat } from './incident-feeds.ts';
import type { RecentIncidents } from './recent-incidents.ts';
import type { Insight } from '../../shared/index.ts';
import { addInsightEntries } from '../experts/insight-feed.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

const FORMATS: FeedFormat[] = ['atom', 'rss', 'json'];

/**
 * Incident feeds for all services and for each, from the incidents held in memory (a service's
 * feed shows its incidents among the most recent ones site-wide). Readers poll: a minute of
 * caching, and Express's ETag turns an unchanged feed into a 304.
 */
export function feedsRoutes(deps: {
  catalog: ServiceCatalog;
  recent: RecentIncidents;
  clock: Clock;
  base: (req: IncomingMessage) => string;
  insights?: (slug: string) => Promise<Insight[]>;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const names = () => new Map(deps.catalog.all().map((s) => [s.slug, s.name]));
  const send = (res: Response, format: FeedFormat, body: string) =>
    res
      .set({
        'content-type': FEED_TYPES[format],
        'cache-control': 'public, max-age=60',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
      })
      .send(body);

  for (const format of FORMATS) {
    router.get(`/feeds/incidents.${format}`, (req, res) => {
      const base = deps.base(req);
      const feed = incidentFeed(format, {
        incidents: deps.recent.list(),
        names: names(),
        base,
        now: deps.clock.now(),
        self: `${base}/feeds/incidents`,
        title: `${PAGE_NAME}: incidents`,
        home: base,
      });
      send(res, format, renderFeed(feed, format));
    });

    router.get(`/feeds/services/:slug.${format}`, async (req, res) => {
      const service = serviceOf(res);
      const base = deps.base(req);
      const feed = incidentFeed(format, {
        incidents: deps.recent.list().filter((i) => i.service === service.slug),
        names: names(),
        base,
        now: deps.clock.now(),
        self: `${base}/feeds/services/${service.slug}`,
        title: `${service.name} incidents — ${PAGE_NAME}`,
        home: `${base}/status/${service.slug}`,
      });
      if (deps.insights) addInsightEntries(feed, format, await deps.insights(service.slug), { base });
      send(res, format, renderFeed(feed, format));
    });
  }
  return router;
}
