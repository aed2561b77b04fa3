import type { Decision } from '../detection/detector.ts';
import type { Incident } from '../../shared/index.ts';
import type { CrowdSignal } from './fuse.ts';

export type { CrowdSignal };

/** Reports this far above normal, in a window with a handful of them, are worth saying out loud. */
const ELEVATED_RATIO = 3;
const ELEVATED_MIN_REPORTS = 10;

/**
 * What the reports say. `reach` is how many distinct networks reported lately and how many it
 * takes: a rise from fewer is one host or one subnet, shown as such but never a problem.
 */
export function crowdSignal(
  decision: Decision | undefined,
  open: Incident | null,
  reach: { networks: number; needed: number } = { networks: Infinity, needed: 0 },
  recoveries?: { count: number; minutes: number },
  /**
   * When an operator or the short-burst rule closed the burst the detector still believes in, if reports have not risen
   * again since.
   */
  settledAt?: number,
): CrowdSignal {
  const e = decision?.evidence;
  // Mid-minute windows span fractions of a minute; people read whole minutes.
  const base = {
    observed: e?.observed ?? 0,
    expected: e?.expected ?? 0,
    windowMinutes: Math.max(1, Math.round(e?.windowMinutes ?? 10)),
    ...(Number.isFinite(reach.networks) ? { reach } : {}),
    ...(recoveries ? { recoveries } : {}),
  };
  if (open) {
    const top = open.topProblems[0];
    // The incident's case is its peak (an operator's incident has none: its word is the evidence).
    const strength =
      open.origin === 'operator'
        ? { declared: open.title ?? open.reasons[0] ?? 'an incident' }
        : { pValue: open.peak.pValue, ratio: open.peak.ratio };
    return {
      ...base,
      ...strength,
      ...(open.phase ? { phase: open.phase } : {}),
      state: 'incident',
      since: Date.parse(open.startedAt),
      kind: open.kind,
      ...(top ? { topProblem: { label: top.label, share: top.share } } : {}),
    };
  }
  // The same burst's reports were already judged and closed: they do not make it "elevated" again.
  if (settledAt !== undefined) return { ...base, state: 'normal', settledAt };
  const rising = e && (decision!.significant || (e.ratio >= ELEVATED_RATIO && e.observed >= ELEVATED_MIN_REPORTS));
  if (rising && reach.networks < reach.needed) return { ...base, state: 'normal', narrow: reach };
  if (rising) return { ...base, pValue: e.pValue, ratio: e.ratio, state: 'elevated' };
  return { ...base, state: 'normal' };
}
