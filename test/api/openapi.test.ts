import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Incident, ServiceDetail } from '../../shared/index.ts';
import type { OpenApiDocument } from '../../server/openapi/openapi-document.ts';
import { openApiPath } from '../../server/openapi/openapi-document.ts';
import { freshDatabaseUri, manualClockAt, person, signedInOperator, startWorld, testService } from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';
import { expressRoutes } from '../helpers/express-routes.ts';

const MINUTE = 60_000;
const SUMMARY = readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url));

/** Answered before Express, so its router does not list them (services/hot-reads.ts). */
const BEFORE_EXPRESS = ['get /api/services'];

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
const local = (x: unknown) => JSON.parse(JSON.stringify(x).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));

interface Checked {
  operation: string;
  status: number;
}

describe('the OpenAPI document against the running server', () => {
  const clock = manualClockAt(14, 0, 5);
  const mongodbUri = freshDatabaseUri();
  let site: Awaited<ReturnType<typeof localService>>;
  let svc: ReturnType<typeof testService>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let doc: OpenApiDocument;
  let ajv: Ajv2020;
  const checked: Checked[] = [];

  beforeAll(async () => {
    site = await localService();
    svc = testService({
      probes: [{ kind: 'http', id: 'homepage', name: 'Homepage', url: `${site.base}/`, intervalSeconds: 15, timeoutMs: 2_000 }],
      official: { kind: 'statuspage', url: `${site.base}/api/v2/summary.json` },
    });
    await seedHistory(mongodbUri, svc.slug, clock.now() - 3 * 1440 * MINUTE, Math.floor(clock.now() / MINUTE) * MINUTE, trickle);
    // The test validates in the server's own process: its event loop's lag is not the server's to shed.
    world = await startWorld({ mongodbUri, clock, services: [svc], env: { DETECT_TICK_SECONDS: '60', PROBE_ALLOW_PRIVATE: '1', SHED_LAG_MS: '10000' } });
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
  });

  /** The operation a request is documented as; its path must match the documented template. */
  function operation(method: string, url: string) {
    const path = url.split('?')[0]!;
    for (const [template, item] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(path) && item[method.toLowerCase()]) return item[method.toLowerCase()] as { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> };
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
    const where = `${method} ${new URL(url).pathname} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.status, where).toBe(expectStatus);
    const documented = op.responses[String(res.status)];
    expect(documented, `${op.operationId} does not document ${res.status}`).toBeDefined();
    if (!documented!.content) {
      expect(res.text ?? '', where).toBe('');
    } else {
      const [type, { schema }] = Object.entries(documented!.content)[0]!;
      expect(res.headers['content-type'], where).toContain(type);
      const body = type === 'application/json' ? res.body : res.text;
      const validate = validator(`${op.operationId} ${res.status}`, schema);
      expect(validate(body) ? [] : validate.errors, where).toEqual([]);
    }
    checked.push({ operation: op.operationId, status: res.status });
    return res;
  }

  it('documents every route the app answers, and nothing it does not', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    const answered = [...expressRoutes(), ...BEFORE_EXPRESS].map((r) => openApiPath(r));
    expect(answered.filter((r) => !documented.includes(r)), 'routes missing from the document').toEqual([]);
    expect(documented.filter((r) => !answered.includes(r)), 'documented routes no one answers').toEqual([]);
  });

  it('names the shared shapes as components and marks operator routes with the session schemes', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const name of ['ErrorBody', 'ServiceDetail', 'ServiceSummary', 'Incident', 'Story', 'Comment', 'ReportRequest', 'ProbeDefinition', 'ProbeDefinitionInput']) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    const moderate = doc.paths['/api/admin/moderation/{type}/{id}']!.post as { security: unknown; responses: Record<string, unknown> };
    expect(moderate.security).toEqual([{ operatorCookie: [] }, { operatorToken: [] }]);
    expect(Object.keys(moderate.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(doc.components.securitySchemes.operatorCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'or_admin' });
  });

  it('answers every documented operation as documented, with seeded data', async () => {
    const url = world.url;
    const anon = () => request(url);
    let people = 0;
    const someone = () => person(people++, 'openapi');

    // Probes and the official page read once, so the page carries their results.
    clock.advance(17_000);
    await world.prober.tick();
    await expect.poll(async () => ((await anon().get(`/api/services/${svc.slug}`)).body as ServiceDetail).official?.latest?.level, { timeout: 5_000 }).toBe('operational');

    // A burst far above the seeded normal opens an incident.
    await Promise.all(Array.from({ length: 40 }, () => check(anon().post(`/api/services/${svc.slug}/reports`).set(someone()).send({ problem: 'errors', comment: 'Errors everywhere' }), 201)));
    clock.advance(10_000);
    await world.detection.tick();
    const incidents = (await check(anon().get(`/api/services/${svc.slug}/incidents`), 200)).body.incidents as Incident[];
    expect(incidents[0]).toMatchObject({ state: 'open' });
    const incidentId = incidents[0]!.id;

    const ops = await signedInOperator(url);
    await check(ops.post(`/api/admin/incidents/${incidentId}/updates`).send({ status: 'investigating', body: 'We are looking into errors at checkout.' }), 201);
    const start = new Date(clock.now() + 3_600_000);
    const window = (
      await check(
        ops
          .post(`/api/admin/services/${svc.slug}/maintenance`)
          .send({ title: 'Database upgrade', description: 'Read-only for a while.', start: start.toISOString(), end: new Date(+start + 3_600_000).toISOString() }),
        201,
      )
    ).body;
    const comment = (await check(anon().post(`/api/services/${svc.slug}/comments`).set(someone()).send({ text: 'Checkout fails for me too', problem: 'errors', elapsedMs: 5_000 }), 201)).body;
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
    await check(anon().get('/api/openapi.json'), 200);
    await check(anon().get('/api/docs'), 200);

    // People's actions on what others wrote.
    await check(anon().post(`/api/stories/${story.id}/helpful`).set(someone()), 200);
    await check(anon().post(`/api/comments/${comment.id}/flags`).set(someone()).send({ reason: 'spam' }), 202);
    await check(anon().post(`/api/stories/${story.id}/flags`).set(someone()), 202);

    // Operators.
    await check(ops.get('/api/admin/session'), 200);
    await check(ops.get('/api/admin/moderation?status=flagged'), 200);
    await check(ops.post(`/api/admin/moderation/comment/${comment.id}`).send({ action: 'hide', note: 'spam' }), 200);
    await check(ops.get('/api/admin/audit?limit=10'), 200);
    await check(ops.get('/api/admin/maintenance'), 200);
    await check(ops.get(`/api/admin/services/${svc.slug}/checks`), 200);
    await check(
      ops.put(`/api/admin/services/${svc.slug}/probes`).send({ probes: [{ kind: 'tcp', id: 'port', name: 'Port', host: '127.0.0.1', port: Number(new URL(site.base).port) }] }),
      200,
    );
    await check(ops.put(`/api/admin/services/${svc.slug}/official`).send({ kind: 'feed', url: `${site.base}/feed.xml` }), 200);
    await check(ops.delete(`/api/admin/services/${svc.slug}/official`), 204);
    await check(ops.delete(`/api/admin/maintenance/${window.id}`), 204);
    await check(ops.get('/api/admin/incidents?state=open'), 200);
    await check(anon().post(`/api/services/${svc.slug}/recoveries`).set(someone()).send({}), 201);
    await check(ops.post(`/api/admin/incidents/${incidentId}/resolve`).send({ body: 'Checkout works again.' }), 200);
    await check(ops.post(`/api/admin/incidents/${incidentId}/resolve`).send({}), 409);
    await check(ops.post(`/api/admin/services/${svc.slug}/incidents`).send({ title: 'Checkout errors', body: 'We are looking into it.' }), 201);

    // Errors, each in the one error shape.
    await check(anon().get('/api/services/no-such-service'), 404);
    await check(anon().post(`/api/services/${svc.slug}/reports`).set(someone()).send({ problem: 'nope' }), 400);
    await check(anon().post('/api/services/no-such-service/reports').set(someone()).send({ problem: 'errors' }), 404);
    await check(anon().get(`/api/services/${svc.slug}/comments?limit=0`), 400);
    await check(anon().get('/api/incidents/not-an-id'), 400);
    await check(anon().get('/api/incidents/0123456789abcdef01234567'), 404);
    await check(anon().get('/api/admin/moderation'), 401);
    await check(ops.post(`/api/admin/services/${svc.slug}/maintenance`).set('Origin', 'https://elsewhere.example').send({}), 403);
    await check(anon().post('/api/admin/session').set(someone()).send({ username: 'ops', password: 'wrong' }), 401);

    // Last: signing in again, then out.
    const again = request.agent(url);
    await check(again.post('/api/admin/session').send({ username: 'ops', password: 'correct horse battery staple' }), 201);
    await check(again.delete('/api/admin/session'), 204);

    // Every documented operation was called and got a success it documents.
    const documented = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => (op as { operationId: string }).operationId));
    const succeeded = new Set(checked.filter((c) => c.status < 300).map((c) => c.operation));
    expect(documented.filter((id) => !succeeded.has(id)), 'operations no success was checked for').toEqual([]);
  });

  it('refuses a body that drifted from its schema: an unknown field, a missing one, a wrong type', async () => {
    const op = operation('GET', `/api/services/${svc.slug}`);
    const validate = validator('drift', op.responses['200']!.content!['application/json']!.schema);
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body as Record<string, unknown>;
    expect(validate(detail)).toBe(true);
    expect(validate({ ...detail, surprise: 1 })).toBe(false);
    const { stats: _gone, ...missing } = detail;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...detail, status: { ...(detail.status as object), level: 'fine' } })).toBe(false);
  });
});
