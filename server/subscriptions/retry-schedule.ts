import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time.ts';

/** A failed send is tried again for a day, then given up on: an alert a day late helps nobody. */
export const GIVE_UP_AFTER_MS = DAY_MS;

/**
 * When to try a mail again after its `attempts`-th failure: 1, 2, 4 … minutes, at most an hour
 * apart, or `undefined` once it has been failing for a day.
 */
export function nextAttempt(attempts: number, createdAt: number, now: number): number | undefined {
  const wait = Math.min(HOUR_MS, MINUTE_MS * 2 ** Math.max(0, attempts - 1));
  return now + wait - createdAt > GIVE_UP_AFTER_MS ? undefined : now + wait;
}
