import type { StatusLevel } from '../../../shared/schemas/status.ts';
import {
  LEVEL_WORDS,
  worstLevel,
  type OfficialComponent,
  type OfficialIncident,
  type OfficialMaintenance,
  type OfficialStatus,
} from '../../../shared/schemas/official-status.ts';

/**
 * Reads an Atlassian Statuspage `/api/v2/summary.json` into an OfficialStatus. Pure, and never
 * throws: pages differ in which fields they fill, and a status page that changes shape must
 * not take our status page down with it. A value we don't know is read as "degraded" (some
 * trouble, we can't say how much) and noted, rather than trusted as fine or guessed as an outage.
 */

/** Component statuses are already our level words; kept as a set to recognise unknown ones. */
const COMPONENT_LEVELS = new Set<string>(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);

/** Statuspage's roll-up of the whole page: minor ≈ degraded, major ≈ partial, critical ≈ major. */
const INDICATOR_LEVELS: Record<string, StatusLevel> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

const FINISHED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
const ACTIVE_MAINTENANCE = new Set(['in_progress', 'verifying']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const iso = (v: unknown): string | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
};

/** Incident update bodies are HTML-ish; people read them as text. */
export const plainText = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();

/** Whether a payload looks like a Statuspage summary at all (an overall status or components). */
export const isStatuspageSummary = (payload: unknown): boolean => {
  const root = obj(payload);
  return !!root && (!!obj(root.status) || Array.isArray(root.components));
};

export function parseStatuspageSummary(payload: unknown, fetchedAt: string): OfficialStatus {
  const notes: string[] = [];
  const root = obj(payload);
  if (!root) {
    return {
      source: 'statuspage',
      fetchedAt,
      level: 'degraded_performance',
      description: 'The status page sent something that is not a Statuspage summary',
      components: [],
      incidents: [],
      maintenances: [],
      notes: ['The payload is not a JSON object; level shown as degraded because nothing could be read.'],
    };
  }

  const rawComponents = arr(root.components).map(obj).filter((c): c is Json => !!c);
  const groupNames = new Map<string, string>();
  for (const c of rawComponents) if (c.group === true && str(c.id)) groupNames.set(str(c.id)!, str(c.name) ?? 'Unnamed group');

  const components: OfficialComponent[] = [];
  for (const c of rawComponents) {
    // A group's own status is a roll-up of its members, which are listed anyway.
    if (c.group === true) continue;
    const name = str(c.name) ?? 'Unnamed component';
    const word = str(c.status);
    let level: StatusLevel;
    if (word && COMPONENT_LEVELS.has(word)) level = word as StatusLevel;
    else {
      level = 'degraded_performance';
      notes.push(`Component "${name}" has ${word ? `an unknown status "${word}"` : 'no status'}; shown as degraded.`);
    }
    // Hidden-until-degraded components are noise while they are fine, as the page itself decides.
    if (c.only_show_if_degraded === true && level === 'operational') continue;
    const group = str(c.group_id) ? groupNames.get(str(c.group_id)!) : undefined;
    components.push({ name, level, ...(group && { group }) });
  }

  const incidents: OfficialIncident[] = [];
  for (const i of arr(root.incidents).map(obj)) {
    if (!i) continue;
    const status = str(i.status) ?? 'unknown';
    if (FINISHED_INCIDENT.has(status)) continue;
    const updates = arr(i.incident_updates)
      .map(obj)
      .filter((u): u is Json => !!u)
      .sort((a, b) => (Date.parse(String(b.display_at ?? b.created_at ?? '')) || 0) - (Date.parse(String(a.display_at ?? a.created_at ?? '')) || 0));
    const latestBody = str(updates[0]?.body);
    const url = str(i.shortlink) ?? (str(i.id) && str(obj(root.page)?.url) ? `${str(obj(root.page)?.url)}/incidents/${str(i.id)}` : undefined);
    incidents.push({
      name: str(i.name) ?? 'Unnamed incident',
      status,
      impact: str(i.impact) ?? 'none',
      ...(url && { url }),
      updatedAt: iso(i.updated_at) ?? iso(i.created_at) ?? fetchedAt,
      ...(latestBody && { latestUpdate: plainText(latestBody) }),
    });
  }

  const maintenances: OfficialMaintenance[] = [];
  for (const m of arr(root.scheduled_maintenances).map(obj)) {
    if (!m) continue;
    const status = str(m.status) ?? 'scheduled';
    if (status === 'completed') continue;
    const scheduledFor = iso(m.scheduled_for);
    const scheduledUntil = iso(m.scheduled_until);
    maintenances.push({
      name: str(m.name) ?? 'Scheduled maintenance',
      status,
      ...(scheduledFor && { scheduledFor }),
      ...(scheduledUntil && { scheduledUntil }),
    });
  }

  const status = obj(root.status);
  const indicator = str(status?.indicator);
  const levels: StatusLevel[] = components.map((c) => c.level);
  if (indicator && INDICATOR_LEVELS[indicator]) levels.push(INDICATOR_LEVELS[indicator]);
  else if (indicator) {
    levels.push('degraded_performance');
    notes.push(`The page's overall indicator "${indicator}" is unknown; shown as degraded.`);
  } else if (components.length === 0) {
    levels.push('degraded_performance');
    notes.push('The page has neither an overall indicator nor components; shown as degraded.');
  }
  if (maintenances.some((m) => ACTIVE_MAINTENANCE.has(m.status))) levels.push('under_maintenance');
  // Pages lag: the worst of the roll-up and the parts is what the page is saying right now.
  const level = worstLevel(levels);

  return {
    source: 'statuspage',
    fetchedAt,
    level,
    description: str(status?.description) ?? LEVEL_WORDS[level],
    components,
    incidents,
    maintenances,
    ...(notes.length > 0 && { notes }),
  };
}
