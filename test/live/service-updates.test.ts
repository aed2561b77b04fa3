import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { SubscribeAck } from '../../shared/index.ts';
import { as, startWorld, testService } from '../helpers/world.ts';
import { liveClient, subscribedClient, type LiveClient as Client } from '../helpers/live-client.ts';

describe('service:update over socket.io', () => {
  const svc = testService();
  const quiet = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  const sockets: Client[] = [];

  beforeAll(async () => {
    world = await startWorld({ services: [svc, quiet] });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await world?.close();
  });

  it('reaches a subscribed client after a report, with the new count, breakdown and comment', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    sockets.push(socket);
    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .send({ problem: 'errors', comment: 'Error 502 on every page' })
      .expect(201);

    await expect.poll(() => updates.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const u = updates.at(-1)!;
    expect(u.slug).toBe(svc.slug);
    expect(u.recent.minutes.reduce((n, m) => n + m.total, 0)).toBe(1);
    expect(u.recent.minutes[0]!.byProblem).toEqual({ errors: 1 });
    expect(u.breakdown.items[0]).toMatchObject({ problem: 'errors', label: 'Error messages', count: 1 });
    expect(u.comments[0]!.text).toBe('Error 502 on every page');
    expect(u.stats.lastHour).toBe(1);
    expect(u.status.level).toBe('operational');
  });

  it('sends a new subscriber the current state at once, so a page rendered a moment ago catches up', async () => {
    await request(world.url)
      .post(`/api/services/${quiet.slug}/reports`)
      .set(as('before-subscribing'))
      .send({ problem: 'login' })
      .expect(201);
    await expect
      .poll(async () => (await request(world.url).get(`/api/services/${quiet.slug}`)).body.stats.lastHour)
      .toBe(1);
    const { socket, current } = await subscribedClient(world.url, quiet.slug);
    sockets.push(socket);
    expect(current.slug).toBe(quiet.slug);
    expect(current.stats.lastHour).toBe(1);
    expect(current.status.level).toBe('operational');
  });

  it('coalesces a burst of reports into at most two updates a second', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    sockets.push(socket);
    const started = Date.now();
    for (let i = 0; i < 6; i++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          request(world.url)
            .post(`/api/services/${svc.slug}/reports`)
            .set(as(`burst-${i}-${j}`))
            .send({ problem: 'login' }),
        ),
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    await expect.poll(() => updates.at(-1)?.stats.lastHour, { timeout: 5_000 }).toBe(121);
    const seconds = (Date.now() - started) / 1000;
    expect(updates.length).toBeLessThanOrEqual(2 * Math.ceil(seconds) + 1);
    expect(updates.length).toBeLessThan(120 / 5);
  });

  it('sends nothing to the room of a service nobody reported', async () => {
    const { socket, updates } = await subscribedClient(world.url, quiet.slug);
    sockets.push(socket);
    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(as('elsewhere'))
      .send({ problem: 'api' })
      .expect(201);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(updates).toEqual([]);
  });

  it('refuses to subscribe to an unknown service or a malformed request', async () => {
    const socket = liveClient(world.url);
    sockets.push(socket);
    const unknown = await new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { slug: 'nope' }, resolve));
    expect(unknown).toEqual({ ok: false, error: 'unknown service "nope"' });
    const malformed = await new Promise<SubscribeAck>((resolve) =>
      socket.emit('subscribe', { slug: { $ne: 1 } } as never, resolve),
    );
    expect(malformed.ok).toBe(false);
    // A request without an ack callback must not hurt the server.
    socket.emit('subscribe', 42 as never);
    await request(world.url).get('/api/health').expect(200);
  });
});
