import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabaseUri } from '../helpers/world.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded-ferretdb.ts';
import { createLogger } from '../../server/logger.ts';

// The two FerretDB fixes setup.mjs applies (scripts/ferretdb-patches.mjs), checked on the
// server the tests run against.
describe('the embedded database', () => {
  it('applies concurrent increments to one document atomically, from several connections', async () => {
    const uri = freshDatabaseUri();
    const conns = await Promise.all([1, 2, 3].map(() => mongoose.createConnection(uri).asPromise()));
    try {
      const col = (i: number) => conns[i % 3]!.collection('counters');
      await col(0).insertOne({ _id: 'c' as never, n: 0 });
      await Promise.all(
        Array.from({ length: 6 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 50; i++) await col(w).updateOne({ _id: 'c' as never }, { $inc: { n: 1 } });
          })(),
        ),
      );
      expect((await col(0).findOne({ _id: 'c' as never }))!.n).toBe(300);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
  });

  it('finds a document by _id through its index, not by scanning', async () => {
    const conn = await mongoose.createConnection(freshDatabaseUri()).asPromise();
    try {
      await conn.collection('docs').insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `d${i}` as never })));
      const plan = JSON.stringify(
        await conn
          .collection('docs')
          .find({ _id: 'd42' as never })
          .explain(),
      );
      expect(plan).toMatch(/USING INDEX/);
    } finally {
      await conn.close();
    }
  });
});

describe('the embedded database on disk', () => {
  it('keeps its files readable by this user only, databases created later included', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-perms-'));
    const db = await startEmbeddedDatabase({ dataDir, database: 'perms', log: createLogger('silent') });
    try {
      for (const name of ['first', 'second']) {
        const conn = await mongoose.createConnection(db.uri.replace(/\/perms$/, `/${name}`)).asPromise();
        await conn.collection('x').insertOne({ secret: 'session' });
        await conn.close();
      }
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dataDir)).toBe(0o700);
      const dir = path.join(dataDir, 'ferretdb');
      expect(mode(dir)).toBe(0o700);
      const files = readdirSync(dir)
        .map((f) => path.join(dir, f))
        .filter((f) => statSync(f).isFile());
      expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
      for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
    } finally {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
