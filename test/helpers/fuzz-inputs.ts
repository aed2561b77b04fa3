import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { ClientToServerEvents } from '../../shared/index.ts';

/** What the fuzz knows of the world it runs against: real slugs and ids, so some inputs get past the 404s. */
export interface FuzzTargets {
  slugs: string[];
  /** Ids of a comment, a story, an incident, a maintenance window, an expert and an insight that exist. */
  ids: string[];
  /** host:port, for a same-origin Origin header. */
  host: string;
  /** The signed-in operator's session token (cookie value and Bearer token alike). */
  token: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With :slug, :id and :type placeholders. */
  path: string;
  operator?: boolean;
  /** A body the route accepts (or close to it): the fuzz bends it so inputs get past the first check. */
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  /** Ends the session it is sent with: never sent with the operator's own token. */
  signsOut?: boolean;
}

const story = {
  kind: 'business_impact',
  title: 'Checkout down for our shop',
  body: 'Our online shop could not take payments for two hours because the API kept timing out.',
  displayName: 'Mia',
  impact: { hoursLost: 2, peopleAffected: 12, whatStopped: 'Payments' },
  elapsedMs: 60_000,
};

/** Every HTTP route the server has (each feature's *.routes.ts, and /api/health in app.ts). */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/services' },
  { method: 'GET', path: '/api/services/:slug' },
  {
    method: 'POST',
    path: '/api/services/:slug/reports',
    body: { problem: 'login', comment: 'down for me', browserCheck: { reachable: false, ms: 1200 } },
  },
  {
    method: 'POST',
    path: '/api/services/:slug/comments',
    body: { text: 'Cannot log in since noon', problem: 'login', elapsedMs: 4_000 },
  },
  {
    method: 'GET',
    path: '/api/services/:slug/comments',
    query: { before: '2026-01-01T00:00:00.000Z~0123456789abcdef01234567', limit: '5' },
  },
  { method: 'POST', path: '/api/services/:slug/stories', body: story },
  {
    method: 'GET',
    path: '/api/services/:slug/stories',
    query: { kind: 'testimonial', sort: 'helpful', limit: '5', offset: '0', incident: '0123456789abcdef01234567' },
  },
  { method: 'GET', path: '/api/stories/:id' },
  { method: 'POST', path: '/api/stories/:id/helpful' },
  { method: 'POST', path: '/api/comments/:id/flags', body: { reason: 'spam' } },
  { method: 'POST', path: '/api/stories/:id/flags', body: { reason: 'abuse' } },
  { method: 'GET', path: '/api/services/:slug/maintenance' },
  { method: 'GET', path: '/api/services/:slug/incidents', query: { limit: '5', before: '2026-01-01T00:00:00Z' } },
  { method: 'GET', path: '/api/incidents', query: { limit: '5', before: '2026-01-01T00:00:00Z' } },
  { method: 'GET', path: '/api/incidents/:id' },
  { method: 'GET', path: '/api/incidents/:id/case-study' },
  { method: 'GET', path: '/api/services/:slug/reliability' },
  { method: 'GET', path: '/api/services/:slug/probes/history', query: { hours: '24' } },
  { method: 'GET', path: '/api/admin/session' },
  { method: 'POST', path: '/api/admin/session', body: { username: 'ops', password: 'not the password' } },
  { method: 'DELETE', path: '/api/admin/session', signsOut: true },
  { method: 'GET', path: '/api/admin/maintenance', operator: true },
  {
    method: 'POST',
    path: '/api/admin/services/:slug/maintenance',
    operator: true,
    body: {
      title: 'Database upgrade',
      description: 'Read-only for an hour',
      start: '2030-01-01T02:00:00Z',
      end: '2030-01-01T03:00:00+01:30',
    },
  },
  { method: 'DELETE', path: '/api/admin/maintenance/:id', operator: true },
  {
    method: 'POST',
    path: '/api/admin/incidents/:id/updates',
    operator: true,
    body: { status: 'investigating', body: 'We are looking into it.' },
  },
  { method: 'GET', path: '/api/admin/moderation', operator: true, query: { status: 'all', limit: '10' } },
  {
    method: 'POST',
    path: '/api/admin/moderation/:type/:id',
    operator: true,
    body: { action: 'restore', note: 'fine' },
  },
  { method: 'GET', path: '/api/admin/audit', operator: true, query: { limit: '10' } },
  { method: 'GET', path: '/api/admin/services/:slug/checks', operator: true },
  // Private targets: refused after validation (400 private_target) without a DNS lookup or a probe run.
  {
    method: 'PUT',
    path: '/api/admin/services/:slug/probes',
    operator: true,
    body: { probes: [{ kind: 'tcp', id: 'db', name: 'Database', host: '10.1.2.3', port: 5432 }] },
  },
  {
    method: 'PUT',
    path: '/api/admin/services/:slug/official',
    operator: true,
    body: { kind: 'statuspage', url: 'http://10.1.2.3/api/v2/summary.json' },
  },
  { method: 'DELETE', path: '/api/admin/services/:slug/official', operator: true },
  { method: 'GET', path: '/api/admin/services/:slug/guidance', operator: true },
  {
    method: 'PUT',
    path: '/api/admin/services/:slug/guidance',
    operator: true,
    body: { guidance: [{ title: 'Use the app', steps: ['Open the app instead of the website.'] }] },
  },
  // Email subscriptions (the fuzz world has no SMTP_URL: subscribing is refused, links still answer).
  { method: 'GET', path: '/api/site' },
  { method: 'POST', path: '/api/services/:slug/subscriptions', body: { email: 'fuzz@example.com' } },
  {
    method: 'POST',
    path: '/api/subscriptions/confirm',
    body: { token: 'IVnsvGdqZfSqmN_TqfAbLnhLYud4RIE5g2ZfRzHGunU' },
  },
  {
    method: 'GET',
    path: '/api/subscriptions/unsubscribe',
    query: { token: '6b0c9422aa860fd1b7cf0867.gwowi-WTZUO2UmN1atncsDiLSkvH63fFsOmRmtDkkD8' },
  },
  {
    method: 'POST',
    path: '/api/subscriptions/unsubscribe',
    query: { token: '6b0c9422aa860fd1b7cf0867.gwowi-WTZUO2UmN1atncsDiLSkvH63fFsOmRmtDkkD8' },
  },
  // Webhooks: a private URL is refused after validation, so the fuzz never sends one anywhere.
  { method: 'GET', path: '/api/admin/webhooks', operator: true },
  {
    method: 'POST',
    path: '/api/admin/webhooks',
    operator: true,
    body: {
      url: 'http://10.1.2.3/hook',
      events: ['incident.opened'],
      services: null,
      style: 'slack',
      description: 'pager',
    },
  },
  {
    method: 'PATCH',
    path: '/api/admin/webhooks/:id',
    operator: true,
    body: { events: ['verdict.changed'], services: null, style: 'discord', enabled: false },
  },
  { method: 'DELETE', path: '/api/admin/webhooks/:id', operator: true },
  { method: 'GET', path: '/api/admin/webhooks/:id/deliveries', operator: true },
  { method: 'POST', path: '/api/admin/webhooks/:id/test', operator: true },
  { method: 'POST', path: '/api/admin/webhooks/:id/rotate-secret', operator: true },
  { method: 'POST', path: '/api/admin/webhooks/:id/deliveries/:id/retry', operator: true },
  // Experts and insights: posting needs an expert session, which the fuzz does not hold (401 before validation).
  {
    method: 'GET',
    path: '/api/services/:slug/insights',
    query: { sort: 'helpful', limit: '5', offset: '0', incident: '0123456789abcdef01234567' },
  },
  {
    method: 'POST',
    path: '/api/services/:slug/insights',
    body: {
      body: 'The EU region fails over; see https://status.example.com/x for details.',
      incidentId: '0123456789abcdef01234567',
    },
  },
  { method: 'GET', path: '/api/incidents/:id/insights', query: { sort: 'newest', limit: '5' } },
  { method: 'POST', path: '/api/insights/:id/helpful' },
  { method: 'POST', path: '/api/insights/:id/flags', body: { reason: 'spam' } },
  { method: 'GET', path: '/api/experts/session' },
  { method: 'POST', path: '/api/experts/session', body: { code: 'IVnsvGdqZfSqmN_TqfAbLnhLYud4RIE5g2ZfRzHGunU' } },
  { method: 'DELETE', path: '/api/experts/session' },
  { method: 'GET', path: '/api/admin/experts', operator: true },
  {
    method: 'POST',
    path: '/api/admin/experts',
    operator: true,
    body: { name: 'Dana Ruiz', role: 'technical-expert', affiliation: 'Edge Networks', services: [] },
  },
  { method: 'POST', path: '/api/admin/experts/:id/sign-in-codes', operator: true },
  { method: 'POST', path: '/api/admin/experts/:id/revoke', operator: true },
  { method: 'GET', path: '/api/admin/insights', operator: true, query: { status: 'all', limit: '10' } },
  { method: 'POST', path: '/api/admin/insights/:id', operator: true, body: { action: 'hide', note: 'spam' } },
];

