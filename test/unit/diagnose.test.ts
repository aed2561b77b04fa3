import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Diagnosis,
  type DiagnosisCause,
  type DiagnosisEvidence,
  type DiagnosisProbe,
  type ProbeView,
} from '../../shared/index.ts';
import { diagnose } from '../../server/status/diagnose.ts';
import { diagnosisEvidence, usualLatencyMs, type DiagnosisViews } from '../../server/status/diagnosis-evidence.ts';

// Any day will do: every time below is relative to now.
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

const quiet: DiagnosisEvidence = {
  level: 'operational',
  crowd: { troubled: false, problems: [], total: 0 },
  probes: [],
  vantageDown: false,
  official: null,
  maintenance: null,
  region: null,
  reach: null,
  providers: [],
  othersTroubled: 0,
};
const ev = (over: Partial<DiagnosisEvidence>): DiagnosisEvidence => ({ ...quiet, ...over });
const spike = (
  problems: DiagnosisEvidence['crowd']['problems'] = [
    { id: 'website', label: 'Website', share: 0.5 },
    { id: 'errors', label: 'Error messages', share: 0.3 },
    { id: 'login', label: 'Login', share: 0.2 },
  ],
) => ({ troubled: true, ratio: 9.2, problems, total: 412 });

const web = (over: Partial<DiagnosisProbe> = {}): DiagnosisProbe => ({
  name: 'Homepage',
  kind: 'http',
  ok: true,
  httpStatus: 200,
  latencyMs: 320,
  usualLatencyMs: 300,
  ...over,
});
const http503 = (name: string): DiagnosisProbe => ({
  name,
  kind: 'http',
  ok: false,
  code: 'http_status',
  message: 'HTTP 503, expected 200–399',
  httpStatus: 503,
  latencyMs: 40,
  usualLatencyMs: 300,
});
const dnsOk: DiagnosisProbe = { name: 'DNS (example.com)', kind: 'dns', ok: true, latencyMs: 12 };
const dnsFail: DiagnosisProbe = {
  name: 'DNS (example.com)',
  kind: 'dns',
  ok: false,
  code: 'dns',
  message: 'queryA ENOTFOUND example.com',
};
const refused = (name: string): DiagnosisProbe => ({
  name,
  kind: 'tcp',
  ok: false,
  code: 'refused',
  message: 'connect ECONNREFUSED 203.0.113.7:443',
});
const operationalPage = {
  level: 'operational' as const,
  description: 'All Systems Operational',
  incidents: [],
  maintenances: [],
};

/** Evidence as the server would have recorded it at the height of each kind of outage. */
/** A pattern matching exactly this text. */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

