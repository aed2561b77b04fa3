import { localTimesIn } from '../../client/src/lib/local-times.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { IncidentDetail, PageData, ServiceDetail, Story } from '../../shared/index.ts';
import { levelLabel } from '../../shared/constants.ts';
import {
  as,
  freshDatabaseUri,
  manualClockAt,
  person,
  startWorld,
  testService,
  worldForSuite,
} from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';

const MINUTE = 60_000;
const EVIL = '</script><script>alert(1)</script><!--';

/** The HTML's text as a person reads it: entities decoded, tags gone. */
const escapedText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function scriptsOf(html: string, type: string): string[] {
  return [
    ...html.matchAll(new RegExp(`<script type="${type.replace(/[+.]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</script>`, 'g')),
  ].map((m) => m[1]!);
}
const pageData = (html: string) => JSON.parse(scriptsOf(html, 'application/json')[0]!) as PageData;
const jsonLd = (html: string) => JSON.parse(scriptsOf(html, 'application/ld+json')[0]!) as Record<string, unknown>;
const metaContent = (html: string, key: string) =>
  new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];

describe('server-rendered pages', () => {
  const clock = manualClockAt(14, 0, 5);
  const svc = testService({ name: 'Acme Mail' });
  const mongodbUri = freshDatabaseUri();
  let world: Awaited<ReturnType<typeof startWorld>>;
  let detail: ServiceDetail;
  let incident: IncidentDetail;
  let story: Story;

  beforeAll(async () => {
    await seedHistory(
      mongodbUri,
      svc.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    world = await startWorld({ mongodbUri, clock, services: [svc], env: { DETECT_TICK_SECONDS: '60' } });
    await world.detectionReady;
    clock.advance(20_000);
    await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        request(world.url)
          .post(`/api/services/${svc.slug}/reports`)
          .set(person(i, 'ssr'))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );
    await world.detection.tick();
    await request(world.url)
      .post(`/api/services/${svc.slug}/comments`)
      .set(as('evil-commenter'))
      .send({ text: `Down for me ${EVIL}`, elapsedMs: 5_000 })
      .expect(201);
    detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.incident).toMatchObject({ state: 'open' });
    story = (
      await request(world.url)
        .post(`/api/services/${svc.slug}/stories`)
        .set(as('evil-storyteller'))
        .send({
          kind: 'testimonial',
          title: EVIL,
          body: `Nothing loaded all morning. ${EVIL} We waited and then went home for the day.`,
          displayName: '<b>Mallory</b>',
          incidentId: detail.incident!.id,
          elapsedMs: 60_000,
        })
        .expect(201)
    ).body;
    incident = (await request(world.url).get(`/api/incidents/${detail.incident!.id}`).expect(200)).body;
  });
  afterAll(() => world?.close());

  it('renders a status page whose HTML holds the verdict, its reasons and the numbers', async () => {
    const res = await request(world.url)
      .get(`/status/${svc.slug}`)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const html = res.text;
    const verdict = levelLabel[detail.status.level];
    expect(detail.status.level).not.toBe('operational');
    expect(html).toContain(
      `<title>Is Acme Mail down? ${verdict} now — ${detail.stats.lastHour} reports in the last hour | ` +
        'Outage radar</title>',
    );
    expect(detail.status.reasons.length).toBeGreaterThan(0);
    // The page shows the reasons' UTC times in the zone it is rendered in (the browser's, once hydrated).
    for (const reason of detail.status.reasons)
      expect(html).toContain(`<li>${escapedText(localTimesIn(reason, Date.now()))}</li>`);
    expect(html).toMatch(new RegExp(`data-testid="reports-last-hour"[^>]*>${detail.stats.lastHour}<`));
    expect(html).toMatch(/User reports indicate problems with Acme Mail since/);
    expect(res.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');

    const description = metaContent(html, 'description')!;
    expect(description).toContain(`${verdict} since`);
    expect(description).toContain(`${detail.stats.lastHour} reports in the last hour`);
    expect(html).toContain(`<link rel="canonical" href="${world.url}/status/${svc.slug}" />`);
    // Feed readers given the page's address find the service's feed and the site's.
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="${svc.name} incidents" ` +
        `href="${world.url}/feeds/services/${svc.slug}.atom" />`,
    );
    expect(html).toContain(`href="${world.url}/feeds/incidents.atom"`);
    expect(metaContent(html, 'og:url')).toBe(`${world.url}/status/${svc.slug}`);
    expect(metaContent(html, 'og:type')).toBe('website');
    expect(metaContent(html, 'og:site_name')).toBe('Outage radar');
    expect(metaContent(html, 'og:title')).toMatch(/^Is Acme Mail down\?/);
    expect(metaContent(html, 'og:image')).toBe(`${world.url}/og/${svc.slug}.png`);
    expect(metaContent(html, 'twitter:card')).toBe('summary_large_image');

    expect(jsonLd(html)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'WebPage',
      url: `${world.url}/status/${svc.slug}`,
      about: { name: 'Acme Mail', url: 'https://example.com' },
    });
    expect(Date.parse(jsonLd(html).dateModified as string)).toBe(clock.now());
    // The browser starts from exactly what the API answers: nothing to fetch again.
    expect(pageData(html)).toEqual({ route: 'service', slug: svc.slug, detail });
  });

  it('keeps a comment’s text inside the page data, whatever it holds', async () => {
    const html = (await request(world.url).get(`/status/${svc.slug}`).expect(200)).text;
    expect(html).not.toContain('<script>alert(1)');
    // The module script, the page data and the JSON-LD: no script of anyone else's.
    expect(html.match(/<script/g)).toHaveLength(3);
    const data = pageData(html);
    expect(data.route === 'service' && data.detail?.comments[0]?.text).toBe(`Down for me ${EVIL}`);
  });

  it('answers a storm of readers from one render per snapshot', async () => {
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => request(world.url).get(`/status/${svc.slug}`).expect(200)),
    );
    expect(new Set(pages.map((p) => p.text)).size).toBe(1);
    const etag = pages[0]!.headers.etag!;
    await request(world.url).get(`/status/${svc.slug}`).set('If-None-Match', etag).expect(304);
  });

  it('renders an incident page with its reasons, its peak and a Report in JSON-LD', async () => {
    const html = (await request(world.url).get(`/incidents/${incident.id}`).expect(200)).text;
    expect(html).toMatch(/<title>(Unplanned|Partial) outage of Acme Mail, .* — ongoing \| Outage radar<\/title>/);
    for (const reason of incident.reasons) expect(html).toContain(`<li>${escapedText(reason)}</li>`);
    expect(html).toContain(
      `${Math.round(incident.peak.observed)} reports in ${Math.round(incident.peak.windowMinutes)} min`,
    );
    expect(metaContent(html, 'description')).toContain(`Peak: ${Math.round(incident.peak.observed)} reports`);
    expect(html).toContain(`<link rel="canonical" href="${world.url}/incidents/${incident.id}" />`);
    expect(metaContent(html, 'og:type')).toBe('article');
    expect(metaContent(html, 'og:image')).toBe(`${world.url}/og/${svc.slug}.png`);
    expect(jsonLd(html)).toMatchObject({
      '@type': 'Report',
      datePublished: incident.openedAt,
      about: { name: 'Acme Mail' },
    });
    const data = pageData(html);
    expect(data).toMatchObject({
      route: 'incident',
      id: incident.id,
      incident,
      service: { slug: svc.slug, name: 'Acme Mail' },
    });
  });

  it('renders a story page whose title cannot break out of the page data or the JSON-LD', async () => {
    const res = await request(world.url).get(`/stories/${story.id}`).expect(200);
    const html = res.text;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>Mallory</b>');
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html).toContain(`<h1 id="story-${story.id}-title" class="svelte-`);
    expect(html).toContain(escapedText(EVIL));
    expect(html).toContain(`<title>${escapedText(EVIL)} — What it was like, Acme Mail | Outage radar</title>`);
    expect(pageData(html)).toEqual({ route: 'story', id: story.id, story, serviceName: 'Acme Mail' });
    expect(jsonLd(html)).toMatchObject({
      '@type': 'SocialMediaPosting',
      headline: EVIL,
      author: { '@type': 'Person', name: '<b>Mallory</b>' },
      datePublished: story.createdAt,
      url: `${world.url}/stories/${story.id}`,
    });
    expect(metaContent(html, 'og:title')).toBe(
      `${escapedText(EVIL).replace(/"/g, '&quot;')} — What it was like, Acme Mail | Outage radar`,
    );
  });

  it('says 404 with the page’s own not-found message for an unknown service, incident or story', async () => {
    const service = await request(world.url)
      .get('/status/no-such-service')
      .expect(404)
      .expect('Content-Type', /text\/html/);
    expect(service.text).toContain(`We don't follow "no-such-service" (yet)`);
    expect(service.text).toContain('<meta name="robots" content="noindex" />');
    expect(pageData(service.text)).toEqual({ route: 'service', slug: 'no-such-service', detail: null });
    const missingIncident = await request(world.url).get('/incidents/0123456789abcdef01234567').expect(404);
    expect(missingIncident.text).toContain('No such incident');
    const missingStory = await request(world.url).get('/stories/0123456789abcdef01234567').expect(404);
    expect(missingStory.text).toContain('That story is not here');
  });

  it('takes the canonical address from the proxy in front when PUBLIC_URL is not set', async () => {
    const html = (
      await request(world.url)
        .get(`/status/${svc.slug}`)
        .set({ 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'radar.example.net' })
        .expect(200)
    ).text;
    expect(html).toContain(`<link rel="canonical" href="https://radar.example.net/status/${svc.slug}" />`);
  });

  it('serves robots.txt that keeps crawlers out of the API and the operators’ page', async () => {
    const res = await request(world.url)
      .get('/robots.txt')
      .expect(200)
      .expect('Content-Type', /^text\/plain/);
    expect(res.text).toContain('User-agent: *');
    expect(res.text).toMatch(/^Disallow: \/api\/$/m);
    expect(res.text).toMatch(/^Disallow: \/admin$/m);
    expect(res.text).toContain(`Sitemap: ${world.url}/sitemap.xml`);
  });

  it('lists the home page, every service, recent incidents and visible stories in sitemap.xml', async () => {
    const res = await request(world.url)
      .get('/sitemap.xml')
      .expect(200)
      .expect('Content-Type', /^application\/xml/);
    const xml = res.text;
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ),
    ).toBe(true);
    const urls = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((m) => ({
      loc: m[1],
      lastmod: m[2],
    }));
    expect(xml.match(/<url>/g)).toHaveLength(urls.length);
    expect(urls).toContainEqual({ loc: `${world.url}/`, lastmod: detail.status.since });
    expect(urls).toContainEqual({ loc: `${world.url}/status/${svc.slug}`, lastmod: detail.status.since });
    expect(urls).toContainEqual({ loc: `${world.url}/incidents/${incident.id}`, lastmod: incident.openedAt });
    expect(urls).toContainEqual({ loc: `${world.url}/stories/${story.id}`, lastmod: story.createdAt });
  });

  it('draws a 1200×630 PNG preview per service, with an ETag', async () => {
    const res = await request(world.url)
      .get(`/og/${svc.slug}.png`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'image/png');
    const png = res.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=60/);
    await request(world.url).get(`/og/${svc.slug}.png`).set('If-None-Match', res.headers.etag!).expect(304);
    const missing = await request(world.url).get('/og/no-such-service.png').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('server-rendered pages with PUBLIC_URL', () => {
  const svc = testService({ name: 'Beta Chat' });
  const world = worldForSuite({ services: [svc], env: { PUBLIC_URL: 'https://radar.example.org/' } });

  it('writes every absolute link with it', async () => {
    const html = (await request(world.url).get(`/status/${svc.slug}`).expect(200)).text;
    expect(html).toContain(`<link rel="canonical" href="https://radar.example.org/status/${svc.slug}" />`);
    expect(html).toContain(
      `<title>Is Beta Chat down? No problems detected — 0 reports in the last hour | Outage radar</title>`,
    );
    expect(metaContent(html, 'og:image')).toBe(`https://radar.example.org/og/${svc.slug}.png`);
    expect((await request(world.url).get('/robots.txt').expect(200)).text).toContain(
      'Sitemap: https://radar.example.org/sitemap.xml',
    );
    expect((await request(world.url).get('/sitemap.xml').expect(200)).text).toContain(
      `<loc>https://radar.example.org/status/${svc.slug}</loc>`,
    );
  });

  it('leaves the home page to the browser', async () => {
    const html = (await request(world.url).get('/').expect(200)).text;
    expect(html).toContain('<div id="app"></div>');
    expect(html).not.toContain('id="initial-data"');
  });
});
