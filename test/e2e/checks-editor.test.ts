import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { browserWorld } from '../helpers/browser-world.ts';
import { signedInOperator, testService } from '../helpers/world.ts';
import { signInAsOperator } from './page-actions.ts';

describe('editing probes and the official page in the operator console', () => {
  const svc = testService({ name: 'Acme Checks' });
  const t = browserWorld({ services: [svc], env: { PROBE_ALLOW_PRIVATE: '1' } });

  it(
    'adds a probe and an official page, ' + 'showing the API’s field errors beside the fields until they are right',
    async () => {
      const context = await t.browser.newContext();
      const page = await context.newPage();
      await signInAsOperator(page, t.world.url);
      const editor = page.getByRole('region', { name: 'Automated checks and official status page' });
      await editor.getByLabel('Service to edit').selectOption(svc.slug);
      await editor.getByText('No probes yet.').waitFor();

      await editor.getByRole('button', { name: 'Add a probe' }).click();
      await editor.getByLabel('Name').fill('Home page');
      await editor.getByLabel('Every (seconds)').fill('5');
      await editor.locator('#pr-0-url').fill('not a url');
      await editor.getByRole('button', { name: 'Save probes' }).click();
      await expect
        .poll(() => editor.locator('#pr-0-url-error').textContent())
        .toBe('url must be a full http:// or https:// address');
      expect(await editor.locator('#pr-0-intervalSeconds-error').textContent()).toBe(
        'probes run at most every 15 seconds',
      );
      expect(await editor.locator('#pr-0-url').getAttribute('aria-invalid')).toBe('true');

      await editor.getByLabel('Every (seconds)').fill('30');
      await editor.locator('#pr-0-url').fill('http://127.0.0.1:9/health');
      await editor.getByRole('button', { name: 'Save probes' }).click();
      await expect.poll(() => editor.getByRole('status').textContent()).toBe('Saved 1 check for Acme Checks.');

      await editor.getByLabel('Kind').last().selectOption('statuspage');
      await editor.locator('#of-url').fill('ftp://status.example');
      await editor.getByRole('button', { name: 'Save official page' }).click();
      await expect
        .poll(() => editor.locator('#of-url-error').textContent())
        .toBe('url must be a full http:// or https:// address');
      await editor.locator('#of-url').fill('http://127.0.0.1:9/api/v2/summary.json');
      await editor.getByRole('button', { name: 'Save official page' }).click();
      await expect
        .poll(() => editor.getByRole('status').textContent())
        .toBe('Saved the official status page of Acme Checks.');

      const ops = await signedInOperator(t.world.url);
      const checks = (await ops.get(`/api/admin/services/${svc.slug}/checks`).expect(200)).body;
      expect(checks.probes).toMatchObject([
        { kind: 'http', id: 'check-1', name: 'Home page', intervalSeconds: 30, url: 'http://127.0.0.1:9/health' },
      ]);
      expect(checks.official).toEqual({ kind: 'statuspage', url: 'http://127.0.0.1:9/api/v2/summary.json' });

      // Settings the form does not show survive an edit made in it.
      await ops
        .put(`/api/admin/services/${svc.slug}/probes`)
        .send({ probes: [{ ...checks.probes[0], expectText: 'Welcome' }] })
        .expect(200);
      await page.reload();
      await editor.getByLabel('Service to edit').selectOption(svc.slug);
      await editor.getByLabel('Name').fill('Front page');
      await editor.getByRole('button', { name: 'Save probes' }).click();
      await expect.poll(() => editor.getByRole('status').textContent()).toBe('Saved 1 check for Acme Checks.');
      expect((await request(t.world.url).get(`/api/services/${svc.slug}`).expect(200)).body.probes[0].name).toBe(
        'Front page',
      );
      expect((await ops.get(`/api/admin/services/${svc.slug}/checks`).expect(200)).body.probes[0]).toMatchObject({
        name: 'Front page',
        expectText: 'Welcome',
      });
      await context.close();
    },
  );
});
