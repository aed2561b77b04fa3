import type { Decision } from '../detection/detector.ts';
import type { Incident } from '../../shared/index.ts';
import type { CrowdSignal } from './fuse.ts';

export type { CrowdSignal };

/** Reports this far above normal, in a window with a handful of them, are worth saying out loud. */
const ELEVATED_RATIO = 3;
const ELEVATED_MIN_REPORTS = 10;

export function crowdSignal(decision: Decision | undefined, open: Incident | null): CrowdSignal {
  const e = decision?.evidence;
  // Mid-minute windows span fractions of a minute; people read whole minutes.
  const base = { observed: e?.observed ?? 0, expected: e?.expected ?? 0, windowMinutes: Math.max(1, Math.round(e?.windowMinutes ?? 10)) };
  if (open) {
    const top = open.topProblems[0];
    return {
      ...base,
      state: 'incident',
      since: Date.parse(open.startedAt),
      kind: open.kind,
      ...(top ? { topProblem: { label: top.label, share: top.share } } : {}),
    };
  }
  if (e && (decision!.significant || (e.ratio >= ELEVATED_RATIO && e.observed >= ELEVATED_MIN_REPORTS))) return { ...base, state: 'elevated' };
  return { ...base, state: 'normal' };
}
