import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/lib/api.ts';
import { isRetryable, retryDelaySeconds } from '../../client/src/lib/retry.ts';

describe('sending a report again', () => {
  it('tries again when the server sheds load, restarts or the network drops, never after a refusal', () => {
    for (const status of [0, 429, 502, 503, 504]) expect(isRetryable(new ApiError(status, 'x', 'm'))).toBe(true);
    for (const status of [400, 404, 413]) expect(isRetryable(new ApiError(status, 'x', 'm'))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });

  it('waits what the server asked, else 2 s doubling to a minute, spread by ±30%', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelaySeconds(a, undefined, middle))).toEqual([
      2, 4, 8, 16, 32, 60, 60,
    ]);
    expect(retryDelaySeconds(1, 5, middle)).toBe(5);
    expect(retryDelaySeconds(1, 5, () => 0)).toBe(4);
    expect(retryDelaySeconds(1, 5, () => 1)).toBeLessThanOrEqual(7);
    expect(retryDelaySeconds(1, undefined, () => 0)).toBe(1);
  });
});
