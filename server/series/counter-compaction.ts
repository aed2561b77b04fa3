import type { Models } from '../db/models.ts';
import { archiveDone } from '../db/hot-archive.ts';
import { HOUR_MS } from '../db/models/series-hour.model.ts';

const MINUTE_MS = 60_000;
/**
 * How long after its minute (or hour) ends a counter may still be bumped. Writers stamp a
 * report with the time its batch is written, so a bump lands within a second or two of its
 * minute; five minutes leaves room for clock skew between processes.
 */
export const COUNTER_GRACE_MS = 5 * MINUTE_MS;

/** Moves finished per-minute buckets and per-hour series documents to their archives. */
export async function compactCounters(models: Models, now: number): Promise<{ minutes: number; hours: number }> {
  const settled = now - COUNTER_GRACE_MS;
  const minutes = await archiveDone(
    models.Bucket.collection,
    models.BucketArchive.collection,
    'minute',
    new Date(Math.floor(settled / MINUTE_MS) * MINUTE_MS),
  );
  const hours = await archiveDone(
    models.SeriesHour.collection,
    models.SeriesHourArchive.collection,
    'hour',
    new Date(Math.floor(settled / HOUR_MS) * HOUR_MS),
  );
  return { minutes, hours };
}
