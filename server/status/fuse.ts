// Longer than 300 lines on purpose: the verdict's rules are read in their order of precedence,
// and splitting them across files would hide which one wins.
import type { StatusLevel } from '../../shared/schemas/status.ts';
import type { IncidentKind } from '../../shared/schemas/incident.ts';
import { LEVEL_WORDS, worstLevel, type OfficialStatus } from '../../shared/schemas/official-status.ts';
import { verdictConfidence } from './confidence.ts';

/**
 * The verdict shown to people, fused from three independent signals — the crowd (reports vs.
 * baseline), our probes, the service's own status page — plus declared maintenance. Pure:
 * the clock and the time formatter are arguments.
 *
 * Rules, in order:
 * 1. If our vantage point is down (see probes/vantage.ts) probe failures say nothing about the
 *    service: they are dropped, and the reasons say so. Probes refused by the target guard
 *    are dropped too (our config, not their outage).
 * 2. Maintenance (a declared window now, or the official page saying it is in progress) wins
 *    unless there is strong contrary evidence: the official page reporting a partial or major
 *    outage, or the detector classifying the crowd's spike as unplanned. Reports and failing
 *    probes during maintenance are what maintenance looks like.
 * 3. Crowd in incident:
 *      most probes failing (hard errors), or the official page down as a whole → major outage;
 *      else some probes failing while others pass, all probes passing (the service answers, so
 *      the trouble is in part of it), reports concentrated on one problem, or the official page
 *      marking some components → partial outage;
 *      else (reports alone, spread across problems) → major outage, on the crowd's word.
 *    Crowd elevated (above normal, not yet significant): most probes failing → major; some →
 *    partial; otherwise degraded.
 *    Crowd normal: probes alone — most failing → partial, some → degraded, only slow/TLS
 *    warnings → degraded — with the lower confidence of a single signal.
 * 4. The official page sets a floor: degraded → at least degraded, partial → at least partial,
 *    major → major when the whole page is down, at least partial when only some components are.
 *    An operational official page never lowers the verdict: status pages lag outages.
 * 5. Confidence from how strongly and how independently the signals agree: see confidence.ts.
 * An open incident's phase (rising, ongoing, recovering) and people saying "it works again"
 * are said in the reasons; a recovering incident's crowd counts for less.
 */

export interface CrowdSignal {
  state: 'normal' | 'elevated' | 'incident';
  observed: number;
  expected: number;
  windowMinutes: number;
  /** When the current rise began, epoch ms. */
  since?: number;
  topProblem?: { label: string; share: number };
  kind?: IncidentKind;
  /** A rise that came from too few networks to be believed: shown, not counted. */
  narrow?: { networks: number; needed: number };
  /** The evidence's strength (the open incident's peak): p-value and ratio to normal. */
  pValue?: number;
  ratio?: number;
  /** Distinct networks reporting lately, and how many an incident needs. */
  reach?: { networks: number; needed: number };
  /** The open incident's phase. */
  phase?: 'rising' | 'ongoing' | 'recovering';
  /** People who said "it works again" in the last `minutes` minutes. */
  recoveries?: { count: number; minutes: number };
  /** An incident the operators opened by hand: their headline, which stands in for the crowd's numbers. */
  declared?: string;
  /** Normal because the burst behind these reports was resolved then, and they have not risen since. */
  settledAt?: number;
}

export interface ProbeSignal {
  name: string;
  ok: boolean;
  error?: { code: string; message: string };
  failingSince?: number;
}

export interface FuseInput {
  crowd: CrowdSignal;
  probes: ProbeSignal[];
  vantageDown: boolean;
  official?: OfficialStatus;
  maintenance: Array<{ title: string; start: number; end: number }>;
  now: number;
  /** "14:31" — how times read in reasons; injected so output is testable and localisable. */
  formatTime: (ms: number) => string;
}

export interface Fused {
  level: StatusLevel;
  confidence: number;
  reasons: string[];
  kind?: IncidentKind;
}

/** Three reports in five on one problem is a clear majority (as in detection/classify.ts). */
export const CONCENTRATED_SHARE = 0.6;

export const VANTAGE_REASON = "Our probes can't reach the internet right now; their failures are not counted";

/** Slow answers and certificate warnings: the service works, just not well. */
const SOFT_CODES = new Set(['slow', 'tls']);

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const ratio = (r: number) => (r < 3 ? String(Math.round(r * 10) / 10) : count(r));

