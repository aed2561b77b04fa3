import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { manualClock, OPERATOR, testService } from '../helpers/world.ts';
import { signInAsOperator } from './page-actions.ts';

describe('the operators’ page', () => {
  const svc = testService({ name: 'Acme Cloud' });
  const clock = manualClock(Date.now());
  const t = browserWorld({ services: [svc], clock });

  it('says so when the username and password do not match', async () => {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.world.url}/admin`);
    await page.getByLabel('Username').fill(OPERATOR.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That username and password do not match an operator account.');
    await context.close();
  });

  it('sends an operator back to the sign-in form, saying why, when the session has expired', async () => {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await signInAsOperator(page, t.world.url);
    await page.reload();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();

    clock.advance(8 * 3_600_000 + 60_000);
    // The next request the console makes finds the session expired: this click's, or a panel's own
    // refresh that got there first (then the button is already gone with the console).
    await page
      .getByRole('button', { name: 'Hidden', exact: true })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await expect.poll(() => page.getByText('Your session has expired. Sign in again.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Operator sign-in' }).count()).toBe(1);

    await page.getByLabel('Username').fill(OPERATOR.username);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText('You are signed out.').count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await context.close();
  });
});
