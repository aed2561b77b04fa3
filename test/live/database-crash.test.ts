import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { person, startWorld, testService } from '../helpers/world.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded-ferretdb.ts';
import { createLogger } from '../../server/logger.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 of the embedded database under load', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-crash-'));
  const svc = testService();
  let db: EmbeddedDatabase;
  let world: Awaited<ReturnType<typeof startWorld>>;

  beforeAll(async () => {
    // Down for 1.5 s before it comes back, so the load sees the outage (by default it is 0.1 s).
    db = await startEmbeddedDatabase({
      dataDir,
      database: 'crash',
      log: createLogger('silent'),
      restartDelayMs: 1_500,
    });
    world = await startWorld({ mongodbUri: db.uri, services: [svc] });
  });
  afterAll(async () => {
    await world?.close();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps every report it answered 201, answers 503 meanwhile, and carries on once the database is back by ' +
      'itself',
    async () => {
      const acknowledged: string[] = [];
      const statuses = new Map<number, number>();
      let slowest = 0;
      let next = 0;
      let running = true;
      // 16 reporters, each sending one report after another, every report a new person.
      const reporter = async () => {
        while (running) {
          const started = performance.now();
          const res = await request(world.url)
            .post(`/api/services/${svc.slug}/reports`)
            .set(person(next++, 'crash'))
            .send({ problem: 'login' });
          slowest = Math.max(slowest, performance.now() - started);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) acknowledged.push(res.body.id);
          else expect(res.status, JSON.stringify(res.body)).toBe(503);
          if (res.status === 503) await sleep(50);
        }
      };
      const load = Promise.all(Array.from({ length: 16 }, reporter));
      await sleep(1_000);
      const killedAt = performance.now();
      process.kill(db.pid()!, 'SIGKILL');
      await expect.poll(() => db.restarts(), { timeout: 10_000, interval: 50 }).toBe(1);
      // Reports are counted again without anyone touching the app.
      const countedBefore = acknowledged.length;
      await expect
        .poll(() => acknowledged.length, { timeout: 15_000, interval: 100 })
        .toBeGreaterThan(countedBefore + 50);
      const healedAfter = performance.now() - killedAt;
      running = false;
      await load;

      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(slowest).toBeLessThan(5_000);
      const conn = await mongoose.createConnection(db.uri).asPromise();
      try {
        const stored = new Set(
          (
            await conn
              .collection('reports')
              .find({}, { projection: { _id: 1 } })
              .toArray()
          ).map((d) => String(d._id)),
        );
        const lost = acknowledged.filter((id) => !stored.has(id));
        console.log(
          `[database crash] ${acknowledged.length} reports answered 201, ${lost.length} of them missing afterwards; ` +
            `answers ${JSON.stringify(Object.fromEntries(statuses))}; slowest answer ${Math.round(slowest)} ms; ` +
            `counting again ${Math.round(healedAfter)} ms after the kill`,
        );
        expect(lost).toEqual([]);
      } finally {
        await conn.close();
      }
      await request(world.url).get('/api/health').expect(200);
    },
  );
});
