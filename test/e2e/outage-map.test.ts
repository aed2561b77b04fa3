import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startWorld, testService } from '../helpers/world.ts';
import { peopleIn, type LocatedPerson } from '../helpers/located-people.ts';

/** A context whose pages record console errors and warnings (hydration_mismatch is one) and uncaught exceptions. */
async function watchedContext(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext(opts);
  const problems: string[] = [];
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });
  return { context, problems };
}

describe('the outage map on a service page', () => {
  const svc = testService({ name: 'Acme Maps' });
  let world: Awaited<ReturnType<typeof startWorld>>;
  let browser: Browser;
  let germans: LocatedPerson[];
  let french: LocatedPerson[];
  let japanese: LocatedPerson[];

  beforeAll(async () => {
    [germans, french, japanese] = await Promise.all([
      peopleIn('DE', 3, 'map-de'),
      peopleIn('FR', 2, 'map-fr'),
      peopleIn('JP', 1, 'map-jp'),
    ]);
    [world, browser] = await Promise.all([
      startWorld({ services: [svc], env: { SHED_LAG_MS: '10000' } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const report = (p: LocatedPerson) =>
    request(world.url).post(`/api/services/${svc.slug}/reports`).set(p.headers).send({ problem: 'login' }).expect(201);

  it('draws a bubble per city with the top locations beside it, and follows new reports live', async () => {
    for (const p of [...germans, ...french]) await report(p);
    const watched = await watchedContext(browser);
    const page = await watched.context.newPage();
    await page.goto(`${world.url}/status/${svc.slug}`);
    const map = page.getByTestId('outage-map');
    // The list is the map's text alternative, in the server-rendered page already.
    const list = map.getByTestId('top-locations');
    await expect
      .poll(() => list.locator('li').allTextContents())
      .toEqual([
        'Germany 3 (60%)',
        'France 2 (40%)',
        `${germans[0]!.place.city.name}, Germany 3`,
        `${french[0]!.place.city.name}, France 2`,
      ]);
    expect(await map.locator('figure figcaption').textContent()).toMatch(
      /^Reports in the last hour by place: 5 located, the most from Germany \(3\)\./,
    );
    await expect.poll(() => map.locator('svg circle.bubble').count()).toBe(2);
    expect(await map.locator('svg').getAttribute('role')).toBe('img');
    // Bigger for more reports: Berlin's three against Paris's two.
    const radii = await map
      .locator('svg circle.bubble')
      .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('r'))));
    expect(radii[0]).toBeGreaterThan(radii[1]!);
    expect(await map.locator('svg circle.bubble title').first().textContent()).toBe(
      `${germans[0]!.place.city.name}, Germany: 3 reports`,
    );
    await expect.poll(() => page.getByText('Live', { exact: true }).count()).toBe(1);

    await report(japanese[0]!);
    await expect.poll(() => map.locator('svg circle.bubble').count(), { timeout: 5_000 }).toBe(3);
    expect(await list.textContent()).toContain('Japan');
    if (process.env.MAP_SCREENSHOT) await map.screenshot({ path: `${process.env.MAP_SCREENSHOT}.desktop.png` });
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });

  it('fits a phone screen without scrolling sideways', async () => {
    const watched = await watchedContext(browser, {
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await watched.context.newPage();
    await page.goto(`${world.url}/status/${svc.slug}`);
    const map = page.getByTestId('outage-map');
    await expect.poll(() => map.locator('svg circle.bubble').count()).toBe(3);
    const box = await map.locator('svg').boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (process.env.MAP_SCREENSHOT) await map.screenshot({ path: process.env.MAP_SCREENSHOT });
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });
});
