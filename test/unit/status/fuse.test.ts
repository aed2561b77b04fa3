import { describe, expect, it } from 'vitest';
import type { OfficialStatus } from '../../../shared/schemas/official-status.ts';
import type { StatusLevel } from '../../../shared/schemas/status.ts';
import {
  fuse,
  VANTAGE_REASON,
  type CrowdSignal,
  type FuseInput,
  type ProbeSignal,
} from '../../../server/status/fuse.ts';

const T = (hhmm: string) => Date.parse(`2025-03-04T${hhmm}:00Z`);
const NOW = T('14:40');
const formatTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);

const quiet: CrowdSignal = { state: 'normal', observed: 12, expected: 11, windowMinutes: 10 };
const spike: CrowdSignal = {
  state: 'incident',
  observed: 412,
  expected: 45,
  windowMinutes: 10,
  since: T('14:29'),
  kind: 'unplanned',
  pValue: 1e-40,
  ratio: 9.2,
  reach: { networks: 60, needed: 5 },
};
const rising: CrowdSignal = {
  state: 'elevated',
  observed: 60,
  expected: 25,
  windowMinutes: 10,
  pValue: 1e-4,
  ratio: 2.4,
  reach: { networks: 30, needed: 5 },
};

const pass = (name: string): ProbeSignal => ({ name, ok: true });
const http503 = (name: string): ProbeSignal => ({
  name,
  ok: false,
  error: { code: 'http_status', message: 'HTTP 503, expected 200–399' },
  failingSince: T('14:31'),
});
const timeout = (name: string): ProbeSignal => ({
  name,
  ok: false,
  error: { code: 'timeout', message: 'Timed out after 10,000 ms' },
  failingSince: T('14:33'),
});
const slow = (name: string): ProbeSignal => ({
  name,
  ok: false,
  error: { code: 'slow', message: 'Slow response: 2,340 ms, limit 1,000 ms' },
});

const COMPONENTS = ['Git Operations', 'API Requests', 'Webhooks'];
function official(
  level: StatusLevel,
  affected: Record<string, StatusLevel> = {},
  extra: Partial<OfficialStatus> = {},
): OfficialStatus {
  return {
    source: 'statuspage',
    fetchedAt: new Date(NOW).toISOString(),
    level,
    description: level === 'operational' ? 'All Systems Operational' : 'Partial System Outage',
    components: COMPONENTS.map((name) => ({ name, level: affected[name] ?? 'operational' })),
    incidents: [],
    maintenances: [],
    ...extra,
  };
}
const allDown = official('major_outage', Object.fromEntries(COMPONENTS.map((c) => [c, 'major_outage' as const])), {
  description: 'Major System Outage',
});
const dbUpgrade = [{ title: 'Database upgrade', start: T('14:00'), end: T('16:00') }];

const input = (over: Partial<FuseInput>): FuseInput => ({
  crowd: quiet,
  probes: [],
  vantageDown: false,
  maintenance: [],
  now: NOW,
  formatTime,
  ...over,
});

