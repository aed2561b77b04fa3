import type { Incident } from '../../shared/index.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';

/** How many incidents the public API and feeds show: Statuspage's incidents.json lists 50. */
export const RECENT_INCIDENTS = 50;

/**
 * Which of two copies of the same incident says more: resolution, then more updates (on a tie the newer copy is taken).
 */
const ahead = (a: Incident, b: Incident) =>
  (a.state === 'resolved' ? 1 : 0) - (b.state === 'resolved' ? 1 : 0) || a.updates.length - b.updates.length;

/**
 * The latest incidents of every service, open and resolved, held in memory so polled reads cost
 * no query. This process's own changes arrive as events at once; what other processes wrote
 * arrives at the next reload. A reload never takes back what an event already told.
 */
export class RecentIncidents {
  private byId = new Map<string, Incident>();
  private sorted: Incident[] = [];

  constructor(private readonly store: IncidentStore) {}

  async reload(): Promise<void> {
    const [recent, open] = await Promise.all([this.store.recent(RECENT_INCIDENTS), this.store.allOpen()]);
    const next = new Map<string, Incident>();
    for (const i of [...recent, ...open]) {
      const held = this.byId.get(i.id);
      next.set(i.id, held && ahead(held, i) > 0 ? held : i);
    }
    this.byId = next;
    this.settle();
  }

  note(incident: Incident): void {
    const held = this.byId.get(incident.id);
    if (held && ahead(held, incident) > 0) return;
    this.byId.set(incident.id, incident);
    this.settle();
  }

  /** Newest first (by start), at most RECENT_INCIDENTS; open ones always included. */
  list(): Incident[] {
    return this.sorted;
  }

  private settle(): void {
    const all = [...this.byId.values()].sort(
      (a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id),
    );
    const kept = all.filter((i, n) => n < RECENT_INCIDENTS || i.state === 'open');
    this.byId = new Map(kept.map((i) => [i.id, i]));
    this.sorted = kept;
  }
}
