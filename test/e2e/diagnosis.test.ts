import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { ServiceDetail } from '../../shared/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { manualClock, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';

/** A port nothing listens on: the visitor's browser is refused at once. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('a diagnosed outage on the service page', () => {
  const clock = manualClock();
  // Their servers answer, with errors: what the probes see.
  let answer = 503;
  const site = http.createServer((_req, res) =>
    res.writeHead(answer, { 'content-type': 'text/plain' }).end(`status ${answer}`),
  );
  let svc: ReturnType<typeof testService>;
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  let browser: Browser;

  beforeAll(async () => {
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const port = (site.address() as net.AddressInfo).port;
    svc = testService({
      name: 'Acme Mail',
      // The homepage the visitor's browser tries refuses connections: they cannot reach it either.
      homepage: `http://127.0.0.1:${await closedPort()}/`,
      probes: [
        {
          kind: 'http',
          id: 'web',
          name: 'Website',
          url: `http://127.0.0.1:${port}/`,
          intervalSeconds: 15,
          timeoutMs: 2_000,
        },
        {
          kind: 'http',
          id: 'api',
          name: 'API',
          url: `http://127.0.0.1:${port}/api`,
          intervalSeconds: 15,
          timeoutMs: 2_000,
        },
      ],
    });
    [world, browser] = await Promise.all([
      worldWithHistory({ clock, services: [svc], env: { PROBE_ALLOW_PRIVATE: 'true' } }),
      launchChromium(),
    ]);
    clock.advance(70_000);
    await world.prober.tick();
    await openIncident(world, clock, svc.slug, 'errors');
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    site.closeAllConnections();
    await new Promise((r) => site.close(r));
  });

  async function diagnosedPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    // A new visitor each time: nothing remembered from another test.
    const page = await browser.newPage({ viewport });
    await page.goto(`${world.url}/status/${svc.slug}`);
    await page.getByRole('heading', { name: 'Likely cause' }).waitFor();
    return page;
  }

  it('shows the likely cause in plain words, with the evidence behind a disclosure', async () => {
    const detail: ServiceDetail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.diagnosis?.cause).toBe('server-errors');
    const page = await diagnosedPage();
    const cause = page.getByRole('region', { name: 'Likely cause' });
    expect(await cause.textContent()).toContain('Server errors');
    expect(detail.diagnosis!.summary).toMatch(
      /^Their servers are answering with errors: both HTTP probes get HTTP 503/,
    );
    expect(await cause.textContent()).toContain(detail.diagnosis!.summary);
    expect(await cause.textContent()).toMatch(/(likely|probably|possibly) · \d+%/);

    const line = cause.locator('li').first();
    expect(await line.isVisible()).toBe(false);
    await cause.getByText('Why we think so').click();
    expect(await line.isVisible()).toBe(true);
    // Each line says for screen readers whether it points to the cause or away from it.
    expect(await line.textContent()).toMatch(new RegExp(`^\\s*✓\\s*For:\\s*${detail.diagnosis!.evidence[0]!.text}`));
    if (process.env.SCREENSHOT_DIR)
      console.log(JSON.stringify(detail.diagnosis, null, 2), '\n', await cause.innerText());
    expect(await page.getByTestId('cause-announcer').textContent()).toBe('');
    await page.close();
  });

  it('says what to do, the business part folded away', async () => {
    const page = await diagnosedPage();
    const todo = page.getByRole('region', { name: 'What to do' });
    await todo.getByRole('heading', { name: 'What you can do' }).waitFor();
    expect(await todo.locator('ol').first().locator('li').count()).toBeGreaterThan(1);
    const business = todo.getByText('If your business depends on it');
    const firstBusinessStep = todo.locator('details li').first();
    expect(await firstBusinessStep.isVisible()).toBe(false);
    await business.click();
    expect(await firstBusinessStep.isVisible()).toBe(true);
    await page.close();
  });

  it(
    'answers "It\'s not just you" when the visitor asks ' + 'their browser to check, and can do so on every visit',
    async () => {
      const page = await diagnosedPage();
      const justMe = page.getByRole('region', { name: 'Is it just me?' });
      // Nothing is tried before the visitor asks.
      expect(await justMe.getByTestId('just-me-answer').count()).toBe(0);
      await justMe.getByRole('button', { name: 'Check from my browser' }).click();
      await expect
        .poll(() => justMe.getByTestId('just-me-answer').textContent(), { timeout: 10_000 })
        .toBe("It's not just you");
      const said = await justMe.textContent();
      expect(said).toMatch(/\d+ people reported problems in the last hour and our probes fail too\./);
      expect(said).toMatch(/ Your browser could not reach 127\.0\.0\.1:\d+ either\./);

      await justMe.getByLabel('Always check on load').check();
      await page.reload();
      await expect
        .poll(() => page.getByTestId('just-me-answer').textContent(), { timeout: 10_000 })
        .toBe("It's not just you");
      await page.close();
    },
  );

  it(
    'reloads the page once to check when the visitor came to it inside the app (the CSP allows the homepage ' +
      'only then)',
    async () => {
      const page = await browser.newPage();
      await page.goto(world.url);
      await page
        .getByRole('link', { name: /Acme Mail/ })
        .first()
        .click();
      await page.getByRole('heading', { name: 'Likely cause' }).waitFor();
      const loads: string[] = [];
      page.on('load', () => loads.push(page.url()));
      await page.getByRole('button', { name: 'Check from my browser' }).click();
      await expect
        .poll(() => page.getByTestId('just-me-answer').textContent(), { timeout: 10_000 })
        .toBe("It's not just you");
      expect(loads).toEqual([`${world.url}/status/${svc.slug}`]);
      await page.close();
    },
  );

  it(
    'finds nothing for axe on the diagnosed page, ' + 'disclosures open, and draws it on a desktop and a phone',
    async () => {
      for (const [name, viewport] of [
        ['desktop', { width: 1280, height: 900 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const page = await diagnosedPage(viewport);
        await page.getByText('Why we think so').click();
        await page.getByText('If your business depends on it').click();
        await page.getByRole('button', { name: 'Check from my browser' }).click();
        await expect
          .poll(() => page.getByTestId('just-me-answer').textContent(), { timeout: 10_000 })
          .toBe("It's not just you");
        expect(describeViolations(await axeViolations(page))).toBe('');
        if (process.env.SCREENSHOT_DIR) {
          // From the top to the end of "What to do": what a visitor in an outage reads first.
          await page.evaluate(() => window.scrollTo(0, 0));
          const end = await page.getByRole('region', { name: 'What to do' }).boundingBox();
          const clip = { x: 0, y: 0, width: viewport.width, height: Math.ceil(end!.y + end!.height + 16) };
          await page.screenshot({
            path: path.join(process.env.SCREENSHOT_DIR, `diagnosed-${name}.png`),
            fullPage: true,
            clip,
          });
        }
        await page.close();
      }
    },
  );

  // Last: it changes the world the tests above read.
  it('follows the diagnosis live, and tells screen readers only when the cause changes', async () => {
    const page = await diagnosedPage();
    const cause = page.getByRole('region', { name: 'Likely cause' });
    const announcer = page.getByTestId('cause-announcer');
    clock.advance(17_000);
    await world.prober.tick();
    // Still failing: the summary may be rebuilt, the cause is the same and nothing is said.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await announcer.textContent()).toBe('');

    answer = 429;
    clock.advance(17_000);
    await world.prober.tick();
    const detail: ServiceDetail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    // Both probes turned away with 429: more demand than they can serve.
    expect(detail.diagnosis?.cause).toBe('overload');
    await expect.poll(() => cause.textContent(), { timeout: 5_000 }).toContain('Overloaded');
    // Said once, with the new summary.
    await expect
      .poll(() => announcer.textContent(), { timeout: 15_000 })
      .toBe(`Likely cause: ${detail.diagnosis!.summary}`);

    // Probes pass again while reports still run far above the usual: no cause is claimed, and the page says so.
    answer = 200;
    clock.advance(17_000);
    await world.prober.tick();
    const after: ServiceDetail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(after.diagnosis).toBeNull();
    await expect.poll(() => cause.textContent(), { timeout: 5_000 }).toContain('Not clear yet');
    await page.close();
  });
});
