import type {
  Incident,
  MaintenanceWindow,
  StatuspageComponent,
  StatuspageMaintenance,
  StatuspagePage,
} from '../../shared/index.ts';
import { componentId, pageStatus, statuspageComponents, type ServiceVerdict } from './statuspage-components.ts';
import { statuspageIncident, statuspageMaintenance, type IncidentContext } from './statuspage-incidents.ts';

/** What the public API shows, gathered from memory: plain data, so the mapping is pure. */
export interface PublicState {
  now: number;
  /** Every catalog service with its current verdict, in catalog order. */
  verdicts: ServiceVerdict[];
  /** Recent incidents, open and resolved, newest first. */
  incidents: Incident[];
  /** Current, upcoming and recently ended maintenance windows. */
  maintenance: MaintenanceWindow[];
}

export const PAGE_NAME = 'Outage radar';

/** Every /api/v2 document, keyed by its path under /api/v2/. */
export function statuspageDocuments(state: PublicState, site: { base: string; pageId: string }) {
  const components = statuspageComponents(state.verdicts, site.pageId);
  const byId = new Map<string, StatuspageComponent>(components.map((c) => [c.id, c]));
  const names = new Map(state.verdicts.map((v) => [v.service.slug, v.service.name]));
  const context = (slug: string): IncidentContext => ({
    pageId: site.pageId,
    base: site.base,
    serviceName: names.get(slug) ?? slug,
    component: byId.get(componentId(slug)),
  });
  const incidents = state.incidents.map((i) => statuspageIncident(i, context(i.service)));
  const unresolved = incidents.filter((i) => i.status !== 'resolved' && i.status !== 'postmortem');
  const maintenances = state.maintenance
    .map((w) => statuspageMaintenance(w, state.now, context(w.service)))
    .sort((a, b) => a.scheduled_for.localeCompare(b.scheduled_for));
  const phase = (...statuses: StatuspageMaintenance['status'][]) =>
    maintenances.filter((m) => statuses.includes(m.status));
  const stamps = [...components, ...incidents, ...maintenances].map((x) => x.updated_at).sort();
  const page: StatuspagePage = {
    id: site.pageId,
    name: PAGE_NAME,
    url: site.base,
    time_zone: 'Etc/UTC',
    updated_at: stamps.at(-1) ?? new Date(state.now).toISOString(),
  };
  const status = pageStatus(state.verdicts);
  return {
    'summary.json': {
      page,
      components,
      incidents: unresolved,
      scheduled_maintenances: phase('scheduled', 'in_progress', 'verifying'),
      status,
    },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenances },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: phase('scheduled') },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: phase('in_progress', 'verifying') },
  };
}

export type StatuspageDocuments = ReturnType<typeof statuspageDocuments>;
export type StatuspagePath = keyof StatuspageDocuments;
