import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from '../helpers/browser-world.ts';
import { testService } from '../helpers/world.ts';
import { postComment, signInAsOperator, writeStory } from './page-actions.ts';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

describe('what people write is shown as text', () => {
  const svc = testService({ name: 'Acme Docs' });
  const t = browserWorld({ services: [svc] });

  it('never runs markup from a comment or a story, on the service page, the story page or the admin page', async () => {
    const page = await t.browser.newPage();
    await page.clock.install();
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    await postComment(page, `Broken ${IMG} ${SCRIPT}`);
    await writeStory(page, {
      kind: 'testimonial',
      title: `Title ${IMG}`,
      body: `It failed and ${SCRIPT} then ${IMG} again, all afternoon long.`,
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();

    const check = async (p: Page) => {
      await expect.poll(() => p.getByText(`Broken ${IMG} ${SCRIPT}`).count()).toBe(1);
      expect(await p.locator('img[src="x"]').count()).toBe(0);
      expect(await pwned(p)).toBeUndefined();
    };
    await check(page);
    await expect.poll(() => page.getByRole('heading', { name: `Title ${IMG}` }).count()).toBe(1);
    await expect.poll(() => page.getByText(`It failed and ${SCRIPT} then ${IMG} again`).count()).toBe(1);

    const fresh = await t.browser.newPage();
    await fresh.goto(`${t.world.url}/status/${svc.slug}`);
    await check(fresh);

    await fresh.getByRole('link', { name: `Title ${IMG}` }).click();
    await expect.poll(() => fresh.getByRole('heading', { level: 1 }).textContent()).toBe(`Title ${IMG}`);
    expect(await fresh.locator('img[src="x"]').count()).toBe(0);
    expect(await pwned(fresh)).toBeUndefined();

    const operatorContext = await t.browser.newContext();
    const operator = await operatorContext.newPage();
    await signInAsOperator(operator, t.world.url);
    await operator.getByRole('button', { name: 'All', exact: true }).click();
    await expect.poll(() => operator.getByText(`Broken ${IMG} ${SCRIPT}`).count()).toBe(1);
    await expect.poll(() => operator.getByRole('heading', { name: `Title ${IMG}` }).count()).toBe(1);
    expect(await operator.locator('img[src="x"]').count()).toBe(0);
    expect(await pwned(operator)).toBeUndefined();
    await operatorContext.close();
  });
});
