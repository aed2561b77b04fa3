import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Incident } from '../../shared/index.ts';
import type { OutboundEvent } from '../../server/notifications/outbound-events.ts';
import { manualClockAt, person, signedInOperator, testService } from '../helpers/world.ts';
import { liveClient } from '../helpers/live-client.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const MINUTE = 60_000;

describe('an incident that ends, and a verdict that follows', () => {
  const clock = manualClockAt(14, 0, 5);
  const byHand = testService();
  const burst = testService();
  const manual = testService();
  let world: Awaited<ReturnType<typeof worldWithHistory>>;
  const outbound: OutboundEvent[] = [];

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [byHand, burst, manual] });
    world.events.on((e) => outbound.push(e));
  });
  afterAll(() => world?.close());

  const detail = async (slug: string) => (await request(world.url).get(`/api/services/${slug}`).expect(200)).body;
  let people = 10_000;
  const reports = (slug: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        request(world.url)
          .post(`/api/services/${slug}/reports`)
          .set(person(people++, 'again'))
          .send({ problem: 'errors' })
          .expect(201),
      ),
    );

  it(
    "closes a crowd incident on an operator's 'resolved' update, everywhere at once, and does not reopen it " +
      'for the same burst',
    async () => {
      const opened = await openIncident(world, clock, byHand.slug);
      expect(opened.phase).toBe('rising');
      expect((await detail(byHand.slug)).status.level).not.toBe('operational');
      const socket = liveClient(world.url);
      const resolved: Incident[] = [];
      socket.on('incident:resolved', (i) => resolved.push(i));
      await new Promise((r) => socket.emit('subscribe', { slug: byHand.slug }, r));
      try {
        const ops = await signedInOperator(world.url);
        const answer = await ops
          .post(`/api/admin/incidents/${opened.id}/updates`)
          .send({ status: 'resolved', body: 'Fixed: a bad deploy was rolled back.' })
          .expect(201);
        expect(answer.body).toMatchObject({ id: opened.id, state: 'resolved', resolvedBy: 'ops' });
        expect(answer.body.updates.at(-1)).toMatchObject({
          status: 'resolved',
          body: 'Fixed: a bad deploy was rolled back.',
        });

        // No refresh, no tick: the page and the verdict follow at once.
        const now = await detail(byHand.slug);
        expect(now.incident).toBeNull();
        expect(now.recentlyResolved).toMatchObject({ id: opened.id, state: 'resolved' });
        expect(now.status.level).toBe('operational');
        expect(now.status.reasons[0]).toMatch(
          /^The incident was resolved at \d\d:\d\d UTC; reports have not risen again since/,
        );
        await expect.poll(() => resolved.map((i) => i.id), { timeout: 5_000 }).toEqual([opened.id]);
        expect(outbound.filter((e) => e.type === 'incident.resolved' && e.service === byHand.slug)).toHaveLength(1);

        // The detector still believes in the burst; it must not open it again.
        for (let m = 0; m < 3; m++) {
          clock.advance(MINUTE);
          await world.detection.tick();
        }
        expect((await detail(byHand.slug)).incident).toBeNull();
        const list = (await request(world.url).get(`/api/services/${byHand.slug}/incidents`).expect(200)).body
          .incidents as Incident[];
        expect(list.map((i) => i.state)).toEqual(['resolved']);
      } finally {
        socket.disconnect();
      }
    },
  );

  it('opens a new incident when reports rise again on their own after the resolution', async () => {
    clock.advance(20_000);
    await reports(byHand.slug, 40);
    clock.advance(10_000);
    await world.detection.tick();
    const now = await detail(byHand.slug);
    expect(now.incident).toMatchObject({ state: 'open', origin: 'crowd', phase: 'rising' });
    const list = (await request(world.url).get(`/api/services/${byHand.slug}/incidents`).expect(200)).body
      .incidents as Incident[];
    expect(list.map((i) => i.state)).toEqual(['open', 'resolved']);
    expect(Date.parse(list[0]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(list[1]!.resolvedAt!));
  });

  it('shows a 4-minute burst as recovering once reports fall back, and resolves it within 15 minutes', async () => {
    const opened = await openIncident(world, clock, burst.slug);
    for (let m = 0; m < 3; m++) {
      clock.advance(MINUTE);
      await reports(burst.slug, 15);
      await world.detection.tick();
    }
    expect((await detail(burst.slug)).incident).toMatchObject({ id: opened.id, phase: 'rising' });
    const burstEnded = clock.now();

    let recovering: { incident: Incident; status: { reasons: string[] } } | undefined;
    let resolvedAfter = NaN;
    for (let m = 1; m <= 15; m++) {
      clock.advance(MINUTE);
      await world.detection.tick();
      const d = await detail(burst.slug);
      if (d.incident?.phase === 'recovering') recovering ??= d;
      if (!d.incident) {
        resolvedAfter = m;
        break;
      }
    }
    expect(recovering?.status.reasons[0]).toMatch(/^Recovering: reports are falling back toward normal/);
    expect(resolvedAfter).toBeLessThanOrEqual(15);
    const closed = (await request(world.url).get(`/api/incidents/${opened.id}`).expect(200)).body as Incident;
    expect(closed).toMatchObject({ state: 'resolved', resolvedBy: 'recovered' });
    expect(Date.parse(closed.resolvedAt!) - burstEnded).toBeLessThanOrEqual(15 * MINUTE);
    const after = await detail(burst.slug);
    expect(after.status.level).toBe('operational');
  });

  it('lets operators open an incident by hand, list every open one, and resolve it', async () => {
    const ops = await signedInOperator(world.url);
    const opened = await ops
      .post(`/api/admin/services/${manual.slug}/incidents`)
      .send({
        title: 'Payments delayed',
        kind: 'partial',
        body: 'Card payments take minutes to confirm; we are on it.',
      })
      .expect(201);
    expect(opened.body).toMatchObject({
      service: manual.slug,
      state: 'open',
      origin: 'operator',
      title: 'Payments delayed',
      kind: 'partial',
      phase: 'ongoing',
    });
    expect(opened.body.updates).toEqual([expect.objectContaining({ status: 'investigating', author: 'ops' })]);
    const page = await detail(manual.slug);
    expect(page.incident).toMatchObject({ id: opened.body.id });
    expect(page.status.level).toBe('partial_outage');

    await ops
      .post(`/api/admin/services/${manual.slug}/incidents`)
      .send({ title: 'Again', body: 'Second one' })
      .expect(409);
    await ops.post(`/api/admin/services/${manual.slug}/incidents`).send({ title: 'x', body: 'Second one' }).expect(400);
    await ops
      .post('/api/admin/services/no-such-service/incidents')
      .send({ title: 'Payments', body: 'Second one' })
      .expect(404);
    await request(world.url).get('/api/admin/incidents').expect(401);

    const open = (await ops.get('/api/admin/incidents?state=open').expect(200)).body.incidents as Incident[];
    expect(open.map((i) => i.service)).toContain(manual.slug);
    expect(open.every((i) => i.state === 'open')).toBe(true);

    // The detector and the fusion leave an operator's incident alone (its kind, its state).
    clock.advance(MINUTE);
    await world.detection.tick();
    await world.refresh();
    expect((await detail(manual.slug)).status.reasons[0]).toMatch(
      /^Declared by the operators: Payments delayed \(since \d\d:\d\d UTC\)$/,
    );
    expect((await detail(manual.slug)).incident).toMatchObject({ id: opened.body.id, state: 'open', kind: 'partial' });

    const closed = await ops.post(`/api/admin/incidents/${opened.body.id}/resolve`).send({}).expect(200);
    expect(closed.body).toMatchObject({ state: 'resolved', resolvedBy: 'ops' });
    expect(closed.body.updates.at(-1)).toMatchObject({ status: 'resolved' });
    await ops.post(`/api/admin/incidents/${opened.body.id}/resolve`).send({}).expect(409);
    await ops.post('/api/admin/incidents/0123456789abcdef01234567/resolve').send({}).expect(404);
    await ops.post(`/api/admin/incidents/${opened.body.id}/resolve`).send({ body: 1 }).expect(400);
    const page2 = await detail(manual.slug);
    expect(page2.incident).toBeNull();
    expect(page2.status.level).toBe('operational');
    const stillOpen = (await ops.get('/api/admin/incidents').expect(200)).body.incidents as Incident[];
    expect(stillOpen.map((i) => i.id)).not.toContain(opened.body.id);
  });
});
