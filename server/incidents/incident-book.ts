import type { Incident } from '../../shared/index.ts';
import type { IncidentStore } from './incident-store.ts';

/** Open incidents by service, in memory for page loads; the database is re-read on a cycle. */
export class IncidentBook {
  private bySlug = new Map<string, Incident>();

  constructor(private readonly store: IncidentStore) {}

  async reload(): Promise<void> {
    const open = await this.store.allOpen();
    this.bySlug = new Map(open.map((i) => [i.service, i]));
  }

  openFor(slug: string): Incident | null {
    return this.bySlug.get(slug) ?? null;
  }

  /** Keeps memory in step with an incident this process just wrote. */
  note(incident: Incident): void {
    if (incident.state === 'open') this.bySlug.set(incident.service, incident);
    else if (this.bySlug.get(incident.service)?.id === incident.id) this.bySlug.delete(incident.service);
  }
}