/** Every client→server socket.io event; the type check fails when shared/events.ts gains one not listed. */
export const CLIENT_EVENTS = [
  'subscribe',
  'unsubscribe',
  'subscribe:home',
  'unsubscribe:home',
] as const satisfies readonly (keyof ClientToServerEvents)[];
type Unlisted = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>;
export const everyClientEventListed: [Unlisted] extends [never] ? true : never = true;

/** Characters Node's HTTP client lets through in a header value. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
export const headerText = (maxLength = 200) => fc.string({ unit: 'binary-ascii', maxLength }).map(headerSafe);

/** A path segment as a browser never sends it: broken escapes, traversal, unicode, raw bytes, very long. */
export const junkSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%',
    '%f',
    '%ff',
    '%E0%A4%A',
    '%00',
    '%2e%2e',
    '..',
    '.',
    '%2F',
    '%5C',
    '%C0%AE',
    '%u2215',
    '%%',
    ';',
    '%0d%0a',
    '%25',
    '*',
    '',
    '~',
    'con',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'grapheme', maxLength: 24 }).map(encodeURIComponent),
  // Raw ASCII punctuation ({ | \\ ^ < > " `) as sent; controls, bytes past 0x7e (Node's own parser
  // refuses those with a 400 before the app sees them) and what ends a segment are escaped.
  fc
    .string({ unit: 'binary-ascii', maxLength: 24 })
    .map((s) => s.replace(/[^\x21-\x7e]|[/?#%]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)),
  fc.string({ unit: 'grapheme-ascii', minLength: 1_000, maxLength: 6_000 }).map(encodeURIComponent),
  fc.stringMatching(/^[a-z0-9-]{1,60}$/),
  fc.stringMatching(/^[a-f0-9]{23,25}$/),
);

const hex24 = fc.stringMatching(/^[a-f0-9]{24}$/);

const param = (name: string, t: FuzzTargets): fc.Arbitrary<string> => {
  switch (name) {
    case 'slug':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...t.slugs) }, { weight: 1, arbitrary: junkSegment });
    case 'id':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...t.ids) },
        { weight: 1, arbitrary: hex24 },
        { weight: 1, arbitrary: junkSegment },
      );
    default:
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('comment', 'story') },
        { weight: 1, arbitrary: junkSegment },
      );
  }
};

