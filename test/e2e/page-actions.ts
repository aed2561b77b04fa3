import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoryKind, StoryRequest } from '../../shared/index.ts';
import { OPERATOR } from '../helpers/world.ts';

/**
 * What a person does on the pages, in the words of the page. Forms refuse what is sent faster
 * than a person types (2 s for comments, 10 s for stories), so these move the page's clock
 * instead of waiting: call `page.clock.install()` before `goto`.
 */

export async function writeStory(
  page: Page,
  story: {
    kind: StoryKind;
    title: string;
    body: string;
    displayName?: string;
    impact?: { hours?: string; people?: string; stopped?: string };
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Share your story' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: new RegExp(`^${kindLabel[story.kind]}`) }).check();
  await dialog.getByLabel('Title').fill(story.title);
  await dialog.getByLabel('Your story').fill(story.body);
  if (story.displayName) await dialog.getByLabel(/Your name/).fill(story.displayName);
  if (story.impact?.hours) await dialog.getByLabel('Hours lost').fill(story.impact.hours);
  if (story.impact?.people) await dialog.getByLabel('People affected').fill(story.impact.people);
  if (story.impact?.stopped) await dialog.getByLabel('What stopped').fill(story.impact.stopped);
  await page.clock.fastForward(11_000);
  await dialog.getByRole('button', { name: 'Publish story' }).click();
  await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Thanks — your story is published');
}

const kindLabel: Record<StoryKind, string> = {
  testimonial: 'What it was like',
  business_impact: 'Business impact',
  recovery: 'Recovery story',
};

export async function postComment(page: Page, text: string): Promise<void> {
  await page.getByLabel('Add a comment').fill(text);
  await page.clock.fastForward(3_000);
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect.poll(() => page.getByText('Posted — your comment is live.').count()).toBe(1);
}

/** Signs in through the /admin page's form, as a person would. */
export async function signInAsOperator(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel('Username').fill(OPERATOR.username);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Operator console' }).waitFor();
}

/** A story stored through the public API, for tests about what happens to it afterwards. */
export async function storyThroughApi(
  baseUrl: string,
  slug: string,
  story: Omit<StoryRequest, 'elapsedMs'>,
  userAgent = 'api-writer',
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/services/${slug}/stories`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ ...story, elapsedMs: 60_000 }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