const replays: { cause: DiagnosisCause; name: string; evidence: DiagnosisEvidence; summary: RegExp }[] = [
  {
    cause: 'server-errors',
    name: 'every HTTP probe gets HTTP 503 while DNS resolves',
    evidence: ev({
      level: 'major_outage',
      crowd: spike(),
      probes: [http503('Homepage'), http503('API'), http503('Login page'), dnsOk],
    }),
    summary: exactly(
      'Their servers are answering with errors: all 3 HTTP probes get HTTP 503; ' +
        'the name resolves and the servers answer, so it is not your network.',
    ),
  },
  {
    cause: 'network-dns',
    name: 'the name stops resolving and connections are refused',
    evidence: ev({
      level: 'major_outage',
      crowd: spike(),
      probes: [
        dnsFail,
        refused('HTTPS port'),
        { name: 'Homepage', kind: 'http', ok: false, code: 'dns', message: 'getaddrinfo ENOTFOUND example.com' },
      ],
    }),
    summary:
      /^Their name does not resolve: DNS \(example\.com\) and Homepage fail, so browsers cannot find their servers\./,
  },
  {
    cause: 'overload',
    name: 'answers ten times slower than usual, 429s and reports of slowness',
    evidence: ev({
      level: 'degraded_performance',
      crowd: spike([
        { id: 'slow', label: 'Slow or degraded', share: 0.7 },
        { id: 'errors', label: 'Error messages', share: 0.3 },
      ]),
      probes: [
        web({ latencyMs: 4_200, usualLatencyMs: 410 }),
        {
          name: 'API',
          kind: 'http',
          ok: false,
          code: 'http_status',
          message: 'HTTP 429, expected 200–399',
          httpStatus: 429,
          latencyMs: 90,
          usualLatencyMs: 120,
        },
        dnsOk,
      ],
    }),
    summary: /^More demand than they can serve right now: Homepage answers in 4,200 ms, 10× its usual 410 ms/,
  },
  {
    cause: 'maintenance',
    name: 'a declared window, with the official page saying the same',
    evidence: ev({
      level: 'under_maintenance',
      crowd: { troubled: false, problems: [{ id: 'login', label: 'Login', share: 1 }], total: 30 },
      probes: [http503('Homepage'), dnsOk],
      official: {
        level: 'under_maintenance',
        description: 'Service Under Maintenance',
        incidents: [],
        maintenances: ['Database upgrade'],
      },
      maintenance: { title: 'Database upgrade', until: iso(-90 * 60_000) },
    }),
    summary:
      /^Scheduled maintenance: "Database upgrade" until \d\d:\d\d UTC\. Problems during the window are expected\.$/,
  },
  {
    cause: 'cyber-attack',
    name: 'the official page reports a DDoS attack while probes time out',
    evidence: ev({
      level: 'major_outage',
      crowd: spike(),
      probes: [
        { name: 'Homepage', kind: 'http', ok: false, code: 'timeout', message: 'Timed out after 10,000 ms' },
        http503('API'),
        dnsOk,
      ],
      official: {
        level: 'major_outage',
        description: 'Major System Outage',
        incidents: [
          {
            name: 'DDoS attack',
            text: 'We are mitigating a distributed denial-of-service attack against our network.',
          },
        ],
        maintenances: [],
      },
    }),
    summary: /^The official status page reports an attack: "DDoS attack": We are mitigating/,
  },
  {
    cause: 'upstream-provider',
    name: 'Cloudflare and several unrelated services are down at the same time',
    evidence: ev({
      level: 'partial_outage',
      crowd: spike(),
      probes: [
        {
          name: 'Homepage',
          kind: 'http',
          ok: false,
          code: 'http_status',
          message: 'HTTP 502, expected 200–399',
          httpStatus: 502,
        },
        dnsOk,
      ],
      providers: [{ name: 'Cloudflare', level: 'major_outage' }],
      othersTroubled: 6,
      official: {
        level: 'degraded_performance',
        description: 'Minor Service Outage',
        incidents: [{ name: 'Errors for some users', text: 'We are seeing issues with a third-party CDN provider.' }],
        maintenances: [],
      },
    }),
    summary: exactly(
      'Likely a problem at a provider they rely on: Cloudflare has a major outage at the same time, ' +
        'and 6 other services have problems too.',
    ),
  },
  {
    cause: 'only-some-people',
    name: "reporters' browsers reach it, probes pass, reports come from one country about login",
    evidence: ev({
      level: 'partial_outage',
      crowd: spike([
        { id: 'login', label: 'Login', share: 0.8 },
        { id: 'app', label: 'Mobile app', share: 0.2 },
      ]),
      probes: [web(), dnsOk],
      official: operationalPage,
      region: { name: 'Germany', share: 0.72, located: 50 },
      reach: { checked: 10, unreachable: 1 },
    }),
    summary: exactly(
      "It seems to work for most people: 9 of 10 reporters' browsers reached the homepage and both probes pass. " +
        'Check your own connection, app or account first.',
    ),
  },
];

