import type { Incident } from '../../shared/index.ts';
import type { Decision } from '../detection/decision.ts';
import type { SeriesBook } from '../series/series-book.ts';
import type { IncidentStore } from './incident-store.ts';
import type { IncidentBook } from './incident-book.ts';
import type { IncidentEvent } from './detection-loop.ts';
import { autoResolveAt, backToNormal, confirmedRecovery, incidentPhase, risesAgain } from './lifecycle-rules.ts';
import { MINUTE_MS } from '../../shared/time.ts';

/**
 * The detection leader's side of lifecycle-rules.ts: remembers since when each service's
 * reports are back to normal, writes an open incident's phase when it changes, ends short
 * bursts, and says when a closed incident's burst rose again. In memory: a new leader starts
 * counting calm afresh, which delays an automatic resolution by at most SETTLE_MS.
 */
export class IncidentLifecycle {
  private readonly calmSince = new Map<string, number>();

  constructor(
    private readonly deps: {
      store: IncidentStore;
      book: IncidentBook;
      series: SeriesBook;
      onIncident: (event: IncidentEvent, incident: Incident) => void;
      /** People who said "it works again" in the last 15 minutes. */
      recoveries: (slug: string, now: number) => number;
    },
  ) {}

  /** Follows the shortest window in and out of normal; call with every decision, in order. */
  observe(slug: string, d: Decision): void {
    if (!backToNormal(d)) this.calmSince.delete(slug);
    else if (!this.calmSince.has(slug)) this.calmSince.set(slug, d.time);
  }

  /** Writes the open incident's new phase, or ends it; true when it wrote something. */
  async tend(slug: string, open: Incident, d: Decision | undefined, at: number): Promise<boolean> {
    const recoveries = this.deps.recoveries(slug, at);
    const recentReports = this.recentReports(slug, at);
    const resolveAt = autoResolveAt(
      open,
      this.calmSince.get(slug) ?? NaN,
      at,
      confirmedRecovery(recoveries, recentReports),
    );
    if (resolveAt !== undefined) {
      const resolved = await this.deps.store.resolve(open.id, resolveAt, 'recovered');
      if (resolved) this.deps.onIncident('incident:resolved', resolved);
      return resolved !== undefined;
    }
    const phase = incidentPhase({ incident: open, decision: d, recoveries, recentReports, now: at });
    if (phase === open.phase) return false;
    const followed = await this.deps.store.follow(open.id, { phase });
    if (followed) this.deps.onIncident('incident:updated', followed);
    return followed !== undefined;
  }

  /**
   * Whether to open a new incident for a burst the detector still believes in but someone
   * closed: only when reports rose again after the closing, on their own.
   */
  /** When it was closed, if the incident should reopen now; undefined otherwise. */
  reopens(slug: string, d: Decision): number | undefined {
    const closed = this.closedDuring(slug, d.incident?.startedAt ?? Infinity);
    return closed !== undefined && risesAgain(d, closed) ? closed : undefined;
  }

  /** When the service's last incident was closed, if that was after `since` (within the book's last hour). */
  closedDuring(slug: string, since: number): number | undefined {
    const last = this.deps.book.justResolved(slug);
    const at = last?.resolvedAt ? Date.parse(last.resolvedAt) : NaN;
    return at >= since ? at : undefined;
  }

  private recentReports(slug: string, now: number): number {
    const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    let total = 0;
    for (let t = current - 9 * MINUTE_MS; t <= current; t += MINUTE_MS) total += this.deps.series.countAt(slug, t);
    return total;
  }
}
