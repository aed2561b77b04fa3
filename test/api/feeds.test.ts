import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { parseXml, readIncidentFeed, type XmlElement } from '../../server/status/official/incident-feed.ts';
import { manualClockAt, signedInOperator, testService } from '../helpers/world.ts';
import { openIncident, resolveIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const SITE = 'https://status.example.test';
const all = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const one = (el: XmlElement | undefined, name: string) => all(el, name)[0];
const text = (el: XmlElement | undefined) => el?.text.trim();

describe('incident feeds', () => {
  const clock = manualClockAt(14, 0, 5);
  const pay = testService({ name: 'Acme Pay' });
  const chat = testService({ name: 'Chat Co' });
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  let incidentId = '';

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [pay, chat], env: { PUBLIC_URL: SITE } });
  });
  afterAll(() => world?.close());

  const get = (path: string) =>
    request(world.url)
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => done(null, body));
      });
  const readFeed = async (path: string) => {
    const xml = (await get(path).expect(200)).body as string;
    return { xml, read: readIncidentFeed(xml, { fetchedAt: new Date(clock.now()).toISOString(), now: clock.now() })! };
  };

  it('serves empty but valid feeds in Atom, RSS and JSON Feed 1.1 before anything happened', async () => {
    const atom = await get('/feeds/incidents.atom')
      .expect(200)
      .expect('content-type', 'application/atom+xml; charset=utf-8');
    const feed = parseXml(atom.body)!;
    expect(feed.name).toBe('feed');
    expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(text(one(feed, 'title'))).toBe('Outage radar: incidents');
    expect(all(feed, 'link').map((l) => l.attrs.href)).toContain(`${SITE}/feeds/incidents.atom`);
    expect(all(feed, 'entry')).toEqual([]);
    await get('/feeds/incidents.rss').expect(200).expect('content-type', 'application/rss+xml; charset=utf-8');
    const json = await request(world.url)
      .get('/feeds/incidents.json')
      .expect(200)
      .expect('content-type', 'application/feed+json; charset=utf-8');
    expect(JSON.parse(json.text)).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Outage radar: incidents',
      home_page_url: SITE,
      feed_url: `${SITE}/feeds/incidents.json`,
      items: [],
    });
  });

  it("adds an entry when an incident opens, with operators' updates escaped in its content, newest first", async () => {
    incidentId = (await openIncident(world, clock, pay.slug)).id;
    const ops = await signedInOperator(world.url);
    await ops
      .post(`/api/admin/incidents/${incidentId}/updates`)
      .send({ status: 'identified', body: 'Card <script>alert(1)</script> payments fail at "checkout" & refunds too.' })
      .expect(201);

    const { xml, read } = await readFeed('/feeds/incidents.atom');
    expect(xml).not.toContain('<script>');
    const entries = all(parseXml(xml)!, 'entry');
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(text(one(entry, 'title'))).toBe('Acme Pay: problems with Error messages reported by users');
    expect(text(one(entry, 'id'))).toBe(`${SITE}/incidents/${incidentId}`);
    expect(one(entry, 'link')!.attrs.href).toBe(`${SITE}/incidents/${incidentId}`);
    const content = text(one(entry, 'content'))!;
    expect(content).toContain(
      'Card &lt;script&gt;alert(1)&lt;/script&gt; payments fail at &quot;checkout&quot; &amp; refunds too.',
    );
    expect(content.indexOf('<strong>Identified</strong>')).toBeLessThan(
      content.indexOf('<strong>Investigating</strong>'),
    );
    expect(content).toMatch(/Users are reporting problems with Acme Pay\./);
    // The project's own feed reader, as used on vendors' feeds, reads it as an open incident.
    expect(read.incidents).toEqual([
      expect.objectContaining({
        name: 'Acme Pay: problems with Error messages reported by users',
        status: 'identified',
        url: `${SITE}/incidents/${incidentId}`,
      }),
    ]);

    const rss = await readFeed('/feeds/incidents.rss');
    const item = one(one(parseXml(rss.xml)!, 'channel'), 'item')!;
    expect(text(one(item, 'guid'))).toBe(`${SITE}/incidents/${incidentId}`);
    expect(text(one(item, 'link'))).toBe(`${SITE}/incidents/${incidentId}`);
    expect(Date.parse(text(one(item, 'pubDate'))!)).toBeGreaterThan(0);
    expect(rss.read.incidents.map((i) => i.status)).toEqual(['identified']);

    const json = JSON.parse((await request(world.url).get('/feeds/incidents.json').expect(200)).text);
    expect(json.items).toEqual([
      expect.objectContaining({
        id: `${SITE}/incidents/${incidentId}`,
        url: `${SITE}/incidents/${incidentId}`,
        title: 'Acme Pay: problems with Error messages reported by users',
        content_html: expect.stringContaining('&lt;script&gt;'),
        summary: 'Card <script>alert(1)</script> payments fail at "checkout" & refunds too.',
        date_published: expect.any(String),
        date_modified: expect.any(String),
      }),
    ]);
  });

  it("gives each service a feed of its own, and a 404 in the API's error shape for an unknown one", async () => {
    const own = parseXml(
      (await get(`/feeds/services/${pay.slug}.atom`).expect(200).expect('content-type', /atom/)).body,
    )!;
    expect(all(own, 'entry')).toHaveLength(1);
    expect(text(one(own, 'title'))).toBe('Acme Pay incidents — Outage radar');
    const quiet = parseXml((await get(`/feeds/services/${chat.slug}.atom`).expect(200)).body)!;
    expect(all(quiet, 'entry')).toEqual([]);
    expect(all(quiet, 'link').map((l) => l.attrs.href)).toContain(`${SITE}/status/${chat.slug}`);
    const missing = await request(world.url).get('/feeds/services/no-such-service.atom').expect(404);
    expect(missing.body).toEqual({
      error: { code: 'not_found', message: 'The service "no-such-service" was not found.' },
    });
  });

  it('answers a reader that has the current feed with 304', async () => {
    const first = await get('/feeds/incidents.atom').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    await request(world.url).get('/feeds/incidents.atom').set('If-None-Match', first.headers.etag!).expect(304);
  });

  it('marks the entry resolved, with the resolution on top, once reports are back to normal', async () => {
    await resolveIncident(world, clock, pay.slug);
    const { xml, read } = await readFeed('/feeds/incidents.atom');
    const entry = one(parseXml(xml)!, 'entry')!;
    expect(text(one(entry, 'title'))).toBe('Resolved: Acme Pay: problems with Error messages reported by users');
    expect(text(one(entry, 'content'))).toMatch(/^<p><strong>Resolved<\/strong>/);
    expect(read.incidents).toEqual([]);
  });
});