const junkQueryValue = fc.oneof(
  headerText(40).map(encodeURIComponent),
  fc.constantFrom(
    '%',
    '%ff',
    '',
    '-1',
    '0',
    '1e9',
    'NaN',
    'Infinity',
    '0x10',
    '2026-13-01T00:00:00Z',
    '9999-99-99T99:99:99Z',
    '2026-02-30T00:00:00Z~0123456789abcdef01234567',
    '2026-01-01T::::Z',
  ),
);

/** A query: none, the route's own, its own with values bent, repeated or polluting keys, or junk. */
const queryArb = (route: Route): fc.Arbitrary<string> => {
  const own = Object.entries(route.query ?? {});
  const keys = [...own.map(([k]) => k), '__proto__', 'constructor', 'limit', 'before', 'x'];
  return fc.oneof(
    fc.constant(''),
    fc.constant(own.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...keys),
          fc.oneof(junkQueryValue, fc.constantFrom(...own.map(([, v]) => encodeURIComponent(v)), '1')),
        ),
        { maxLength: 6 },
      )
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    fc
      .array(fc.tuple(fc.constantFrom(...keys), junkQueryValue), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}[]=${v}&${k}[a]=${v}`).join('&')),
    junkSegment,
  );
};

export interface RouteTarget {
  route: Route;
  path: string;
}

/** One route with its placeholders filled (real slugs and ids mostly, junk sometimes) and a query. */
export const routeTarget = (t: FuzzTargets, routes = ROUTES): fc.Arbitrary<RouteTarget> =>
  fc.constantFrom(...routes).chain((route) => {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    return fc.tuple(fc.tuple(...names.map((n) => param(n, t))), queryArb(route)).map(([values, query]) => {
      let i = 0;
      const path = route.path.replace(/:(\w+)/g, () => values[i++]!);
      return { route, path: query ? `${path}?${query}` : path };
    });
  });

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

/** Free-form paths: a known stem (or none) followed by junk segments, a junk query and a dotted tail. */
const freePath = (t: FuzzTargets) =>
  fc
    .tuple(
      fc.constantFrom(
        '',
        '/api',
        '/api/services',
        `/api/services/${t.slugs[0]}`,
        '/api/admin',
        '/api/admin/services',
        '/api/stories',
        '/api/comments',
        '/api/incidents',
        '/status',
        '/assets',
        '/socket.io',
        '/api/admin/moderation/comment',
      ),
      fc.array(junkSegment, { maxLength: 5 }),
      fc.option(fc.array(fc.tuple(junkSegment, junkSegment), { maxLength: 3 }), { nil: undefined }),
      fc.constantFrom('', '/', '//', '/..', '/.'),
    )
    .map(([prefix, segments, query, tail]) => {
      const path = `${prefix}/${segments.join('/')}${tail}`;
      return query ? `${path}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
    });

