import { LRUCache } from 'lru-cache';

/** Addresses remembered at once; past this the least recently seen is forgotten (it is refilled by then). */
const MAX_CLIENTS = 100_000;

/**
 * A per-process token bucket per address, in memory, for the report hot path: it turns a flood
 * from one address into cheap 429s before it reaches the database. The database-enforced limits
 * on reports are the dedupe claims (one counted report per person, service and window, and a
 * few per address).
 */
export class FloodGuard {
  // An LRU keeps memory bounded in O(1) per request, where sweeping a plain Map once it is full
  // would scan every entry on the hot path.
  private readonly buckets = new LRUCache<string, { tokens: number; at: number }>({ max: MAX_CLIENTS });

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
  ) {}

  /** Takes a token; returns the seconds to wait when there is none. */
  take(client: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.buckets.get(client) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + Math.max(0, now - b.at) * this.refillPerMs);
    b.at = now;
    this.buckets.set(client, b);
    if (b.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / this.refillPerMs / 1000) };
    b.tokens -= 1;
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }
}
