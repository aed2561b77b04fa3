import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { freshDatabaseUri, manualClock } from '../helpers/world.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import { createModels, ensureIndexes, type Models } from '../../server/db/models.ts';
import { collections } from '../../server/db/collections.ts';
import { duplicateIndexes, isDatabaseError, isDuplicateKey } from '../../server/db/database-errors.ts';
import { Lease } from '../../server/db/lease.ts';
import { createLogger } from '../../server/logger.ts';

/** What the real database throws, read by the one set of helpers every store uses. */
describe('database errors, as the database raises them', () => {
  let conn: Connection;
  let models: Models;

  beforeAll(async () => {
    conn = await connectDatabase(freshDatabaseUri(), createLogger('silent'));
    models = createModels(conn);
    await ensureIndexes(models);
  });
  afterAll(async () => {
    await conn?.close();
  });

  const failureOf = (write: Promise<unknown>) =>
    write.then(
      () => expect.unreachable('the write should have failed'),
      (err: unknown) => err,
    );

  it('knows a single insert whose string _id is taken for a duplicate, and for a database error', async () => {
    const { rateCounters } = collections(models);
    const doc = { _id: 'login:someone:0', n: 1, expiresAt: new Date() };
    await rateCounters.insertOne(doc);
    const err = await failureOf(rateCounters.insertOne(doc));
    expect(isDuplicateKey(err)).toBe(true);
    expect(isDatabaseError(err)).toBe(true);
  });

  it('says which documents of an unordered insertMany collided, and stores the rest', async () => {
    const { reports } = collections(models);
    await reports.insertMany([{ _id: 'r:b' }, { _id: 'r:d' }]);
    const err = await failureOf(
      reports.insertMany([{ _id: 'r:a' }, { _id: 'r:b' }, { _id: 'r:c' }, { _id: 'r:d' }], { ordered: false }),
    );
    expect(isDuplicateKey(err)).toBe(true);
    expect([...duplicateIndexes(err)].sort()).toEqual([1, 3]);
    expect(await reports.countDocuments({ _id: { $in: ['r:a', 'r:c'] } })).toBe(2);
  });

  it('does not take a bulk write for a duplicate when another write of it failed otherwise', async () => {
    const { reports } = collections(models);
    await reports.insertOne({ _id: 'bulk', service: 'text' });
    const err = await failureOf(
      reports.bulkWrite(
        [
          { insertOne: { document: { _id: 'bulk', service: 'again' } } },
          // $inc on a string: a type error, not a duplicate.
          { updateOne: { filter: { _id: 'bulk' }, update: { $inc: { service: 1 } } } },
        ],
        { ordered: false },
      ),
    );
    expect(isDatabaseError(err)).toBe(true);
    expect(isDuplicateKey(err)).toBe(false);
  });

  it('takes neither a plain error nor nothing for a database error or a duplicate', () => {
    for (const err of [new Error('E11000 in the message only'), { code: 11001 }, null, undefined, 'text']) {
      expect(isDuplicateKey(err)).toBe(false);
      expect(isDatabaseError(err)).toBe(false);
    }
  });

  it('lets one holder at a time take a lease, the other colliding on its _id', async () => {
    const clock = manualClock();
    const first = new Lease(models, clock, 'detector', 10_000);
    const second = new Lease(models, clock, 'detector', 10_000);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    clock.advance(11_000);
    expect(await second.acquire()).toBe(true);
    expect(await first.acquire()).toBe(false);
  });
});
