import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/index.ts';
import type { Decision, Evidence } from '../../../server/detection/decision.ts';
import { autoResolveAt, incidentPhase, risesAgain } from '../../../server/incidents/lifecycle-rules.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 2, 4, 14, 0);
const quietWindow = (windowMinutes: number): Evidence => ({
  windowMinutes,
  observed: 2,
  expected: 2,
  ratio: 1,
  pValue: 1,
  score: 0,
  threshold: 6,
  ordinaryExcess: 5,
});
const busyWindow = (windowMinutes: number): Evidence => ({
  windowMinutes,
  observed: 80,
  expected: 4,
  ratio: 20,
  pValue: 1e-30,
  score: 30,
  threshold: 6,
  ordinaryExcess: 5,
});
const decision = (at: number, windows: Evidence[]): Decision => ({
  time: at - MINUTE,
  at,
  transition: 'none',
  significant: false,
  evidence: windows[0]!,
  windows,
  incident: null,
});
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1',
  service: 's',
  kind: 'unplanned',
  state: 'open',
  origin: 'crowd',
  startedAt: new Date(T0).toISOString(),
  openedAt: new Date(T0 + MINUTE).toISOString(),
  reasons: [],
  trigger: busyWindow(2),
  peak: { ...busyWindow(2), at: new Date(T0 + 3 * MINUTE).toISOString() },
  topProblems: [],
  updates: [],
  ...over,
});

describe('incident lifecycle rules', () => {
  it(
    'calls an incident rising while its peak moves, ongoing once it holds, recovering once the shortest ' +
      'window is calm',
    () => {
      const busy = decision(T0 + 4 * MINUTE, [busyWindow(2), busyWindow(10)]);
      expect(
        incidentPhase({ incident: incident(), decision: busy, recoveries: 0, recentReports: 80, now: T0 + 4 * MINUTE }),
      ).toBe('rising');
      const later = decision(T0 + 12 * MINUTE, [busyWindow(2), busyWindow(10)]);
      expect(
        incidentPhase({
          incident: incident(),
          decision: later,
          recoveries: 0,
          recentReports: 80,
          now: T0 + 12 * MINUTE,
        }),
      ).toBe('ongoing');
      const calm = decision(T0 + 12 * MINUTE, [quietWindow(2), busyWindow(10)]);
      expect(
        incidentPhase({
          incident: incident(),
          decision: calm,
          recoveries: 0,
          recentReports: 30,
          now: T0 + 12 * MINUTE,
        }),
      ).toBe('recovering');
    },
  );

  it('takes people saying "it works again" as recovery once they outnumber recent reports', () => {
    const busy = decision(T0 + 12 * MINUTE, [busyWindow(2), busyWindow(10)]);
    expect(
      incidentPhase({ incident: incident(), decision: busy, recoveries: 12, recentReports: 5, now: T0 + 12 * MINUTE }),
    ).toBe('recovering');
    expect(
      incidentPhase({ incident: incident(), decision: busy, recoveries: 2, recentReports: 0, now: T0 + 12 * MINUTE }),
    ).toBe('ongoing');
    expect(
      incidentPhase({
        incident: incident({ origin: 'operator' }),
        decision: undefined,
        recoveries: 0,
        recentReports: 0,
        now: T0,
      }),
    ).toBe('ongoing');
  });

  it(
    'ends a short burst 10 calm minutes after it ends (5 when people confirm), never a long one or an ' + "operator's",
    () => {
      const calmSince = T0 + 5 * MINUTE;
      expect(autoResolveAt(incident(), calmSince, calmSince + 9 * MINUTE, false)).toBeUndefined();
      expect(autoResolveAt(incident(), calmSince, calmSince + 10 * MINUTE, false)).toBe(calmSince + 10 * MINUTE);
      expect(autoResolveAt(incident(), calmSince, calmSince + 5 * MINUTE, true)).toBe(calmSince + 5 * MINUTE);
      expect(autoResolveAt(incident(), NaN, calmSince + 60 * MINUTE, true)).toBeUndefined();
      expect(autoResolveAt(incident(), T0 + 45 * MINUTE, T0 + 60 * MINUTE, false)).toBeUndefined();
      expect(autoResolveAt(incident({ origin: 'operator' }), calmSince, calmSince + 60 * MINUTE, true)).toBeUndefined();
    },
  );

  it('reopens only on a window that lies wholly after the resolution', () => {
    const closedAt = T0 + 10 * MINUTE;
    const tail = decision(T0 + 11 * MINUTE, [busyWindow(2), busyWindow(10)]);
    expect(risesAgain(tail, closedAt)).toBe(false);
    const fresh = decision(T0 + 13 * MINUTE, [busyWindow(2), busyWindow(10)]);
    expect(risesAgain(fresh, closedAt)).toBe(true);
    const freshButQuiet = decision(T0 + 13 * MINUTE, [quietWindow(2), busyWindow(10)]);
    expect(risesAgain(freshButQuiet, closedAt)).toBe(false);
  });
});
