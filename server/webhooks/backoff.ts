/** The first retry waits this long; each next one twice as long, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 3_600_000;
/** Retries go on this long after the event; then the delivery is marked failed. */
export const RETRY_FOR_MS = 24 * 3_600_000;
/** ±10%, so endpoints that failed together are not all retried in the same second. */
const JITTER = 0.1;

/**
 * When to try again after `failures` failed attempts (the last at `now`), or null to give up.
 * The last retry lands on the give-up time itself, so an endpoint back just before it still gets
 * the event.
 */
export function nextAttempt(
  failures: number,
  now: number,
  giveUpAt: number,
  random: () => number = Math.random,
): number | null {
  if (now >= giveUpAt) return null;
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
  const delay = Math.round(base * (1 + JITTER * (2 * random() - 1)));
  return Math.min(now + delay, giveUpAt);
}
