import { describe, expect, it } from 'vitest';
import { FloodGuard } from '../../../server/limits/flood-guard.ts';

describe('FloodGuard', () => {
  it('allows a burst, then one request per refill, and says how long to wait', () => {
    const guard = new FloodGuard(3, 1 / 6_000);
    const t = 1_000_000;
    expect([0, 1, 2].map(() => guard.take('a', t).ok)).toEqual([true, true, true]);
    expect(guard.take('a', t)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(guard.take('b', t).ok).toBe(true);
    expect(guard.take('a', t + 6_000).ok).toBe(true);
  });

  it('remembers at most 100,000 clients, however many arrive within its refill time', () => {
    const guard = new FloodGuard(20, 1 / 6_000);
    for (let i = 0; i < 300_000; i++) guard.take(`client-${i}`, 1_000 + i);
    expect(guard.size).toBe(100_000);
  });
});
