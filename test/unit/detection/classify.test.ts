import { describe, expect, it } from 'vitest';
import { classifyIncident, problemShares, type ClassifyInput } from '../../../server/detection/classify.ts';

const T = (hhmm: string) => Date.parse(`2025-03-04T${hhmm}:00Z`);
const labels: Record<string, string> = {
  login: 'Login',
  errors: 'Error messages',
  slow: 'Slow or degraded',
  api: 'API',
};
const labelOf = (p: string) => labels[p] ?? p;
const usual = { login: 20, errors: 40, slow: 30, api: 10 };
const nightly = [{ start: T('02:00'), end: T('04:00'), title: 'Database upgrade' }];

describe('classifyIncident', () => {
  const cases: { name: string; input: ClassifyInput; kind: string; reason: RegExp }[] = [
    {
      name: 'a spike that starts inside a declared window is maintenance',
      input: { byProblem: { login: 50, errors: 40 }, maintenance: nightly, startedAt: T('02:10'), now: T('02:30') },
      kind: 'maintenance',
      reason: /02:10 UTC, inside scheduled maintenance "Database upgrade" \(02:00–04:00 UTC\)/,
    },
    {
      name: 'a spike that starts before the window opens is not maintenance',
      input: {
        byProblem: { login: 30, errors: 35, slow: 35 },
        maintenance: nightly,
        startedAt: T('01:50'),
        now: T('02:30'),
      },
      kind: 'unplanned',
      reason: /spread across problems/,
    },
    {
      name: 'a maintenance spike that outlives its window is reported, with why',
      input: {
        byProblem: { login: 30, errors: 35, slow: 35 },
        maintenance: nightly,
        startedAt: T('03:00'),
        now: T('04:25'),
      },
      kind: 'unplanned',
      reason: /ended 25 minutes ago, but reports have not settled/,
    },
    {
      name: 'reports concentrating on one problem make a partial outage',
      input: {
        byProblem: { login: 78, errors: 12, slow: 10 },
        usualByProblem: usual,
        maintenance: [],
        now: T('12:00'),
        labelOf,
      },
      kind: 'partial',
      reason: /^78% of reports are about Login \(usually 20%\)\.$/,
    },
    {
      name: 'a problem that is usually the majority anyway is not a partial outage',
      input: {
        byProblem: { errors: 65, login: 20, slow: 15 },
        usualByProblem: { errors: 60, login: 20, slow: 20 },
        maintenance: [],
        now: T('12:00'),
      },
      kind: 'unplanned',
      reason: /^Most reports are about errors \(65%, usually 60%\)\.$/,
    },
    {
      name: 'two problems holding nearly every report are named as two, not as a spread',
      input: {
        byProblem: { login: 50, errors: 46, slow: 2, api: 2 },
        usualByProblem: usual,
        maintenance: [],
        now: T('12:00'),
        labelOf,
      },
      kind: 'unplanned',
      reason: /^Most reports fall in two problems: Login 50%, Error messages 46%\.$/,
    },
    {
      name: 'without a usual split, a clear majority of one problem is partial',
      input: { byProblem: { api: 45, login: 5 }, maintenance: [], now: T('12:00'), labelOf },
      kind: 'partial',
      reason: /90% of reports are about API \(no usual split known\)/,
    },
    {
      name: 'reports spread across problems make an unplanned outage',
      input: {
        byProblem: { login: 40, errors: 35, slow: 25 },
        usualByProblem: usual,
        maintenance: nightly,
        now: T('12:00'),
        labelOf,
      },
      kind: 'unplanned',
      reason: /Login 40%, Error messages 35%, Slow or degraded 25%/,
    },
    {
      name: 'a handful of reports is too few to call a partial outage',
      input: { byProblem: { login: 5 }, maintenance: [], now: T('12:00') },
      kind: 'unplanned',
      reason: /Too few reports/,
    },
  ];

  it.each(cases)('$name', ({ input, kind, reason }) => {
    const result = classifyIncident(input);
    expect(result.kind).toBe(kind);
    expect(result.reasons.some((r) => reason.test(r))).toBe(true);
  });
});

describe('problemShares', () => {
  it('orders kinds with equal counts by name, whatever order they were counted in', () => {
    const a = problemShares({ responses: 1, errors: 90, 'mobile-app': 1, login: 8 });
    const b = problemShares({ 'mobile-app': 1, login: 8, errors: 90, responses: 1 });
    expect(a.map((s) => s.problem)).toEqual(['errors', 'login', 'mobile-app', 'responses']);
    expect(b).toEqual(a);
    expect(a[2]).toEqual({ problem: 'mobile-app', count: 1, share: 0.01 });
  });

  it('leaves out kinds nobody reported', () => {
    expect(problemShares({ errors: 3, login: 0 })).toEqual([{ problem: 'errors', count: 3, share: 1 }]);
  });
});
