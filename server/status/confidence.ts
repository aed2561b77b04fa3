import type { StatusLevel } from '../../shared/index.ts';

/**
 * How sure a verdict is, from how strongly and how independently its signals agree. Pure.
 *
 * Each signal gives support in [-1, 1] for the verdict, times a weight for how much it can
 * know on its own:
 *   crowd (weight 1.2) — for a problem: its statistical strength, 60% from the p-value
 *     (−log10 p, full at 10: one in ten billion) and 40% from the ratio to normal (log2, full
 *     at 16×), times its independence: distinct networks over twice the minimum an incident
 *     needs (reports from just enough networks count half). An elevated crowd counts half, a
 *     recovering incident half. For "no problems": 0.8 when reports are normal — quiet is good
 *     news but a service few people report on says less. Normal reports beside a problem
 *     verdict contradict it a little (−0.25): people usually notice.
 *   probes (weight 1) — the share failing hard, or 0.5 for slow/TLS warnings behind a
 *     degraded verdict; all passing supports "no problems" fully, and contradicts a major
 *     outage (−0.6) though not a partial one (the service answers, part of it fails).
 *   official page (weight 0.9) — agreeing supports fully; an operational page under a problem
 *     verdict contradicts weakly (−0.3): status pages lag outages.
 *   operators — an incident they opened by hand supports its verdict as a full-strength crowd
 *     would (weight 1.2), half while people say it works again.
 *   maintenance — a declared window is the operators' own word (1.5), the official page
 *     saying maintenance 1, a crowd incident classified as maintenance 0.6.
 * Supports add up to P and contradictions to N, and
 *     confidence = 0.25 + 0.7 · (1 − e^(−0.9·P)) − 0.2·N, kept within [0.1, 0.95],
 * so each further agreeing signal adds less (they are rarely fully independent), nothing is
 * ever certain, and one signal alone stays in the 50–70% range.
 */

export interface ConfidenceInput {
  level: StatusLevel;
  crowd: {
    state: 'normal' | 'elevated' | 'incident';
    /** The evidence's p-value (the incident's peak while one is open). */
    pValue?: number;
    /** Observed over expected. */
    ratio?: number;
    /** Distinct networks the recent reports came from, and how many an incident needs. */
    networks?: number;
    needed?: number;
    recovering?: boolean;
    /** The open incident is maintenance, by the reports' split. */
    maintenance?: boolean;
    /** The operators opened the incident by hand: their word, not a statistic. */
    declared?: boolean;
  };
  probes: { counted: number; hard: number; soft: number };
  official: 'agrees' | 'contradicts' | 'silent';
  /** Under maintenance: a declared window is on, the official page says maintenance. */
  declaredWindow?: boolean;
  officialMaintenance?: boolean;
}

const WEIGHT = { crowd: 1.2, probes: 1, official: 0.9 };
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 0…1 for a crowd's evidence of a problem: significance, size, and how many places it comes from. */
export function crowdStrength(c: ConfidenceInput['crowd']): number {
  const score = c.pValue !== undefined && c.pValue > 0 ? -Math.log10(c.pValue) : c.pValue === 0 ? 10 : 0;
  const size = c.ratio !== undefined && c.ratio > 1 ? Math.log2(c.ratio) / 4 : 0;
  const statistical = 0.6 * clamp01(score / 10) + 0.4 * clamp01(size);
  const independence = c.networks !== undefined && c.needed ? clamp01(c.networks / (2 * c.needed)) : 1;
  return statistical * independence;
}

export function verdictConfidence(input: ConfidenceInput): number {
  const { level, crowd, probes } = input;
  const supports: number[] = [];
  if (level === 'under_maintenance') {
    if (input.declaredWindow) supports.push(1.5);
    if (input.officialMaintenance) supports.push(1);
    if (crowd.state === 'incident' && crowd.maintenance) supports.push(0.6);
  } else if (level === 'operational') {
    if (crowd.state === 'normal') supports.push(WEIGHT.crowd * 0.8);
    if (probes.counted > 0 && probes.hard === 0 && probes.soft === 0) supports.push(WEIGHT.probes);
    if (input.official === 'agrees') supports.push(WEIGHT.official);
  } else {
    if (crowd.declared) supports.push(WEIGHT.crowd * (crowd.recovering ? 0.5 : 1));
    else if (crowd.state === 'incident' || crowd.state === 'elevated') {
      const share = (crowd.state === 'elevated' ? 0.5 : 1) * (crowd.recovering ? 0.5 : 1);
      supports.push(WEIGHT.crowd * share * crowdStrength(crowd));
    } else supports.push(-0.25);
    if (probes.hard > 0) supports.push(WEIGHT.probes * (probes.hard / probes.counted));
    else if (probes.soft > 0 && level === 'degraded_performance') supports.push(WEIGHT.probes * 0.5);
    else if (probes.counted > 0 && level === 'major_outage') supports.push(-0.6);
    if (input.official === 'agrees') supports.push(WEIGHT.official);
    else if (input.official === 'contradicts') supports.push(-0.3);
  }
  const agree = supports.filter((s) => s > 0).reduce((a, s) => a + s, 0);
  const disagree = supports.filter((s) => s < 0).reduce((a, s) => a - s, 0);
  const c = 0.25 + 0.7 * (1 - Math.exp(-0.9 * agree)) - 0.2 * disagree;
  return Math.round(Math.min(0.95, Math.max(0.1, c)) * 100) / 100;
}
