import type { Diagnosis, DiagnosisEvidence } from '../../shared/index.ts';
import { cases, facts, type CaseFor, type Line } from './diagnosis-rules.ts';

/**
 * The likely cause behind a service's trouble, beside fuse()'s verdict: which cause the
 * evidence points to, how sure, and the lines for and against it. Pure.
 *
 * Each cause (diagnosis-rules.ts) weighs its supporting lines to S and its contradicting ones
 * to C. The cause with the best S − C/2 wins if S reaches MIN_SUPPORT — one clear line, or
 * two hints — and still outweighs what contradicts it; ties go to the more specific cause.
 *     confidence = 0.15 + 0.8 · (1 − e^(−S)) − 0.2 · C, kept within [0.05, 0.95]
 * so agreeing lines add less and less, each contradiction costs, and nothing is certain.
 * Nothing is claimed when nothing is wrong: no verdict worse than operational, no crowd
 * trouble, no failing probe, no outage or maintenance on the official page, no declared window.
 */

export const MIN_SUPPORT = 0.6;
/** Lines shown: the strongest for, then the strongest against. */
const MAX_FOR = 4;
const MAX_AGAINST = 3;

const sum = (lines: Line[]) => lines.reduce((a, l) => a + l.weight, 0);

/** Whether anything at all says the service has trouble. */
export function troubled(e: DiagnosisEvidence): boolean {
  const f = facts(e);
  return (
    e.level !== 'operational' ||
    e.crowd.troubled ||
    f.failing.length > 0 ||
    e.maintenance !== null ||
    (e.official !== null && (e.official.level !== 'operational' || e.official.maintenances.length > 0))
  );
}

export function diagnosisConfidence(support: number, contra: number): number {
  const c = 0.15 + 0.8 * (1 - Math.exp(-support)) - 0.2 * contra;
  return Math.round(Math.min(0.95, Math.max(0.05, c)) * 100) / 100;
}

export function diagnose(evidence: DiagnosisEvidence): Diagnosis | null {
  if (!troubled(evidence)) return null;
  let best: { c: CaseFor; s: number; n: number; net: number } | undefined;
  for (const c of cases(evidence)) {
    const s = sum(c.support);
    const n = sum(c.contra);
    const net = s - n / 2;
    if (s >= MIN_SUPPORT && net > 0 && (!best || net > best.net)) best = { c, s, n, net };
  }
  if (!best) return null;
  const byWeight = (a: Line, b: Line) => b.weight - a.weight;
  return {
    cause: best.c.cause,
    confidence: diagnosisConfidence(best.s, best.n),
    summary: best.c.summary,
    evidence: [
      ...[...best.c.support]
        .sort(byWeight)
        .slice(0, MAX_FOR)
        .map((l) => ({ supports: true, text: l.text })),
      ...[...best.c.contra]
        .sort(byWeight)
        .slice(0, MAX_AGAINST)
        .map((l) => ({ supports: false, text: l.text })),
    ],
  };
}
