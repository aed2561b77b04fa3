import { describe, expect, it } from 'vitest';
import { CaseStudy, type Incident, type Insight, type Story } from '../../../shared/index.ts';
import { buildCaseStudy, type CaseStudyRecord } from '../../../server/case-studies/build-case-study.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 5, 10, 14, 0);
const at = (min: number) => new Date(T0 + min * MINUTE).toISOString();
const evidence = { windowMinutes: 5, observed: 62, expected: 4.2, ratio: 14.76, pValue: 1e-20 };

/** An incident as the store returns it: a crowd outage from 14:00 to 14:50, acknowledged by the vendor at 14:12. */
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '0123456789abcdef01234567',
  service: 'chat',
  kind: 'unplanned',
  state: 'resolved',
  origin: 'crowd',
  resolvedBy: 'detector',
  startedAt: at(0),
  openedAt: at(4),
  resolvedAt: at(50),
  reasons: [],
  trigger: evidence,
  peak: { ...evidence, at: at(9) },
  topProblems: [{ problem: 'errors', label: 'Error messages', count: 50, share: 0.8 }],
  updates: [{ id: 'u1', status: 'investigating', body: 'Looking into errors at checkout.', author: 'ops', at: at(6) }],
  official: { acknowledgedAt: at(12), leadSeconds: 480 },
  ...over,
});

const story = (id: string, helpful: number, peopleAffected?: number): Story => ({
  id,
  service: 'chat',
  kind: 'business_impact',
  title: `Story ${id}`,
  body: 'Our team could not work for most of the afternoon.',
  helpful,
  createdAt: at(30),
  ...(peopleAffected ? { impact: { peopleAffected } } : {}),
});

const insight: Insight = {
  id: 'ins1',
  service: 'chat',
  incidentId: '0123456789abcdef01234567',
  expert: { name: 'Ada', role: 'technical-expert', roleLabel: 'Technical expert', stillVerified: true },
  body: 'The errors matched a failing load balancer in one region.',
  links: [],
  helpful: 2,
  createdAt: at(40),
};

const record = (over: Partial<CaseStudyRecord> = {}): CaseStudyRecord => ({
  incident: incident(),
  serviceName: 'Chat',
  // Quiet lead-in, the rise from 14:02, the peak at 14:09, a tail, and one report after the resolution.
  minutes: [
    { t: T0 - 20 * MINUTE, total: 1 },
    { t: T0 + 2 * MINUTE, total: 3 },
    { t: T0 + 5 * MINUTE, total: 20 },
    { t: T0 + 9 * MINUTE, total: 41 },
    { t: T0 + 30 * MINUTE, total: 6 },
    { t: T0 + 55 * MINUTE, total: 2 },
  ],
  probes: [
    {
      id: 'api',
      name: 'API',
      points: [
        { t: T0, latencyMs: 120, ok: true },
        { t: T0 + 3 * MINUTE, latencyMs: null, ok: false },
        { t: T0 + 4 * MINUTE, latencyMs: null, ok: false },
        { t: T0 + 33 * MINUTE, latencyMs: 140, ok: true },
      ],
    },
  ],
  recoveries: [T0 + 3 * MINUTE, T0 + 36 * MINUTE, T0 + 38 * MINUTE],
  stories: [story('a', 1), story('b', 5, 12), story('c', 0), story('d', 3)],
  insights: [insight],
  diagnoses: [],
  ...over,
});

