import { ApiError } from './api.ts';

/** Worth sending again: the server is shedding load or restarting, or the network dropped. */
export function isRetryable(err: unknown): err is ApiError {
  return (
    err instanceof ApiError &&
    (err.status === 0 || err.status === 429 || err.status === 502 || err.status === 503 || err.status === 504)
  );
}

/**
 * Seconds to wait before attempt `attempt` (1 = the first retry): the server's Retry-After if it
 * gave one, else 2 s, doubling each time up to a minute, with ±30% jitter so that everyone turned
 * away in the same second does not come back in the same second.
 */
export function retryDelaySeconds(
  attempt: number,
  retryAfter: number | undefined,
  random: () => number = Math.random,
): number {
  const base = Math.max(retryAfter ?? 0, Math.min(60, 2 * 2 ** (attempt - 1)));
  return Math.max(1, Math.round(base * (0.7 + 0.6 * random())));
}

/**
 * Runs `send` until it succeeds, fails for good, or `maxAttempts` are used. Between attempts it
 * tells `onWait` how many seconds are left, once a second, so the page can say so.
 */
export async function withRetry<T>(
  send: () => Promise<T>,
  opts: { onWait: (secondsLeft: number, attempt: number) => void; maxAttempts?: number; signal?: AbortSignal },
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isRetryable(err) || attempt >= maxAttempts || opts.signal?.aborted) throw err;
      for (let left = retryDelaySeconds(attempt, err.retryAfter); left > 0; left--) {
        opts.onWait(left, attempt);
        await new Promise((r) => setTimeout(r, 1_000));
        if (opts.signal?.aborted) throw err;
      }
    }
  }
}
