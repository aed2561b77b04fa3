import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { freshDatabaseUri, startWorld, testService } from '../helpers/world.ts';
import { spawnServer } from '../helpers/spawn-server.ts';
import { startRedis } from '../helpers/redis.ts';
import { subscribedClient } from '../helpers/live-client.ts';

describe('live updates across server processes (Redis adapter)', () => {
  const svc = testService();
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: Awaited<ReturnType<typeof startWorld>>;
  let b: Awaited<ReturnType<typeof spawnServer>>;

  beforeAll(async () => {
    redis = await startRedis();
    const mongodbUri = freshDatabaseUri();
    a = await startWorld({ mongodbUri, services: [svc], env: { REDIS_URL: redis.url } });
    b = await spawnServer({ MONGODB_URI: mongodbUri, REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.stop()]);
    await redis?.stop();
  });

  it('sends a report made on one process to a watcher connected to the other', async () => {
    const { socket, updates } = await subscribedClient(b.url, svc.slug);
    try {
      await request(a.url)
        .post(`/api/services/${svc.slug}/reports`)
        .send({ problem: 'login', comment: 'via process A' })
        .expect(201);
      await expect.poll(() => updates.at(-1)?.stats.lastHour, { timeout: 5_000 }).toBe(1);
      expect(updates.at(-1)!.comments[0]!.text).toBe('via process A');
    } finally {
      socket.disconnect();
    }
  });
});
