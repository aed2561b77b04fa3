import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { ServiceDetail } from '../../shared/index.ts';
import { worldWithHistoryAndBrowser } from '../helpers/browser-world.ts';
import { as, testService, type World } from '../helpers/world.ts';
import { localTimesIn } from '../../client/src/lib/local-times.ts';

/** Every console error or warning (Svelte's hydration_mismatch is one) and every uncaught exception. */
async function watchedContext(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext(opts);
  const problems: string[] = [];
  const requested: string[] = [];
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  });
  return { context, problems, requested };
}

describe('server-rendered pages in the browser', () => {
  const svc = testService({ name: 'Acme Docs' });
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    [world, browser] = await worldWithHistoryAndBrowser({ services: [svc] });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it(
    'hydrates the status page without a warning or a refetch, ' + 'in another zone and language, then follows it live',
    async () => {
      // Times and numbers read differently here than on the server (UTC, English): text may change, structure must not.
      const watched = await watchedContext(browser, { timezoneId: 'Pacific/Auckland', locale: 'de-DE' });
      const page = await watched.context.newPage();
      await page.goto(`${world.url}/status/${svc.slug}`);
      const banner = page.getByTestId('status-banner');
      await expect.poll(() => page.getByText('Live', { exact: true }).count()).toBe(1);
      expect(await banner.textContent()).toContain('No problems detected with Acme Docs');
      expect(await page.title()).toMatch(
        /^Is Acme Docs down\? No problems detected — \d+ reports in the last hour \| Outage radar$/,
      );
      // Hydrated, not just painted: the page's own buttons answer.
      await page.getByRole('button', { name: '1 min' }).click();
      await expect.poll(() => page.getByRole('button', { name: '1 min' }).getAttribute('aria-pressed')).toBe('true');
      expect(watched.requested).not.toContain(`/api/services/${svc.slug}`);

      await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          request(world.url)
            .post(`/api/services/${svc.slug}/reports`)
            .set(as(`ssr-e2e-${i}`))
            .send({ problem: 'errors' })
            .expect(201),
        ),
      );
      await world.detection.tick();
      await expect
        .poll(() => banner.textContent(), { timeout: 5_000 })
        .toMatch(/User reports indicate problems with Acme Docs since/);
      await expect
        .poll(() => page.title())
        .toMatch(/^Is Acme Docs down\? (Partial|Major) outage now — \d+ reports in the last hour \| Outage radar$/);

      // The incident and story pages hydrate just as cleanly.
      const { incident } = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200))
        .body as ServiceDetail;
      await page.goto(`${world.url}/incidents/${incident!.id}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/outage of Acme Docs/i);
      await expect.poll(() => page.getByText('Live', { exact: true }).count()).toBe(0);
      const story = (
        await request(world.url)
          .post(`/api/services/${svc.slug}/stories`)
          .set(as('ssr-storyteller'))
          .send({
            kind: 'testimonial',
            title: 'Our wiki vanished mid-meeting',
            body: 'Every page answered with an error for an hour, so we took notes on paper instead.',
            elapsedMs: 60_000,
          })
          .expect(201)
      ).body as { id: string };
      await page.goto(`${world.url}/stories/${story.id}`);
      await page.getByRole('button', { name: 'Helpful (0)' }).click();
      await expect.poll(() => page.getByRole('button', { name: /Helpful \(1\)/ }).count()).toBe(1);
      expect(watched.requested).not.toContain(`/api/stories/${story.id}`);
      expect(watched.problems).toEqual([]);
      await watched.context.close();
    },
  );

  it('shows the verdict and its reasons with JavaScript turned off', async () => {
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body as ServiceDetail;
    expect(detail.status.reasons.length).toBeGreaterThan(0);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${world.url}/status/${svc.slug}`);
    expect(await page.title()).toMatch(/^Is Acme Docs down\? .* now — \d+ reports in the last hour/);
    const banner = page.getByTestId('status-banner');
    expect(await banner.textContent()).toMatch(/User reports indicate problems with Acme Docs since/);
    const shown = await banner.getByRole('listitem').allTextContents();
    // As the reasons read in the API, with their UTC times in the zone the page was rendered in (the server's here).
    expect(shown).toEqual(detail.status.reasons.map((r) => localTimesIn(r, Date.now())));
    expect(await page.getByTestId('reports-last-hour').textContent()).toBe(
      detail.stats.lastHour.toLocaleString('en-US'),
    );
    await context.close();
  });
});