function crowdReason(c: CrowdSignal, formatTime: (ms: number) => string): string {
  const window = c.windowMinutes === 1 ? 'the last minute' : `the last ${c.windowMinutes} minutes`;
  if (c.state === 'normal' && c.narrow) {
    const from = c.narrow.networks === 1 ? 'from one network only' : `from only ${count(c.narrow.networks)} networks`;
    return (
      `${plural(c.observed, 'report')} in ${window}, but ${from}; reports from at least ` +
      `${count(c.narrow.needed)} are needed to call it a problem`
    );
  }
  if (c.state === 'incident' && c.declared !== undefined) {
    return `Declared by the operators: ${c.declared}${c.since !== undefined ? ` (since ${formatTime(c.since)})` : ''}`;
  }
  if (c.state === 'normal' && c.settledAt !== undefined) {
    return (
      `The incident was resolved at ${formatTime(c.settledAt)}; reports have not risen again since ` +
      `(${count(c.observed)} in ${window}, most from before)`
    );
  }
  if (c.state === 'normal') {
    return `Reports are at normal levels (${count(c.observed)} in ${window}, about ${count(c.expected)} expected)`;
  }
  const vs =
    c.expected > 0
      ? `${ratio(c.observed / c.expected)}× normal for this hour`
      : 'when almost none are usual at this hour';
  const since =
    c.since === undefined
      ? ''
      : c.phase === 'rising' || c.phase === undefined
        ? `; rising since ${formatTime(c.since)}`
        : `; problems since ${formatTime(c.since)}`;
  return `${plural(c.observed, 'report')} in ${window}, ${vs}${since}`;
}

function recoveryReason(c: CrowdSignal): string | undefined {
  const n = c.recoveries?.count ?? 0;
  const back =
    n > 0
      ? `${n === 1 ? '1 person says' : `${count(n)} people say`} it works again (last ${c.recoveries!.minutes} minutes)`
      : undefined;
  if (c.state === 'incident' && c.phase === 'recovering')
    return `Recovering: reports are falling back toward normal${back ? `; ${back}` : ''}`;
  return back;
}

function failureWords(e?: { code: string; message: string }): string {
  switch (e?.code) {
    case 'http_status':
      return e.message.split(',')[0]!;
    case 'timeout':
      return 'timeouts';
    case 'dns':
      return 'DNS errors';
    case 'refused':
      return 'connections refused';
    case 'reset':
      return 'connections reset';
    case 'tls':
      return 'TLS certificate problems';
    case 'text_missing':
      return 'expected text missing';
    case 'slow':
      return 'slow responses';
    default:
      return 'errors';
  }
}

function probeReason(counted: ProbeSignal[], formatTime: (ms: number) => string): string | undefined {
  if (counted.length === 0) return undefined;
  const failing = counted.filter((p) => !p.ok);
  if (failing.length === 0) return counted.length === 1 ? 'The probe passes' : `All ${counted.length} probes pass`;
  const words = failing.map((p) => failureWords(p.error));
  const starts = failing.map((p) => p.failingSince).filter((t): t is number => t !== undefined);
  const since = starts.length > 0 ? ` since ${formatTime(Math.min(...starts))}` : '';
  const head = `${failing.length} of ${plural(counted.length, 'probe')} failing`;
  if (new Set(words).size === 1) return `${head} with ${words[0]}${since}`;
  return `${head}${since}: ${failing.map((p, i) => `${p.name} (${words[i]})`).join(', ')}`;
}

function officialReason(o: OfficialStatus): string {
  const affected = o.components.filter((c) => c.level !== 'operational');
  if (affected.length > 0) {
    const byLevel = new Map<StatusLevel, string[]>();
    for (const c of affected) byLevel.set(c.level, [...(byLevel.get(c.level) ?? []), c.name]);
    const parts = [...byLevel].map(([level, names]) => `'${LEVEL_WORDS[level]}' on ${names.join(', ')}`);
    return `Official status page: ${parts.join('; ')}`;
  }
  if (o.level === 'operational') return `Official status page: ${o.description}`;
  return `Official status page: '${LEVEL_WORDS[o.level]}' — ${o.description}`;
}

