import type { IncidentKind } from '../../shared/schemas/incident.ts';

/**
 * What kind of incident a spike is: scheduled maintenance, a partial outage (one problem
 * dominates), or an unplanned outage. Pure: the report split, the declared maintenance
 * windows and the clock come in; a kind and plain-sentence reasons go out.
 */

export interface MaintenanceWindow {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  title?: string;
}

export interface ClassifyInput {
  /** Reports per problem kind during the incident. */
  byProblem: Record<string, number>;
  /** Reports per problem kind over a normal stretch (say the past week), when known. */
  usualByProblem?: Record<string, number>;
  maintenance: MaintenanceWindow[];
  /** When the spike began (DetectedSpike.startedAt); `now` when not given. */
  startedAt?: number;
  now: number;
  /** People's words for a problem kind ("login" → "Login"). */
  labelOf?: (problem: string) => string;
}

export interface Classification {
  kind: IncidentKind;
  reasons: string[];
}

/** Below this many reports a share is mostly chance (one report moves it by 10 points). */
export const MIN_REPORTS_FOR_SHARES = 10;
/** A clear majority: three reports in five. */
export const CLEAR_MAJORITY = 0.6;
/** "Well above its usual share": at least 20 percentage points more than normal. */
export const SHARE_RISE = 0.2;
/** A usual split needs this many reports to be trusted over "all kinds equally likely". */
const MIN_USUAL_REPORTS = 20;

export function classifyIncident(input: ClassifyInput): Classification {
  const { now, labelOf = (p: string) => p } = input;
  const startedAt = input.startedAt ?? now;
  const reasons: string[] = [];

  const window = input.maintenance.find((m) => m.start <= startedAt && startedAt < m.end);
  if (window) {
    const span = `${clock(window.start)}–${clock(window.end)} UTC`;
    const name = window.title ? `"${window.title}" (${span})` : span;
    if (now < window.end) {
      return {
        kind: 'maintenance',
        reasons: [`Reports rose at ${clock(startedAt)} UTC, inside scheduled maintenance ${name}.`],
      };
    }
    // A spike that outlives its maintenance window is no longer what was announced.
    reasons.push(
      `Scheduled maintenance ${name} ended ${minutesSince(window.end, now)} ago, but reports have not settled.`,
    );
  }

  const split = problemShares(input.byProblem);
  const top = split[0];
  if (!top || totalOf(input.byProblem) < MIN_REPORTS_FOR_SHARES) {
    reasons.push('Too few reports yet to tell which problem dominates.');
    return { kind: 'unplanned', reasons };
  }
  const usual = usualShare(top.problem, input.usualByProblem, split.length);
  const usualText = usual.known ? `usually ${percent(usual.share)}` : 'no usual split known';
  if (top.share >= CLEAR_MAJORITY && top.share >= usual.share + SHARE_RISE) {
    reasons.unshift(`${percent(top.share)} of reports are about ${labelOf(top.problem)} (${usualText}).`);
    return { kind: 'partial', reasons };
  }
  reasons.push(splitSentence(split, labelOf, usualText));
  if (!window) reasons.push('No maintenance was scheduled at this time.');
  return { kind: 'unplanned', reasons };
}

/** Two kinds holding this share between them are "mostly two problems", not a spread. */
export const TWO_KINDS = 0.8;

/** The split in words that match its numbers: one kind above half, two kinds holding most, or a real spread. */
function splitSentence(split: ProblemShare[], labelOf: (p: string) => string, usualText: string): string {
  const [first, second] = split;
  const listed = (n: number) =>
    split
      .slice(0, n)
      .map((s) => `${labelOf(s.problem)} ${percent(s.share)}`)
      .join(', ');
  if (first && first.share > 0.5)
    return `Most reports are about ${labelOf(first.problem)} (${percent(first.share)}, ${usualText}).`;
  if (first && second && first.share + second.share >= TWO_KINDS)
    return `Most reports fall in two problems: ${listed(2)}.`;
  return `Reports are spread across problems: ${listed(3)}.`;
}

export interface ProblemShare {
  problem: string;
  count: number;
  share: number;
}

/**
 * Problem kinds by share of reports, largest first, ties by name: the one order for the reasons
 * and the incident's "most reported" list, so the two never name different kinds for a tie.
 */
export function problemShares(counts: Record<string, number>): ProblemShare[] {
  const total = totalOf(counts);
  if (total === 0) return [];
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([problem, count]) => ({ problem, count, share: count / total }))
    .sort((a, b) => b.count - a.count || a.problem.localeCompare(b.problem));
}

function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + Math.max(0, n), 0);
}

/**
 * The kind's normal share. Without a trustworthy usual split, every kind seen is taken as
 * equally likely (at least two kinds, so one lone kind is not "usual" by default).
 */
function usualShare(
  problem: string,
  usual: Record<string, number> | undefined,
  kindsSeen: number,
): { share: number; known: boolean } {
  const total = usual ? totalOf(usual) : 0;
  if (usual && total >= MIN_USUAL_REPORTS) return { share: Math.max(0, usual[problem] ?? 0) / total, known: true };
  return { share: 1 / Math.max(2, kindsSeen), known: false };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const clock = (time: number) => new Date(time).toISOString().slice(11, 16);

function minutesSince(from: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - from) / 60_000));
  return minutes < 120 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(minutes / 60)} hours`;
}
