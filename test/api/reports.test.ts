import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import mongoose from 'mongoose';
import { gzipSync } from 'node:zlib';
import { rawRequest } from '../helpers/raw-request.ts';
import { as, startWorld, testService, manualClock, worldForSuite } from '../helpers/world.ts';
import type { ServiceDetail } from '../../shared/index.ts';

describe('POST /api/services/:slug/reports', () => {
  const clock = manualClock();
  const svc = testService();
  const other = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;

  beforeAll(async () => {
    world = await startWorld({ clock, services: [svc, other], env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => world?.close());

  const report = (slug: string, body: unknown, client = 'client-a', ip = '198.51.100.1') =>
    request(world.url)
      .post(`/api/services/${slug}/reports`)
      .set('User-Agent', client)
      .set('X-Forwarded-For', ip)
      .send(body as object);

  const detail = async (slug: string) =>
    (await request(world.url).get(`/api/services/${slug}`).expect(200)).body as ServiceDetail;

  it('stores a report, answers 201 with its id, and counts it in the current minute by problem kind', async () => {
    const res = await report(svc.slug, { problem: 'login', comment: 'Login fails with error 500 in Germany' }).expect(
      201,
    );
    // The id is the report's place among its address's few in the window (no raw address in it).
    expect(res.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${svc.slug}:[\\w-]{22}:\\d+:0$`)),
      counted: true,
    });

    const d = await detail(svc.slug);
    const minute = Math.floor(clock.now() / 60_000) * 60_000;
    expect(d.series.minutes).toEqual([{ t: minute, total: 1, byProblem: { login: 1 } }]);
    expect(d.stats).toEqual({ lastHour: 1, last24h: 1 });
    expect(d.breakdown.items).toEqual([{ problem: 'login', label: 'Login', count: 1, share: 1 }]);
    expect(d.comments.map((c) => c.text)).toEqual(['Login fails with error 500 in Germany']);
  });

  it('counts a second report from the same client once within 10 minutes, and again after', async () => {
    await report(svc.slug, { problem: 'errors' }, 'client-b').expect(201);
    clock.advance(9 * 60_000);
    const repeat = await report(svc.slug, { problem: 'errors' }, 'client-b').expect(200);
    expect(repeat.body).toEqual({ counted: false });
    clock.advance(61_000);
    await report(svc.slug, { problem: 'errors' }, 'client-b').expect(201);
  });

  it('counts a person once in each 10-minute window of the clock (13:00–13:10, 13:10–13:20…)', async () => {
    clock.set(clock.at(13, 1, 0));
    await report(svc.slug, { problem: 'login' }, 'slots').expect(201);
    clock.set(clock.at(13, 9, 59));
    expect((await report(svc.slug, { problem: 'login' }, 'slots').expect(200)).body).toEqual({ counted: false });
    clock.set(clock.at(13, 10, 1)); // a new window: counted again, two minutes after the last
    await report(svc.slug, { problem: 'login' }, 'slots').expect(201);
    clock.set(clock.at(13, 19, 0));
    expect((await report(svc.slug, { problem: 'login' }, 'slots').expect(200)).body).toEqual({ counted: false });
  });

  it('drops the claims of windows that can no longer make a repeat', async () => {
    const names = async () =>
      (await world.models.Report.db.db!.listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .filter((n) => n.startsWith('report_claims_'));
    expect((await names()).length).toBeGreaterThanOrEqual(2);
    clock.set(clock.at(13, 35, 0));
    await report(svc.slug, { problem: 'login' }, 'slots-later').expect(201);
    await world.sweep();
    const left = (await names()).map((n) => Number(n.slice('report_claims_'.length)) * 600_000);
    expect(Math.min(...left)).toBeGreaterThanOrEqual(clock.at(13, 20, 0));
  });

  it('tells clients apart by address and by User-Agent, and services apart', async () => {
    await report(svc.slug, { problem: 'api' }, 'client-c', '203.0.113.1').expect(201);
    await report(svc.slug, { problem: 'api' }, 'client-c', '203.0.113.2').expect(201);
    await report(svc.slug, { problem: 'api' }, 'client-d', '203.0.113.1').expect(201);
    await report(other.slug, { problem: 'api' }, 'client-c', '203.0.113.1').expect(201);
  });

  it('writes many simultaneous reports in batches without losing or double-counting one', async () => {
    const before = await world.models.Report.countDocuments({ service: other.slug });
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        report(other.slug, { problem: i % 2 ? 'login' : 'errors' }, `burst-${i}`, `10.1.${i}.1`),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(150).fill(201));
    const repeats = await Promise.all(
      Array.from({ length: 20 }, (_, i) => report(other.slug, { problem: 'login' }, `burst-${i}`, `10.1.${i}.1`)),
    );
    expect(repeats.map((r) => r.body.counted)).toEqual(Array(20).fill(false));
    // Counts reach readers within a second (the snapshot is rebuilt at most once a second).
    await expect.poll(async () => (await detail(other.slug)).stats.last24h).toBe(before + 150);
    const stored = await world.models.Report.countDocuments({ service: other.slug });
    expect(stored).toBe(before + 150);
  });

  it(
    'counts at most 3 reports per service and window from one address, however many User-Agents it rotates ' +
      'through',
    async () => {
      const from = (ua: string, slug = svc.slug, ip = '198.51.100.60') => report(slug, { problem: 'errors' }, ua, ip);
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await from(`rotating-${i}`));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, ...Array(9).fill(200)]);
      expect(answers.slice(3).map((r) => r.body)).toEqual(Array(9).fill({ counted: false }));
      // Per service: the same address still counts on another one.
      await from('rotating-0', other.slug).expect(201);
      // IPv6: one /64 is one address.
      const v6 = [];
      for (let i = 0; i < 4; i++) v6.push((await from(`v6-${i}`, svc.slug, `2001:db8:5:6::${i + 1}`)).status);
      expect(v6).toEqual([201, 201, 201, 200]);
      await from('v6-next-64', svc.slug, '2001:db8:5:7::1').expect(201);
      clock.advance(10 * 60_000);
      await from('rotating-new-window').expect(201);
    },
  );

  it('answers a flood of reports from one address with 429 and Retry-After, whatever the User-Agent', async () => {
    const answers = [];
    for (let i = 0; i < 25; i++)
      answers.push((await report(other.slug, { problem: 'login' }, `flooder-${i}`, '198.51.100.98')).status);
    expect(answers.slice(0, 3)).toEqual([201, 201, 201]);
    expect(answers.slice(3, 20).every((s) => s === 200)).toBe(true);
    expect(answers.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('answers a flood of reports from one client with 429 and Retry-After, counting the first once', async () => {
    const answers = [];
    for (let i = 0; i < 25; i++)
      answers.push((await report(other.slug, { problem: 'login' }, 'flooder', '198.51.100.99')).status);
    expect(answers[0]).toBe(201);
    expect(answers.slice(1, 20).every((s) => s === 200)).toBe(true);
    expect(answers.at(-1)).toBe(429);
    const res = await report(other.slug, { problem: 'login' }, 'flooder', '198.51.100.99').expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never stores the raw address, only a salted hash', async () => {
    await report(
      svc.slug,
      { problem: 'login', comment: 'from a distinctive address' },
      'client-ip',
      '192.0.2.77',
    ).expect(201);
    const conn = await mongoose.createConnection(world.mongodbUri).asPromise();
    try {
      const claims = (await conn.db!.listCollections({}, { nameOnly: true }).toArray())
        .map((c) => c.name)
        .filter((n) => n.startsWith('report_claims_'));
      for (const name of ['reports', 'comments', 'series_hours', ...claims]) {
        const docs = await conn.collection(name).find().toArray();
        expect(JSON.stringify(docs)).not.toContain('192.0.2.77');
      }
    } finally {
      await conn.close();
    }
  });

  it.each([
    ['no body', undefined, '(body)'],
    ['a missing problem', { comment: 'hi' }, 'problem'],
    ['a problem the service does not have', { problem: 'voice' }, 'problem'],
    ['a problem that is not a string', { problem: 7 }, 'problem'],
    ['a query operator instead of a problem', { problem: { $gt: '' } }, 'problem'],
    ['a comment over 280 characters', { problem: 'login', comment: 'x'.repeat(281) }, 'comment'],
    ['an unknown field', { problem: 'login', service: 'other' }, '(body)'],
  ])('refuses %s with 400 and the field errors', async (_what, body, field) => {
    const res = await report(svc.slug, body, `bad-${field}`).expect(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(/not valid/);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set('Content-Type', 'application/json')
      .send('{"problem": "login"')
      .expect(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('answers 404 for a service it does not know', async () => {
    const res = await report('no-such-service', { problem: 'login' }).expect(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'The service "no-such-service" was not found.' });
  });
});

describe('GET /api/services', () => {
  it('lists the seeded services with slug, name and an operational status', async () => {
    const { seedServices } = await import('../../server/catalog/seed-services.ts');
    const world = await startWorld({ services: seedServices });
    try {
      const res = await request(world.url).get('/api/services').expect(200);
      const slugs = res.body.map((s: { slug: string }) => s.slug);
      expect(slugs).toEqual(
        expect.arrayContaining([
          'chatgpt',
          'openai-api',
          'claude',
          'gemini',
          'github',
          'slack',
          'discord',
          'zoom',
          'google',
          'youtube',
          'netflix',
          'aws',
          'cloudflare',
          'microsoft-365',
          'whatsapp',
          'instagram',
        ]),
      );
      const chatgpt = res.body.find((s: { slug: string }) => s.slug === 'chatgpt');
      expect(chatgpt).toMatchObject({ name: 'ChatGPT', reportsLastHour: 0 });
      expect(chatgpt.status).toEqual({
        level: 'operational',
        confidence: expect.any(Number),
        reasons: expect.any(Array),
        since: expect.any(String),
      });
      expect(chatgpt.sparkline).toHaveLength(96);
      await request(world.url).get('/api/services/not-a-service').expect(404);
    } finally {
      await world.close();
    }
  });
});

describe('reports on the fast path and off it', () => {
  const svc = testService();
  const world = worldForSuite({ services: [svc], env: { SHED_LAG_MS: '50' } });

  it('takes a compressed or chunked report through Express, with the same answers', async () => {
    const zipped = await rawRequest(world.url, {
      method: 'POST',
      path: `/api/services/${svc.slug}/reports`,
      headers: { ...as('gzip-reporter'), 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ problem: 'login' })),
    });
    expect(zipped.status).toBe(201);
    expect(zipped.json).toMatchObject({ counted: true });
    const res = await fetch(`${world.url}/api/services/${svc.slug}/reports`, {
      method: 'POST',
      headers: { ...as('chunked-reporter'), 'content-type': 'application/json' },
      body: new ReadableStream({
        start: (c) => (c.enqueue(new TextEncoder().encode('{"problem":"errors"}')), c.close()),
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
  });

  it('answers a body that is not a JSON object with 400 invalid_json, as Express does', async () => {
    for (const body of ['{"problem":', '"login"', 'null', '42']) {
      const res = await request(world.url)
        .post(`/api/services/${svc.slug}/reports`)
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('invalid_json');
    }
  });

  it(
    'refuses reports at once with 503 and Retry-After while the event loop runs late, ' + 'and still answers reads',
    async () => {
      const until = performance.now() + 400;
      while (performance.now() < until); // the process is swamped for a moment
      const [report, read] = await Promise.all([
        request(world.url).post(`/api/services/${svc.slug}/reports`).set(as('while-swamped')).send({ problem: 'api' }),
        request(world.url).get(`/api/services/${svc.slug}`),
      ]);
      expect(report.status).toBe(503);
      expect(report.body.error.code).toBe('overloaded');
      expect(report.headers['retry-after']).toBe('5');
      expect(read.status).toBe(200);
      // Once the loop is on time again, the same report is taken.
      await expect
        .poll(
          async () =>
            (
              await request(world.url)
                .post(`/api/services/${svc.slug}/reports`)
                .set(as('while-swamped'))
                .send({ problem: 'api' })
            ).status,
        )
        .toBe(201);
    },
  );
});
