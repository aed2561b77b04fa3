import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';
import { postComment, signInAsOperator, writeStory } from './page-actions.ts';

/**
 * A context whose pages record every console error or warning, every uncaught exception and
 * every `securitypolicyviolation` event (the browser's own report of a CSP refusal).
 */
async function watchedContext(browser: Browser) {
  const context = await browser.newContext();
  const problems: string[] = [];
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(
        `${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ` +
          `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy/i.test(m.text()))
        problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  });
  const violations = async (ctx: BrowserContext) =>
    (
      await Promise.all(
        ctx.pages().map((p) => p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
      )
    ).flat();
  return { context, problems, violations: () => violations(context) };
}

describe("the built client under the server's Content-Security-Policy", () => {
  const svc = testService({ name: 'Acme Pay' });
  const t = browserWorld({ services: [svc] });

  it(
    'loads and uses the service page, ' + 'a story page and the admin page with no CSP violation and no error',
    async () => {
      const reader = await watchedContext(t.browser);
      const page = await reader.context.newPage();
      await page.clock.install();
      const res = await page.goto(`${t.world.url}/status/${svc.slug}`);
      expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await expect.poll(() => page.getByText('Live', { exact: true }).count()).toBe(1);

      // The form checks with the shared zod schema before sending: zod runs in the page, under the CSP.
      const commentPosts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/comments$/.test(new URL(r.url()).pathname)) commentPosts.push(r.url());
      });
      await page.getByLabel('Add a comment').fill('See https://a.example.com and https://b.example.com');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await expect.poll(() => page.getByText('A comment can contain at most 1 link').count()).toBe(1);
      expect(commentPosts).toEqual([]);

      await postComment(page, 'Card payments time out at the last step');
      await page.getByRole('button', { name: 'Flag this comment' }).click();
      await page.getByRole('button', { name: 'Send flag' }).click();
      await expect.poll(() => page.getByText('Thanks, an operator will look at it').count()).toBe(1);
      await writeStory(page, {
        kind: 'recovery',
        title: 'How we kept selling with cash',
        body: 'When card payments failed we put up a sign, took cash and bank transfers, and sent invoices after.',
      });
      await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Recovery story', exact: true }).click();
      await page.getByLabel('Sort').selectOption('helpful');
      await page.getByRole('button', { name: 'Helpful (0)' }).click();
      await expect.poll(() => page.getByRole('button', { name: /Helpful \(1\)/ }).count()).toBe(1);
      await page.getByRole('link', { name: 'How we kept selling with cash' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('How we kept selling with cash');
      await page.goBack();
      await page.getByRole('heading', { name: 'Is Acme Pay down?' }).waitFor();

      const ops = await watchedContext(t.browser);
      const admin = await ops.context.newPage();
      await signInAsOperator(admin, t.world.url);
      for (const filter of ['Flagged', 'Hidden', 'All', 'Held'])
        await admin.getByRole('button', { name: filter, exact: true }).click();
      await admin.getByLabel('Service', { exact: true }).selectOption(svc.slug);
      await admin.getByLabel('Title', { exact: true }).fill('Payment processor switch');
      await admin.getByRole('button', { name: 'Declare maintenance' }).click();
      await expect.poll(() => admin.getByText('Declared "Payment processor switch" for Acme Pay.').count()).toBe(1);
      await expect
        .poll(() => admin.getByRole('listitem').filter({ hasText: 'Payment processor switch' }).count())
        .toBe(1);
      await expect.poll(() => admin.getByRole('table').textContent()).toMatch(/Declared maintenance/);

      // The reader's page, still open, learns of the window live.
      await expect
        .poll(() => page.getByText(/Scheduled maintenance:\s*Payment processor switch/).count(), { timeout: 5_000 })
        .toBe(1);

      await admin.getByRole('button', { name: 'Sign out' }).click();
      await admin.getByRole('heading', { name: 'Operator sign-in' }).waitFor();

      expect([...reader.problems, ...ops.problems]).toEqual([]);
      expect([...(await reader.violations()), ...(await ops.violations())]).toEqual([]);
      await reader.context.close();
      await ops.context.close();
    },
  );
});
