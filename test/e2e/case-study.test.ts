import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import { as, manualClock, signedInOperator, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const MINUTE = 60_000;
/** Set SCREENSHOT=docs/case-study.png to keep a picture of the case study for the README. */
const SCREENSHOT = process.env.SCREENSHOT;

describe('a resolved incident becomes a case study, in the browser', () => {
  const clock = manualClock();
  let siteStatus = 200;
  const site = http.createServer((_req, res) =>
    res.writeHead(siteStatus, { 'content-type': 'text/plain' }).end('hello'),
  );
  let svc: ReturnType<typeof testService>;
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  let browser: Browser;

  beforeAll(async () => {
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(site.address() as net.AddressInfo).port}/`;
    svc = testService({
      name: 'Acme Pay',
      probes: [{ kind: 'http', id: 'api', name: 'API', url, intervalSeconds: 15, timeoutMs: 2_000 }],
    });
    [world, browser] = await Promise.all([
      worldWithHistory({ clock, services: [svc], env: { PROBE_ALLOW_PRIVATE: '1' } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    site.closeAllConnections();
    await new Promise((r) => site.close(r));
  });

  it(
    'shows the timeline and numbers on the incident page, ' + 'and the reliability history on the service page',
    async () => {
      clock.advance(MINUTE);
      await world.prober.tick();
      const incident = await openIncident(world, clock, svc.slug);
      siteStatus = 503;
      clock.advance(MINUTE);
      await world.prober.tick();
      const ops = await signedInOperator(world.url);
      await ops
        .post(`/api/admin/incidents/${incident.id}/updates`)
        .send({ status: 'identified', body: 'A faulty payment gateway release; rolling it back.' })
        .expect(201);
      await request(world.url)
        .post(`/api/services/${svc.slug}/stories`)
        .set(as('bakery'))
        .send({
          kind: 'business_impact',
          title: 'No card payments at the bakery',
          body: 'Every card payment failed for most of an hour, so we took cash only and lost the lunch rush.',
          incidentId: incident.id,
          impact: { hoursLost: 1, peopleAffected: 6 },
          elapsedMs: 60_000,
        })
        .expect(201);
      clock.advance(20 * MINUTE);
      siteStatus = 200;
      await world.prober.tick();
      await request(world.url).post(`/api/services/${svc.slug}/recoveries`).set(as('bakery')).send({}).expect(201);
      clock.advance(5 * MINUTE);
      await ops
        .post(`/api/admin/incidents/${incident.id}/resolve`)
        .send({ body: 'The release was rolled back; payments work again.' })
        .expect(200);

      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      await page.goto(`${world.url}/incidents/${incident.id}`);
      const study = page.getByTestId('case-study');
      const timeline = study.getByTestId('case-study-timeline');
      await expect.poll(() => timeline.locator('li').count(), { timeout: 10_000 }).toBeGreaterThan(5);
      const kinds = await timeline.locator('li .kind').allTextContents();
      expect(kinds[0]).toBe('First reports');
      expect(kinds).toEqual(
        expect.arrayContaining(['Detected', 'Peak', 'Probe failing', 'Probe recovered', 'Update', 'Working again']),
      );
      expect(kinds.at(-1)).toBe('Resolved');
      expect(await timeline.locator('li').last().textContent()).toContain(
        'The release was rolled back; payments work again.',
      );
      // Times are the visitor's own: the first entry's clock matches the browser's rendering of its datetime.
      const first = timeline.locator('time').first();
      const [shown, datetime] = [await first.textContent(), await first.getAttribute('datetime')];
      const local = await page.evaluate(
        (iso) => new Date(iso!).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
        datetime,
      );
      expect(shown).toContain(local);
      await expect.poll(() => study.locator('dl').textContent()).toMatch(/People affected\s*6/);
      expect(await study.getByRole('link', { name: 'No card payments at the bakery' }).getAttribute('href')).toMatch(
        /^\/stories\/[0-9a-f]{24}$/,
      );
      if (SCREENSHOT) await study.screenshot({ path: SCREENSHOT });
      expect(describeViolations(await axeViolations(page))).toBe('');

      await page.goto(`${world.url}/status/${svc.slug}`);
      const history = page.getByTestId('reliability-history');
      await expect
        .poll(() => history.locator('.summary').textContent(), { timeout: 10_000 })
        .toMatch(/1 incident; a typical one lasted \d+ min/);
      expect(await history.getByRole('list', { name: 'Incidents per month' }).locator('li').count()).toBe(12);
      const month = new Date(clock.now()).toLocaleDateString(undefined, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(await history.locator('.sr-only').allTextContents()).toContainEqual(
        expect.stringMatching(new RegExp(`^${month}: 1 incident, \\d+ min in all$`)),
      );
      expect(describeViolations(await axeViolations(page))).toBe('');
      expect(await history.locator('.causes').textContent()).toMatch(/Server errors1×/);
      await page.close();
    },
  );
});
