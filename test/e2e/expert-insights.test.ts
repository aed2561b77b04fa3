import { describe, expect, it } from 'vitest';
import { browserWorld } from '../helpers/browser-world.ts';
import { manualClock, signedInOperator, testService } from '../helpers/world.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';
import { signInAsOperator } from './page-actions.ts';

describe('expert insights in the browser', () => {
  const svc = testService({ name: 'Acme Git' });
  const shop = testService({ name: 'Acme Shop' });
  // The server's clock starts now, so the page's "just now" is about the insight it shows.
  const clock = manualClock(Date.now());
  const t = browserWorld({ services: [svc, shop], clock });

  it('takes an expert from the operator’s console to a posted insight that a reader marks helpful', async () => {
    // The operator verifies an expert and copies the one-time link.
    const ops = await t.browser.newContext();
    await ops.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.world.url });
    const console_ = await ops.newPage();
    await signInAsOperator(console_, t.world.url);
    const panel = console_.getByRole('region', { name: 'Experts', exact: true });
    await panel.getByLabel('Name').fill('Dana Ruiz');
    await panel.getByLabel('Verified role').selectOption({ label: 'Technical expert' });
    await panel.getByLabel(/Affiliation/).fill('Edge Networks');
    await panel.getByRole('button', { name: 'Verify and make a sign-in link' }).click();
    const heading = panel.getByRole('heading', { name: 'Sign-in link for Dana Ruiz' });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await panel.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => panel.getByText('Copied to the clipboard.').count()).toBe(1);
    const link = await console_.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await panel.getByRole('textbox', { name: 'Sign-in link for Dana Ruiz' }).inputValue());
    expect(link).toMatch(new RegExp(`^${t.world.url}/experts/sign-in#code=[\\w-]{43}$`));
    const listed = panel.getByRole('listitem').filter({ hasText: 'Dana Ruiz' });
    expect(await listed.textContent()).toMatch(
      /Active\s*Technical expert · Edge Networks · posts on any service · verified by ops on /,
    );

    // The expert opens it: signed in, and the code leaves the address bar.
    const expertContext = await t.browser.newContext();
    const expert = await expertContext.newPage();
    await expert.goto(link);
    await expert.getByRole('heading', { name: 'Signed in as Dana Ruiz, Technical expert' }).waitFor();
    expect(expert.url()).toBe(`${t.world.url}/experts/sign-in`);

    // Posts on the service page; the link in the text stays a link, the markup stays text.
    const body =
      'Pushes over SSH time out in EU regions; HTTPS works. ' +
      'Workaround: https://docs.example.com/ssh-over-https. <b>not bold</b>';
    await expert.goto(`${t.world.url}/status/${svc.slug}`);
    const form = expert.getByRole('form', { name: 'Add an insight' });
    await form.getByLabel('Your insight about Acme Git').fill('Too short');
    await form.getByRole('button', { name: 'Post insight' }).click();
    await expect.poll(() => form.getByText('An insight needs at least 20 characters').count()).toBe(1);
    expect(await form.getByLabel('Your insight about Acme Git').getAttribute('maxlength')).toBe('4000');
    await form.getByLabel('Your insight about Acme Git').fill(body);
    await form.getByRole('button', { name: 'Post insight' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Posted — your insight is live on the Acme Git page.');
    await expect.poll(() => expert.getByRole('article', { name: 'Dana Ruiz' }).count()).toBe(1);

    // The same link a second time: already used.
    const again = await (await t.browser.newContext()).newPage();
    await again.goto(link);
    await expect
      .poll(() => again.getByRole('alert').textContent())
      .toBe(
        'This sign-in link has expired or was used already. Ask the operator who verified you for a new sign-in link.',
      );

    // A reader sees it with the verified role, follows the keyboard to "Helpful", and it counts once.
    const reader = await (await t.browser.newContext()).newPage();
    await reader.goto(`${t.world.url}/status/${svc.slug}`);
    const card = reader.getByRole('article', { name: 'Dana Ruiz' });
    await card.waitFor();
    const words = async () => (await card.textContent())!.replace(/\s+/g, ' ');
    expect(await words()).toContain('Dana Ruiz ✓ Verified Technical expert · Edge Networks');
    expect(await words()).toContain('just now');
    expect(await reader.getByRole('form', { name: 'Add an insight' }).count()).toBe(0);
    const anchor = card.getByRole('link', { name: 'https://docs.example.com/ssh-over-https' });
    expect(await anchor.getAttribute('href')).toBe('https://docs.example.com/ssh-over-https');
    expect(await anchor.getAttribute('rel')).toBe('nofollow noopener noreferrer');
    expect(await anchor.getAttribute('target')).toBe('_blank');
    expect(await card.locator('b').count()).toBe(0);
    expect(await card.textContent()).toContain('<b>not bold</b>');

    const helpful = card.getByRole('button', { name: /^Helpful \(0\)/ });
    await anchor.focus();
    await reader.keyboard.press('Tab');
    expect(await helpful.evaluate((el) => el === document.activeElement)).toBe(true);
    await reader.keyboard.press('Enter');
    await expect.poll(() => card.getByRole('button', { name: /^✓ Helpful \(1\)/ }).isDisabled()).toBe(true);
    expect(describeViolations(await axeViolations(reader))).toBe('');

    // Revoked: the insight stays, no longer verified; the expert's page drops the form.
    await listed.getByRole('button', { name: 'Revoke Dana Ruiz' }).click();
    await listed.getByRole('button', { name: 'Confirm revoke Dana Ruiz' }).click();
    await expect.poll(() => listed.getByText('Revoked', { exact: true }).count()).toBe(1);
    await reader.reload();
    await expect
      .poll(() => reader.getByRole('article', { name: 'Dana Ruiz' }).textContent())
      .toContain('Dana Ruiz Technical expert · Edge Networks · no longer verified');
    await expert.reload();
    await expect.poll(() => expert.getByText('Your expert verification was withdrawn by an operator.').count()).toBe(1);
    expect(await expert.getByRole('form', { name: 'Add an insight' }).count()).toBe(0);

    // The operator hides it from the insights queue; readers no longer see it.
    const queue = console_.getByRole('region', { name: 'Expert insights to review' });
    await queue.getByRole('button', { name: 'All insights' }).click();
    await queue.getByRole('button', { name: 'Hide insight from Dana Ruiz' }).click();
    await expect.poll(() => queue.getByRole('status').textContent()).toBe('Insight from Dana Ruiz hidden.');
    await reader.reload();
    await expect.poll(() => reader.getByText('No expert insights yet.', { exact: false }).count()).toBe(1);
    for (const c of [ops, expertContext]) await c.close();
  });

  it('posts on an incident from its page, listed there and on the service page with a link back', async () => {
    const ops = await signedInOperator(t.world.url);
    const incident = (
      await ops
        .post(`/api/admin/services/${shop.slug}/incidents`)
        .send({ title: 'Checkout errors', body: 'We are looking into it.' })
        .expect(201)
    ).body as { id: string };
    const verified = (
      await ops
        .post('/api/admin/experts')
        .send({ name: 'Sam Okafor', role: 'service-provider', affiliation: 'Acme Shop', services: [shop.slug] })
        .expect(201)
    ).body as { signIn: { url: string } };

    const page = await (await t.browser.newContext()).newPage();
    await page.goto(verified.signIn.url);
    await page.getByRole('heading', { name: 'Signed in as Sam Okafor, Service provider' }).waitFor();
    await page.goto(`${t.world.url}/incidents/${incident.id}`);
    const form = page.getByRole('form', { name: 'Add an insight' });
    expect(await form.getByRole('checkbox', { name: /About this ongoing incident/ }).isChecked()).toBe(true);
    await form
      .getByLabel('Your insight about Acme Shop')
      .fill('Card payments fail at one processor; PayPal and invoices still go through.');
    await form.getByRole('button', { name: 'Post insight' }).click();
    const card = page.getByRole('article', { name: 'Sam Okafor' });
    await expect.poll(() => card.count()).toBe(1);
    expect((await card.textContent())!.replace(/\s+/g, ' ')).toContain('✓ Verified Service provider · Acme Shop');
    expect(describeViolations(await axeViolations(page))).toBe('');

    // Signed out, the page is a reader's again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByText('You are signed out.').count()).toBe(1);
    expect(await form.count()).toBe(0);

    await page.goto(`${t.world.url}/status/${shop.slug}`);
    await page.getByRole('article', { name: 'Sam Okafor' }).getByRole('link', { name: 'about an incident' }).click();
    await expect.poll(() => page.url()).toBe(`${t.world.url}/incidents/${incident.id}`);
  });
});