describe('buildCaseStudy', () => {
  it('tells a crowd outage in order, from the first reports to the resolution', () => {
    const cs = buildCaseStudy(record());
    expect(CaseStudy.parse(cs)).toEqual(cs);
    expect(cs.timeline.map((e) => [e.at, e.kind])).toEqual([
      [at(2), 'first-reports'],
      [at(3), 'probe-failing'],
      [at(4), 'detected'],
      [at(6), 'operator-update'],
      [at(9), 'peak'],
      [at(12), 'official-ack'],
      [at(33), 'probe-recovered'],
      [at(36), 'recovery-confirmed'],
      [at(50), 'resolved'],
    ]);
    const text = Object.fromEntries(cs.timeline.map((e) => [e.kind, e.text]));
    expect(text).toMatchObject({
      'first-reports': '3 reports that minute',
      detected: '62 reports in 5 minutes, 14.8× the usual 4.2',
      'official-ack': 'The official status page acknowledged it, 8 minutes after our detection',
      peak: '41 reports in one minute',
      'probe-failing': 'Probe "API" started failing',
      'probe-recovered': 'Probe "API" passed again after 30 minutes',
      'recovery-confirmed': '2 people said it works again, the first one now',
      'operator-update': 'Investigating: Looking into errors at checkout.',
      resolved: 'Reports were back to normal',
    });
  });

  it('counts the numbers inside the incident only, and people affected as the stories tell it', () => {
    expect(buildCaseStudy(record()).numbers).toEqual({
      durationMinutes: 50,
      peakReportsPerMinute: 41,
      totalReports: 70,
      // 12 from the story that says so, 1 for each of the three others.
      peopleAffected: 15,
      stories: 4,
      recoveryConfirmations: 2,
    });
  });

  it(
    'keeps the three most helpful stories and every insight, and an empty diagnosis history until diagnose() ' +
      'is wired',
    () => {
      const cs = buildCaseStudy(record());
      expect(cs.stories.map((s) => s.id)).toEqual(['b', 'd', 'a']);
      expect(cs.insights.map((i) => i.id)).toEqual(['ins1']);
      expect(cs.diagnosisHistory).toEqual([]);
    },
  );

  it('puts diagnoses in the timeline and their history in order when they are recorded', () => {
    const diagnoses = [
      { at: at(20), cause: 'dns', confidence: 0.8, text: 'Likely cause: DNS (8 of 10 probe failures were lookups)' },
      { at: at(8), cause: 'overload', confidence: 0.4, text: 'Likely cause: overload' },
    ];
    const cs = buildCaseStudy(record({ diagnoses }));
    expect(cs.diagnosisHistory.map((d) => d.cause)).toEqual(['overload', 'dns']);
    expect(cs.timeline.filter((e) => e.kind === 'diagnosis').map((e) => e.at)).toEqual([at(8), at(20)]);
  });

  it('tells an operator-opened incident with no reports by its title and the closing note', () => {
    const opened = incident({
      origin: 'operator',
      title: 'Database migration went wrong',
      resolvedBy: 'ops',
      startedAt: at(0),
      openedAt: at(0),
      official: null,
      updates: [
        { id: 'u1', status: 'investigating', body: 'We are on it.', author: 'ops', at: at(0) },
        { id: 'u2', status: 'resolved', body: 'Rolled back.', author: 'ops', at: at(50) },
      ],
    });
    const cs = buildCaseStudy(
      record({ incident: opened, minutes: [], probes: [], recoveries: [], stories: [], insights: [] }),
    );
    expect(cs.timeline).toEqual([
      { at: at(0), kind: 'detected', text: 'Opened by the operators: Database migration went wrong' },
      { at: at(0), kind: 'operator-update', text: 'Investigating: We are on it.' },
      { at: at(50), kind: 'resolved', text: 'By ops — Rolled back.' },
    ]);
    expect(cs.numbers).toMatchObject({ peakReportsPerMinute: 0, totalReports: 0, peopleAffected: 0, stories: 0 });
    expect(cs.title).toBe('Database migration went wrong');
  });

  it('says a probe still failing at the resolution, and shows at most three failing spells of a flapping one', () => {
    const flapping = Array.from({ length: 20 }, (_, i) => ({ t: T0 + i * MINUTE, latencyMs: null, ok: i % 2 === 1 }));
    const stuck = [{ t: T0 + 10 * MINUTE, latencyMs: null, ok: false }];
    const cs = buildCaseStudy(
      record({
        probes: [
          { id: 'f', name: 'Flappy', points: flapping },
          { id: 's', name: 'Stuck', points: stuck },
        ],
      }),
    );
    expect(cs.timeline.filter((e) => e.text.startsWith('Probe "Flappy" started'))).toHaveLength(3);
    expect(cs.timeline).toContainEqual({
      at: at(50),
      kind: 'probe-failing',
      text: 'Probe "Stuck" was still failing at the resolution',
    });
  });

  it('refuses an open incident: a case study is written once it resolves', () => {
    expect(() => buildCaseStudy(record({ incident: incident({ state: 'open', resolvedAt: undefined }) }))).toThrow(
      /not resolved/,
    );
  });
});
