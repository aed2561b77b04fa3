import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { browserWorld } from '../helpers/browser-world.ts';
import { manualClock, signedInOperator, testService } from '../helpers/world.ts';

const MINUTE = 60_000;

describe('the embeddable status card', () => {
  const clock = manualClock();
  const svc = testService({ name: 'Acme Pay' });
  const t = browserWorld({ clock, services: [svc] });
  /** Another site: a page on another origin (another port) that frames our card and our service page. */
  let embedder: http.Server;
  let embedderUrl = '';

  beforeAll(async () => {
    embedder = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<title>A blog about payments</title>
<iframe id="card" title="Acme Pay status" src="${t.world.url}/embed/${svc.slug}" width="360" height="160"></iframe>
<iframe id="page" title="Acme Pay page" src="${t.world.url}/status/${svc.slug}" width="600" height="400"></iframe>`);
    });
    await new Promise<void>((r) => embedder.listen(0, '127.0.0.1', r));
    embedderUrl = `http://127.0.0.1:${(embedder.address() as net.AddressInfo).port}/`;
  });
  afterAll(() => new Promise((r) => embedder?.close(r)));

  it('may be framed by any site while the rest of the site may not', async () => {
    const card = await request(t.world.url)
      .get(`/embed/${svc.slug}`)
      .expect(200)
      .expect('content-type', 'text/html; charset=utf-8');
    expect(card.headers['content-security-policy']).toMatch(/frame-ancestors \*$/);
    expect(card.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(card.headers['x-frame-options']).toBeUndefined();
    const page = await request(t.world.url).get(`/status/${svc.slug}`).expect(200);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const missing = await request(t.world.url).get('/embed/no-such-service').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it(
    "shows the verdict in another site's iframe, refreshes it by itself, and the service page refuses to be " +
      'framed',
    async () => {
      const context = await t.browser.newContext();
      const messages: string[] = [];
      context.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
      const page = await context.newPage();
      page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
      await page.clock.install();
      await page.goto(embedderUrl);

      const card = page.frameLocator('#card');
      await expect.poll(() => card.locator('.words').textContent()).toBe('Operational');
      expect(await card.locator('#card').getAttribute('data-level')).toBe('operational');
      expect(await card.getByRole('link', { name: 'Acme Pay' }).getAttribute('href')).toBe(
        `${t.world.url}/status/${svc.slug}`,
      );
      expect(await card.getByRole('link', { name: 'Acme Pay' }).getAttribute('target')).toBe('_blank');

      // The browser refuses our service page inside another site's frame.
      await expect
        .poll(() =>
          messages.some((m) =>
            /violates the following Content Security Policy directive: "frame-ancestors 'self'"/.test(m),
          ),
        )
        .toBe(true);
      expect(page.frames().map((f) => f.url())).toEqual([
        embedderUrl,
        `${t.world.url}/embed/${svc.slug}`,
        'chrome-error://chromewebdata/',
      ]);

      // An operator declares maintenance: the card, left open, shows it at its next refresh.
      const ops = await signedInOperator(t.world.url);
      await ops
        .post(`/api/admin/services/${svc.slug}/maintenance`)
        .send({
          title: 'Payment processor switch',
          start: new Date(clock.now() - MINUTE).toISOString(),
          end: new Date(clock.now() + 60 * MINUTE).toISOString(),
        })
        .expect(201);
      expect(await card.locator('.words').textContent()).toBe('Operational');
      await page.clock.runFor(31_000);
      await expect.poll(() => card.locator('.words').textContent()).toBe('Under maintenance');
      expect(await card.locator('.reason').textContent()).toMatch(/Scheduled maintenance .*Payment processor switch/);

      // Nothing else went wrong: no CSP refusal inside the card, no script error.
      expect(messages.filter((m) => !/frame-ancestors 'self'/.test(m) && /^(error|warning)|pageerror/.test(m))).toEqual(
        [],
      );
      await context.close();
    },
  );
});
