import type { Incident } from '../../shared/index.ts';
import type { IncidentStore } from './incident-store.ts';

/**
 * How long a resolved incident is still news: the page offers "It works again" and the detector knows not to reopen it.
 */
export const JUST_RESOLVED_MS = 60 * 60_000;

/**
 * Open incidents by service, and each service's incident resolved within the last hour, in
 * memory for page loads; the database is re-read on a cycle.
 */
export class IncidentBook {
  private bySlug = new Map<string, Incident>();
  private resolvedBySlug = new Map<string, Incident>();

  constructor(
    private readonly store: IncidentStore,
    private readonly now: () => number = Date.now,
  ) {}

  async reload(): Promise<void> {
    const [open, resolved] = await Promise.all([
      this.store.allOpen(),
      this.store.resolvedSince(this.now() - JUST_RESOLVED_MS),
    ]);
    this.bySlug = new Map(open.map((i) => [i.service, i]));
    // Newest first: the first seen per service is its latest.
    const latest = new Map<string, Incident>();
    for (const i of resolved) if (!latest.has(i.service)) latest.set(i.service, i);
    this.resolvedBySlug = latest;
  }

  openFor(slug: string): Incident | null {
    return this.bySlug.get(slug) ?? null;
  }

  all(): Incident[] {
    return [...this.bySlug.values()];
  }

  /** The service's incident resolved within the last hour, if no other opened since. */
  justResolved(slug: string): Incident | null {
    const last = this.resolvedBySlug.get(slug);
    if (!last?.resolvedAt || this.now() - Date.parse(last.resolvedAt) > JUST_RESOLVED_MS) return null;
    return this.bySlug.has(slug) ? null : last;
  }

  /** Keeps memory in step with an incident this process just wrote (or was told about). */
  note(incident: Incident): void {
    if (incident.state === 'open') this.bySlug.set(incident.service, incident);
    else {
      if (this.bySlug.get(incident.service)?.id === incident.id) this.bySlug.delete(incident.service);
      const known = this.resolvedBySlug.get(incident.service);
      if (!known || (known.resolvedAt ?? '') <= (incident.resolvedAt ?? ''))
        this.resolvedBySlug.set(incident.service, incident);
    }
  }
}
