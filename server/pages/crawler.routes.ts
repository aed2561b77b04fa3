import { Router } from 'express';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Slug } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ServiceSnapshots } from '../services/service-snapshots.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import { notFound } from '../errors.ts';
import { baseUrlOf } from './base-url.ts';
import { latest, robotsTxt, sitemapXml, type SitemapEntry } from './sitemap-xml.ts';
import { previewSvg, type PreviewFacts } from './preview-svg.ts';
import { svgToPng } from './preview-png.ts';

const SITEMAP_INCIDENTS = 500;
const SITEMAP_STORIES = 2_000;

/**
 * What crawlers and link previews fetch besides the pages: robots.txt, sitemap.xml and each
 * service's preview image (og:image).
 */
export function crawlerRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  snapshots: ServiceSnapshots;
  incidentStore: IncidentStore;
  publicUrl: string | undefined;
}): Router {
  const router = Router();

  router.get('/robots.txt', (req, res) => {
    res
      .type('text/plain')
      .set('Cache-Control', 'public, max-age=3600')
      .send(robotsTxt(baseUrlOf(req, deps.publicUrl)));
  });

  // Queries the database, so built at most once a minute per base address.
  const sitemaps = new LRUCache<string, Promise<string>>({ max: 20, ttl: 60_000 });
  router.get('/sitemap.xml', async (req, res) => {
    const base = baseUrlOf(req, deps.publicUrl);
    let xml = sitemaps.get(base);
    if (!xml) {
      xml = sitemapEntries(base).then(sitemapXml);
      sitemaps.set(base, xml);
      xml.catch(() => sitemaps.delete(base));
    }
    res
      .type('application/xml')
      .set('Cache-Control', 'public, max-age=300')
      .send(await xml);
  });

  async function sitemapEntries(base: string): Promise<SitemapEntry[]> {
    const [incidents, stories] = await Promise.all([
      deps.incidentStore.recent(SITEMAP_INCIDENTS),
      deps.models.Story.find({ status: 'visible' }, { _id: 1, createdAt: 1 })
        .sort({ createdAt: -1 })
        .limit(SITEMAP_STORIES)
        .lean(),
    ]);
    const services = deps.catalog
      .all()
      .map((s) => ({ loc: `${base}/status/${s.slug}`, lastmod: deps.snapshots.view(s.slug)?.detail.status.since }));
    const incidentEntries = incidents.map((i) => ({
      loc: `${base}/incidents/${i.id}`,
      lastmod: latest([i.openedAt, i.resolvedAt, ...i.updates.map((u) => u.at)]),
    }));
    const storyEntries = stories.map((s) => ({
      loc: `${base}/stories/${String(s._id)}`,
      lastmod: s.createdAt.toISOString(),
    }));
    const home = { loc: `${base}/`, lastmod: latest(services.map((s) => s.lastmod)) };
    return [home, ...services, ...incidentEntries, ...storyEntries];
  }

  // Keyed by what the image shows: a verdict or a count that changes makes a new one.
  const previews = new LRUCache<string, Promise<Buffer>>({ max: 200, ttl: 60_000 });
  router.get('/og/:file', async (req, res) => {
    const slug = Slug.safeParse(/^(.+)\.png$/.exec(req.params.file)?.[1]);
    const view = slug.success ? deps.snapshots.view(slug.data) : undefined;
    if (!view) throw notFound('That service');
    const d = view.detail;
    const facts: PreviewFacts = {
      name: d.service.name,
      level: d.status.level,
      lastHour: d.stats.lastHour,
      last24h: d.stats.last24h,
    };
    const etag = `"${createHash('sha1').update(JSON.stringify(facts)).digest('base64url')}"`;
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' });
    if (req.fresh) return void res.status(304).end();
    let png = previews.get(etag);
    if (!png) {
      png = svgToPng(previewSvg(facts));
      previews.set(etag, png);
      png.catch(() => previews.delete(etag));
    }
    res.type('image/png').send(await png);
  });

  return router;
}
