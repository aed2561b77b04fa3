import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';

describe('the API reference at /api/docs', () => {
  const t = browserWorld({ services: [testService()] });

  it(
    'renders the operations from /api/openapi.json and sends a test request, under the app CSP, asking ' +
      'nothing of other sites',
    async () => {
      const context = await t.browser.newContext();
      const problems: string[] = [];
      const elsewhere: string[] = [];
      await context.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__violations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
        );
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy/i.test(m.text()))
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith(t.world.url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });

      const res = await page.goto(`${t.world.url}/api/docs`);
      expect(res!.status()).toBe(200);
      expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await page.getByText('List services with their current status').first().waitFor({ timeout: 20_000 });

      // Every operation in the document is on the page, under its tag.
      const doc = (await (await fetch(`${t.world.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(doc.paths).reduce(
        (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length,
        0,
      );
      await expect.poll(() => page.locator('.opblock').count()).toBe(operations);
      const incidents = page.locator('.opblock-tag-section').filter({ has: page.locator('#operations-tag-Incidents') });
      await expect
        .poll(() => incidents.getByText('Recent incidents of every service, newest first').count())
        .toBeGreaterThan(0);

      // Interactive: "Try it out" → Execute sends a request to this server and shows the answer.
      const op = page.locator('#operations-Services-listServices');
      await op.locator('.opblock-summary-control').click({ timeout: 5_000 });
      await op.getByRole('button', { name: 'Try it out' }).click({ timeout: 5_000 });
      const served = page.waitForResponse(
        (r) => r.url() === `${t.world.url}/api/services` && r.request().method() === 'GET',
      );
      await op.getByRole('button', { name: 'Execute' }).click({ timeout: 5_000 });
      expect((await served).status()).toBe(200);
      await expect
        .poll(() => op.locator('.live-responses-table tbody .response-col_status').first().textContent())
        .toMatch(/^\s*200/);

      const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
      await context.close();
    },
  );
});
