import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startWorld, testService } from '../helpers/world.ts';
import { smtpSink } from '../helpers/smtp-sink.ts';

describe('email alerts in the browser', () => {
  const svc = testService({ name: 'Acme Mail' });
  let browser: Browser;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let withEmail: Awaited<ReturnType<typeof startWorld>>;
  let withoutEmail: Awaited<ReturnType<typeof startWorld>>;
  beforeAll(async () => {
    sink = await smtpSink();
    [browser, withEmail, withoutEmail] = await Promise.all([
      launchChromium(),
      startWorld({ services: [svc], env: { SMTP_URL: sink.url } }),
      startWorld({ services: [svc] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([withEmail?.close(), withoutEmail?.close()]);
    await sink?.close();
  });

  it('shows no subscribe form when the site has no SMTP relay', async () => {
    const page = await browser.newPage();
    await page.goto(`${withoutEmail.url}/status/${svc.slug}`);
    await page.getByRole('button', { name: "I'm having problems" }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('Email me when Acme Mail has problems').count()).toBe(0);
    expect(await page.getByLabel('Your email address').count()).toBe(0);
  });

  it(
    'subscribes through the form on a phone, says to check the inbox, and the mailed link confirms without ' +
      'scripts',
    async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
      // The refused address below logs its 400; what must not appear is a page broken by the CSP.
      const blocked: string[] = [];
      page.on('console', (m) => /Content Security Policy/.test(m.text()) && blocked.push(m.text()));
      await page.goto(`${withEmail.url}/status/${svc.slug}`);
      const input = page.getByLabel('Your email address');
      await input.waitFor();

      // An address that is not one: the server's words, under the field.
      await input.fill('not-an-address');
      await page.getByRole('button', { name: 'Email me' }).click();
      await expect.poll(() => page.getByText('enter an email address like name@example.com').count()).toBe(1);
      expect(await input.getAttribute('aria-invalid')).toBe('true');

      // By keyboard: type and press Enter.
      await input.fill('phone@example.com');
      await input.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Check your inbox' }).count()).toBe(1);
      expect(await page.getByRole('status').filter({ hasText: 'Check your inbox' }).textContent()).toContain(
        'phone@example.com',
      );
      await expect.poll(() => sink.to('phone@example.com').length, { timeout: 5_000 }).toBe(1);

      // The link in the mail, opened in a browser that runs no scripts: a button, then the confirmation.
      const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=\S+/.exec(sink.to('phone@example.com')[0]!.text)![0];
      const noScript = await browser.newContext({ javaScriptEnabled: false });
      const confirm = await noScript.newPage();
      confirm.on('console', (m) => /Content Security Policy/.test(m.text()) && blocked.push(m.text()));
      await confirm.goto(link);
      expect(await withEmail.models.Subscription.countDocuments({ email: 'phone@example.com', state: 'pending' })).toBe(
        1,
      );
      await confirm.getByRole('button', { name: 'Confirm' }).click();
      await confirm.getByRole('heading', { name: 'You are subscribed' }).waitFor();
      expect(
        await withEmail.models.Subscription.countDocuments({ email: 'phone@example.com', state: 'confirmed' }),
      ).toBe(1);
      await noScript.close();
      expect(blocked).toEqual([]);
    },
  );
});
