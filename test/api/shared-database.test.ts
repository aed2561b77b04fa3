import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { as, freshDatabaseUri, startWorld, testService } from '../helpers/world.ts';
import { spawnServer } from '../helpers/spawn-server.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded-ferretdb.ts';
import { createLogger } from '../../server/logger.ts';

describe('two server processes on one database', () => {
  const svc = testService();
  const mongodbUri = freshDatabaseUri();
  let a: Awaited<ReturnType<typeof startWorld>>;
  let b: Awaited<ReturnType<typeof spawnServer>>;

  beforeAll(async () => {
    a = await startWorld({ mongodbUri, services: [svc], env: { REFRESH_SECONDS: '1' } });
    b = await spawnServer({ MONGODB_URI: mongodbUri });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.stop()]);
  });

  it('counts a report once when the same client sends it to both at the same moment', async () => {
    const send = (url: string, i: number) =>
      request(url)
        .post(`/api/services/${svc.slug}/reports`)
        .set(as(`twice-${i}`))
        .send({ problem: 'login' });
    const pairs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => Promise.all([send(a.url, i), send(b.url, i)])),
    );
    for (const [ra, rb] of pairs) {
      expect([ra.status, rb.status].sort()).toEqual([200, 201]);
    }
    expect(await a.models.Report.countDocuments({ service: svc.slug })).toBe(20);
  });

  it('counts at most 3 reports from one address per window, however its reports are spread over both', async () => {
    const send = (url: string, i: number) =>
      request(url)
        .post(`/api/services/${svc.slug}/reports`)
        .set({ 'X-Forwarded-For': '203.0.113.50', 'User-Agent': `rotating-${i}` })
        .send({ problem: 'login' });
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => send(i % 2 ? a.url : b.url, i)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 200).map((r) => r.body)).toEqual(Array(13).fill({ counted: false }));
  });

  it('shows reports stored by the other process', async () => {
    await request(b.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(as('via-b'))
      .send({ problem: 'errors' })
      .expect(201);
    // The other process reads recent minutes back from the database on a short cycle (here 1 s).
    await expect
      .poll(async () => (await request(a.url).get(`/api/services/${svc.slug}`)).body.stats.last24h, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe(24);
  });
});

describe('when the database goes away', () => {
  it('answers 503 with a clear message, counts nothing, and accepts reports again once it is back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-down-'));
    const log = createLogger('silent');
    let db = await startEmbeddedDatabase({ dataDir, database: 'down', log });
    const svc = testService();
    const world = await startWorld({ mongodbUri: db.uri, services: [svc] });
    try {
      await db.stop();
      const res = await request(world.url)
        .post(`/api/services/${svc.slug}/reports`)
        .send({ problem: 'login' })
        .expect(503);
      expect(res.body.error.code).toBe('database_unavailable');
      expect(res.body.error.message).toMatch(/could not be saved.*Nothing was counted/);
      expect(res.headers['retry-after']).toBeDefined();

      db = await startEmbeddedDatabase({ dataDir, database: 'down', log, port: db.port });
      await expect
        .poll(
          async () =>
            (await request(world.url).post(`/api/services/${svc.slug}/reports`).send({ problem: 'login' })).status,
          {
            timeout: 20_000,
            interval: 500,
          },
        )
        .toBe(201);
      expect(await world.models.Report.countDocuments({ service: svc.slug })).toBe(1);
    } finally {
      await world.close().catch(() => undefined);
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
