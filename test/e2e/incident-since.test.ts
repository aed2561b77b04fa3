import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { manualClock, signedInOperator, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const MINUTE = 60_000;

describe('since when, in the browser', () => {
  const clock = manualClock();
  const svc = testService({ name: 'Acme Pay' });
  const summary = JSON.parse(
    readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url), 'utf8'),
  );
  const actions = summary.components.find((c: { name: string }) => c.name === 'GitHub Actions');
  const statusPage = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary)),
  );
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  let browser: Browser;

  beforeAll(async () => {
    await new Promise<void>((r) => statusPage.listen(0, '127.0.0.1', r));
    svc.official = {
      kind: 'statuspage',
      url: `http://127.0.0.1:${(statusPage.address() as net.AddressInfo).port}/api/v2/summary.json`,
    };
    [world, browser] = await Promise.all([
      worldWithHistory({ clock, services: [svc], env: { PROBE_ALLOW_PRIVATE: 'true' } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    statusPage.closeAllConnections();
    await new Promise((r) => statusPage.close(r));
  });

  it(
    'shows the incident with its graph, duration, report button and share link, then the official lead and ' +
      'the end, live',
    async () => {
      clock.advance(70_000);
      await world.prober.tick();
      const incident = await openIncident(world, clock, svc.slug);
      const context = await browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.url });
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
      await page.goto(`${world.url}/incidents/${incident.id}`);

      const graph = page.getByTestId('incident-graph');
      await expect.poll(() => graph.locator('canvas').count(), { timeout: 5_000 }).toBeGreaterThan(0);
      // The summary read to screen readers counts the burst of 40 and the trickle before it.
      const said = await graph.locator('[role="img"]').getAttribute('aria-label');
      expect(said).toMatch(/^\d+ reports in this incident; the busiest 1-minute span was .+ with (4\d|5\d)\./);
      await expect.poll(() => page.getByTestId('incident-duration').textContent()).toMatch(/^for \d/);
      await expect.poll(() => page.getByRole('button', { name: "I'm having problems" }).count()).toBe(1);
      // The server-rendered page hydrates as it was rendered.
      expect(warnings.filter((w) => /hydrat/i.test(w))).toEqual([]);

      const link = `${world.url}/incidents/${incident.id}`;
      expect(await page.getByLabel('Link to this page').inputValue()).toBe(link);
      await page.getByRole('button', { name: 'Copy link' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Link copied' }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

      // The vendor's page turns 14 minutes after we opened the incident: the page says who was first.
      clock.advance(14 * MINUTE);
      actions.status = 'major_outage';
      await world.prober.tick();
      await expect
        .poll(() => page.getByTestId('official-lead').textContent(), { timeout: 5_000 })
        .toContain('We saw it 14 min before the official page');

      // Resolved by an operator: the duration becomes how long it lasted, and the report button goes.
      const ops = await signedInOperator(world.url);
      await ops.post(`/api/admin/incidents/${incident.id}/resolve`).send({ body: 'Payments work again.' }).expect(200);
      const lasted = Math.round((clock.now() - Date.parse(incident.startedAt)) / MINUTE);
      await expect
        .poll(() => page.getByTestId('incident-duration').textContent(), { timeout: 5_000 })
        .toBe(`lasted ${lasted} min`);
      await expect.poll(() => page.getByRole('button', { name: "I'm having problems" }).count()).toBe(0);
      await context.close();
    },
  );

  it('switches the service graph between 24 hours, 7 days and 30 days, and shows the usual lead', async () => {
    await world.refresh();
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${svc.slug}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Reports in the last 24 hours' }).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('official-lead').textContent())
      .toContain('We usually see trouble 14 min before the official page (median of 1 incident)');

    const ranges = page.getByRole('group', { name: 'Graph range' });
    await ranges.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Reports in the last 7 days' }).count()).toBe(1);
    const week = page.getByTestId('range-graph');
    await expect.poll(() => week.getAttribute('data-range'), { timeout: 5_000 }).toBe('7d');
    // Three days of seeded history, counted hourly.
    await expect
      .poll(() => week.locator('[role="img"]').getAttribute('aria-label'))
      .toMatch(/^[\d,]+ reports in the last 7 days; the busiest hour was/);
    expect(await page.getByRole('group', { name: 'Bar width' }).count()).toBe(0);

    await ranges.getByRole('button', { name: '30 days' }).click();
    await expect.poll(() => page.getByTestId('range-graph').getAttribute('data-range'), { timeout: 5_000 }).toBe('30d');
    await expect.poll(() => page.getByRole('heading', { name: 'Reports in the last 30 days' }).count()).toBe(1);

    await ranges.getByRole('button', { name: '24 h' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Bar width' }).count()).toBe(1);
    expect(await page.getByTestId('range-graph').count()).toBe(0);
  });
});
