import type { OfficialLead } from '../../shared/index.ts';
import type { IncidentStore } from './incident-store.ts';
import { officialLead } from './official-ack.ts';

/** Incidents this recent count towards a service's usual lead over its official page. */
export const LEAD_WINDOW_MS = 90 * 24 * 60 * 60_000;

/** Each service's median lead over its official page, in memory for page loads; re-read on the refresh cycle. */
export class OfficialLeads {
  private bySlug = new Map<string, OfficialLead>();

  constructor(private readonly store: IncidentStore) {}

  async reload(now: number): Promise<void> {
    const leads = await this.store.officialLeads(now - LEAD_WINDOW_MS);
    this.bySlug = new Map(
      [...leads].flatMap(([slug, list]) => {
        const lead = officialLead(list);
        return lead ? [[slug, lead] as const] : [];
      }),
    );
  }

  view(slug: string): OfficialLead | null {
    return this.bySlug.get(slug) ?? null;
  }
}
