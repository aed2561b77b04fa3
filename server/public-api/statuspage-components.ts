import {
  worstLevel,
  type Service,
  type Status,
  type StatusLevel,
  type StatuspageComponent,
  type StatuspageIndicator,
  type StatuspageStatus,
} from '../../shared/index.ts';
import { stableId } from './stable-id.ts';

export interface ServiceVerdict {
  service: Pick<Service, 'slug' | 'name' | 'category'>;
  status: Status;
}

export const componentId = (slug: string) => stableId('component', slug);

/** Statuspage's page roll-up for each of our levels, and the words its pages show beside it. */
const INDICATORS: Record<StatusLevel, { indicator: StatuspageIndicator; description: string }> = {
  operational: { indicator: 'none', description: 'All Systems Operational' },
  degraded_performance: { indicator: 'minor', description: 'Minor Service Outage' },
  partial_outage: { indicator: 'major', description: 'Partial System Outage' },
  major_outage: { indicator: 'critical', description: 'Major Service Outage' },
  under_maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
};

export const indicatorOf = (level: StatusLevel): StatuspageIndicator => INDICATORS[level].indicator;

/** The page's status: the worst service's (maintenance ranks below any trouble, as on Statuspage). */
export function pageStatus(verdicts: ServiceVerdict[]): StatuspageStatus {
  return INDICATORS[worstLevel(verdicts.map((v) => v.status.level))];
}

/**
 * One component per service, its status our fused verdict, inside one group component per
 * category (a group's own status is the worst of its members, as Statuspage rolls groups up).
 * Groups come in category order, members in the catalog's order.
 */
export function statuspageComponents(verdicts: ServiceVerdict[], pageId: string): StatuspageComponent[] {
  const byCategory = new Map<string, ServiceVerdict[]>();
  for (const v of verdicts) byCategory.set(v.service.category, [...(byCategory.get(v.service.category) ?? []), v]);
  const common = { description: null, start_date: null, page_id: pageId, only_show_if_degraded: false };
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([category, members], g) => {
      const groupId = stableId('group', category);
      const children: StatuspageComponent[] = members.map((m, i) => ({
        id: componentId(m.service.slug),
        name: m.service.name,
        status: m.status.level,
        updated_at: m.status.since,
        position: i + 1,
        showcase: true,
        group_id: groupId,
        group: false,
        ...common,
      }));
      const group: StatuspageComponent = {
        id: groupId,
        name: category,
        status: worstLevel(children.map((c) => c.status)),
        updated_at: children
          .map((c) => c.updated_at)
          .sort()
          .at(-1)!,
        position: g + 1,
        showcase: false,
        group_id: null,
        group: true,
        ...common,
        components: children.map((c) => c.id),
      };
      return [group, ...children];
    });
}
