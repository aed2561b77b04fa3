import type { RefusalReason, ReportHooks } from './metric-hooks.ts';

/** Reports to slugs outside the catalog share this one label value (a slug cannot start with "_"). */
export const UNKNOWN_SERVICE = '_unknown';

export interface Tally {
  received: number;
  counted: number;
  repeated: number;
  refused: Record<RefusalReason, number>;
}

const emptyTally = (): Tally => ({
  received: 0,
  counted: 0,
  repeated: 0,
  refused: { invalid: 0, rate_limited: 0, shed: 0, unavailable: 0, unknown_service: 0 },
});

/**
 * The hot path's counts as plain numbers per service, handed to prom-client only when scraped.
 * Even through a cached `counter.labels(service)` child, prom-client builds a label-hash string
 * and checks the label names on every `inc()`; here a report costs one Map lookup and an add.
 * Only catalog services get an entry of their own, so a flood of made-up slugs adds no series.
 */
export class ReportTally implements ReportHooks {
  private readonly byService = new Map<string, Tally>();
  private readonly unknown = emptyTally();

  constructor(private readonly known: (slug: string) => boolean) {}

  stored(slug: string, counted: boolean): void {
    const t = this.of(slug);
    t.received++;
    if (counted) t.counted++;
    else t.repeated++;
  }

  refused(slug: string, reason: RefusalReason): void {
    const t = this.of(slug);
    t.received++;
    t.refused[reason]++;
  }

  /**
   * Every service named (zeros too, so rates start from a sample), those no longer named that counted something, and
   * the unknown bucket.
   */
  rows(services: readonly string[]): [string, Tally][] {
    for (const slug of services) this.of(slug);
    return [...this.byService, [UNKNOWN_SERVICE, this.unknown]];
  }

  private of(slug: string): Tally {
    let t = this.byService.get(slug);
    if (t) return t;
    if (!this.known(slug)) return this.unknown;
    t = emptyTally();
    this.byService.set(slug, t);
    return t;
  }
}
