import type { RelatedService, StatusLevel } from '../../shared/index.ts';

export interface RelatedCandidate {
  slug: string;
  name: string;
  category: string;
  level: StatusLevel;
  /** An open incident, or a verdict worse than operational (maintenance is planned, not a problem). */
  troubled: boolean;
}

/** At most this many in all, and of those at most TROUBLED_MAX having problems: a panel, not a second home page. */
export const RELATED_MAX = 8;
export const TROUBLED_MAX = 5;

const severity: Record<StatusLevel, number> = {
  major_outage: 4,
  partial_outage: 3,
  degraded_performance: 2,
  under_maintenance: 1,
  operational: 0,
};

/**
 * What a service's page lists beside it. Services having problems right now come first, since
 * several at once (a bank, a shop and a game all down) usually share a cause such as a cloud or
 * CDN outage; among them the same category first, then the worse verdict. The rest of the list is
 * the service's own category, by name.
 */
export function relatedServices(
  slug: string,
  candidates: readonly RelatedCandidate[],
  max = RELATED_MAX,
): RelatedService[] {
  const self = candidates.find((c) => c.slug === slug);
  if (!self) return [];
  const others = candidates.filter((c) => c.slug !== slug);
  const sameCategory = (c: RelatedCandidate) => c.category === self.category;
  const troubled = others
    .filter((c) => c.troubled)
    .sort(
      (a, b) =>
        Number(sameCategory(b)) - Number(sameCategory(a)) ||
        severity[b.level] - severity[a.level] ||
        a.name.localeCompare(b.name),
    )
    .slice(0, Math.min(TROUBLED_MAX, max));
  const shown = new Set(troubled.map((c) => c.slug));
  const neighbours = others
    .filter((c) => sameCategory(c) && !shown.has(c.slug))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, max - troubled.length);
  return [
    ...troubled.map((c) => ({
      slug: c.slug,
      name: c.name,
      reason: 'Also having problems now',
      kind: 'problems_now' as const,
      level: c.level,
    })),
    ...neighbours.map((c) => ({
      slug: c.slug,
      name: c.name,
      reason: `Also in ${self.category}`,
      kind: 'same_category' as const,
      level: c.level,
    })),
  ];
}

/**
 * The related lists of every service, keyed by slug, as one comparable string each (which pages must be pushed again).
 */
export function relatedSignatures(candidates: readonly RelatedCandidate[]): Map<string, string> {
  return new Map(
    candidates.map((c) => [
      c.slug,
      relatedServices(c.slug, candidates)
        .map((r) => `${r.slug}:${r.level}`)
        .join(','),
    ]),
  );
}
