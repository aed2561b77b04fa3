/**
 * A per-process token bucket per client, in memory, for the report hot path: it turns a flood
 * from one client into cheap 429s before it reaches the database. The database-enforced limit
 * on reports is the dedupe claim (one counted report per client, service and 10 minutes).
 */
export class FloodGuard {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerMs: number,
  ) {}

  /** Takes a token; returns the seconds to wait when there is none. */
  take(client: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.buckets.get(client) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * this.refillPerMs);
    b.at = now;
    if (this.buckets.size > 100_000) this.prune(now);
    this.buckets.set(client, b);
    if (b.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / this.refillPerMs / 1000) };
    b.tokens -= 1;
    return { ok: true };
  }

  private prune(now: number): void {
    const full = this.capacity / this.refillPerMs;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}
