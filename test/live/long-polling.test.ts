import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import type { LiveClient } from '../helpers/live-client.ts';
import type { ServiceUpdate, SubscribeAck } from '../../shared/index.ts';
import { freshDatabaseUri, startWorld, testService } from '../helpers/world.ts';
import { spawnServer } from '../helpers/spawn-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Browsers behind proxies that block websockets stay on socket.io's HTTP long-polling. */
describe('live updates over HTTP long-polling', () => {
  const svc = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  let spawned: Awaited<ReturnType<typeof spawnServer>>;

  beforeAll(async () => {
    world = await startWorld({ services: [svc] });
    spawned = await spawnServer({ MONGODB_URI: freshDatabaseUri() });
  });
  afterAll(async () => {
    await Promise.all([world?.close(), spawned?.stop()]);
  });

  it('survives a handshake, a connect and two polls sent by hand (Express never answers /socket.io/)', async () => {
    const base = `${spawned.url}/socket.io/?EIO=4&transport=polling`;
    const open = await fetch(base);
    const { sid } = JSON.parse((await open.text()).slice(1)) as { sid: string };
    const withSid = `${base}&sid=${sid}`;
    expect((await fetch(withSid, { method: 'POST', body: '40' })).status).toBe(200);
    expect(await (await fetch(withSid)).text()).toMatch(/^40/);
    // The second poll waits for data; engine.io, not Express, must be the only one to answer it.
    const second = fetch(withSid, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    await sleep(1_500);
    expect(spawned.child.exitCode).toBeNull();
    await request(spawned.url).get('/api/health').expect(200);
    await second;
    expect(spawned.child.exitCode).toBeNull();
  });

  it('delivers service:update to a client that only speaks polling', async () => {
    const socket: LiveClient = connect(world.url, { transports: ['polling'], forceNew: true });
    try {
      const updates: ServiceUpdate[] = [];
      socket.on('service:update', (u) => updates.push(u));
      const ack = await new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { slug: svc.slug }, resolve));
      expect(ack).toEqual({ ok: true });
      expect(socket.io.engine.transport.name).toBe('polling');
      await request(world.url).post(`/api/services/${svc.slug}/reports`).send({ problem: 'login' }).expect(201);
      await expect.poll(() => updates.at(-1)?.stats.lastHour, { timeout: 5_000 }).toBe(1);
    } finally {
      socket.disconnect();
    }
  });
});
