import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';
import { signInAsOperator, storyThroughApi, writeStory } from './page-actions.ts';

describe('impact stories in the browser', () => {
  const written = testService({ name: 'Acme Storage' });
  const moderated = testService({ name: 'Acme Mail' });
  const t = browserWorld({ services: [written, moderated] });

  it('publishes a story written in the browser on the service page and on its own page', async () => {
    const page = await t.browser.newPage();
    await page.clock.install();
    await page.goto(`${t.world.url}/status/${written.slug}`);
    await expect.poll(() => page.getByText('No stories yet — be the first to tell what happened').count()).toBe(1);

    await writeStory(page, {
      kind: 'business_impact',
      title: 'Our shop could not take orders',
      body: 'Every checkout failed for two hours, so we moved orders to the phone and lost most of the lunch rush.',
      displayName: 'Ana',
      impact: { hours: '2.5', people: '8', stopped: 'Online orders' },
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

    const card = page.getByRole('article', { name: 'Our shop could not take orders' });
    await expect.poll(() => card.count()).toBe(1);
    const cardText = await card.textContent();
    expect(cardText).toContain('Business impact');
    expect(cardText).toContain('Ana');
    expect(cardText).toMatch(/Hours lost\s*2\.5/);
    expect(cardText).toMatch(/People affected\s*8/);
    expect(cardText).toMatch(/What stopped\s*Online orders/);

    await card.getByRole('button', { name: 'Helpful (0)' }).click();
    await expect.poll(() => card.getByRole('button', { name: /Helpful \(1\)/ }).isDisabled()).toBe(true);

    await card.getByRole('link', { name: 'Our shop could not take orders' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Our shop could not take orders');
    expect(page.url()).toMatch(/\/stories\/[a-f0-9]{24}$/);
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Our shop could not take orders');
    await expect.poll(() => page.getByText(/Every checkout failed for two hours/).count()).toBe(1);
    await page.getByRole('link', { name: /Acme Storage: live status/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Is Acme Storage down?');
  });

  it(
    'takes a story away live from a reader who stayed on the page when an operator hides it, and brings it ' +
      'back on restore',
    async () => {
      const title = 'Mail stopped syncing on every phone';
      await storyThroughApi(t.world.url, moderated.slug, {
        kind: 'testimonial',
        title,
        body: 'From nine in the morning no phone in our office received mail; the web app still worked, slowly.',
      });
      const reader = await t.browser.newPage();
      await reader.goto(`${t.world.url}/status/${moderated.slug}`);
      const card = reader.getByRole('article', { name: title });
      await expect.poll(() => card.count()).toBe(1);
      await expect.poll(() => reader.getByText('Live', { exact: true }).count()).toBe(1);

      await card.getByRole('button', { name: 'Flag this story' }).click();
      await card.getByLabel('What is wrong with this story?').selectOption('off_topic');
      await card.getByRole('button', { name: 'Send flag' }).click();
      await expect.poll(() => card.getByText('Thanks, an operator will look at it').count()).toBe(1);

      const operatorContext = await t.browser.newContext();
      const operator = await operatorContext.newPage();
      await signInAsOperator(operator, t.world.url);
      await operator.getByRole('button', { name: 'Flagged', exact: true }).click();
      const item = operator.getByRole('listitem').filter({ hasText: title });
      await expect.poll(() => item.textContent()).toMatch(/1 flag: off topic 1/);
      await item.getByPlaceholder('Note (optional)').fill('not about the outage');
      await item.getByRole('button', { name: /^Hide/ }).click();
      await expect.poll(() => operator.getByText('Story hidden.').count()).toBe(1);

      await expect.poll(() => card.count(), { timeout: 5_000 }).toBe(0);
      await expect.poll(() => reader.getByText('No stories yet — be the first to tell what happened').count()).toBe(1);

      await operator.getByRole('button', { name: 'Hidden', exact: true }).click();
      await operator
        .getByRole('listitem')
        .filter({ hasText: title })
        .getByRole('button', { name: /^Restore/ })
        .click();
      await expect.poll(() => operator.getByText('Story restored.').count()).toBe(1);
      await expect.poll(() => card.count(), { timeout: 5_000 }).toBe(1);

      await expect.poll(() => operator.getByRole('table').textContent()).toMatch(/Hid a story.*not about the outage/);
      await operatorContext.close();
    },
  );
});
