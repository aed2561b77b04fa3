import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/common/group-commit.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('GroupCommit', () => {
  it('writes items that arrive together in one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, string>({
      writeBatch: async (items) => (batches.push(items), items.map((n) => `ok ${n}`)),
      onOverload: () => new Error('busy'),
    });
    const results = await Promise.all([1, 2, 3].map((n) => gc.submit(n)));
    expect(results).toEqual(['ok 1', 'ok 2', 'ok 3']);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('queues arrivals while a batch is being written and writes them next, together', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items;
      },
      onOverload: () => new Error('busy'),
    });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4].map((n) => gc.submit(n));
    expect(batches).toEqual([[1]]);
    gate.resolve();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every item of a batch whose write fails, and keeps working afterwards', async () => {
    let fail = true;
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => {
        if (fail) throw new Error('database down');
        return items;
      },
      onOverload: () => new Error('busy'),
    });
    const failed = await Promise.allSettled([gc.submit(1), gc.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await gc.submit(3)).toBe(3);
  });

  it('refuses at once when the queue is full instead of growing without bound', async () => {
    const gate = deferred();
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => (await gate.promise, items),
      maxBatch: 1,
      maxQueue: 2,
      onOverload: () => new Error('busy'),
    });
    const a = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const b = gc.submit(2);
    const c = gc.submit(3);
    await expect(gc.submit(4)).rejects.toThrow('busy');
    gate.resolve();
    expect(await Promise.all([a, b, c])).toEqual([1, 2, 3]);
  });

  it('drains: resolves once everything submitted so far is written', async () => {
    const written: number[] = [];
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => (written.push(...items), items),
      maxBatch: 2,
      onOverload: () => new Error('busy'),
    });
    [1, 2, 3, 4, 5].forEach((n) => void gc.submit(n));
    await gc.drain();
    expect(written).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('GroupCommit with several batches in flight', () => {
  it('starts a second batch while the first is written, once enough items wait', async () => {
    const gates = [deferred(), deferred()];
    const batches: number[][] = [];
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => {
        const i = batches.push(items) - 1;
        if (i < 2) await gates[i]!.promise;
        return items;
      },
      maxInFlight: 2,
      minBatchWhileBusy: 3,
      onOverload: () => new Error('busy'),
    });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const two = [2, 3].map((n) => gc.submit(n));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]); // two waiting: not enough for a second batch while one is busy
    const more = gc.submit(4);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1]!.resolve();
    expect(await Promise.all([...two, more])).toEqual([2, 3, 4]);
    gates[0]!.resolve();
    expect(await first).toBe(1);
  });

  it('refuses an item that waited too long for a batch, so its caller hears back in time', async () => {
    const gate = deferred();
    const gc = new GroupCommit<number, number>({
      writeBatch: async (items) => (await gate.promise, items),
      maxWaitMs: 30,
      onOverload: () => new Error('busy'),
    });
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const stuck = gc.submit(2);
    await expect(stuck).rejects.toThrow('busy');
    gate.resolve();
    expect(await first).toBe(1);
    await gc.drain();
  });
});
