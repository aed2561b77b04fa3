import type { StatusLevel } from '../../../shared/schemas/status.ts';
import {
  LEVEL_WORDS,
  worstLevel,
  type OfficialComponent,
  type OfficialIncident,
  type OfficialMaintenance,
  type OfficialStatus,
} from '../../../shared/schemas/official-status.ts';
import {
  clip,
  MAX_COMPONENTS,
  MAX_DESCRIPTION,
  MAX_ENTRIES,
  MAX_NAME,
  MAX_UPDATES_SCANNED,
  MAX_WORD,
  noteList,
} from './field-limits.ts';
import { plainText } from './html-text.ts';
import { httpLink } from './http-link.ts';
import { runToEnd, type Steps } from './run-steps.ts';

export { plainText } from './html-text.ts';

/**
 * Reads an Atlassian Statuspage `/api/v2/summary.json` into an OfficialStatus. Pure, and never
 * throws: pages differ in which fields they fill, and a status page that changes shape must
 * not take our status page down with it. A value we don't know is read as "degraded" (some
 * trouble, we can't say how much) and noted, rather than trusted as fine or guessed as an outage.
 *
 * Every field is cut to the lengths in field-limits.ts before it is looked at, and only so many
 * components, incidents and updates are read, so a hostile 2 MB summary costs little more than
 * JSON.parse.
 */

/** Component statuses are already our level words; kept as a set to recognise unknown ones. */
const COMPONENT_LEVELS = new Set<string>([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);

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
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A non-blank string, trimmed and cut to `max` (clip slices before it trims). */
const str = (v: unknown, max = MAX_NAME): string | undefined =>
  typeof v === 'string' ? clip(v, max) || undefined : undefined;
/** Status words, ids, dates: short by nature. */
const word = (v: unknown) => str(v, MAX_WORD);
const timeOf = (v: unknown): number => Date.parse(word(v) ?? '');
const iso = (v: unknown): string | undefined => {
  const t = timeOf(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
};

/**
 * The update shown first on the page: the latest displayed (Statuspage lists them newest first, but says when each is).
 */
function newestUpdate(updates: unknown): Json | undefined {
  let newest: { update: Json; at: number } | undefined;
  for (const update of arr(updates).slice(0, MAX_UPDATES_SCANNED).map(obj)) {
    if (!update) continue;
    const at = timeOf(update.display_at ?? update.created_at) || 0;
    // Strictly later only: among equal times the page's first wins, as a stable sort would keep it.
    if (!newest || at > newest.at) newest = { update, at };
  }
  return newest?.update;
}

/** The incident's own short link, else its page on the status site; only http(s) links are kept. */
function incidentLink(incident: Json, page: Json | undefined): string | undefined {
  const id = word(incident.id);
  // Kept as the page wrote it (not normalised), so no slash is added before "/incidents".
  const site = typeof page?.url === 'string' && httpLink(page.url) ? page.url.trim() : undefined;
  return (
    httpLink(incident.shortlink) ?? (id && site ? httpLink(`${site}/incidents/${encodeURIComponent(id)}`) : undefined)
  );
}

/** Whether a payload looks like a Statuspage summary at all (an overall status or components). */
export const isStatuspageSummary = (payload: unknown): boolean => {
  const root = obj(payload);
  return !!root && (!!obj(root.status) || Array.isArray(root.components));
};

export const parseStatuspageSummary = (payload: unknown, fetchedAt: string): OfficialStatus =>
  runToEnd(statuspageSummarySteps(payload, fetchedAt));

/**
 * parseStatuspageSummary as steps, so the server can read a large summary without holding up everything else
 * (run-steps.ts).
 */
export function* statuspageSummarySteps(payload: unknown, fetchedAt: string): Steps<OfficialStatus> {
  const notes = noteList();
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
  const listed = (what: string, list: unknown, max: number) => {
    const all = arr(list);
    if (all.length > max)
      notes.add(
        `The page lists ${all.length.toLocaleString('en-US')} ${what}; only the first ` +
          `${max.toLocaleString('en-US')} were read.`,
      );
    return all.slice(0, max).map(obj);
  };

  const rawComponents = listed('components', root.components, MAX_COMPONENTS).filter((c): c is Json => !!c);
  const groupNames = new Map<string, string>();
  for (const c of rawComponents)
    if (c.group === true && word(c.id)) groupNames.set(word(c.id)!, str(c.name) ?? 'Unnamed group');

  const components: OfficialComponent[] = [];
  for (const c of rawComponents) {
    // A group's own status is a roll-up of its members, which are listed anyway.
    if (c.group === true) continue;
    const name = str(c.name) ?? 'Unnamed component';
    const status = word(c.status);
    let level: StatusLevel;
    if (status && COMPONENT_LEVELS.has(status)) level = status as StatusLevel;
    else {
      level = 'degraded_performance';
      notes.add(
        `Component "${name}" has ${status ? `an unknown status "${status}"` : 'no status'}; shown as degraded.`,
      );
    }
    // Hidden-until-degraded components are noise while they are fine, as the page itself decides.
    if (c.only_show_if_degraded === true && level === 'operational') continue;
    const group = word(c.group_id) ? groupNames.get(word(c.group_id)!) : undefined;
    components.push({ name, level, ...(group && { group }) });
  }
  yield;

  const incidents: OfficialIncident[] = [];
  for (const i of listed('incidents', root.incidents, MAX_ENTRIES)) {
    if (!i) continue;
    const status = word(i.status) ?? 'unknown';
    if (FINISHED_INCIDENT.has(status)) continue;
    const body = newestUpdate(i.incident_updates)?.body;
    const latestUpdate = typeof body === 'string' ? plainText(body) : '';
    const url = incidentLink(i, obj(root.page));
    incidents.push({
      name: str(i.name) ?? 'Unnamed incident',
      status,
      impact: word(i.impact) ?? 'none',
      ...(url && { url }),
      updatedAt: iso(i.updated_at) ?? iso(i.created_at) ?? fetchedAt,
      ...(latestUpdate && { latestUpdate }),
    });
    yield;
  }

  const maintenances: OfficialMaintenance[] = [];
  for (const m of listed('scheduled maintenances', root.scheduled_maintenances, MAX_ENTRIES)) {
    if (!m) continue;
    const status = word(m.status) ?? 'scheduled';
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
  const indicator = word(status?.indicator);
  const levels: StatusLevel[] = components.map((c) => c.level);
  // Own keys only: an indicator of "constructor" is as unknown as "purple".
  if (indicator && Object.hasOwn(INDICATOR_LEVELS, indicator)) levels.push(INDICATOR_LEVELS[indicator]!);
  else if (indicator) {
    levels.push('degraded_performance');
    notes.add(`The page's overall indicator "${indicator}" is unknown; shown as degraded.`);
  } else if (components.length === 0) {
    levels.push('degraded_performance');
    notes.add('The page has neither an overall indicator nor components; shown as degraded.');
  }
  if (maintenances.some((m) => ACTIVE_MAINTENANCE.has(m.status))) levels.push('under_maintenance');
  // Pages lag: the worst of the roll-up and the parts is what the page is saying right now.
  const level = worstLevel(levels);

  const noted = notes.list();
  return {
    source: 'statuspage',
    fetchedAt,
    level,
    description: str(status?.description, MAX_DESCRIPTION) ?? LEVEL_WORDS[level],
    components,
    incidents,
    maintenances,
    ...(noted.length > 0 && { notes: noted }),
  };
}
