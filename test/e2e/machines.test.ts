import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { manualClock, startWorld, testService } from '../helpers/world.ts';

/** A local "service" answering 503, and its status page saying one component is in partial outage. */
async function brokenServiceWithStatusPage() {
  const summary = JSON.parse(readFileSync('test/fixtures/statuspage/github-operational.summary.json', 'utf8'));
  summary.status = { indicator: 'minor', description: 'Partially Degraded Service' };
  const api = summary.components.find((c: { name: string }) => c.name === 'API Requests');
  api.status = 'partial_outage';
  const server = http.createServer((req, res) => {
    if (req.url === '/api/v2/summary.json')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary));
    res.writeHead(503, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function report(page: Page, name: string, problem: RegExp) {
  await page.getByRole('button', { name: `I'm having problems with ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: problem }).check();
  await dialog.getByRole('button', { name: 'Report problem' }).click();
  await expect
    .poll(() => dialog.getByRole('heading').textContent(), { timeout: 15_000 })
    .toBe('Thanks — your report is counted');
}

describe('what the machines say, on the service page', () => {
  let site: Awaited<ReturnType<typeof brokenServiceWithStatusPage>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let browser: Browser;
  let broken: ReturnType<typeof testService>;
  let unreachable: ReturnType<typeof testService>;
  // The prober spreads first runs over up to 15 s; the test moves this clock past that and ticks.
  const clock = manualClock(Date.now());

  beforeAll(async () => {
    site = await brokenServiceWithStatusPage();
    broken = testService({
      name: 'Acme Broken',
      homepage: `${site.base}/`,
      probes: [
        { kind: 'http', id: 'homepage', name: 'Homepage', url: `${site.base}/`, intervalSeconds: 15, timeoutMs: 2_000 },
      ],
      official: { kind: 'statuspage', url: `${site.base}/api/v2/summary.json` },
    });
    unreachable = testService({ name: 'Acme Gone', homepage: `http://127.0.0.1:${await closedPort()}/` });
    [world, browser] = await Promise.all([
      startWorld({ clock, services: [broken, unreachable], env: { PROBE_ALLOW_PRIVATE: '1', PROBE_TICK_MS: '200' } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await site?.close();
  });

  it('shows a failing probe with its error in plain words and the official page by component', async () => {
    clock.advance(16_000);
    await world.prober.tick();
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${broken.slug}`);
    await expect.poll(() => page.getByText('1 of 1 check failing').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByText(/HTTP 503, expected 200–399/).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('API Requests: Partial outage').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId('status-banner').textContent(), { timeout: 15_000 })
      .not.toContain('No problems detected');
  });

  it("counts a reporter's browser reaching the service (an error page is still an answer)", async () => {
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${broken.slug}`);
    await report(page, 'Acme Broken', /Login/);
    await expect
      .poll(() => page.getByTestId('reachability').textContent(), { timeout: 10_000 })
      .toMatch(/0 of 1\s+reporters/);
  });

  it('counts a reporter whose browser cannot reach the service at all', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${unreachable.slug}`);
    await report(page, 'Acme Gone', /Login/);
    await expect
      .poll(() => page.getByTestId('reachability').textContent(), { timeout: 10_000 })
      .toMatch(/1 of 1\s+reporters in the last hour\s+could not reach/);
  });
});
