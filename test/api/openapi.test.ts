import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Incident, ServiceDetail } from '../../shared/index.ts';
import type { OpenApiDocument } from '../../server/openapi/openapi-document.ts';
import { openApiPath } from '../../server/openapi/openapi-document.ts';
import {
  freshDatabaseUri,
  manualClockAt,
  person,
  signedInOperator,
  startWorld,
  testService,
} from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';
import { expressRoutes } from '../helpers/express-routes.ts';
import { smtpSink, tokenIn } from '../helpers/smtp-sink.ts';
import { webhookReceiver } from '../helpers/webhook-receiver.ts';

const MINUTE = 60_000;
const SUMMARY = readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url));

const METRICS_TOKEN = 'openapi-test-metrics-token';

/**
 * Answered before Express, so its router does not list them (services/hot-reads.ts, public-api/public-hot-reads.ts).
 */
const BEFORE_EXPRESS = [
  'get /api/services',
  ...[
    'summary',
    'status',
    'components',
    'incidents',
    'incidents/unresolved',
    'scheduled-maintenances',
    'scheduled-maintenances/upcoming',
    'scheduled-maintenances/active',
  ].map((doc) => `get /api/v2/${doc}.json`),
];

const CLIENT_BUILT = existsSync(new URL('../../client/dist/index.html', import.meta.url));
/**
 * Routes for browsers and crawlers, not an API: left out of the document on purpose. None is
 * under /api/, so a new /api route that is not documented still fails the test. Routes of the
 * web client depend on whether it is built (`npm run build`).
 */
const NOT_API: { route: string; why: string; client?: 'built' | 'missing' }[] = [
  { route: 'get /robots.txt', why: 'for crawlers' },
  { route: 'get /sitemap.xml', why: 'for crawlers' },
  { route: 'get /og/:file', why: "a service's link-preview image (og:image), for crawlers and chat apps" },
  { route: 'get /embed/:slug', why: 'an HTML status card other sites show in an iframe' },
  { route: 'get /embed/embed.js', why: "the embed card's script" },
  { route: 'get /embed/embed.css', why: "the embed card's style" },
  {
    route: 'get /subscriptions/confirm',
    why: "the page a confirmation mail's link opens: a button that posts to the API (mail scanners fetch links)",
  },
  {
    route: `get ${/\.map$/}`,
    why: 'source maps are never served: any *.map is a 404 in the error shape',
    client: 'built',
  },
  {
    route: `get ${/^\/(status|incidents|stories)\//}`,
    why: 'server-rendered pages of services, incidents and stories',
    client: 'built',
  },
  { route: `get ${/^(?!\/api\/|\/socket\.io\/).*/}`, why: "the web client's pages", client: 'built' },
  { route: `get ${/^(?!\/api\/).*/}`, why: 'a 503 page saying the web client is not built yet', client: 'missing' },
];
const notApi = NOT_API.filter((r) => !r.client || r.client === (CLIENT_BUILT ? 'built' : 'missing')).map(
  (r) => r.route,
);

