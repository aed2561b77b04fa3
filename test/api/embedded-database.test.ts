import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { freshDatabaseUri } from '../helpers/world.ts';

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
        Array.from({ length: 6 }, (_, w) => (async () => {
          for (let i = 0; i < 50; i++) await col(w).updateOne({ _id: 'c' as never }, { $inc: { n: 1 } });
        })()),
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
      const plan = JSON.stringify(await conn.collection('docs').find({ _id: 'd42' as never }).explain());
      expect(plan).toMatch(/USING INDEX/);
    } finally {
      await conn.close();
    }
  });
});
