import type { OfficialAck, OfficialLead, OfficialStatus } from '../../shared/index.ts';

const TROUBLE = new Set(['degraded_performance', 'partial_outage', 'major_outage']);

/**
 * Whether the official page admits trouble: an incident it has not closed, or a component (or
 * the page as a whole) worse than operational. Maintenance is planned, not an acknowledgement.
 */
export function officialShowsTrouble(page: OfficialStatus | null | undefined): boolean {
  if (!page) return false;
  return page.incidents.length > 0 || TROUBLE.has(page.level) || page.components.some((c) => TROUBLE.has(c.level));
}

/** leadSeconds is positive when we saw it first. */
export function officialAck(openedAt: number, acknowledgedAt: number): OfficialAck {
  return {
    acknowledgedAt: new Date(acknowledgedAt).toISOString(),
    leadSeconds: Math.round((acknowledgedAt - openedAt) / 1000),
  };
}

/** The median lead over incidents, rounded to whole seconds; null without any. */
export function officialLead(leads: number[]): OfficialLead | null {
  if (leads.length === 0) return null;
  const sorted = [...leads].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianSeconds: Math.round(median), incidents: sorted.length };
}

/**
 * Since when each official page has shown trouble without a break, as this process saw the
 * reads: the first read showing it starts the streak, a read showing none ends it. Only the
 * latest read is stored, so the streak is what tells "the page already showed it when we
 * opened" from "it just turned".
 */
export class OfficialTroubleWatch {
  private readonly since = new Map<string, number>();

  /** Notes a service's latest read; returns since when the page shows trouble, if it does. */
  observe(slug: string, page: OfficialStatus | null | undefined): number | undefined {
    if (!officialShowsTrouble(page)) {
      this.since.delete(slug);
      return undefined;
    }
    const at = Date.parse(page!.fetchedAt);
    const held = this.since.get(slug);
    if (held === undefined || at < held) this.since.set(slug, at);
    return this.since.get(slug);
  }
}