/** A route's own shape with every parameter junk: what reaches the router's parameter decoding. */
const routeShapedPath = fc.constantFrom(...ROUTES.filter((r) => r.path.includes(':'))).chain((route) =>
  fc.array(junkSegment, { minLength: 3, maxLength: 3 }).map((junk) => {
    let i = 0;
    return route.path.replace(/:(\w+)/g, () => junk[i++]!);
  }),
);

/** Random paths, under /api and outside it, with random methods. */
export const randomPath = (t: FuzzTargets) =>
  fc.record({ method: fc.constantFrom(...METHODS), path: fc.oneof(freePath(t), routeShapedPath) });

/** JSON text of a value that does not belong: wrong types, operators, pollution keys, huge or odd strings. */
export const wildJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"$gt":""}',
    '{"$where":"sleep(1000)"}',
    '{"$ne":null}',
    '[]',
    '[{}]',
    'null',
    'true',
    '1e999',
    '-0',
    '-1',
    '1.5',
    '9007199254740993',
    '"\\u0000"',
    '"\\ud800"',
    '"\\udc00x"',
    '""',
    '"   "',
    '"2026-13-01T00:00:00Z"',
    '"javascript:alert(1)"',
    '"<script>alert(1)</script>"',
    '"http://[::1]:99999/"',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((s) => JSON.stringify(s)),
  fc.integer({ min: 1_000, max: 14_000 }).map((n) => JSON.stringify('x'.repeat(n))),
);

/** `{...}` written by hand, so keys such as `__proto__` reach the server as keys. */
const objectText = (entries: [string, string][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** The route's own body with fields dropped, replaced by wild values, or joined by unknown and polluting keys. */
export const nearValidBody = (route: Route): fc.Arbitrary<string> => {
  const own = Object.entries(route.body ?? {}).map(([k, v]) => [k, JSON.stringify(v)] as [string, string]);
  const keys = [...own.map(([k]) => k), '__proto__', 'constructor', 'prototype', '$where', 'status', 'website'];
  return fc
    .tuple(
      fc.subarray(own),
      fc.array(
        fc.tuple(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...keys) },
            { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
          ),
          wildJson,
        ),
        { maxLength: 3 },
      ),
    )
    .map(([kept, extra]) => {
      const entries = new Map(kept);
      for (const [k, v] of extra) entries.set(k, v);
      return objectText([...entries]);
    });
};

/** A JSON body for a route: its own, bent, any JSON at all, or not JSON. */
export const bodyFor = (route: Route): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: nearValidBody(route) },
    {
      weight: 1,
      arbitrary: fc.constant(objectText(Object.entries(route.body ?? {}).map(([k, v]) => [k, JSON.stringify(v)]))),
    },
    { weight: 2, arbitrary: wildJson },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('', '{', '{"a":', '[', '{"text":"unterminated', '\u0000', '{}}', 'NaN', '{"a":1,"a":2}'),
        fc.integer({ min: 100, max: 7_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
        fc.integer({ min: 100, max: 3_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
      ),
    },
  );

export type Auth = 'anonymous' | 'cookie' | 'bearer';

/** Headers that carry an identity: the operator's cookie (from our own origin) or Bearer token, or none. */
export function authHeaders(auth: Auth, t: FuzzTargets, route: Route): Record<string, string> {
  if (auth === 'anonymous' || route.signsOut) return {};
  if (auth === 'bearer') return { authorization: `Bearer ${t.token}` };
  return { cookie: `or_admin=${t.token}`, origin: `http://${t.host}` };
}

/** One header value or none, from values that matter and from junk. */
const maybe = (...values: fc.Arbitrary<string>[]) => fc.option(fc.oneof(...values), { nil: undefined, freq: 2 });

export const ENCODINGS = [
  'gzip',
  'deflate',
  'br',
  'identity',
  'GZIP',
  'gzip, gzip',
  'x-gzip',
  'compress',
  'zstd',
  '',
  ' ',
  'gzip;q=1',
] as const;

/** The body encoded as its Content-Encoding says (when we know how), or garbage bytes. */
export function encodeBody(text: string, encoding: string | undefined, garbage: Uint8Array | undefined): Buffer {
  if (garbage) return Buffer.from(garbage);
  const raw = Buffer.from(text);
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
      return gzipSync(raw);
    case 'deflate':
      return deflateSync(raw);
    case 'br':
      return brotliCompressSync(raw);
    default:
      return raw;
  }
}

