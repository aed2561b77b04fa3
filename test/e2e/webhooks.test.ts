import { afterAll, describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { manualClock, testService } from '../helpers/world.ts';
import { webhookReceiver } from '../helpers/webhook-receiver.ts';
import { signInAsOperator } from './page-actions.ts';

describe('webhooks on the operators’ page', () => {
  const svc = testService({ name: 'Acme Cloud' });
  const clock = manualClock(Date.now());
  const t = browserWorld({ services: [svc], clock, env: { PROBE_ALLOW_PRIVATE: 'true' } });
  let rx: Awaited<ReturnType<typeof webhookReceiver>> | undefined;
  afterAll(() => rx?.close());

  it('adds an endpoint, shows its secret once, sends a test and shows it in the delivery log', async () => {
    rx = await webhookReceiver({ now: clock.now });
    const context = await t.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.world.url });
    const page = await context.newPage();
    await signInAsOperator(page, t.world.url);

    const panel = page.getByRole('region', { name: 'Webhooks' });
    await panel.getByLabel('Endpoint URL').fill(rx.url);
    await panel.getByRole('checkbox', { name: 'Status changed' }).check();
    await panel.getByRole('checkbox', { name: 'Incident resolved' }).uncheck();
    await panel.getByRole('radio', { name: /Only these/ }).check();
    await panel.getByRole('checkbox', { name: 'Acme Cloud' }).check();
    await panel.getByLabel('Format').selectOption('slack');
    await panel.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret: shown once, focused for screen readers, copyable.
    const heading = panel.getByRole('heading', { name: `Signing secret for ${rx.url}` });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const secret = await panel.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await panel.getByRole('button', { name: 'Copy secret' }).click();
    await expect.poll(() => panel.getByText('Copied to the clipboard.').count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    rx.useSecret(secret);
    await panel.getByRole('button', { name: 'I have saved it' }).click();
    expect(await panel.getByRole('textbox', { name: 'Signing secret' }).count()).toBe(0);

    const item = panel.getByRole('listitem').filter({ hasText: rx.url });
    expect(await item.getByText('Slack incoming webhook · Incident opened, Status changed · Acme Cloud').count()).toBe(
      1,
    );

    await item.getByRole('button', { name: `Send test to ${rx.url}` }).click();
    await expect
      .poll(() => panel.getByRole('status').first().textContent())
      .toBe(`Test delivered to ${rx.url} (HTTP 200).`);
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.verified).toBe(true);
    expect(rx.got[0]!.body.text).toBe(
      '✅ Outage radar test — A test from Outage radar: this endpoint receives events.',
    );

    const log = item.getByRole('list', { name: 'Delivery log' });
    await log.waitFor();
    const delivery = log.getByRole('listitem').first();
    expect(await delivery.getByText('Test', { exact: true }).count()).toBe(1);
    expect(await delivery.getByText('Delivered').count()).toBe(1);
    expect(await delivery.getByRole('list', { name: 'Attempts' }).getByText('HTTP 200').count()).toBe(1);
    expect(await item.getByRole('button', { name: /Hide deliveries/ }).getAttribute('aria-expanded')).toBe('true');

    // Reloaded, the page has no way to show the secret again.
    await page.reload();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();
    await panel.getByRole('listitem').filter({ hasText: rx.url }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // Fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Keyboard: disable from the keyboard, then delete with its confirmation.
    const again = panel.getByRole('listitem').filter({ hasText: rx.url });
    await again.getByRole('button', { name: `Disable ${rx.url}` }).focus();
    await page.keyboard.press('Enter');
    await again.getByText('Disabled', { exact: true }).waitFor();
    await again.getByRole('button', { name: `Delete ${rx.url}` }).click();
    await again.getByRole('button', { name: `Confirm delete ${rx.url}` }).click();
    await expect.poll(() => panel.getByText('None yet.').count()).toBe(1);
    await context.close();
  });
});
