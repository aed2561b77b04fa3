import type { ServiceSummary } from '../../../shared/index.ts';
import { levelSeverity } from './format.ts';

export interface HomeGroup {
  title: string;
  services: ServiceSummary[];
  troubled?: boolean;
}

/** Categories people look for most come first; any other (an operator's own) follows by name. */
const ORDER = [
  'AI',
  'Cloud',
  'Communication',
  'Social',
  'Streaming',
  'Gaming',
  'Banking & payments',
  'Mobile carriers & ISPs',
  'Email & web',
  'Productivity',
  'Developer tools',
  'Shopping',
  'Travel & delivery',
];
const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);

/** The home page's list: services with problems first (worst first), then each category by name. */
export function homeGroups(services: readonly ServiceSummary[]): HomeGroup[] {
  const troubled = (s: ServiceSummary) => s.status.level !== 'operational' || s.incidentSince !== null;
  const problems = services
    .filter(troubled)
    .sort(
      (a, b) =>
        levelSeverity[b.status.level] - levelSeverity[a.status.level] ||
        b.reportsLastHour - a.reportsLastHour ||
        a.name.localeCompare(b.name),
    );
  const byCategory = new Map<string, ServiceSummary[]>();
  for (const s of services) if (!troubled(s)) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const categories = [...byCategory.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [
    { title: 'Having problems now', services: problems, troubled: true },
    ...categories.map((c) => ({ title: c, services: byCategory.get(c)!.sort((a, b) => a.name.localeCompare(b.name)) })),
  ];
}

/**
 * `next` with each group's services in the order they are shown now: while a pointer or the
 * focus is on the list, a refresh must not move the card under it. Services new to a group
 * follow, in their own order; those gone from it are gone.
 */
export function inShownOrder(next: HomeGroup[], shown: readonly HomeGroup[]): HomeGroup[] {
  const place = new Map(shown.flatMap((g) => g.services.map((s, i) => [`${g.title}\n${s.slug}`, i] as const)));
  return next.map((g) => {
    const rank = (s: ServiceSummary, i: number) => place.get(`${g.title}\n${s.slug}`) ?? place.size + i;
    const ranked = g.services.map((s, i) => ({ s, r: rank(s, i) }));
    return { ...g, services: ranked.sort((a, b) => a.r - b.r).map((x) => x.s) };
  });
}
