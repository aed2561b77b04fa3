import type {
  CaseStudy,
  CaseStudyEvent,
  DiagnosisStep,
  Incident,
  Insight,
  ProbePoint,
  Story,
} from '../../shared/index.ts';
import { MINUTE_MS } from '../../shared/time.ts';

/** How many stories the case study shows in full; the numbers count them all. */
export const TOP_STORIES = 3;
/** A flapping probe would fill the timeline; past this many failing spells it only shows the first ones. */
const SPELLS_PER_PROBE = 3;

/** What the database recorded about one resolved incident and its service over its window (read-case-study.ts). */
export interface CaseStudyRecord {
  incident: Incident;
  serviceName: string;
  /** Reports per minute over the window, minutes without reports left out. */
  minutes: { t: number; total: number }[];
  /** Each probe's per-minute history over the window (probes/probe-history.ts). */
  probes: { id: string; name: string; points: ProbePoint[] }[];
  /** Times of "it works again for me" over the window. */
  recoveries: number[];
  /** Visible stories of the incident, or of its service written during it or soon after. */
  stories: Story[];
  insights: Insight[];
  /** The likely cause as it changed, once diagnose() is wired in; empty until then. */
  diagnoses?: DiagnosisStep[];
}

const iso = (t: number) => new Date(t).toISOString();
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The page's and the API's case study of a resolved incident, from its recorded data only. Pure. */
export function buildCaseStudy(r: CaseStudyRecord): CaseStudy {
  const { incident } = r;
  if (incident.state !== 'resolved' || !incident.resolvedAt) throw new Error(`incident ${incident.id} is not resolved`);
  const start = Date.parse(incident.startedAt);
  const end = Date.parse(incident.resolvedAt);
  const during = r.minutes.filter((m) => m.t >= Math.floor(start / MINUTE_MS) * MINUTE_MS && m.t <= end && m.total > 0);
  const peak = during.reduce<{ t: number; total: number } | undefined>(
    (best, m) => (!best || m.total > best.total ? m : best),
    undefined,
  );
  const recoveries = r.recoveries.filter((t) => t >= Date.parse(incident.openedAt)).sort((a, b) => a - b);
  const diagnoses = [...(r.diagnoses ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  const timeline: CaseStudyEvent[] = [
    ...firstReports(incident, during),
    detected(incident),
    ...officialAck(incident),
    ...(peak
      ? [{ at: iso(peak.t), kind: 'peak' as const, text: `${plural(peak.total, 'report')} in one minute` }]
      : []),
    ...r.probes.flatMap((p) => probeSpells(p.name, p.points, end)),
    ...(recoveries.length
      ? [
          {
            at: iso(recoveries[0]!),
            kind: 'recovery-confirmed' as const,
            text: `${plural(recoveries.length, 'person', 'people')} said it works again, the first one now`,
          },
        ]
      : []),
    ...incident.updates
      .filter((u) => u.status !== 'resolved')
      .map((u) => ({ at: u.at, kind: 'operator-update' as const, text: `${capital(u.status)}: ${u.body}` })),
    ...diagnoses.map((d) => ({ at: d.at, kind: 'diagnosis' as const, text: d.text })),
    resolved(incident),
  ];

  return {
    incidentId: incident.id,
    service: incident.service,
    serviceName: r.serviceName,
    kind: incident.kind,
    ...(incident.title ? { title: incident.title } : {}),
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    timeline: sortTimeline(timeline),
    numbers: {
      durationMinutes: Math.max(0, Math.round((end - start) / MINUTE_MS)),
      peakReportsPerMinute: peak?.total ?? 0,
      totalReports: during.reduce((s, m) => s + m.total, 0),
      peopleAffected: r.stories.reduce((s, story) => s + Math.max(1, Math.round(story.impact?.peopleAffected ?? 1)), 0),
      stories: r.stories.length,
      recoveryConfirmations: recoveries.length,
    },
    diagnosisHistory: diagnoses,
    stories: [...r.stories]
      .sort((a, b) => b.helpful - a.helpful || b.createdAt.localeCompare(a.createdAt))
      .slice(0, TOP_STORIES),
    insights: [...r.insights].sort((a, b) => b.helpful - a.helpful || a.createdAt.localeCompare(b.createdAt)),
  };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The first minute with reports from the start on; an operator's incident nobody reported has none. */
function firstReports(incident: Incident, during: { t: number; total: number }[]): CaseStudyEvent[] {
  const first = during[0];
  if (!first || first.t > Date.parse(incident.openedAt)) return [];
  return [{ at: iso(first.t), kind: 'first-reports', text: `${plural(first.total, 'report')} that minute` }];
}

function detected(incident: Incident): CaseStudyEvent {
  if (incident.origin === 'operator') {
    return {
      at: incident.openedAt,
      kind: 'detected',
      text: `Opened by the operators${incident.title ? `: ${incident.title}` : ''}`,
    };
  }
  const t = incident.trigger;
  return {
    at: incident.openedAt,
    kind: 'detected',
    text:
      `${plural(Math.round(t.observed), 'report')} in ${plural(Math.round(t.windowMinutes), 'minute')}, ` +
      `${round1(t.ratio)}× the usual ${round1(t.expected)}`,
  };
}

function officialAck(incident: Incident): CaseStudyEvent[] {
  const ack = incident.official;
  if (!ack) return [];
  const minutes = Math.round(Math.abs(ack.leadSeconds) / 60);
  const lead =
    ack.leadSeconds >= 0
      ? `${plural(minutes, 'minute')} after our detection`
      : `${plural(minutes, 'minute')} before our detection`;
  return [{ at: ack.acknowledgedAt, kind: 'official-ack', text: `The official status page acknowledged it, ${lead}` }];
}

/**
 * Spells of failing runs: a failing point after a passing one (or the first) starts one, the next passing point ends
 * it.
 */
function probeSpells(name: string, points: ProbePoint[], end: number): CaseStudyEvent[] {
  const out: CaseStudyEvent[] = [];
  let failingSince: number | undefined;
  let spells = 0;
  for (const p of [...points].sort((a, b) => a.t - b.t)) {
    if (!p.ok && failingSince === undefined) {
      if (spells === SPELLS_PER_PROBE) break;
      failingSince = p.t;
      spells++;
      out.push({ at: iso(p.t), kind: 'probe-failing', text: `Probe "${name}" started failing` });
    } else if (p.ok && failingSince !== undefined) {
      out.push({
        at: iso(p.t),
        kind: 'probe-recovered',
        text: `Probe "${name}" passed again after ${plural(Math.round((p.t - failingSince) / MINUTE_MS), 'minute')}`,
      });
      failingSince = undefined;
    }
  }
  if (failingSince !== undefined && failingSince < end)
    out.push({ at: iso(end), kind: 'probe-failing', text: `Probe "${name}" was still failing at the resolution` });
  return out;
}

function resolved(incident: Incident): CaseStudyEvent {
  const note = incident.updates.findLast((u) => u.status === 'resolved');
  const by = incident.resolvedBy ?? 'detector';
  const text =
    by === 'detector'
      ? 'Reports were back to normal'
      : by === 'recovered'
        ? 'People said it works again'
        : `By ${by}${note ? ` — ${note.body}` : ''}`;
  return { at: incident.resolvedAt!, kind: 'resolved', text };
}

const ORDER: Record<CaseStudyEvent['kind'], number> = {
  'first-reports': 0,
  detected: 1,
  'official-ack': 2,
  peak: 3,
  'probe-failing': 4,
  'probe-recovered': 5,
  'recovery-confirmed': 6,
  'operator-update': 7,
  diagnosis: 8,
  resolved: 9,
};

/**
 * By time; at the same moment, in the order a reader expects (detection before its own first update, the resolution
 * last).
 */
function sortTimeline(events: CaseStudyEvent[]): CaseStudyEvent[] {
  return events.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
}
