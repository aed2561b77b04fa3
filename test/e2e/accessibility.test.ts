import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { manualClock, signedInOperator, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import { signInAsOperator, storyThroughApi } from './page-actions.ts';

type World = Awaited<ReturnType<typeof worldWithHistory>>;

/** Every page, checked by axe-core in Chromium once it has drawn its data: zero violations allowed. */
describe('accessibility of every page (axe-core)', () => {
  const quiet = testService({ name: 'Acme Quiet' });
  const down = testService({ name: 'Acme Down' });
  const watched = testService({ name: 'Acme Watched' });
  const clock = manualClock();
  let world: World;
  let browser: Browser;
  let incidentId: string;
  let storyId: string;

  beforeAll(async () => {
    [world, browser] = await Promise.all([
      worldWithHistory({ clock, services: [quiet, down, watched] }),
      launchChromium(),
    ]);
    incidentId = (await openIncident(world, clock, down.slug)).id;
    const ops = await signedInOperator(world.url);
    await ops
      .post(`/api/admin/incidents/${incidentId}/updates`)
      .send({ status: 'identified', body: 'Mail delivery is failing in one data centre; we are moving traffic.' })
      .expect(201);
    storyId = await storyThroughApi(world.url, down.slug, {
      kind: 'business_impact',
      title: 'Our invoices bounced for an hour',
      body: 'Every outgoing invoice bounced, so we resent them from the backup mailer once it came back.',
      incidentId,
      impact: { hoursLost: 1, peopleAffected: 3, whatStopped: 'Invoices' },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function expectNoViolations(page: Page): Promise<void> {
    // Compared as text: a failure then reads as a list of what to fix, not a dump of axe's objects.
    expect(describeViolations(await axeViolations(page))).toBe('');
  }

  async function check(path: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    const page = await browser.newPage();
    await page.goto(`${world.url}${path}`);
    await ready(page);
    await expectNoViolations(page);
    await page.close();
  }

  it('finds nothing on the home page', () =>
    check('/', (p) =>
      p
        .getByRole('link', { name: /Acme Quiet/ })
        .first()
        .waitFor(),
    ));

  it('finds nothing on a quiet service page', () =>
    check(`/status/${quiet.slug}`, (p) =>
      expect.poll(() => p.getByTestId('status-banner').textContent()).toContain('No problems detected'),
    ));

  it('finds nothing on a service page during an incident, which shows the team’s latest update', () =>
    check(`/status/${down.slug}`, async (p) => {
      await expect.poll(() => p.getByTestId('status-banner').textContent()).toMatch(/problems with Acme Down since/);
      // One kind of time on the page: the server's UTC reasons are shown in the reader's zone.
      expect(await p.getByTestId('status-banner').textContent()).toMatch(/since \d{1,2}:\d{2}/);
      expect(await p.locator('main').textContent()).not.toContain('UTC');
      const update = p.getByRole('region', { name: 'Latest update from the Outage radar team' });
      await expect
        .poll(() => update.textContent())
        .toMatch(/Identified · \d{1,2}:\d{2}( [AP]M)?\s*Mail delivery is failing in one data centre/);
    }));

  it('finds nothing on an incident page', () =>
    check(`/incidents/${incidentId}`, async (p) => {
      await expect.poll(() => p.getByText('Ongoing since').count()).toBe(1);
      await p.getByRole('heading', { name: 'Updates from the Outage radar team' }).waitFor();
    }));

  it('finds nothing on a story page', () =>
    check(`/stories/${storyId}`, (p) =>
      expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Our invoices bounced for an hour'),
    ));

  it('finds nothing on the operator sign-in page', () =>
    check('/admin', (p) => p.getByRole('heading', { name: 'Operator sign-in' }).waitFor()));

  it('finds nothing on the page of an address that does not exist', () =>
    check('/no/such/page', (p) => p.getByRole('heading', { level: 1 }).waitFor()));

  it('finds nothing on the operator console once signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsOperator(page, world.url);
    await page.getByText('Acme Down').first().waitFor();
    await expectNoViolations(page);
    await context.close();
  });

  it('moves focus to the main content from the skip link', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${quiet.slug}`);
    await page.getByTestId('status-banner').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it(
    'gives focus back to the report button when the report dialog closes, which then says when another ' +
      'report would count',
    async () => {
      const page = await browser.newPage();
      await page.goto(`${world.url}/status/${quiet.slug}`);
      await page.getByRole('button', { name: /I'm having problems/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /Error messages/ }).check();
      await dialog.getByRole('button', { name: 'Report problem' }).click();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toMatch(/\breport\b/);
      // Counted: the button no longer invites a repeat that would not count, and says when one would.
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(
        /^✓ Your report is counted · another would count after \d{1,2}:\d{2}/,
      );
      await page.close();
    },
  );

  it('speaks through one live region on a service page, which says the verdict when it changes', async () => {
    const page = await browser.newPage();
    await page.goto(`${world.url}/status/${watched.slug}`);
    await expect.poll(() => page.getByTestId('status-banner').textContent()).toContain('No problems detected');
    // The other live regions answer the person's own actions (a comment posted, a link copied).
    const otherVoices = () =>
      page
        .locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]')
        .evaluateAll((els) =>
          els
            .filter((e) => e.getAttribute('data-testid') !== 'announcer')
            .map((e) => e.textContent?.trim())
            .filter(Boolean),
        );
    expect(await page.getByTestId('announcer').textContent()).toBe('');

    await openIncident(world, clock, watched.slug);
    await expect
      .poll(() => page.getByTestId('announcer').textContent(), { timeout: 5_000 })
      .toMatch(/^Acme Watched: .*(outage|degraded|rising)/i);
    expect(await page.getByTestId('status-banner').getAttribute('aria-live')).toBeNull();
    expect(await otherVoices()).toEqual([]);
    await page.close();
  });
});
