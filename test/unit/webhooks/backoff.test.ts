import { describe, expect, it } from 'vitest';
import { nextAttempt, RETRY_FOR_MS } from '../../../server/webhooks/backoff.ts';

const S = 1000;
const H = 3_600_000;

describe('nextAttempt', () => {
  const mid = () => 0.5; // no jitter
  it.each([
    [1, 30 * S],
    [2, 60 * S],
    [3, 120 * S],
    [7, 1920 * S],
    [8, H],
    [20, H],
  ])('waits after %i failures: %i ms', (failures, wait) => {
    expect(nextAttempt(failures, 0, RETRY_FOR_MS, mid)).toBe(wait);
  });

  it('spreads retries by at most 10% either way', () => {
    expect(nextAttempt(1, 0, RETRY_FOR_MS, () => 0)).toBe(27 * S);
    expect(nextAttempt(1, 0, RETRY_FOR_MS, () => 1)).toBe(33 * S);
  });

  it('makes the last retry at the give-up time, then gives up', () => {
    expect(nextAttempt(30, RETRY_FOR_MS - 10 * S, RETRY_FOR_MS, mid)).toBe(RETRY_FOR_MS);
    expect(nextAttempt(31, RETRY_FOR_MS, RETRY_FOR_MS, mid)).toBeNull();
    expect(nextAttempt(1, 5 * S, 0, mid)).toBeNull();
  });
});
