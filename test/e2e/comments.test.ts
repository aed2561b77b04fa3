import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { as, testService } from '../helpers/world.ts';
import { postComment } from './page-actions.ts';

describe('comments in the browser', () => {
  const svc = testService({ name: 'Acme Video' });
  const older = testService({ name: 'Acme Archive' });
  const t = browserWorld({ services: [svc, older] });

  it('shows a comment posted through the form at once, and live on a second page that stayed open', async () => {
    const writer = await t.browser.newPage();
    const watcher = await t.browser.newPage();
    await writer.clock.install();
    await Promise.all([
      writer.goto(`${t.world.url}/status/${svc.slug}`),
      watcher.goto(`${t.world.url}/status/${svc.slug}`),
    ]);
    await expect.poll(() => watcher.getByText('Live', { exact: true }).count()).toBe(1);

    await writer.getByLabel('Which problem?').selectOption({ label: 'Error messages' });
    await postComment(writer, 'Streams stop after ten seconds with error 4032');
    const mine = writer
      .getByTestId('comments')
      .getByRole('listitem')
      .filter({ hasText: 'Streams stop after ten seconds' });
    expect(await mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('Error messages');
    expect(await writer.getByLabel('Add a comment').inputValue()).toBe('');

    await expect
      .poll(() => watcher.getByText('Streams stop after ten seconds with error 4032').count(), { timeout: 5_000 })
      .toBe(1);
  });

  it('pages to older comments below the live ones', async () => {
    for (let i = 1; i <= 12; i++) {
      const res = await fetch(`${t.world.url}/api/services/${older.slug}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...as(`commenter ${i}`) },
        body: JSON.stringify({ text: `Comment ${String(i).padStart(2, '0')}`, elapsedMs: 5_000 }),
      });
      expect(res.status).toBe(201);
    }
    const page = await t.browser.newPage();
    await page.goto(`${t.world.url}/status/${older.slug}`);
    const items = page.getByTestId('comments').getByRole('listitem');
    await expect.poll(() => items.count()).toBe(10);
    await page.getByRole('button', { name: 'Show older comments' }).click();
    await expect.poll(() => items.count()).toBe(12);
    expect(await items.last().textContent()).toContain('Comment 01');
    await expect.poll(() => page.getByText('No older comments.').count()).toBe(1);
  });

  it('says what to do when a comment is sent faster than a person types', async () => {
    const page = await t.browser.newPage({ userAgent: 'a hurried person' });
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    await page.getByLabel('Add a comment').fill('fast');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/faster than a person types/);
  });

  it('shows a field error under the text when the server refuses it', async () => {
    const page = await t.browser.newPage({ userAgent: 'a person with links' });
    await page.clock.install();
    await page.goto(`${t.world.url}/status/${svc.slug}`);
    await page.getByLabel('Add a comment').fill('see https://a.example and https://b.example');
    await page.clock.fastForward(3_000);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.getByText('A comment can contain at most 1 link').count()).toBe(1);
    expect(await page.getByLabel('Add a comment').getAttribute('aria-invalid')).toBe('true');
  });
});
