import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';

describe('the API reference at /api/docs', () => {
  const t = browserWorld({ services: [testService()] });

  it('renders the operations from /api/openapi.json and sends a test request, under the app CSP, asking nothing of other sites', async () => {
    const context = await t.browser.newContext();
    const problems: string[] = [];
    const elsewhere: string[] = [];
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(t.world.url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });

    const res = await page.goto(`${t.world.url}/api/docs`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.getByText('List services with their current status').first().waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click({ timeout: 5_000 });
    await expect.poll(() => page.getByText('Recent incidents of every service, newest first').count()).toBeGreaterThan(0);

    // Interactive: the built-in client sends a request to this server and shows the answer.
    const served = page.waitForResponse((r) => r.url() === `${t.world.url}/api/services` && r.request().method() === 'GET');
    await page.getByRole('button', { name: 'Test Request' }).first().click({ timeout: 5_000 });
    await page.getByRole('button', { name: /^Send/ }).first().click({ timeout: 10_000 });
    expect((await served).status()).toBe(200);

    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