describe('diagnose', () => {
  for (const r of replays) {
    it(`names ${r.cause} when ${r.name}`, () => {
      const d = diagnose(r.evidence);
      expect(Diagnosis.parse(d)).toEqual(d);
      expect(d?.cause).toBe(r.cause);
      expect(d?.summary).toMatch(r.summary);
      expect(d?.evidence.some((l) => l.supports)).toBe(true);
      expect(d!.confidence).toBeGreaterThanOrEqual(0.5);
    });
  }

  it('shows the lines for the cause first, then those against it', () => {
    const d = diagnose(
      ev({
        level: 'major_outage',
        crowd: spike(),
        probes: [http503('Homepage'), http503('API'), refused('HTTPS port'), dnsOk],
      }),
    )!;
    expect(d.cause).toBe('server-errors');
    expect(d.evidence).toEqual([
      { supports: true, text: 'Both HTTP probes get HTTP 503' },
      { supports: true, text: '30% of reports are about error messages' },
      { supports: true, text: 'DNS (example.com) resolves as expected: the way to their servers works' },
      { supports: false, text: 'HTTPS port cannot connect at all, which errors from the servers would not explain' },
    ]);
  });

  const contradicted: { name: string; base: DiagnosisEvidence; more: Partial<DiagnosisEvidence> }[] = [
    {
      name: 'a probe that cannot connect lowers server errors',
      base: replays[0]!.evidence,
      more: { probes: [...replays[0]!.evidence.probes, refused('HTTPS port')] },
    },
    {
      name: 'a probe getting an HTTP answer lowers network-dns',
      base: replays[1]!.evidence,
      more: { probes: [...replays[1]!.evidence.probes, http503('API')] },
    },
    {
      name: 'a probe answering as fast as usual lowers overload',
      base: replays[2]!.evidence,
      more: {
        probes: [...replays[2]!.evidence.probes, web({ name: 'Status API', latencyMs: 110, usualLatencyMs: 100 })],
      },
    },
    {
      name: 'the official page reporting an outage lowers maintenance',
      base: replays[3]!.evidence,
      more: { official: { ...replays[3]!.evidence.official!, level: 'major_outage' } },
    },
    {
      name: 'failing probes lower "only some people"',
      base: replays[6]!.evidence,
      more: { probes: [web(), dnsOk, http503('API')], reach: { checked: 10, unreachable: 2 } },
    },
    {
      name: 'a spike far above the usual from many places lowers "only some people"',
      base: replays[6]!.evidence,
      more: {
        crowd: { ...replays[6]!.evidence.crowd, ratio: 19 },
        region: { name: 'United States', share: 0.34, located: 58 },
      },
    },
  ];
  for (const c of contradicted) {
    it(`lowers its confidence for contradicting evidence: ${c.name}`, () => {
      const before = diagnose(c.base)!;
      const after = diagnose({ ...c.base, ...c.more })!;
      expect(after.cause).toBe(before.cause);
      expect(after.confidence).toBeLessThan(before.confidence);
      expect(after.evidence.some((l) => !l.supports)).toBe(true);
    });
  }

  it('claims nothing when nothing is wrong', () => {
    expect(diagnose(quiet)).toBeNull();
    expect(
      diagnose(
        ev({
          probes: [web(), dnsOk],
          official: operationalPage,
          reach: { checked: 20, unreachable: 0 },
          region: { name: 'France', share: 0.9, located: 40 },
        }),
      ),
    ).toBeNull();
  });

  it('claims nothing from a verdict alone, without evidence of a cause', () => {
    expect(diagnose(ev({ level: 'major_outage', crowd: spike() }))).toBeNull();
  });

  it('does not read failing probes as evidence while our own network is down', () => {
    expect(
      diagnose(ev({ level: 'operational', vantageDown: true, probes: [dnsFail, refused('HTTPS port')] })),
    ).toBeNull();
  });

  it("does not take a cloud's page naming itself for an upstream provider", () => {
    const official = {
      level: 'partial_outage' as const,
      description: 'Partial System Outage',
      incidents: [
        {
          name: 'Increased error rates for AWS Lambda in us-east-1',
          text: 'We are investigating increased error rates.',
        },
      ],
      maintenances: [],
    };
    const d = diagnose(
      ev({ level: 'partial_outage', crowd: spike(), probes: [web(), dnsOk], official, othersTroubled: 1 }),
    );
    expect(d?.cause).not.toBe('upstream-provider');
  });

  it('does not call an attack from symptoms alone', () => {
    const d = diagnose(
      ev({
        level: 'major_outage',
        crowd: spike(),
        probes: [{ name: 'Homepage', kind: 'http', ok: false, code: 'timeout', message: 'Timed out' }, http503('API')],
      }),
    );
    expect(d?.cause).not.toBe('cyber-attack');
  });

  const probe = fc.record({
    name: fc.constantFrom('Homepage', 'API', 'DNS (example.com)', 'Port 443'),
    kind: fc.constantFrom('http' as const, 'tcp' as const, 'dns' as const),
    latencyMs: fc.option(fc.integer({ min: 1, max: 30_000 }), { nil: undefined }),
    usualLatencyMs: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
  });
  const shares = fc.array(
    fc.record({
      id: fc.constantFrom('login', 'slow', 'errors', 'app'),
      label: fc.string({ maxLength: 12 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { maxLength: 4 },
  );
  const others = {
    region: fc.option(
      fc.record({
        name: fc.string({ maxLength: 12 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        located: fc.nat(500),
      }),
      { nil: null },
    ),
    reach: fc.option(
      fc
        .record({ checked: fc.nat(50), unreachable: fc.nat(50) })
        .map((r) => ({ checked: r.checked, unreachable: Math.min(r.checked, r.unreachable) })),
      { nil: null },
    ),
    othersTroubled: fc.nat(20),
  };

  it('never claims a cause when no evidence says anything is wrong', () => {
    fc.assert(
      fc.property(
        fc.array(probe, { maxLength: 5 }),
        shares,
        fc.nat(1_000),
        fc.record(others),
        (probes, problems, total, rest) => {
          // Passing probes, however slow against their usual; a quiet crowd; a calm official page.
          const passing = probes.map((p) => ({ ...p, ok: true }));
          const e = ev({
            probes: passing,
            crowd: { troubled: false, problems, total },
            official: operationalPage,
            ...rest,
            providers: [],
          });
          expect(diagnose(e)).toBeNull();
        },
      ),
    );
  });

  it('keeps confidence within 0 to 1 whatever the evidence', () => {
    const failing = fc.record({
      name: fc.string({ minLength: 1, maxLength: 10 }),
      kind: fc.constantFrom('http' as const, 'tcp' as const, 'dns' as const),
      ok: fc.boolean(),
      code: fc.option(
        fc.constantFrom(
          'timeout' as const,
          'dns' as const,
          'refused' as const,
          'reset' as const,
          'tls' as const,
          'http_status' as const,
          'text_missing' as const,
          'slow' as const,
          'other' as const,
        ),
        { nil: undefined },
      ),
      httpStatus: fc.option(fc.constantFrom(200, 404, 429, 500, 502, 503), { nil: undefined }),
      latencyMs: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: undefined }),
      usualLatencyMs: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
    });
    const level = fc.constantFrom(
      'operational' as const,
      'degraded_performance' as const,
      'partial_outage' as const,
      'major_outage' as const,
      'under_maintenance' as const,
    );
    const text = fc.constantFrom(
      'DDoS attack',
      'Elevated error rates',
      'High demand',
      'Issue with an upstream provider',
      'Scheduled maintenance',
      'Investigating',
    );
    fc.assert(
      fc.property(
        fc.record({
          level,
          troubled: fc.boolean(),
          probes: fc.array(failing, { maxLength: 6 }),
          problems: shares,
          total: fc.nat(1_000),
          vantageDown: fc.boolean(),
          official: fc.option(
            fc.record({
              level,
              description: fc.constant('x'),
              incidents: fc.array(fc.record({ name: text, text }), { maxLength: 2 }),
              maintenances: fc.array(fc.constant('Upgrade'), { maxLength: 1 }),
            }),
            { nil: null },
          ),
          providers: fc.array(fc.record({ name: fc.constant('Cloudflare'), level }), { maxLength: 3 }),
          ...others,
        }),
        (r) => {
          const d = diagnose(ev({ ...r, crowd: { troubled: r.troubled, problems: r.problems, total: r.total } }));
          if (d) {
            expect(d.confidence).toBeGreaterThanOrEqual(0);
            expect(d.confidence).toBeLessThanOrEqual(1);
            expect(d.evidence.some((l) => l.supports)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('diagnosisEvidence', () => {
  const result = (over: Partial<NonNullable<ProbeView['latest']>>): NonNullable<ProbeView['latest']> => ({
    probeId: 'homepage',
    kind: 'http',
    at: iso(30_000),
    ok: true,
    checks: [],
    latencyMs: 300,
    ...over,
  });
  const views = (over: Partial<DiagnosisViews> = {}): DiagnosisViews => ({
    status: { level: 'major_outage', confidence: 0.8, reasons: [], since: iso(600_000) },
    breakdown: {
      windowMinutes: 60,
      total: 40,
      items: [
        { problem: 'errors', label: 'Error messages', count: 10, share: 0.25 },
        { problem: 'website', label: 'Website', count: 30, share: 0.75 },
      ],
    },
    incident: null,
    probes: [
      {
        id: 'homepage',
        name: 'Homepage',
        kind: 'http',
        target: 'https://example.com/',
        intervalSeconds: 60,
        latest: result({
          ok: false,
          error: { code: 'http_status', message: 'HTTP 503, expected 200–399' },
          details: { http: { status: 503 } },
        }),
      },
      {
        id: 'old',
        name: 'Old',
        kind: 'http',
        target: 'https://example.com/old',
        intervalSeconds: 60,
        latest: result({ at: iso(60 * 60_000) }),
      },
      {
        id: 'guarded',
        name: 'Guarded',
        kind: 'http',
        target: 'http://10.0.0.1/',
        intervalSeconds: 60,
        latest: result({ ok: false, error: { code: 'blocked_target', message: 'refused' } }),
      },
    ],
    official: null,
    vantage: { down: false },
    maintenance: [
      { id: 'm1', service: 'shop', title: 'Database upgrade', start: iso(30 * 60_000), end: iso(-30 * 60_000) },
    ],
    regions: { windowMinutes: 60, located: 20, countries: [{ code: 'DE', name: 'Germany', reports: 15 }], cities: [] },
    reachability: { checked: 8, unreachable: 2, share: 0.25, windowMinutes: 60 },
    ...over,
  });
  const candidates = [
    { slug: 'shop', name: 'Shop', category: 'Shopping', level: 'major_outage' as const, troubled: true },
    { slug: 'cloudflare', name: 'Cloudflare', category: 'Cloud', level: 'partial_outage' as const, troubled: true },
    { slug: 'bank', name: 'Bank', category: 'Banking & payments', level: 'major_outage' as const, troubled: true },
    { slug: 'aws', name: 'AWS', category: 'Cloud', level: 'operational' as const, troubled: false },
  ];

  it(
    'turns a service page’s views into evidence: fresh probes only, the window on now, providers apart from ' +
      'others',
    () => {
      const e = diagnosisEvidence(views(), {
        slug: 'shop',
        category: 'Shopping',
        now: NOW,
        candidates,
        usualLatency: new Map([['homepage', 250]]),
      });
      expect(e.probes).toEqual([
        {
          name: 'Homepage',
          kind: 'http',
          ok: false,
          code: 'http_status',
          message: 'HTTP 503, expected 200–399',
          httpStatus: 503,
          latencyMs: 300,
          usualLatencyMs: 250,
        },
      ]);
      expect(e.maintenance).toEqual({ title: 'Database upgrade', until: iso(-30 * 60_000) });
      expect(e.crowd.problems.map((p) => p.id)).toEqual(['website', 'errors']);
      expect(e.region).toEqual({ name: 'Germany', share: 0.75, located: 20 });
      expect(e.reach).toEqual({ checked: 8, unreachable: 2 });
      expect(e.providers).toEqual([{ name: 'Cloudflare', level: 'partial_outage' }]);
      expect(e.othersTroubled).toBe(1);
      expect(diagnose(e)?.cause).toBe('maintenance');
    },
  );

  it('does not call a cloud’s peers its providers', () => {
    const e = diagnosisEvidence(views(), { slug: 'aws', category: 'Cloud', now: NOW, candidates });
    expect(e.providers).toEqual([]);
    expect(e.othersTroubled).toBe(3);
  });

  it('finds a probe’s usual latency as the median of its passing runs', () => {
    const points = [300, 310, 290, 5_000, 305].map((ms, i) => ({ t: i, latencyMs: ms, ok: ms < 1_000 }));
    expect(usualLatencyMs([...points, { t: 9, latencyMs: 320, ok: true }, { t: 10, latencyMs: null, ok: false }])).toBe(
      305,
    );
    expect(usualLatencyMs(points.slice(0, 2))).toBeUndefined();
  });
});
