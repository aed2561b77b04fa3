import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { manualClock, testService } from '../helpers/world.ts';

describe('following a service from elsewhere', () => {
  const svc = testService({ name: 'Acme Pay' });
  const t = browserWorld({ clock: manualClock(), services: [svc] });

  it('offers its feeds, a badge that loads, and snippets that copy with absolute addresses', async () => {
    const context = await t.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.world.url });
    const page = await context.newPage();
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    const panel = page.getByRole('region', { name: 'Follow and share' });

    const feed = panel.getByRole('link', { name: 'Atom feed' });
    const feedAnswer = await page.request.get(new URL((await feed.getAttribute('href'))!, t.world.url).href);
    expect(feedAnswer.status()).toBe(200);
    expect(feedAnswer.headers()['content-type']).toContain('application/atom+xml');

    await panel.getByText("Put Acme Pay's status on your site").click();
    const badge = panel.getByRole('img', { name: 'Acme Pay status badge' });
    await expect.poll(() => badge.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await panel.getByRole('button', { name: 'Copy Badge (Markdown)' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Copy Badge (Markdown)' }).textContent()).toBe('Copied');
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toBe(
      `[![Acme Pay status](${t.world.url}/badge/${svc.slug}.svg)](${t.world.url}/status/${svc.slug})`,
    );
    expect(await panel.getByLabel('Live card (iframe)', { exact: true }).inputValue()).toContain(
      `src="${t.world.url}/embed/${svc.slug}"`,
    );

    // Nothing is wider than a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
