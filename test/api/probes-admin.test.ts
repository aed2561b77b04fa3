import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  as,
  freshDatabaseUri,
  manualClock,
  OPERATOR,
  startWorld,
  testService,
  signedInOperator,
  worldForSuite,
} from '../helpers/world.ts';

// `.invalid` never resolves (RFC 2606): nothing here can reach a real host.
const PUBLIC_URL = 'https://status.example.invalid/';

describe('operators edit probes and official pages', () => {
  const clock = manualClock();
  const svc = testService();
  const world = worldForSuite({ clock, services: [svc] });

  const signIn = () => signedInOperator(world.url);
  const probe = (over: Record<string, unknown> = {}) => ({
    kind: 'http',
    id: 'homepage',
    name: 'Homepage',
    url: PUBLIC_URL,
    ...over,
  });

  it('refuses every probe and official-page change without an operator session', async () => {
    const anon = request(world.url);
    for (const res of [
      await anon.get(`/api/admin/services/${svc.slug}/checks`),
      await anon.put(`/api/admin/services/${svc.slug}/probes`).send({ probes: [probe()] }),
      await anon.put(`/api/admin/services/${svc.slug}/official`).send({ kind: 'statuspage', url: PUBLIC_URL }),
      await anon.delete(`/api/admin/services/${svc.slug}/official`),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    expect((await world.models.Service.findOne({ slug: svc.slug }).lean())!.probes ?? []).toEqual([]);
  });

  it(
    'refuses loopback, private and metadata targets unless PROBE_ALLOW_PRIVATE=1, ' + 'saying how to allow them',
    async () => {
      const agent = await signIn();
      const res = await agent
        .put(`/api/admin/services/${svc.slug}/probes`)
        .send({
          probes: [
            probe({ id: 'local', url: 'http://127.0.0.1:8080/health' }),
            probe({ id: 'named', url: 'http://localhost/' }),
            { kind: 'tcp', id: 'meta', name: 'Metadata', host: '169.254.169.254', port: 80 },
            { kind: 'dns', id: 'resolver', name: 'Resolver', hostname: 'example.invalid', resolver: '10.0.0.53' },
            probe({ id: 'fine' }),
          ],
        })
        .expect(400);
      expect(res.body.error.code).toBe('private_target');
      expect(res.body.error.message).toMatch(/PROBE_ALLOW_PRIVATE=1/);
      expect(Object.keys(res.body.error.fields).sort()).toEqual([
        'probes.0.url',
        'probes.1.url',
        'probes.2.host',
        'probes.3.resolver',
      ]);
      expect(res.body.error.fields['probes.0.url'][0]).toMatch(
        /Refused to probe 127\.0\.0\.1: it is a loopback address/,
      );
      expect(res.body.error.fields['probes.2.host'][0]).toMatch(/cloud metadata/);

      const official = await agent
        .put(`/api/admin/services/${svc.slug}/official`)
        .send({ kind: 'statuspage', url: 'http://192.168.1.10/api/v2/summary.json' })
        .expect(400);
      expect(official.body.error.fields.url[0]).toMatch(/private \(RFC 1918\)/);
      expect((await agent.get(`/api/admin/services/${svc.slug}/checks`).expect(200)).body).toEqual({
        slug: svc.slug,
        probes: [],
        official: null,
      });
    },
  );

  it('answers 400 with field errors for probe bodies that do not validate', async () => {
    const agent = await signIn();
    const bad = async (body: unknown) =>
      (
        await agent
          .put(`/api/admin/services/${svc.slug}/probes`)
          .send(body as object)
          .expect(400)
      ).body.error;

    const fields = (
      await bad({ probes: [probe({ intervalSeconds: 5, url: 'ftp://x' }), { kind: 'smtp', id: 'x', name: 'x' }] })
    ).fields;
    expect(fields['probes.0.intervalSeconds']).toEqual(['probes run at most every 15 seconds']);
    expect(fields['probes.0.url']).toEqual(['url must be a full http:// or https:// address']);
    expect(fields['probes.1.kind']).toBeDefined();

    expect((await bad({ probes: [probe(), probe({ name: 'Again' })] })).fields['probes.1.id']).toEqual([
      'probe id "homepage" is used twice; ids must be unique within a service',
    ]);
    expect((await bad({ probes: [], extra: true })).fields['(body)']).toBeDefined();
    expect((await bad({ probes: [probe({ id: 'Not An Id' })] })).fields['probes.0.id']).toBeDefined();
    expect((await bad({})).fields.probes).toBeDefined();
    const official = await agent
      .put(`/api/admin/services/${svc.slug}/official`)
      .send({ kind: 'html', url: 'nope' })
      .expect(400);
    expect(Object.keys(official.body.error.fields).sort()).toEqual(['kind', 'url']);
    await agent.put('/api/admin/services/no-such-service/probes').send({ probes: [] }).expect(404);
  });

  it('saves probes with their defaults filled, records who did it, and shows them on the service page', async () => {
    const agent = await signIn();
    const res = await agent
      .put(`/api/admin/services/${svc.slug}/probes`)
      .send({
        probes: [
          probe(),
          { kind: 'tcp', id: 'smtp', name: 'Mail', host: 'mail.example.invalid', port: 25, intervalSeconds: 300 },
        ],
      })
      .expect(200);
    expect(res.body.probes[0]).toMatchObject({
      id: 'homepage',
      intervalSeconds: 60,
      timeoutMs: 10_000,
      method: 'GET',
      expectStatus: { min: 200, max: 399 },
    });
    expect(res.body.probes[1]).toMatchObject({ id: 'smtp', kind: 'tcp', port: 25, intervalSeconds: 300 });

    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.probes).toEqual([
      { id: 'homepage', name: 'Homepage', kind: 'http', target: PUBLIC_URL, intervalSeconds: 60, latest: null },
      { id: 'smtp', name: 'Mail', kind: 'tcp', target: 'mail.example.invalid:25', intervalSeconds: 300, latest: null },
    ]);
    // Definitions (their headers may hold credentials) stay with operators.
    expect(detail.service.probes).toBeUndefined();
    expect(detail.vantage).toEqual({ down: false });

    const audit = (await agent.get('/api/admin/audit').expect(200)).body.entries;
    expect(audit[0]).toMatchObject({
      actor: OPERATOR.username,
      action: 'set_probes',
      target: { type: 'service', id: svc.slug },
      note: 'homepage (http), smtp (tcp)',
    });

    await agent.put(`/api/admin/services/${svc.slug}/probes`).send({ probes: [] }).expect(200);
    expect((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.probes).toEqual([]);
  });

  it('shows the public a probe target without the user, password and query operators put in it', async () => {
    const agent = await signIn();
    const secret = 'https://monitor:hunter2@health.example.invalid/check?token=s3cret#frag';
    await agent
      .put(`/api/admin/services/${svc.slug}/probes`)
      .send({ probes: [probe({ url: secret })] })
      .expect(200);
    await agent
      .put(`/api/admin/services/${svc.slug}/official`)
      .send({ kind: 'statuspage', url: 'https://u:p@status.example.invalid/api/v2/summary.json?key=k' })
      .expect(200);
    const res = await request(world.url).get(`/api/services/${svc.slug}`).expect(200);
    expect(res.body.probes[0].target).toBe('https://health.example.invalid/check');
    expect(res.body.official.url).toBe('https://status.example.invalid/api/v2/summary.json');
    expect(res.text).not.toMatch(/hunter2|s3cret|token=|key=k|u:p@/);
    // Operators still see and edit the whole definition.
    expect((await agent.get(`/api/admin/services/${svc.slug}/checks`).expect(200)).body.probes[0].url).toBe(secret);
    await agent.put(`/api/admin/services/${svc.slug}/probes`).send({ probes: [] }).expect(200);
    await agent.delete(`/api/admin/services/${svc.slug}/official`).expect(204);
  });

  it('sets and removes the official status page', async () => {
    const agent = await signIn();
    const url = 'https://status.example.invalid/api/v2/summary.json';
    const set = await agent
      .put(`/api/admin/services/${svc.slug}/official`)
      .send({ kind: 'statuspage', url })
      .expect(200);
    expect(set.body.official).toEqual({ kind: 'statuspage', url });
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.official).toEqual({ url, kind: 'statuspage', latest: null, fetchedAt: null });

    await agent.delete(`/api/admin/services/${svc.slug}/official`).expect(204);
    expect((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.official).toBeNull();
    const actions = (await agent.get('/api/admin/audit').expect(200)).body.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(actions.slice(0, 2)).toEqual(['remove_official', 'set_official']);
  });

  it('answers an empty probe history for a service without probes, and 400 for a bad range', async () => {
    const res = await request(world.url).get(`/api/services/${svc.slug}/probes/history?hours=6`).expect(200);
    expect(res.body).toMatchObject({ stepMs: 60_000, probes: [] });
    expect(res.body.to - res.body.from).toBe(6 * 3_600_000);
    const bad = await request(world.url).get(`/api/services/${svc.slug}/probes/history?hours=999`).expect(400);
    expect(bad.body.error.fields.hours).toBeDefined();
  });
});

describe("reporters' browser checks", () => {
  const clock = manualClock();
  const svc = testService();
  const world = worldForSuite({ clock, services: [svc] });

  const report = (who: string, body: object) =>
    request(world.url).post(`/api/services/${svc.slug}/reports`).set(as(who)).send(body);

  it(
    'accepts a report with a browser check, stores it, and counts the share of reporters who could not reach ' +
      'the homepage',
    async () => {
      expect((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.reachability).toBeNull();
      const first = await report('b1', {
        problem: 'login',
        browserCheck: { reachable: false, ms: 10_000.4, at: new Date(clock.now()).toISOString() },
      }).expect(201);
      await report('b2', { problem: 'login', browserCheck: { reachable: false, ms: 8_000 } }).expect(201);
      await report('b3', { problem: 'errors', browserCheck: { reachable: true, ms: 420 } }).expect(201);
      await report('b4', { problem: 'errors' }).expect(201);
      // A repeat from the same person is not counted again, browser check included.
      expect(
        (await report('b1', { problem: 'login', browserCheck: { reachable: false, ms: 9_000 } }).expect(200)).body,
      ).toEqual({ counted: false });

      // Report counts reach readers within a second.
      await expect
        .poll(async () => (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.reachability)
        .toEqual({ checked: 3, unreachable: 2, share: 2 / 3, windowMinutes: 60 });
      const stored = await world.models.Report.findById(first.body.id).lean();
      expect(stored!.browserCheck).toMatchObject({ reachable: false, ms: 10_000 });

      // Another process reads the same counts from the hour documents.
      const other = await startWorld({ mongodbUri: world.mongodbUri, clock, services: [svc] });
      try {
        expect((await request(other.url).get(`/api/services/${svc.slug}`).expect(200)).body.reachability).toMatchObject(
          {
            checked: 3,
            unreachable: 2,
          },
        );
      } finally {
        await other.close();
      }

      clock.advance(61 * 60_000);
      expect((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.reachability).toBeNull();
    },
  );

  it('refuses a browser check that is not what it should be, with the field named', async () => {
    const fieldsOf = async (browserCheck: unknown) =>
      (await report('bad', { problem: 'login', browserCheck }).expect(400)).body.error.fields;
    expect(await fieldsOf({ reachable: true, ms: 60_001 })).toEqual({ 'browserCheck.ms': ['ms runs 0–60,000'] });
    expect(await fieldsOf({ reachable: true, ms: -1 })).toEqual({ 'browserCheck.ms': ['ms runs 0–60,000'] });
    expect(Object.keys(await fieldsOf({ reachable: 'yes', ms: 10 }))).toEqual(['browserCheck.reachable']);
    expect(Object.keys(await fieldsOf({ reachable: true, ms: 10, status: 200 }))).toEqual(['browserCheck']);
    expect(Object.keys(await fieldsOf({ reachable: true, ms: 10, at: 'yesterday' }))).toEqual(['browserCheck.at']);
  });
});

describe('the catalog file at start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  const svc = testService();
  const added = `file-${svc.slug}`;
  const catalog = path.join(dir, 'catalog.yaml');
  writeFileSync(
    catalog,
    `services:
  - slug: ${svc.slug}
    category: From the file
  - slug: ${added}
    name: From a file
    homepage: https://file.example.invalid
    problems: [{ id: login, label: Login }]
    probes:
      - { kind: http, id: homepage, name: Homepage, url: "${PUBLIC_URL}" }
`,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'adds and overrides services from the file; fields the file names win again at the next start, others ' +
      'keep edits',
    async () => {
      const mongodbUri = freshDatabaseUri();
      const env = { CATALOG_FILE: catalog };
      const first = await startWorld({ mongodbUri, services: [svc], env });
      try {
        const list = (await request(first.url).get('/api/services').expect(200)).body as {
          slug: string;
          category: string;
        }[];
        expect(list.find((s) => s.slug === svc.slug)!.category).toBe('From the file');
        expect((await request(first.url).get(`/api/services/${added}`).expect(200)).body.probes[0]).toMatchObject({
          id: 'homepage',
          target: PUBLIC_URL,
        });
        const agent = request.agent(first.url);
        await agent.post('/api/admin/session').send(OPERATOR).expect(201);
        await agent.put(`/api/admin/services/${added}/probes`).send({ probes: [] }).expect(200);
        await agent.put(`/api/admin/services/${svc.slug}/official`).send({ kind: 'feed', url: PUBLIC_URL }).expect(200);
      } finally {
        await first.close();
      }
      const second = await startWorld({ mongodbUri, services: [svc], env });
      try {
        expect((await request(second.url).get(`/api/services/${added}`).expect(200)).body.probes).toHaveLength(1);
        expect((await request(second.url).get(`/api/services/${svc.slug}`).expect(200)).body.official).toMatchObject({
          kind: 'feed',
          url: PUBLIC_URL,
        });
      } finally {
        await second.close();
      }
    },
  );

  it('refuses to start with a file that does not validate, naming the file and the fields', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ services: [{ slug: svc.slug, probes: [{ kind: 'http', id: 'x', name: 'X', url: 'nope' }] }] }),
    );
    await expect(startWorld({ services: [svc], env: { CATALOG_FILE: bad } })).rejects.toThrow(
      new RegExp(
        `${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[\\s\\S]*` +
          'services\\.0\\.probes\\.0\\.url: url must be a full http',
      ),
    );
  });
});
