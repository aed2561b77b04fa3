import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { seedServices } from '../../server/catalog/seed-services.ts';
import { signInAsOperator } from './page-actions.ts';

describe('finding a service from the home page', () => {
  // The built-in catalog, as people meet it.
  const t = browserWorld({ services: seedServices });

  it('forgives a typo, moves through suggestions with the keyboard, and opens the match on Enter', async () => {
    const page = await t.browser.newPage();
    await page.goto(t.world.url);
    const box = page.getByRole('combobox', { name: 'Find a service' });
    await expect.poll(() => page.getByRole('heading', { name: /^Banking & payments/ }).count()).toBe(1);

    await box.fill('githb');
    const options = page.getByRole('listbox', { name: 'Matching services' }).getByRole('option');
    await expect.poll(() => options.first().textContent()).toMatch(/^GitHub/);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('Enter');
    await expect.poll(() => page.url()).toBe(`${t.world.url}/status/github`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/GitHub/);
    // Its neighbours, linked with their status.
    await expect.poll(() => page.getByTestId('related').getByRole('link', { name: 'GitLab' }).count()).toBe(1);

    await page.goBack();
    await box.fill('psn');
    await expect.poll(() => options.first().textContent()).toMatch(/^PlayStation Network/);
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('service-option-0');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await expect.poll(() => page.url()).toBe(`${t.world.url}/status/playstation-network`);
  });

  it('offers to suggest a service when nothing matches, and operators see the suggestion', async () => {
    const page = await t.browser.newPage();
    await page.goto(t.world.url);
    await page.getByRole('combobox', { name: 'Find a service' }).fill('Zorblax Credit Union');
    await expect.poll(() => page.getByText('No service matches "Zorblax Credit Union".').count()).toBe(1);
    await page.getByRole('button', { name: 'Suggest a service' }).click();
    const form = page.getByRole('form', { name: 'Suggest a service' });
    expect(await form.getByLabel('Name').inputValue()).toBe('Zorblax Credit Union');
    await form.getByLabel('Homepage (optional)').fill('https://zorblax.example');
    await page.waitForTimeout(1_600); // a person takes a moment: faster is refused as a bot
    await form.getByRole('button', { name: 'Suggest it' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Thanks' }).textContent())
      .toMatch(/we noted "Zorblax Credit Union"/);

    const ops = await t.browser.newPage();
    await signInAsOperator(ops, t.world.url);
    const list = ops.getByRole('region', { name: 'Suggested services' });
    await expect
      .poll(() => list.getByRole('row').nth(1).textContent())
      .toMatch(/Zorblax Credit Union\s*· zorblax\.example\s*1×/);
  });
});
