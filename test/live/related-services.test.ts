import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { ServiceDetail } from '../../shared/index.ts';
import { manualClockAt, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';
import { subscribedClient } from '../helpers/live-client.ts';

describe('related services on a service page', () => {
  const clock = manualClockAt(14, 0, 5);
  const cloud = testService({ name: 'Acme Cloud', category: 'Cloud' });
  const otherCloud = testService({ name: 'Beta Cloud', category: 'Cloud' });
  const shop = testService({ name: 'Corner Shop', category: 'Shopping' });
  let world: Awaited<ReturnType<typeof worldWithHistory>>;

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [cloud, otherCloud, shop] });
  });
  afterAll(() => world?.close());

  const detail = async (slug: string) =>
    (await request(world.url).get(`/api/services/${slug}`).expect(200)).body as ServiceDetail;

  it('lists the same category while all is well', async () => {
    await world.detection.tick();
    expect((await detail(cloud.slug)).related).toEqual([
      {
        slug: otherCloud.slug,
        name: 'Beta Cloud',
        reason: 'Also in Cloud',
        kind: 'same_category',
        level: 'operational',
      },
    ]);
    expect((await detail(shop.slug)).related).toEqual([]);
  });

  it('puts services spiking at the same time first, on the page and live', async () => {
    const { socket, updates } = await subscribedClient(world.url, otherCloud.slug);
    try {
      await openIncident(world, clock, cloud.slug);
      await openIncident(world, clock, shop.slug);

      const shopPage = await detail(shop.slug);
      expect(shopPage.related[0]).toMatchObject({
        slug: cloud.slug,
        reason: 'Also having problems now',
        kind: 'problems_now',
      });
      expect(shopPage.related[0]!.level).not.toBe('operational');

      const cloudPage = await detail(cloud.slug);
      expect(cloudPage.related.map((r) => [r.slug, r.kind])).toEqual([
        [shop.slug, 'problems_now'],
        [otherCloud.slug, 'same_category'],
      ]);

      // Nothing happened to the other cloud itself, yet its watchers learn about both.
      await expect
        .poll(() => updates.at(-1)?.related.map((r) => [r.slug, r.kind]), { timeout: 5_000 })
        .toEqual([
          [cloud.slug, 'problems_now'],
          [shop.slug, 'problems_now'],
        ]);
    } finally {
      socket.disconnect();
    }
  });
});
