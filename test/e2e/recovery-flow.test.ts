import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { browserWorld } from '../helpers/browser-world.ts';
import { as, OPERATOR, testService } from '../helpers/world.ts';

describe('an incident that ends, in the browser', () => {
  const svc = testService({ name: 'Acme Pay' });
  const t = browserWorld({ services: [svc] });

  it(
    'lets an operator open an incident by hand, people say it works again, and the operator resolves it from ' +
      'the open list',
    async () => {
      const ops = await t.browser.newPage();
      await ops.goto(`${t.world.url}/admin`);
      await ops.getByLabel('Username').fill(OPERATOR.username);
      await ops.getByLabel('Password').fill(OPERATOR.password);
      await ops.getByRole('button', { name: 'Sign in' }).click();
      const openSection = ops.getByRole('region', { name: 'Open incidents' });
      await expect.poll(() => openSection.getByText('No open incidents on any service.').count()).toBe(1);
      await openSection.getByLabel('Title').fill('Card payments delayed');
      await openSection.getByLabel('First update').fill('Card payments take minutes to confirm; we are on it.');
      await openSection.getByRole('button', { name: 'Open incident' }).click();
      await expect
        .poll(() => openSection.getByRole('list', { name: 'Open incidents' }).textContent())
        .toMatch(/Acme Pay.*Card payments delayed.*Ongoing/);

      const page = await t.browser.newPage();
      await page.goto(`${t.world.url}/status/${svc.slug}`);
      const banner = page.getByTestId('status-banner');
      await expect.poll(() => banner.textContent()).toMatch(/User reports indicate problems with Acme Pay/);
      await expect.poll(() => page.getByTestId('incident-phase').textContent()).toBe('Ongoing');
      const count = page.getByTestId('recovery-count');
      await expect.poll(() => count.textContent()).toMatch(/Works again for you\?/);

      await page.getByRole('button', { name: 'It works again for me' }).click();
      await expect.poll(() => count.textContent()).toMatch(/1 person says it's back/);
      await expect.poll(() => page.getByRole('button', { name: 'Thanks — noted' }).isDisabled()).toBe(true);
      // Others say so too: the count follows live.
      for (const who of ['ann', 'bo'])
        await request(t.world.url).post(`/api/services/${svc.slug}/recoveries`).set(as(who)).send({}).expect(201);
      await expect
        .poll(() => count.textContent(), { timeout: 5_000 })
        .toMatch(/3 people say it's back \(last 15 minutes\)/);
      await t.world.detection.tick();
      await expect.poll(() => page.getByTestId('incident-phase').textContent(), { timeout: 5_000 }).toBe('Recovering');

      await openSection.getByRole('button', { name: 'Resolve' }).click();
      await expect.poll(() => openSection.getByText(/Resolved the incident of Acme Pay/).count()).toBe(1);
      await expect.poll(() => banner.textContent(), { timeout: 5_000 }).toContain('No problems detected with Acme Pay');
      // Just resolved: the button stays, for those it works for again.
      expect(await page.getByTestId('recovery').count()).toBe(1);
    },
  );
});
