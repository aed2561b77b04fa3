import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { worldWithHistoryAndBrowser } from '../helpers/browser-world.ts';
import { as, testService, type World } from '../helpers/world.ts';

describe('the incident banner in the browser', () => {
  const svc = testService({ name: 'Acme Mail' });
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    [world, browser] = await worldWithHistoryAndBrowser({ services: [svc] });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('appears live when reports jump, says since when, and leads to the incident page', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${svc.slug}`);
    const banner = page.getByTestId('status-banner');
    await expect.poll(() => banner.textContent()).toContain('No problems detected with Acme Mail');
    // The graph draws what is usual behind the bars.
    await expect.poll(() => page.getByText('Usual for this time, with its normal range').count()).toBe(1);

    await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        request(world.url)
          .post(`/api/services/${svc.slug}/reports`)
          .set(as(`e2e-${i}`))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );
    await world.detection.tick();

    await expect
      .poll(() => banner.textContent(), { timeout: 5_000 })
      .toMatch(/User reports indicate problems with Acme Mail since \d/);
    await expect
      .poll(() => banner.textContent(), { timeout: 5_000 })
      .toMatch(/\d+ reports in the last (\d+ )?minutes?, [\d.]+×/);
    await banner.getByRole('link', { name: /Incident details/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/outage of Acme Mail/i);
    await expect.poll(() => page.getByText('Ongoing since').count()).toBe(1);
    await expect.poll(() => page.getByText('No updates from our operators yet.').count()).toBe(1);

    // A story told about this incident gathers on its page, live.
    const incidentId = /\/incidents\/([a-f0-9]{24})/.exec(page.url())![1];
    await request(world.url)
      .post(`/api/services/${svc.slug}/stories`)
      .set(as('storyteller'))
      .send({
        kind: 'recovery',
        title: 'We moved invoices to the backup mailer',
        body:
          'Outgoing invoices bounced for an hour, so we switched the sender to our backup provider and ' +
          'resent them.',
        incidentId,
        elapsedMs: 60_000,
      })
      .expect(201);
    await expect
      .poll(() => page.getByText('We moved invoices to the backup mailer').count(), { timeout: 5_000 })
      .toBe(1);
  });

  it('lists the service first on the home page, saying since when', async () => {
    const page = await browser.newPage();
    await page.goto(world.url);
    const first = page.getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain('Acme Mail');
    expect(await first.textContent()).toMatch(/Problems since/);
  });
});
