/**
 * Group commit: callers submit items one by one and each waits for its own result, while the
 * items are written together. While one batch is being written, new arrivals queue up and go
 * in the next batch, so a quiet server writes each report at once and a busy one writes
 * hundreds per round trip. Nothing is answered before its batch is written.
 */
export interface GroupCommitOptions<T, R> {
  writeBatch: (items: T[]) => Promise<R[]>;
  maxBatch?: number;
  /** Beyond this many waiting items, submit() refuses at once instead of queueing without bound. */
  maxQueue?: number;
  onOverload: () => Error;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private writing = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxQueue: number;

  constructor(private readonly opts: GroupCommitOptions<T, R>) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxQueue = opts.maxQueue ?? 20_000;
  }

  submit(item: T): Promise<R> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(this.opts.onOverload());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once everything submitted so far has been written (or failed). */
  drain(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets requests that arrived in the same I/O turn join this batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.writeNext();
    });
  }

  private async writeNext(): Promise<void> {
    if (this.writing) return;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) {
      this.idleWaiters.splice(0).forEach((w) => w());
      return;
    }
    this.writing = true;
    try {
      const results = await this.opts.writeBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      batch.forEach((p) => p.reject(err));
    } finally {
      this.writing = false;
    }
    if (this.queue.length > 0) void this.writeNext();
    else this.idleWaiters.splice(0).forEach((w) => w());
  }
}
