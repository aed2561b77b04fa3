import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';

describe('reporting a problem in the browser', () => {
  const svc = testService({ name: 'Acme Chat' });
  const t = browserWorld({ services: [svc] });

  it('moves the count and the comments on a second page that stayed open, without a reload', async () => {
    const reporter = await t.browser.newPage();
    const watcher = await t.browser.newPage();
    await Promise.all([
      reporter.goto(`${t.world.url}/status/${svc.slug}`),
      watcher.goto(`${t.world.url}/status/${svc.slug}`),
    ]);
    await expect.poll(() => watcher.getByTestId('reports-last-hour').textContent()).toBe('0');
    await expect.poll(() => watcher.getByText('Live', { exact: true }).count()).toBe(1);
    expect(await reporter.title()).toBe(
      'Is Acme Chat down? No problems detected — 0 reports in the last hour | Outage radar',
    );

    await reporter.getByRole('button', { name: "I'm having problems with Acme Chat" }).click();
    const dialog = reporter.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Error messages/ }).check();
    await dialog.getByRole('textbox').fill('Checkout shows error 502');
    await dialog.getByRole('button', { name: 'Report problem' }).click();
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Thanks — your report is counted');

    await expect.poll(() => watcher.getByTestId('reports-last-hour').textContent(), { timeout: 5_000 }).toBe('1');
    await expect.poll(() => watcher.getByText('Checkout shows error 502').count()).toBe(1);
    await expect.poll(() => watcher.getByText(/Error messages\s*100%/).count()).toBe(1);
  });

  it('says so when the same person reports again within ten minutes', async () => {
    const page = await t.browser.newPage();
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    await page.getByRole('button', { name: /having problems|report again/ }).click();
    await page.getByRole('dialog').getByRole('radio', { name: /Login/ }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Report problem' }).click();
    await expect
      .poll(() => page.getByRole('dialog').getByRole('heading').textContent())
      .toBe('You already reported this');
  });

  it('keeps a report waiting while the server sheds load, says so, and sends it again by itself', async () => {
    const page = await t.browser.newPage();
    // The first two tries meet a server turning reports away, as on outage day; then the real one.
    let refused = 0;
    await page.route('**/api/services/*/reports', async (route) => {
      if (refused++ < 2) {
        await route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '1' },
          body: JSON.stringify({ error: { code: 'overloaded', message: 'Too many reports are arriving right now.' } }),
        });
      } else await route.continue();
    });
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    await page.getByRole('button', { name: /having problems|report again/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /API/ }).check();
    await dialog.getByRole('button', { name: 'Report problem' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(/yours is waiting\. It will be sent again in \d+ s/);
    await expect
      .poll(() => dialog.getByRole('heading').textContent(), { timeout: 15_000 })
      .toMatch(/Thanks — your report is counted|You already reported this/);
    expect(refused).toBe(3);
  });

  it('shows a page a person can act on for a service it does not follow', async () => {
    const page = await t.browser.newPage();
    const res = await page.goto(`${t.world.url}/status/not-followed`);
    expect(res!.status()).toBe(404);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('We don\'t follow "not-followed" (yet)');
  });
});
