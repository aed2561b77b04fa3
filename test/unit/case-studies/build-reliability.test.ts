import { describe, expect, it } from 'vitest';
import { ReliabilityHistory, type Incident } from '../../../shared/index.ts';
import { buildReliability, incidentCause } from '../../../server/case-studies/build-reliability.ts';

const MINUTE = 60_000;
const NOW = Date.UTC(2025, 5, 15, 12, 0);

let n = 0;
const incident = (start: number, minutes: number, over: Partial<Incident> = {}): Incident => ({
  id: `i${n++}`,
  service: 'chat',
  kind: 'unplanned',
  state: 'resolved',
  origin: 'crowd',
  startedAt: new Date(start).toISOString(),
  openedAt: new Date(start + MINUTE).toISOString(),
  resolvedAt: new Date(start + minutes * MINUTE).toISOString(),
  reasons: [],
  trigger: { windowMinutes: 5, observed: 40, expected: 2, ratio: 20, pValue: 1e-9 },
  peak: { windowMinutes: 5, observed: 40, expected: 2, ratio: 20, pValue: 1e-9, at: new Date(start).toISOString() },
  topProblems: [],
  updates: [],
  ...over,
});
const login = [{ problem: 'login', label: 'Login', count: 30, share: 0.9 }];

describe('buildReliability', () => {
  it('gives twelve UTC months ending with the current one, with incidents and minutes per month', () => {
    const h = buildReliability(
      'chat',
      [
        incident(Date.UTC(2025, 5, 3, 9, 0), 30),
        incident(Date.UTC(2025, 5, 10, 9, 0), 90, { kind: 'partial', topProblems: login }),
        incident(Date.UTC(2025, 1, 20, 9, 0), 45, { kind: 'partial', topProblems: login }),
        incident(Date.UTC(2024, 6, 2, 9, 0), 10, { kind: 'maintenance' }),
      ],
      NOW,
    );
    expect(ReliabilityHistory.parse(h)).toEqual(h);
    expect(h.months.map((m) => m.month)).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(h.months.at(-1)).toEqual({ month: '2025-06', incidents: 2, minutesDown: 120 });
    expect(h.months.find((m) => m.month === '2025-02')).toEqual({ month: '2025-02', incidents: 1, minutesDown: 45 });
    expect(h.months[0]).toEqual({ month: '2024-07', incidents: 1, minutesDown: 10 });
    expect(h.incidents).toBe(4);
    expect(h.typicalDurationMinutes).toBe(38);
    expect(h.commonCauses).toEqual([
      { cause: 'Partial outage: Login', count: 2 },
      { cause: 'Scheduled maintenance', count: 1 },
      { cause: 'Unplanned outage', count: 1 },
    ]);
  });

  it('leaves out incidents older than the twelve months, and open ones', () => {
    const h = buildReliability(
      'chat',
      [
        incident(Date.UTC(2024, 5, 30, 9, 0), 20),
        incident(NOW - 60 * MINUTE, 10, { state: 'open', resolvedAt: undefined }),
      ],
      NOW,
    );
    expect(h.incidents).toBe(0);
    expect(h.typicalDurationMinutes).toBeNull();
    expect(h.commonCauses).toEqual([]);
    expect(h.months.every((m) => m.incidents === 0 && m.minutesDown === 0)).toBe(true);
  });

  it('splits an incident across a month end into the minutes each month held', () => {
    const h = buildReliability('chat', [incident(Date.UTC(2025, 3, 30, 23, 0), 120)], NOW);
    expect(h.months.find((m) => m.month === '2025-04')).toEqual({ month: '2025-04', incidents: 1, minutesDown: 60 });
    expect(h.months.find((m) => m.month === '2025-05')).toEqual({ month: '2025-05', incidents: 0, minutesDown: 60 });
  });

  it('takes causes from the slot diagnose() will fill, the kind and top problem until then', () => {
    expect(incidentCause(incident(NOW, 5, { topProblems: login }))).toBe('Unplanned outage: Login');
    const h = buildReliability(
      'chat',
      [incident(NOW - 100 * MINUTE, 5), incident(NOW - 50 * MINUTE, 5)],
      NOW,
      () => 'DNS',
    );
    expect(h.commonCauses).toEqual([{ cause: 'DNS', count: 2 }]);
  });
});
