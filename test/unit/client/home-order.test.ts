import { describe, expect, it } from 'vitest';
import { homeGroups, inShownOrder } from '../../../client/src/lib/home-groups.ts';
import type { ServiceSummary, StatusLevel } from '../../../shared/index.ts';

const summary = (name: string, level: StatusLevel, reportsLastHour: number, category = 'Cloud'): ServiceSummary => ({
  slug: name.toLowerCase(),
  name,
  homepage: `https://${name.toLowerCase()}.example`,
  category,
  aliases: [],
  status: {
    level,
    since: new Date(0).toISOString(),
    confidence: 0.5,
    reasons: [],
  } as unknown as ServiceSummary['status'],
  incidentSince: level === 'operational' ? null : new Date(0).toISOString(),
  reportsLastHour,
  sparkline: [],
});
const names = (groups: { title: string; services: ServiceSummary[] }[]) =>
  groups.map((g) => `${g.title}: ${g.services.map((s) => s.name).join(', ')}`);

describe('the home list while a pointer or focus is on it', () => {
  const shown = homeGroups([
    summary('Alpha', 'major_outage', 50),
    summary('Beta', 'major_outage', 40),
    summary('Gamma', 'operational', 0),
  ]);

  it('keeps the cards where they are when the counts would swap them', () => {
    const next = homeGroups([
      summary('Alpha', 'major_outage', 50),
      summary('Beta', 'major_outage', 90),
      summary('Gamma', 'operational', 0),
    ]);
    expect(names(next)[0]).toBe('Having problems now: Beta, Alpha');
    expect(names(inShownOrder(next, shown))).toEqual(['Having problems now: Alpha, Beta', 'Cloud: Gamma']);
  });

  it('adds a service that starts having problems after those shown, and drops one that recovered', () => {
    const next = homeGroups([
      summary('Alpha', 'operational', 0),
      summary('Beta', 'major_outage', 40),
      summary('Gamma', 'major_outage', 99),
    ]);
    expect(names(inShownOrder(next, shown))).toEqual(['Having problems now: Beta, Gamma', 'Cloud: Alpha']);
  });
});
