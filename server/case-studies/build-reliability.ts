import type { CommonCause, DiagnosisStep, Incident, ReliabilityHistory, ReliabilityMonth } from '../../shared/index.ts';
import { CAUSE_LABELS, DiagnosisCause } from '../../shared/index.ts';
import { MINUTE_MS } from '../../shared/time.ts';

export const RELIABILITY_MONTHS = 12;
const TOP_CAUSES = 5;

const KIND_WORDS: Record<Incident['kind'], string> = {
  unplanned: 'Unplanned outage',
  partial: 'Partial outage',
  maintenance: 'Scheduled maintenance',
};

/**
 * The likely cause that held longest while the incident was open (its diagnosis history, oldest
 * first, ending at the resolution): a recovery's last "only some people" does not outweigh the
 * half hour of server errors before it. Undefined when nothing was diagnosed.
 */
export function longestHeldCause(steps: readonly DiagnosisStep[], end: number): string | undefined {
  const held = new Map<string, number>();
  steps.forEach((step, i) => {
    const until = i + 1 < steps.length ? Date.parse(steps[i + 1]!.at) : end;
    held.set(step.cause, (held.get(step.cause) ?? 0) + Math.max(0, until - Date.parse(step.at)));
  });
  let best: string | undefined;
  for (const [cause, ms] of held) if (best === undefined || ms > held.get(best)!) best = cause;
  return best;
}

/**
 * What an incident is put down to: the likely cause that held longest (`diagnosed`), else its
 * kind, and for a crowd incident the problem most people reported ("Partial outage: Login").
 */
export function incidentCause(incident: Incident, diagnosed?: string): string {
  const cause = DiagnosisCause.safeParse(diagnosed);
  if (cause.success) return CAUSE_LABELS[cause.data];
  const top = incident.topProblems[0];
  return top && incident.kind !== 'maintenance'
    ? `${KIND_WORDS[incident.kind]}: ${top.label}`
    : KIND_WORDS[incident.kind];
}

/** The first instant of the UTC month `back` months before the one holding `t`. */
export function monthStart(t: number, back = 0): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

const monthKey = (t: number) => new Date(t).toISOString().slice(0, 7);

/** Where the 12 months begin: the first day of the month eleven before now's. */
export const reliabilityFrom = (now: number) => monthStart(now, RELIABILITY_MONTHS - 1);

/**
 * A service's last 12 UTC months of resolved incidents (open ones have no duration yet), the
 * current month last. `causeOf` names each incident's cause (see incidentCause). Pure.
 */
export function buildReliability(
  service: string,
  incidents: Incident[],
  now: number,
  causeOf: (i: Incident) => string = (i) => incidentCause(i),
): ReliabilityHistory {
  const from = reliabilityFrom(now);
  const months: ReliabilityMonth[] = Array.from({ length: RELIABILITY_MONTHS }, (_, i) => ({
    month: monthKey(monthStart(from, -i)),
    incidents: 0,
    minutesDown: 0,
  }));
  const byKey = new Map(months.map((m) => [m.month, m]));
  const durations: number[] = [];
  const causes = new Map<string, number>();

  for (const incident of incidents) {
    if (incident.state !== 'resolved' || !incident.resolvedAt) continue;
    const start = Date.parse(incident.startedAt);
    const end = Math.min(Date.parse(incident.resolvedAt), now);
    if (start < from || start > now || end < start) continue;
    byKey.get(monthKey(start))!.incidents++;
    // Split across months' ends, so a month shows the minutes that fell in it.
    for (let m = monthStart(start); m < end; m = monthStart(m, -1)) {
      const month = byKey.get(monthKey(m));
      if (month) month.minutesDown += Math.round((Math.min(end, monthStart(m, -1)) - Math.max(start, m)) / MINUTE_MS);
    }
    durations.push(Math.round((end - start) / MINUTE_MS));
    const cause = causeOf(incident);
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }

  const commonCauses: CommonCause[] = [...causes]
    .map(([cause, count]) => ({ cause, count }))
    .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause))
    .slice(0, TOP_CAUSES);
  return { service, months, incidents: durations.length, typicalDurationMinutes: median(durations), commonCauses };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}
