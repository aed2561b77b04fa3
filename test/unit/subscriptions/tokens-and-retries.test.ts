import { describe, expect, it } from 'vitest';
import { hashToken, newToken, readUnsubscribeToken, unsubscribeToken } from '../../../server/subscriptions/tokens.ts';
import { nextAttempt } from '../../../server/subscriptions/retry-schedule.ts';

const MINUTE = 60_000;
const id = '65f0c0ffee0000000000abcd';

describe('subscription tokens', () => {
  it('makes distinct URL-safe confirmation tokens and stores only their hash', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[a-f0-9]{64}$/);
  });

  it('reads back an unsubscribe token it signed, and nothing else', () => {
    const token = unsubscribeToken('secret-one', id);
    expect(readUnsubscribeToken('secret-one', token)).toBe(id);
    expect(readUnsubscribeToken('secret-two', token)).toBeUndefined();
    expect(readUnsubscribeToken('secret-one', token.replace(id, '65f0c0ffee0000000000abce'))).toBeUndefined();
    expect(readUnsubscribeToken('secret-one', `${token}.x`)).toBeUndefined();
    expect(readUnsubscribeToken('secret-one', token.slice(0, -1))).toBeUndefined();
  });
});

describe('retry schedule', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [7, 60],
    [20, 60],
  ])('waits after failure %i: %i minutes', (attempts, minutes) => {
    expect(nextAttempt(attempts, 0, 10 * MINUTE)).toBe(10 * MINUTE + minutes * MINUTE);
  });

  it('gives up once a mail has been failing for a day', () => {
    expect(nextAttempt(30, 0, 23 * 60 * MINUTE)).toBe(24 * 60 * MINUTE);
    expect(nextAttempt(31, 0, 23 * 60 * MINUTE + 1)).toBeUndefined();
  });
});