describe('fuse', () => {
  const cases: {
    name: string;
    input: FuseInput;
    level: StatusLevel;
    kind?: string;
    reasons: (string | RegExp)[];
    confidence?: [number, number];
  }[] = [
    {
      name: 'nothing unusual anywhere is operational, because reports are at normal levels',
      input: input({ probes: [pass('web'), pass('api')], official: official('operational') }),
      level: 'operational',
      reasons: [
        'Reports are at normal levels (12 in the last 10 minutes, about 11 expected)',
        'All 2 probes pass',
        'Official status page: All Systems Operational',
      ],
      confidence: [0.85, 0.95],
    },
    {
      name: 'a crowd incident with most probes failing is a major outage, with high confidence',
      input: input({ crowd: spike, probes: [http503('web'), http503('api'), pass('dns')] }),
      level: 'major_outage',
      kind: 'unplanned',
      reasons: [
        '412 reports in the last 10 minutes, 9× normal for this hour; rising since 14:29',
        '2 of 3 probes failing with HTTP 503 since 14:31',
      ],
      confidence: [0.78, 0.85],
    },
    {
      name: 'a crowd incident with one probe of three failing is a partial outage',
      input: input({ crowd: spike, probes: [http503('api'), pass('web'), pass('dns')] }),
      level: 'partial_outage',
      kind: 'partial',
      reasons: ['1 of 3 probes failing with HTTP 503 since 14:31'],
    },
    {
      name: 'a crowd incident concentrated on one problem is a partial outage',
      input: input({ crowd: { ...spike, kind: 'partial', topProblem: { label: 'Login', share: 0.78 } } }),
      level: 'partial_outage',
      kind: 'partial',
      reasons: ['78% of reports are about Login'],
    },
    {
      name: 'a crowd incident while the official page marks one component is a partial outage',
      input: input({ crowd: spike, official: official('partial_outage', { 'API Requests': 'partial_outage' }) }),
      level: 'partial_outage',
      reasons: ["Official status page: 'Partial outage' on API Requests"],
      confidence: [0.78, 0.85],
    },
    {
      name: 'a crowd incident with every probe passing is partial, since the service still answers',
      input: input({ crowd: spike, probes: [pass('web'), pass('api')] }),
      level: 'partial_outage',
      reasons: ['All 2 probes pass'],
    },
    {
      name:
        "a crowd incident alone, spread across problems, is a major outage on the crowd's word with modest " +
        'confidence',
      input: input({ crowd: spike }),
      level: 'major_outage',
      reasons: [/^412 reports/],
      confidence: [0.6, 0.72],
    },
    {
      name: 'probes failing in different ways are listed by name',
      input: input({ crowd: spike, probes: [http503('web'), timeout('api')] }),
      level: 'major_outage',
      reasons: ['2 of 2 probes failing since 14:31: web (HTTP 503), api (timeouts)'],
    },
    {
      name: 'an official major outage of the whole page is a major outage even while reports are normal',
      input: input({ official: allDown }),
      level: 'major_outage',
      reasons: ["Official status page: 'Major outage' on Git Operations, API Requests, Webhooks"],
    },
    {
      name: 'an official major outage on one component is a partial outage',
      input: input({ official: official('major_outage', { Webhooks: 'major_outage' }) }),
      level: 'partial_outage',
      reasons: ["Official status page: 'Major outage' on Webhooks"],
    },
    {
      name: 'an official degraded page raises a quiet verdict to degraded performance',
      input: input({
        official: official(
          'degraded_performance',
          {},
          { components: [], description: '1 unresolved incident: Slow builds' },
        ),
      }),
      level: 'degraded_performance',
      reasons: ["Official status page: 'Degraded performance' — 1 unresolved incident: Slow builds"],
    },
    {
      name: 'most probes failing with no reports and no official word is a partial outage, with lower confidence',
      input: input({ probes: [timeout('web'), timeout('api')] }),
      level: 'partial_outage',
      reasons: ['2 of 2 probes failing with timeouts since 14:33'],
      confidence: [0.55, 0.65],
    },
    {
      name: 'one probe of three failing alone is degraded performance',
      input: input({ probes: [timeout('web'), pass('api'), pass('dns')] }),
      level: 'degraded_performance',
      reasons: ['1 of 3 probes failing with timeouts since 14:33'],
    },
    {
      name: 'a slow probe alone is degraded performance',
      input: input({ probes: [slow('web')] }),
      level: 'degraded_performance',
      reasons: ['1 of 1 probe failing with slow responses'],
    },
    {
      name: 'an elevated crowd alone is degraded performance',
      input: input({ crowd: rising }),
      level: 'degraded_performance',
      reasons: ['60 reports in the last 10 minutes, 2.4× normal for this hour'],
      confidence: [0.3, 0.45],
    },
    {
      name: 'an elevated crowd with every probe failing is a major outage',
      input: input({ crowd: rising, probes: [timeout('web'), timeout('api')] }),
      level: 'major_outage',
      reasons: [/^60 reports/, /^2 of 2 probes failing/],
    },
    {
      name: 'when our own network is down, probe failures are not counted',
      input: input({ probes: [timeout('web'), timeout('api')], vantageDown: true }),
      level: 'operational',
      reasons: [VANTAGE_REASON],
    },
    {
      name: 'a probe whose target the guard refuses is not counted',
      input: input({
        probes: [
          pass('web'),
          { name: 'internal', ok: false, error: { code: 'blocked_target', message: 'Refused to probe 10.0.0.1' } },
        ],
      }),
      level: 'operational',
      reasons: ['The probe passes', '1 probe not counted: the target is refused by our private-address guard'],
    },
    {
      name: 'declared maintenance with a spike and failing probes is maintenance',
      input: input({ crowd: { ...spike, kind: 'maintenance' }, probes: [timeout('web')], maintenance: dbUpgrade }),
      level: 'under_maintenance',
      kind: 'maintenance',
      reasons: [
        'Scheduled maintenance "Database upgrade" until 16:00',
        /^412 reports .*, expected during maintenance$/,
        '1 of 1 probe failing with timeouts since 14:33',
      ],
      confidence: [0.8, 0.9],
    },
    {
      name: 'maintenance declared for later does not count now',
      input: input({ crowd: rising, maintenance: [{ title: 'Later', start: T('20:00'), end: T('21:00') }] }),
      level: 'degraded_performance',
      reasons: [/^60 reports/],
    },
    {
      name: 'maintenance does not hide an outage the official page reports',
      input: input({ crowd: { ...spike, kind: 'maintenance' }, maintenance: dbUpgrade, official: allDown }),
      level: 'major_outage',
      reasons: ['Scheduled maintenance "Database upgrade" until 16:00, but the official status page reports an outage'],
    },
    {
      name: 'maintenance does not hide a spike the detector calls unplanned',
      input: input({ crowd: spike, probes: [http503('web')], maintenance: dbUpgrade }),
      level: 'major_outage',
      reasons: ['Scheduled maintenance "Database upgrade" until 16:00, but reports point to an unplanned problem'],
    },
    {
      name: "the official page's own maintenance counts as maintenance",
      input: input({ crowd: rising, official: official('under_maintenance', { Webhooks: 'under_maintenance' }) }),
      level: 'under_maintenance',
      reasons: ['Official status page: maintenance in progress', /expected during maintenance$/],
    },
  ];

  it.each(cases)('$name', ({ input, level, kind, reasons, confidence }) => {
    const r = fuse(input);
    expect(r.level).toBe(level);
    if (kind) expect(r.kind).toBe(kind);
    for (const want of reasons) {
      expect(
        r.reasons.some((got) => (typeof want === 'string' ? got === want : want.test(got))),
        `reason ${want} in ${JSON.stringify(r.reasons)}`,
      ).toBe(true);
    }
    if (confidence) {
      expect(r.confidence).toBeGreaterThanOrEqual(confidence[0]);
      expect(r.confidence).toBeLessThanOrEqual(confidence[1]);
    }
  });

  it('grows more confident as more independent signals agree on an outage', () => {
    const crowdOnly = fuse(input({ crowd: spike })).confidence;
    const withProbes = fuse(input({ crowd: spike, probes: [timeout('web'), timeout('api')] })).confidence;
    const withOfficial = fuse(
      input({ crowd: spike, probes: [timeout('web'), timeout('api')], official: allDown }),
    ).confidence;
    expect(crowdOnly).toBeLessThan(withProbes);
    expect(withProbes).toBeLessThan(withOfficial);
  });

  it('gives no kind to a working service', () => {
    expect(fuse(input({})).kind).toBeUndefined();
  });
});
