import { GroupCommit } from '../common/group-commit.ts';
import type { ReportToStore, StoreOutcome } from './report-writer.ts';
import { AppError, databaseUnavailable } from '../errors.ts';
import { isDatabaseError } from '../db/database-errors.ts';
import { noBatchHooks, noDatabaseHooks, type BatchHooks, type DatabaseHooks } from '../metrics/metric-hooks.ts';

/** The hot path's entry: validated reports in, "stored" or "not counted" out, or a 503. */
export class ReportIntake {
  private readonly queue: GroupCommit<ReportToStore, StoreOutcome>;

  constructor(
    writeBatch: (items: ReportToStore[]) => Promise<StoreOutcome[]>,
    metrics: { batches: BatchHooks; database: DatabaseHooks } = { batches: noBatchHooks, database: noDatabaseHooks },
  ) {
    this.queue = new GroupCommit({
      writeBatch: async (items) => {
        try {
          return await writeBatch(items);
        } catch (err) {
          metrics.database.failed('report_batch', err); // once per batch, not once per report in it
          throw err;
        }
      },
      onWritten: (submittedAt, writtenAt) => metrics.batches.written(submittedAt, writtenAt),
      maxBatch: 500,
      // Two batches in flight keep the database busy while we wait on its answers; a second
      // starts only once enough wait for it to be worth a round trip (fuller batches cost the
      // embedded database less per report than more of them: measured with npm run bench).
      maxInFlight: 2,
      minBatchWhileBusy: 64,
      maxQueue: 20_000,
      // Refused after half a second in the queue: with the write itself, every reporter hears
      // back well within two seconds, and a refusal early beats a timeout late.
      maxWaitMs: 500,
      onOverload: () =>
        new AppError(
          503,
          'overloaded',
          'Too many reports are arriving right now, so yours was not counted yet. It will be sent again in ' +
            'a few seconds.',
          undefined,
          undefined,
          { 'Retry-After': '5' },
        ),
    });
  }

  async submit(report: ReportToStore): Promise<StoreOutcome> {
    // No check of mongoose's readyState first: after a restart of the database it can stay
    // "disconnected" while the driver writes fine, refusing every report. A database that is
    // gone fails the write within the driver's server selection timeout (1.5 s) instead.
    try {
      return await this.queue.submit(report);
    } catch (err) {
      throw isDatabaseError(err) ? databaseUnavailable(err) : err;
    }
  }

  /** Reports waiting for their batch. */
  get waiting(): number {
    return this.queue.waiting;
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }
}