export function fuse(input: FuseInput): Fused {
  const { crowd, official, now, formatTime } = input;
  const reasons: string[] = [];

  // Rule 1: which probes count.
  const guarded = input.probes.filter((p) => p.error?.code === 'blocked_target');
  const counted = input.vantageDown ? [] : input.probes.filter((p) => p.error?.code !== 'blocked_target');
  const hard = counted.filter((p) => !p.ok && !SOFT_CODES.has(p.error?.code ?? '')).length;
  const soft = counted.filter((p) => !p.ok && SOFT_CODES.has(p.error?.code ?? '')).length;
  const n = counted.length;
  const mostHard = n > 0 && hard / n > 0.5;
  const allPass = n > 0 && hard === 0 && soft === 0;

  // The official page, read as a floor and as evidence of a partial outage.
  const affected =
    official?.components.filter((c) => c.level !== 'operational' && c.level !== 'under_maintenance') ?? [];
  const officialSome = affected.length > 0 && affected.length < (official?.components.length ?? 0);
  const officialWholeMajor = official?.level === 'major_outage' && !officialSome;
  const officialFloor: StatusLevel =
    !official || official.level === 'operational' || official.level === 'under_maintenance'
      ? 'operational'
      : official.level === 'major_outage' && officialSome
        ? 'partial_outage'
        : official.level;
  const officialMaintenance =
    official?.level === 'under_maintenance' ||
    (official?.maintenances.some((m) => m.status === 'in_progress' || m.status === 'verifying') ?? false);

  const crowdLine = crowdReason(crowd, formatTime);
  const recoveryLine = recoveryReason(crowd);
  const crowdConfidence = {
    state: crowd.state,
    networks: crowd.reach?.networks,
    needed: crowd.reach?.needed,
    pValue: crowd.pValue,
    ratio: crowd.ratio ?? (crowd.expected > 0 ? crowd.observed / crowd.expected : undefined),
    recovering: crowd.phase === 'recovering',
    maintenance: crowd.kind === 'maintenance',
    declared: crowd.declared !== undefined,
  };
  const problemLine =
    crowd.state !== 'normal' && crowd.topProblem
      ? `${Math.round(crowd.topProblem.share * 100)}% of reports are about ${crowd.topProblem.label}`
      : undefined;
  const probeLine = probeReason(counted, formatTime);
  const officialLine = official ? officialReason(official) : undefined;
  const tail = [
    ...(input.vantageDown ? [VANTAGE_REASON] : []),
    ...(guarded.length > 0 && !input.vantageDown
      ? [`${plural(guarded.length, 'probe')} not counted: the target is refused by our private-address guard`]
      : []),
  ];

  // Rule 2: maintenance.
  const window = input.maintenance.find((m) => m.start <= now && now < m.end);
  if (window || officialMaintenance) {
    const officialOutage = officialFloor === 'partial_outage' || officialFloor === 'major_outage';
    const unplannedCrowd = crowd.state === 'incident' && crowd.kind === 'unplanned';
    const declared = window && `Scheduled maintenance "${window.title}" until ${formatTime(window.end)}`;
    const what = declared ?? 'Official status page: maintenance in progress';
    if (!officialOutage && !unplannedCrowd) {
      const expected = crowd.state === 'normal' ? [] : [`${crowdLine}, expected during maintenance`];
      return {
        level: 'under_maintenance',
        confidence: verdictConfidence({
          level: 'under_maintenance',
          crowd: crowdConfidence,
          probes: { counted: n, hard, soft },
          official: 'silent',
          declaredWindow: Boolean(window),
          officialMaintenance,
        }),
        reasons: [
          what,
          ...expected,
          ...(probeLine ? [probeLine] : []),
          ...(officialMaintenance
            ? declared
              ? ['Official status page: maintenance in progress']
              : []
            : officialLine
              ? [officialLine]
              : []),
          ...tail,
        ],
        kind: 'maintenance',
      };
    }
    reasons.push(
      `${what}, but ` +
        `${officialOutage ? 'the official status page reports an outage' : 'reports point to an unplanned problem'}`,
    );
  }

  // Rule 3: the crowd, with the probes and the page as corroboration.
  const concentrated =
    crowd.kind === 'partial' || (crowd.topProblem !== undefined && crowd.topProblem.share >= CONCENTRATED_SHARE);
  let level: StatusLevel;
  if (crowd.state === 'incident') {
    if (mostHard || officialWholeMajor) level = 'major_outage';
    else if (hard > 0 || allPass || concentrated || officialSome) level = 'partial_outage';
    else level = 'major_outage';
  } else if (crowd.state === 'elevated') {
    level = mostHard ? 'major_outage' : hard > 0 ? 'partial_outage' : 'degraded_performance';
  } else {
    level = mostHard ? 'partial_outage' : hard > 0 || soft > 0 ? 'degraded_performance' : 'operational';
  }
  // Rule 4: the official floor.
  level = worstLevel([level, officialFloor]);

  // Rule 5: confidence from agreeing, independent signals.
  const problem = level !== 'operational';
  const officialSays = !official
    ? 'silent'
    : problem === (officialFloor !== 'operational')
      ? 'agrees'
      : official.level === 'operational'
        ? 'contradicts'
        : 'silent';
  const sure = verdictConfidence({
    level,
    crowd: crowdConfidence,
    probes: { counted: n, hard, soft },
    official: officialSays,
  });

  reasons.push(
    ...(recoveryLine && crowd.phase === 'recovering' ? [recoveryLine] : []),
    crowdLine,
    ...(recoveryLine && crowd.phase !== 'recovering' ? [recoveryLine] : []),
    ...(problemLine ? [problemLine] : []),
    ...(probeLine ? [probeLine] : []),
    ...(officialLine ? [officialLine] : []),
    ...tail,
  );
  const kind: IncidentKind | undefined =
    level === 'major_outage' ? 'unplanned' : level === 'partial_outage' ? 'partial' : undefined;
  return { level, confidence: sure, reasons, ...(kind && { kind }) };
}
