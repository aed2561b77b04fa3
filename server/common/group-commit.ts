// server/common: helpers used by more than one feature folder (here: reports and probes), owned by none.

import { performance } from 'node:perf_hooks';

/**
 * Group commit: callers submit items one by one and each waits for its own result, while the
 * items are written together. A quiet server writes each report at once; a busy one writes
 * hundreds per round trip, with a few batches in flight so the database never waits on us.
 * Nothing is answered before its batch is written, and nobody waits without bound: past
 * `maxQueue` waiting items, or `maxWaitMs` in the queue, an item is refused at once.
 * By hand on purpose: p-limit and p-queue run tasks one by one, none batches items and hands each caller its own
 * result.
 */
export interface GroupCommitOptions<T, R> {
  writeBatch: (items: T[]) => Promise<R[]>;
  maxBatch?: number;
  /** Batches being written at once. */
  maxInFlight?: number;
  /** While a batch is in flight, another starts only once this many wait: fewer, fuller batches. */
  minBatchWhileBusy?: number;
  maxQueue?: number;
  /** An item not yet in a batch after this long is refused, so its caller hears back in time. */
  maxWaitMs?: number;
  onOverload: () => Error;
  /** After a batch is written: when each of its items was submitted, and now (performance.now()). */
  onWritten?: (submittedAt: number[], writtenAt: number) => void;
}

interface Pending<T, R> {
  item: T;
  at: number;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private expiry: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly minBatchWhileBusy: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: GroupCommitOptions<T, R>) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxInFlight = opts.maxInFlight ?? 1;
    this.minBatchWhileBusy = Math.min(opts.minBatchWhileBusy ?? 1, this.maxBatch);
    this.maxQueue = opts.maxQueue ?? 20_000;
    this.maxWaitMs = opts.maxWaitMs ?? Infinity;
  }

  submit(item: T): Promise<R> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(this.opts.onOverload());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, at: performance.now(), resolve, reject });
      this.schedule();
      this.armExpiry();
    });
  }

  /** Items waiting for a batch (not counting those being written). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once everything submitted so far has been written (or failed). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets requests that arrived in the same I/O turn join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      if (this.inFlight > 0 && this.queue.length < this.minBatchWhileBusy) return;
      void this.write(this.queue.splice(0, this.maxBatch));
    }
    if (this.inFlight === 0 && this.queue.length === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  private async write(batch: Pending<T, R>[]): Promise<void> {
    this.inFlight++;
    try {
      const results = await this.opts.writeBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
      this.opts.onWritten?.(
        batch.map((p) => p.at),
        performance.now(),
      );
    } catch (err) {
      batch.forEach((p) => p.reject(err));
    } finally {
      this.inFlight--;
    }
    this.startBatches();
  }

  /** The queue is oldest first: refuse those past their wait, then sleep until the next one would be. */
  private armExpiry(): void {
    if (this.expiry || this.maxWaitMs === Infinity || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.at + this.maxWaitMs - performance.now());
    this.expiry = setTimeout(() => {
      this.expiry = undefined;
      const now = performance.now();
      let expired = 0;
      while (expired < this.queue.length && now - this.queue[expired]!.at >= this.maxWaitMs) expired++;
      if (expired > 0) {
        const refused = this.queue.splice(0, expired);
        const err = this.opts.onOverload();
        refused.forEach((p) => p.reject(err));
      }
      this.armExpiry();
      if (this.inFlight === 0 && this.queue.length === 0) this.idleWaiters.splice(0).forEach((w) => w());
    }, wait);
    this.expiry.unref();
  }
}
