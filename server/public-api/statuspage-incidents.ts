import type {
  Incident,
  IncidentKind,
  MaintenanceWindow,
  StatuspageComponent,
  StatuspageIncident,
  StatuspageMaintenance,
  StatuspageUpdate,
} from '../../shared/index.ts';
import { indicatorOf } from './statuspage-components.ts';
import { stableId } from './stable-id.ts';

type ActiveStatus = 'investigating' | 'identified' | 'monitoring';

export interface IncidentContext {
  pageId: string;
  /** Absolute base of our site, for shortlinks. */
  base: string;
  serviceName: string;
  /** The service's component, when the service is still in the catalog. */
  component: StatuspageComponent | undefined;
}

/** An incident's impact from what kind of trouble it is: the level its verdict takes, in Statuspage's words. */
const KIND_IMPACT: Record<IncidentKind, StatuspageIncident['impact']> = {
  unplanned: indicatorOf('major_outage'),
  partial: indicatorOf('partial_outage'),
  maintenance: indicatorOf('under_maintenance'),
};

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function incidentName(incident: Incident, serviceName: string): string {
  if (incident.kind === 'maintenance') return `${serviceName}: problems reported during maintenance`;
  const top = incident.topProblems[0];
  if (incident.kind === 'partial')
    return `${serviceName}: problems with ${top ? top.label : 'part of the service'} reported by users`;
  return `${serviceName}: outage reported by users`;
}

/** The first update, written from the detection itself, so a client showing the latest update always has one. */
function detectionBody(incident: Incident, serviceName: string): string {
  const problems = incident.topProblems
    .slice(0, 3)
    .map((p) => `${p.label} (${Math.round(p.share * 100)}%)`)
    .join(', ');
  return [
    `Users are reporting problems with ${serviceName}.`,
    ...incident.reasons.map(sentence),
    ...(problems ? [`Most reported: ${problems}.`] : []),
  ].join(' ');
}

/**
 * Our incident in Statuspage's shape. Operators' updates keep their status, except "update",
 * which keeps the one before it (Statuspage has no such word), and "resolved" while reports are
 * still high, which reads "monitoring": the incident resolves when the crowd goes quiet.
 */
export function statuspageIncident(incident: Incident, ctx: IncidentContext): StatuspageIncident {
  const update = (id: string, status: StatuspageUpdate['status'], body: string, at: string): StatuspageUpdate => ({
    id,
    status,
    body,
    incident_id: incident.id,
    created_at: at,
    updated_at: at,
    display_at: at,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  });
  let current: ActiveStatus = 'investigating';
  let monitoringAt: string | null = null;
  const updates = [
    update(
      stableId('detected', incident.id),
      'investigating',
      detectionBody(incident, ctx.serviceName),
      incident.openedAt,
    ),
  ];
  for (const u of incident.updates) {
    if (u.status !== 'update') current = u.status === 'resolved' ? 'monitoring' : u.status;
    if (current === 'monitoring') monitoringAt ??= u.at;
    updates.push(update(u.id, current, u.body, u.at));
  }
  if (incident.state === 'resolved' && incident.resolvedAt) {
    updates.push(
      update(
        stableId('resolved', incident.id),
        'resolved',
        'User reports are back to their usual level.',
        incident.resolvedAt,
      ),
    );
  }
  const newestFirst = updates.reverse();
  return {
    id: incident.id,
    name: incidentName(incident, ctx.serviceName),
    status: incident.state === 'resolved' ? 'resolved' : current,
    created_at: incident.openedAt,
    updated_at: newestFirst[0]!.display_at,
    monitoring_at: monitoringAt,
    resolved_at: incident.state === 'resolved' ? (incident.resolvedAt ?? null) : null,
    impact: KIND_IMPACT[incident.kind],
    shortlink: `${ctx.base}/incidents/${incident.id}`,
    started_at: incident.startedAt,
    page_id: ctx.pageId,
    incident_updates: newestFirst,
    components: ctx.component ? [ctx.component] : [],
  };
}

/**
 * A declared maintenance window as a scheduled maintenance. Its updates are the phases reached
 * by `now`, each dated by the window itself, so the answer only changes when a phase does.
 */
export function statuspageMaintenance(
  window: MaintenanceWindow,
  now: number,
  ctx: IncidentContext,
): StatuspageMaintenance {
  const started = Date.parse(window.start) <= now;
  const ended = Date.parse(window.end) <= now;
  const update = (phase: StatuspageMaintenance['status'], body: string, at: string): StatuspageUpdate => ({
    id: stableId(`maintenance-${phase}`, window.id),
    status: phase,
    body,
    incident_id: window.id,
    created_at: at,
    updated_at: at,
    display_at: at,
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  });
  const updates = [
    ...(ended ? [update('completed', 'The scheduled maintenance has been completed.', window.end)] : []),
    ...(started ? [update('in_progress', 'Scheduled maintenance is currently in progress.', window.start)] : []),
    update('scheduled', window.description ?? `${window.title}, scheduled by the operators.`, window.start),
  ];
  return {
    id: window.id,
    name: `${ctx.serviceName}: ${window.title}`,
    status: ended ? 'completed' : started ? 'in_progress' : 'scheduled',
    created_at: window.start,
    updated_at: updates[0]!.display_at,
    monitoring_at: null,
    resolved_at: ended ? window.end : null,
    impact: 'maintenance',
    shortlink: `${ctx.base}/status/${window.service}`,
    started_at: window.start,
    page_id: ctx.pageId,
    incident_updates: updates,
    components: ctx.component ? [ctx.component] : [],
    scheduled_for: window.start,
    scheduled_until: window.end,
  };
}