/** Random request headers: content type and encoding, cookies, origins, credentials, caching, ranges, proxies. */
export const randomHeaders = (t: FuzzTargets) =>
  fc.record({
    'content-type': maybe(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json; charset=bogus',
        'application/json; charset=utf-7',
        'application/json; charset=',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/*+json',
        'application/vnd.api+json',
        '*/*',
        ';;;',
        '',
      ),
      headerText(60),
    ),
    'content-encoding': maybe(fc.constantFrom(...ENCODINGS), headerText(20)),
    cookie: maybe(
      fc.constantFrom(
        `or_admin=${t.token}`,
        'or_admin=%E0%A4%A',
        'or_admin=%ff',
        'or_admin=',
        'or_admin',
        `or_admin=x; or_admin=${t.token}`,
        '=; ;=;',
        'a=b; or_admin="quoted"',
      ),
      headerText(80).map((v) => `or_admin=${v}`),
      headerText(120),
    ),
    origin: maybe(
      fc.constantFrom(
        'null',
        'not a url',
        `http://${t.host}`,
        'https://evil.example',
        'http://[::1',
        'file://',
        'https://',
        '',
      ),
      headerText(60),
    ),
    authorization: maybe(
      fc.constantFrom(
        `Bearer ${t.token}`,
        'Bearer ',
        'Bearer',
        'Basic Zm9vOmJhcg==',
        `bearer ${t.token}`,
        'Bearer %ff',
      ),
      headerText(80).map((v) => `Bearer ${v}`),
      headerText(80),
    ),
    'accept-encoding': maybe(
      fc.constantFrom('gzip', 'br', 'deflate', '*', 'identity;q=0, *;q=0', 'gzip;q=abc', 'zstd', ''),
      headerText(40),
    ),
    'if-none-match': maybe(fc.constantFrom('*', 'W/"x"', '"abc"', '""', ','), headerText(60)),
    accept: maybe(fc.constantFrom('application/json', 'text/html', '*/*', 'image/png', ''), headerText(40)),
    range: maybe(
      fc.constantFrom('bytes=0-0', 'bytes=5-1', 'bytes=-1', 'bytes=junk', 'bytes=0-0,0-0,0-0'),
      headerText(30),
    ),
    'if-modified-since': maybe(fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'yesterday'), headerText(30)),
    // Trusted from loopback (TRUST_PROXY's default), so these reach req.ip, req.protocol and req.hostname.
    'x-forwarded-for': maybe(
      fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'unknown', '0x7f.1', '::ffff:1.2.3.4', 'fe80::1%eth0', ', ,'),
      headerText(40),
    ),
    'x-forwarded-proto': maybe(fc.constantFrom('https', 'http', 'ftp', 'https, http', ''), headerText(20)),
    'x-forwarded-host': maybe(fc.constantFrom('evil.example', '[::1', 'a:b:c', ''), headerText(40)),
    host: maybe(fc.constantFrom(t.host, 'evil.example', '[::1', 'a:b:c', '%ff'), headerText(40)),
    'user-agent': maybe(headerText(60)),
  });

/** Drops the headers left out. */
export const present = (h: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined));

/** Counts for the summary line of one property: inputs, 5xx, dropped connections, statuses seen. */
export class Tally {
  tried = 0;
  serverErrors = 0;
  dropped = 0;
  readonly statuses = new Map<number | string, number>();
  private readonly started = Date.now();

  constructor(readonly name: string) {}

  /** A status with the error code the body named, or what became of a request that got none. */
  note(status: number | string, code?: string): void {
    this.tried++;
    if (typeof status === 'number' && status >= 500) this.serverErrors++;
    if (status === 'dropped') this.dropped++;
    const key = code ? `${status} ${code}` : status;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  line(): string {
    const statuses = [...this.statuses]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    return (
      `fuzz ${this.name}: ${this.tried} inputs, ${this.serverErrors} 5xx, ${this.dropped} dropped, ` +
      `${((Date.now() - this.started) / 1000).toFixed(1)} s [${statuses}]`
    );
  }
}
