import type { ServiceSummary } from '../../../shared/index.ts';
import { levelSeverity } from './format.ts';

export interface HomeGroup {
  title: string;
  services: ServiceSummary[];
  troubled?: boolean;
}

/** Categories people look for most come first; any other (an operator's own) follows by name. */
const ORDER = ['AI', 'Cloud', 'Communication', 'Social', 'Streaming', 'Gaming', 'Banking & payments', 'Mobile carriers & ISPs', 'Email & web', 'Productivity', 'Developer tools', 'Shopping', 'Travel & delivery'];
const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);

/** The home page's list: services with problems first (worst first), then each category by name. */
export function homeGroups(services: readonly ServiceSummary[]): HomeGroup[] {
  const troubled = (s: ServiceSummary) => s.status.level !== 'operational' || s.incidentSince !== null;
  const problems = services
    .filter(troubled)
    .sort((a, b) => levelSeverity[b.status.level] - levelSeverity[a.status.level] || b.reportsLastHour - a.reportsLastHour || a.name.localeCompare(b.name));
  const byCategory = new Map<string, ServiceSummary[]>();
  for (const s of services) if (!troubled(s)) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
  const categories = [...byCategory.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [
    { title: 'Having problems now', services: problems, troubled: true },
    ...categories.map((c) => ({ title: c, services: byCategory.get(c)!.sort((a, b) => a.name.localeCompare(b.name)) })),
  ];
}