/** A local service: a homepage for the probe, and a Statuspage summary for the official status. */
async function localService() {
  const server = http.createServer((req, res) => {
    if (req.url === '/api/v2/summary.json') res.writeHead(200, { 'content-type': 'application/json' }).end(SUMMARY);
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const COMPONENTS = 'https://outage-radar.test/components';
/** OpenAPI's component references, as references into one JSON Schema resource ajv knows. */
const local = (x: unknown) =>
  JSON.parse(JSON.stringify(x).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));

interface Checked {
  operation: string;
  status: number;
}

describe('the OpenAPI document against the running server', () => {
  const clock = manualClockAt(14, 0, 5);
  const mongodbUri = freshDatabaseUri();
  let site: Awaited<ReturnType<typeof localService>>;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let svc: ReturnType<typeof testService>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let doc: OpenApiDocument;
  let ajv: Ajv2020;
  const checked: Checked[] = [];

  beforeAll(async () => {
    site = await localService();
    sink = await smtpSink();
    receiver = await webhookReceiver({ now: () => clock.now() });
    svc = testService({
      probes: [
        { kind: 'http', id: 'homepage', name: 'Homepage', url: `${site.base}/`, intervalSeconds: 15, timeoutMs: 2_000 },
      ],
      official: { kind: 'statuspage', url: `${site.base}/api/v2/summary.json` },
    });
    await seedHistory(
      mongodbUri,
      svc.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    // The test validates in the server's own process: its event loop's lag is not the server's to shed.
    world = await startWorld({
      mongodbUri,
      clock,
      services: [svc],
      env: { DETECT_TICK_SECONDS: '60', PROBE_ALLOW_PRIVATE: '1', SMTP_URL: sink.url, METRICS_TOKEN },
    });
    await world.detectionReady;
    doc = (await request(world.url).get('/api/openapi.json').expect(200)).body;
    // Strict: a keyword 2020-12 does not know (OpenAPI 3.0's `nullable`…) fails the compile.
    ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: COMPONENTS, $defs: local(doc.components.schemas) });
  });
  afterAll(async () => {
    await world?.close();
    await site?.close();
    await sink?.close();
    await receiver?.close();
  });

  /** The operation a request is documented as; its path must match the documented template. */
  function operation(method: string, url: string) {
    const path = url.split('?')[0]!;
    for (const [template, item] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(path) && item[method.toLowerCase()])
        return item[method.toLowerCase()] as {
          operationId: string;
          responses: Record<string, { content?: Record<string, { schema: object }> }>;
        };
    }
    throw new Error(`${method} ${path} is not in the document`);
  }

  const validators = new Map<string, ValidateFunction>();
  /** The document's schema for that answer; its references lead to the components, added to ajv once. */
  function validator(key: string, schema: object): ValidateFunction {
    let v = validators.get(key);
    if (!v) validators.set(key, (v = ajv.compile(local(schema))));
    return v;
  }

  /** Checks a real answer against the document: its status is documented, and its body fits that status's schema. */
  async function check(req: request.Test, expectStatus: number): Promise<request.Response> {
    const res = await req;
    const { method, url } = req as unknown as { method: string; url: string };
    const op = operation(method, new URL(url).pathname);
    // superagent keeps an image, or a type it does not know (Atom, RSS), as a Buffer.
    const text: string = res.text ?? (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : '');
    const where = `${method} ${new URL(url).pathname} → ${res.status} ${text.slice(0, 300)}`;
    expect(res.status, where).toBe(expectStatus);
    const documented = op.responses[String(res.status)];
    expect(documented, `${op.operationId} does not document ${res.status}`).toBeDefined();
    if (!documented!.content) {
      expect(text, where).toBe('');
    } else {
      // The documented type the answer came in (one answer may come as JSON or as a page).
      const answered = Object.entries(documented!.content).find(([t]) =>
        String(res.headers['content-type']).startsWith(t),
      );
      expect(answered, `${where}: ${res.headers['content-type']} is not documented`).toBeDefined();
      const [type, { schema }] = answered!;
      const body = type === 'application/json' ? res.body : text;
      const validate = validator(`${op.operationId} ${res.status} ${type}`, schema);
      expect(validate(body) ? [] : validate.errors, where).toEqual([]);
    }
    checked.push({ operation: op.operationId, status: res.status });
    return res;
  }

  it('documents every route the app answers, and nothing it does not', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m} ${path}`),
    );
    const routes = [...expressRoutes(world.app), ...BEFORE_EXPRESS];
    expect(
      notApi.filter((r) => !routes.includes(r)),
      'non-API routes listed here that the app no longer has',
    ).toEqual([]);
    expect(
      notApi.filter((r) => r.split(' ')[1]!.startsWith('/api')),
      'an /api route is API',
    ).toEqual([]);
    const answered = routes.filter((r) => !notApi.includes(r)).map((r) => openApiPath(r));
    expect(
      answered.filter((r) => !documented.includes(r)),
      'routes missing from the document',
    ).toEqual([]);
    expect(
      documented.filter((r) => !answered.includes(r)),
      'documented routes no one answers',
    ).toEqual([]);
  });

  it('names the shared shapes as components and marks operator routes with the session schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const name of [
      'ErrorBody',
      'ServiceDetail',
      'ServiceSummary',
      'Incident',
      'Story',
      'Comment',
      'ReportRequest',
      'ProbeDefinition',
      'ProbeDefinitionInput',
      'Webhook',
      'StatuspageSummary',
      'ShieldsEndpoint',
    ]) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    const moderate = doc.paths['/api/admin/moderation/{type}/{id}']!.post as {
      security: unknown;
      responses: Record<string, unknown>;
    };
    expect(moderate.security).toEqual([{ operatorCookie: [] }, { operatorToken: [] }]);
    expect(Object.keys(moderate.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(doc.components.securitySchemes.operatorCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'or_admin',
    });
  });

  it('answers every documented operation as documented, with seeded data', async () => {
    const url = world.url;
    const anon = () => request(url);
    let people = 0;
    const someone = () => person(people++, 'openapi');

    // Probes and the official page read once, so the page carries their results.
    clock.advance(17_000);
    await world.prober.tick();
    await expect
      .poll(
        async () => ((await anon().get(`/api/services/${svc.slug}`)).body as ServiceDetail).official?.latest?.level,
        { timeout: 5_000 },
      )
      .toBe('operational');

    // A subscriber, confirmed before the incident, gets its alert: the mail's one-click unsubscribe link is used below.
    const email = 'reader@example.com';
    await check(anon().post(`/api/services/${svc.slug}/subscriptions`).set(someone()).send({ email }), 202);
    await expect.poll(() => sink.to(email).length, { timeout: 5_000 }).toBe(1);
    const confirmToken = tokenIn(sink.to(email)[0]!.text, `${url}/subscriptions/confirm`);
    await check(anon().post('/api/subscriptions/confirm').send({ token: confirmToken }), 200);
    // The page's button: a form post, answered with a page.
    await check(
      anon().post('/api/subscriptions/confirm').set('Accept', 'text/html').type('form').send({ token: confirmToken }),
      200,
    );

    // A burst far above the seeded normal opens an incident.
    await Promise.all(
      Array.from({ length: 40 }, () =>
        check(
          anon()
            .post(`/api/services/${svc.slug}/reports`)
            .set(someone())
            .send({ problem: 'errors', comment: 'Errors everywhere' }),
          201,
        ),
      ),
    );
    clock.advance(10_000);
    await world.detection.tick();
    const incidents = (await check(anon().get(`/api/services/${svc.slug}/incidents`), 200)).body
      .incidents as Incident[];
    expect(incidents[0]).toMatchObject({ state: 'open' });
    const incidentId = incidents[0]!.id;
    await expect.poll(() => sink.to(email).length, { timeout: 5_000 }).toBe(2);
    const unsubscribe = new URL(sink.to(email)[1]!.raw['list-unsubscribe']!.slice(1, -1));

    const ops = await signedInOperator(url);
    await check(
      ops
        .post(`/api/admin/incidents/${incidentId}/updates`)
        .send({ status: 'investigating', body: 'We are looking into errors at checkout.' }),
      201,
    );
    const start = new Date(clock.now() + 3_600_000);
    const window = (
      await check(
        ops.post(`/api/admin/services/${svc.slug}/maintenance`).send({
          title: 'Database upgrade',
          description: 'Read-only for a while.',
          start: start.toISOString(),
          end: new Date(+start + 3_600_000).toISOString(),
        }),
        201,
      )
    ).body;
    const comment = (
      await check(
        anon()
          .post(`/api/services/${svc.slug}/comments`)
          .set(someone())
          .send({ text: 'Checkout fails for me too', problem: 'errors', elapsedMs: 5_000 }),
        201,
      )
    ).body;
    const story = (
      await check(
        anon()
          .post(`/api/services/${svc.slug}/stories`)
          .set(someone())
          .send({
            kind: 'business_impact',
            title: 'Our shop stopped selling',
            body: 'For two hours no customer could pay at checkout, and we lost most of an afternoon of orders.',
            displayName: 'Ana',
            incidentId,
            impact: { hoursLost: 2, peopleAffected: 5, whatStopped: 'Checkout' },
            elapsedMs: 60_000,
          }),
        201,
      )
    ).body;

    // Reads of everything seeded.
    await check(anon().get('/api/health'), 200);
    await check(anon().get('/api/services'), 200);
    // An operator's incident update reaches this process's page data on the refresh cycle.
    await world.refresh();
    const seeded = async () => {
      const d = (await anon().get(`/api/services/${svc.slug}`)).body as ServiceDetail;
      return [d.maintenance.length, d.incident?.updates.length, d.comments.length > 0, d.probes[0]?.latest?.ok];
    };
    await expect.poll(seeded, { timeout: 5_000 }).toEqual([1, 1, true, true]);
    await check(anon().get(`/api/services/${svc.slug}`), 200);
    await check(anon().get(`/api/services/${svc.slug}/comments?limit=2`), 200);
    await check(anon().get(`/api/services/${svc.slug}/stories?sort=helpful`), 200);
    await check(anon().get(`/api/stories/${story.id}`), 200);
    await check(anon().get(`/api/services/${svc.slug}/maintenance`), 200);
    await check(anon().get('/api/incidents?limit=5'), 200);
    await check(anon().get(`/api/incidents/${incidentId}`), 200);
    await check(anon().get(`/api/services/${svc.slug}/probes/history?hours=1`), 200);
    await check(anon().get(`/api/services/${svc.slug}/regions?minutes=60`), 200);
    await check(anon().get('/api/openapi.json'), 200);
    await check(anon().get('/api/docs'), 200);
    await check(anon().get('/api/site'), 200);
    await check(anon().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`), 200);

    // Integrations: the open incident and the upcoming window are in the Statuspage documents and the feeds.
    for (const doc of BEFORE_EXPRESS.filter((r) => r.startsWith('get /api/v2/'))) {
      const res = await check(anon().get(doc.slice('get '.length)), 200);
      if (doc.endsWith('/summary.json')) expect(res.body.incidents).toHaveLength(1);
      if (doc.endsWith('/upcoming.json')) expect(res.body.scheduled_maintenances).toHaveLength(1);
    }
    for (const format of ['atom', 'rss', 'json']) {
      await check(anon().get(`/feeds/incidents.${format}`), 200);
      await check(anon().get(`/feeds/services/${svc.slug}.${format}`), 200);
    }
    await check(anon().get(`/badge/${svc.slug}.svg`), 200);
    await check(anon().get(`/badge/${svc.slug}.json`), 200);

    // Unsubscribing from the alert mail: the link's page, then the one-click POST a mail provider sends.
    await check(anon().get(unsubscribe.pathname + unsubscribe.search), 200);
    await check(
      anon()
        .post(unsubscribe.pathname + unsubscribe.search)
        .type('form')
        .send('List-Unsubscribe=One-Click'),
      200,
    );

    // People's actions on what others wrote.
    await check(anon().post(`/api/stories/${story.id}/helpful`).set(someone()), 200);
    await check(anon().post(`/api/comments/${comment.id}/flags`).set(someone()).send({ reason: 'spam' }), 202);
    await check(anon().post(`/api/stories/${story.id}/flags`).set(someone()), 202);

    // Experts: verified by an operator, signed in with the one-time code, posting on the incident.
    const verified = (
      await check(
        ops
          .post('/api/admin/experts')
          .send({ name: 'Dana Ruiz', role: 'technical-expert', affiliation: 'Edge Networks' }),
        201,
      )
    ).body;
    const expert = request.agent(url);
    await check(expert.post('/api/experts/session').set(someone()).send({ code: verified.signIn.code }), 201);
    await check(expert.get('/api/experts/session'), 200);
    const insight = (
      await check(
        expert
          .post(`/api/services/${svc.slug}/insights`)
          .send({ body: 'Only the EU checkout is failing; see https://status.example.com/x.', incidentId }),
        201,
      )
    ).body;
    await check(anon().get(`/api/services/${svc.slug}/insights?sort=helpful`), 200);
    await check(anon().get(`/api/incidents/${incidentId}/insights`), 200);
    await check(anon().post(`/api/insights/${insight.id}/helpful`).set(someone()), 200);
    await check(anon().post(`/api/insights/${insight.id}/flags`).set(someone()).send({ reason: 'spam' }), 202);
    await check(ops.get('/api/admin/insights?status=flagged'), 200);
    await check(ops.post(`/api/admin/insights/${insight.id}`).send({ action: 'restore' }), 200);
    await check(ops.get('/api/admin/experts'), 200);
    await check(ops.post(`/api/admin/experts/${verified.expert.id}/sign-in-codes`), 201);
    await check(expert.delete('/api/experts/session'), 204);
    await check(
      expert.post(`/api/services/${svc.slug}/insights`).send({ body: 'Signed out, this should not be posted.' }),
      401,
    );
    await check(ops.post(`/api/admin/experts/${verified.expert.id}/revoke`), 200);
    await check(ops.post(`/api/admin/experts/${verified.expert.id}/revoke`), 409);

    // Operators.
    await check(ops.get('/api/admin/session'), 200);
    await check(ops.get('/api/admin/moderation?status=flagged'), 200);
    await check(ops.post(`/api/admin/moderation/comment/${comment.id}`).send({ action: 'hide', note: 'spam' }), 200);
    await check(ops.get('/api/admin/audit?limit=10'), 200);
    await check(
      anon()
        .post('/api/suggestions')
        .set(someone())
        .send({ name: 'Acme Bank', homepage: 'https://bank.acme.example', elapsedMs: 4_000 }),
      201,
    );
    await check(ops.get('/api/admin/suggestions'), 200);
    await check(ops.get('/api/admin/maintenance'), 200);
    await check(ops.get(`/api/admin/services/${svc.slug}/checks`), 200);
    await check(
      ops.put(`/api/admin/services/${svc.slug}/probes`).send({
        probes: [{ kind: 'tcp', id: 'port', name: 'Port', host: '127.0.0.1', port: Number(new URL(site.base).port) }],
      }),
      200,
    );
    await check(
      ops.put(`/api/admin/services/${svc.slug}/official`).send({ kind: 'feed', url: `${site.base}/feed.xml` }),
      200,
    );
    await check(ops.delete(`/api/admin/services/${svc.slug}/official`), 204);
    await check(ops.get(`/api/admin/services/${svc.slug}/guidance`), 200);
    await check(
      ops
        .put(`/api/admin/services/${svc.slug}/guidance`)
        .send({ guidance: [{ title: 'Meanwhile', steps: ['Use the app.'] }] }),
      200,
    );
    await check(ops.put(`/api/admin/services/${svc.slug}/guidance`).send({ guidance: [] }), 200);
    await check(ops.delete(`/api/admin/maintenance/${window.id}`), 204);
    await check(ops.get('/api/admin/incidents?state=open'), 200);
    await check(anon().post(`/api/services/${svc.slug}/recoveries`).set(someone()).send({}), 201);
    await check(anon().get(`/api/incidents/${incidentId}/case-study`), 409);
    await check(ops.post(`/api/admin/incidents/${incidentId}/resolve`).send({ body: 'Checkout works again.' }), 200);
    await check(anon().get(`/api/incidents/${incidentId}/case-study`), 200);
    await check(anon().get(`/api/services/${svc.slug}/reliability`), 200);
    await check(ops.post(`/api/admin/incidents/${incidentId}/resolve`).send({}), 409);
    await check(
      ops
        .post(`/api/admin/services/${svc.slug}/incidents`)
        .send({ title: 'Checkout errors', body: 'We are looking into it.' }),
      201,
    );

    // Webhooks, delivered to a local receiver.
    const hook = (
      await check(
        ops.post('/api/admin/webhooks').send({ url: receiver.url, events: ['incident.opened', 'incident.resolved'] }),
        201,
      )
    ).body;
    await check(ops.get('/api/admin/webhooks'), 200);
    await check(
      ops.patch(`/api/admin/webhooks/${hook.id}`).send({ services: [svc.slug], description: 'On-call channel' }),
      200,
    );
    const ping = (await check(ops.post(`/api/admin/webhooks/${hook.id}/test`), 201)).body;
    expect(ping).toMatchObject({ event: 'ping', state: 'delivered' });
    await check(ops.post(`/api/admin/webhooks/${hook.id}/deliveries/${ping.id}/retry`), 200);
    await check(ops.get(`/api/admin/webhooks/${hook.id}/deliveries`), 200);
    await check(ops.post(`/api/admin/webhooks/${hook.id}/rotate-secret`), 200);
    await check(ops.patch(`/api/admin/webhooks/${hook.id}`).send({ enabled: false }), 200);
    await check(ops.post(`/api/admin/webhooks/${hook.id}/deliveries/${ping.id}/retry`), 409);
    await check(ops.delete(`/api/admin/webhooks/${hook.id}`), 204);
    await check(ops.get(`/api/admin/webhooks/${hook.id}/deliveries`), 404);
    expect(receiver.got.filter((r) => r.body?.type === 'ping')).toHaveLength(2);

    // Errors, each in the one error shape.
    await check(anon().get('/api/services/no-such-service'), 404);
    await check(anon().post(`/api/services/${svc.slug}/reports`).set(someone()).send({ problem: 'nope' }), 400);
    await check(anon().post('/api/services/no-such-service/reports').set(someone()).send({ problem: 'errors' }), 404);
    await check(anon().get(`/api/services/${svc.slug}/comments?limit=0`), 400);
    await check(anon().get(`/api/services/${svc.slug}/regions?minutes=0`), 400);
    await check(anon().get('/api/incidents/not-an-id'), 400);
    await check(anon().get(`/api/services/${svc.slug}/series?range=7d`), 200);
    await check(anon().get(`/api/services/${svc.slug}/series?range=1y`), 400);
    await check(anon().get(`/api/incidents/${incidentId}/series`), 200);
    await check(anon().get('/api/incidents/0123456789abcdef01234567'), 404);
    await check(anon().get('/api/admin/moderation'), 401);
    await check(
      ops.post(`/api/admin/services/${svc.slug}/maintenance`).set('Origin', 'https://elsewhere.example').send({}),
      403,
    );
    await check(anon().post('/api/admin/session').set(someone()).send({ username: 'ops', password: 'wrong' }), 401);
    await check(
      ops.post('/api/admin/webhooks').send({ url: 'ftp://example.com/hook', events: ['incident.opened'] }),
      400,
    );
    await check(anon().get('/api/admin/webhooks'), 401);
    await check(
      anon().post('/api/services/no-such-service/subscriptions').set(someone()).send({ email: 'x@example.com' }),
      404,
    );
    await check(
      anon().post(`/api/services/${svc.slug}/subscriptions`).set(someone()).send({ email: 'not an address' }),
      400,
    );
    await check(anon().post('/api/subscriptions/confirm').send({ token: '<script>' }), 400);
    await check(
      anon()
        .post('/api/subscriptions/confirm')
        .send({ token: 'A'.repeat(43) }),
      404,
    );
    await check(anon().get('/api/subscriptions/unsubscribe?token=%3Cb%3E'), 400);
    await check(
      anon()
        .post(`/api/subscriptions/unsubscribe?token=${'a'.repeat(24)}.${'b'.repeat(43)}`)
        .type('form')
        .send('List-Unsubscribe=One-Click'),
      400,
    );
    await check(anon().get('/metrics'), 401);
    await check(anon().get('/feeds/services/no-such-service.atom'), 404);
    await check(anon().get('/badge/no-such-service.svg'), 404);
    await check(anon().get('/badge/no-such-service.json'), 404);

    // Last: signing in again, then out.
    const again = request.agent(url);
    await check(
      again.post('/api/admin/session').send({ username: 'ops', password: 'correct horse battery staple' }),
      201,
    );
    await check(again.delete('/api/admin/session'), 204);

    // Every documented operation was called and got a success it documents.
    const documented = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => (op as { operationId: string }).operationId),
    );
    const succeeded = new Set(checked.filter((c) => c.status < 300).map((c) => c.operation));
    expect(
      documented.filter((id) => !succeeded.has(id)),
      'operations no success was checked for',
    ).toEqual([]);
  });

  it('refuses a body that drifted from its schema: an unknown field, a missing one, a wrong type', async () => {
    const op = operation('GET', `/api/services/${svc.slug}`);
    const validate = validator('drift', op.responses['200']!.content!['application/json']!.schema);
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body as Record<
      string,
      unknown
    >;
    expect(validate(detail)).toBe(true);
    expect(validate({ ...detail, surprise: 1 })).toBe(false);
    const { stats: _gone, ...missing } = detail;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...detail, status: { ...(detail.status as object), level: 'fine' } })).toBe(false);
  });
});
