import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import {
  as,
  freshDatabaseUri,
  manualClockAt,
  person,
  startWorld,
  testService,
  worldForSuite,
} from '../helpers/world.ts';
import { seedHistory, trickle } from '../helpers/history.ts';
import { liveClient } from '../helpers/live-client.ts';
import { parseExposition, sampleValue, type Sample } from '../helpers/prometheus-text.ts';

const MINUTE = 60_000;
const TOKEN = 'metrics-token-for-tests';
const P = 'outage_radar_';

/** A local target: the statuspage fixture at /api/v2/summary.json, "200 ok" anywhere else. */
async function localSite(): Promise<{ url: string; close(): Promise<void> }> {
  const summary = readFileSync(
    new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url),
    'utf8',
  );
  const server = http.createServer((req, res) =>
    req.url === '/api/v2/summary.json'
      ? res.writeHead(200, { 'content-type': 'application/json' }).end(summary)
      : res.writeHead(200).end('ok'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('GET /metrics', () => {
  const clock = manualClockAt(14, 0, 5);
  const svc = testService();
  const mongodbUri = freshDatabaseUri();
  let site: Awaited<ReturnType<typeof localSite>>;
  let probed: ReturnType<typeof testService>;
  let broken: ReturnType<typeof testService>;
  let world: Awaited<ReturnType<typeof startWorld>>;

  beforeAll(async () => {
    site = await localSite();
    const closed = await closedPort();
    probed = testService({
      probes: [
        { kind: 'http', id: 'home', name: 'Homepage', url: `${site.url}/`, intervalSeconds: 15, timeoutMs: 2_000 },
        {
          kind: 'tcp',
          id: 'api',
          name: 'API port',
          host: '127.0.0.1',
          port: closed,
          intervalSeconds: 15,
          timeoutMs: 2_000,
        },
      ],
      official: { kind: 'statuspage', url: `${site.url}/api/v2/summary.json` },
    });
    broken = testService({ official: { kind: 'statuspage', url: `http://127.0.0.1:${closed}/api/v2/summary.json` } });
    // Three days of ordinary traffic, so a burst stands out and opens an incident.
    await seedHistory(
      mongodbUri,
      svc.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    world = await startWorld({
      mongodbUri,
      clock,
      services: [svc, probed, broken],
      env: { METRICS_TOKEN: TOKEN, DETECT_TICK_SECONDS: '60', PROBE_ALLOW_PRIVATE: '1' },
    });
    await world.detectionReady;
  });
  afterAll(async () => {
    await world?.close();
    await site?.close();
  });

  const scrape = async (): Promise<{ text: string; samples: Sample[] }> => {
    const res = await request(world.url).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: res.text, samples: parseExposition(res.text) };
  };
  const report = (headers: Record<string, string>, body: object, slug = svc.slug) =>
    request(world.url).post(`/api/services/${slug}/reports`).set(headers).send(body);

  it('refuses a scrape without the token, or with another one, in the error shape', async () => {
    for (const auth of [
      undefined,
      'Bearer not-the-metrics-token',
      `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
    ]) {
      const req = request(world.url).get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req).expect(401);
      expect(res.body).toEqual({
        error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') },
      });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    }
  });

  it('counts reports received, counted, repeated and refused by service and reason, and their batches', async () => {
    clock.advance(20_000);
    // 40 people on 40 networks: counted, and an incident's worth.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => report(person(i, 'wave'), { problem: 'errors' }).expect(201)),
    );
    await report(person(0, 'wave'), { problem: 'errors' }).expect(200);
    await report(person(0, 'wave'), { problem: 'login' }).expect(200);
    // One address past the flood guard's 20: one counted, 19 repeats, then a 429.
    for (let i = 0; i < 20; i++) await report(as('flooder'), { problem: 'login' }).expect(i === 0 ? 201 : 200);
    await report(as('flooder'), { problem: 'login' }).expect(429);
    await report(as('typo'), { problem: 'no-such-problem' }).expect(400);
    await report(as('typo'), {}).set('Content-Type', 'application/json').send('{"problem":').expect(400);

    const { samples } = await scrape();
    const v = (name: string, labels: Record<string, string> = {}) => sampleValue(samples, `${P}${name}`, labels);
    expect(v('reports_counted_total', { service: svc.slug })).toBe(41);
    expect(v('reports_repeated_total', { service: svc.slug })).toBe(21);
    expect(v('reports_refused_total', { service: svc.slug, reason: 'rate_limited' })).toBe(1);
    expect(v('reports_refused_total', { service: svc.slug, reason: 'invalid' })).toBe(2);
    expect(v('reports_refused_total', { service: svc.slug, reason: 'shed' })).toBe(0);
    expect(v('reports_received_total', { service: svc.slug })).toBe(65);
    // Services without reports are there from the start, at zero.
    expect(v('reports_received_total', { service: probed.slug })).toBe(0);
    // Every stored report (counted or repeat) went through a batch the database acknowledged.
    expect(v('report_ingest_seconds_count')).toBe(62);
    expect(v('report_batch_size_sum')).toBe(62);
    expect(v('report_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(v('report_batch_size_count')).toBeLessThanOrEqual(62);
    expect(v('report_ingest_seconds_bucket', { le: '+Inf' })).toBe(62);
    expect(v('report_queue_depth')).toBe(0);
    expect(v('database_errors_total', { operation: 'report_batch' })).toBe(0);
    expect(v('open_incidents', { service: svc.slug })).toBe(0);
    // prom-client's process metrics, on this server's own registry.
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('shows an open incident once detection opens one', async () => {
    clock.advance(10_000);
    await world.detection.tick();
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.incident).toMatchObject({ state: 'open' });
    const { samples } = await scrape();
    expect(sampleValue(samples, `${P}open_incidents`, { service: svc.slug })).toBe(1);
    expect(sampleValue(samples, `${P}open_incidents`, { service: probed.slug })).toBe(0);
  });

  it('counts probe runs and failures by service and kind, and official page reads and failures', async () => {
    clock.advance(17_000); // past every first run (spread within 15 s)
    await world.prober.tick();
    const { samples } = await scrape();
    const v = (name: string, labels: Record<string, string>) => sampleValue(samples, `${P}${name}`, labels);
    expect(v('probe_runs_total', { service: probed.slug, kind: 'http' })).toBe(1);
    expect(v('probe_failures_total', { service: probed.slug, kind: 'http' })).toBeUndefined();
    expect(v('probe_runs_total', { service: probed.slug, kind: 'tcp' })).toBe(1);
    expect(v('probe_failures_total', { service: probed.slug, kind: 'tcp' })).toBe(1);
    expect(v('official_reads_total', { service: probed.slug })).toBe(1);
    expect(v('official_failures_total', { service: probed.slug })).toBeUndefined();
    expect(v('official_reads_total', { service: broken.slug })).toBe(1);
    expect(v('official_failures_total', { service: broken.slug })).toBe(1);
  });

  it('counts connected sockets when scraped', async () => {
    const socket = liveClient(world.url);
    try {
      await new Promise<void>((resolve) => socket.on('connect', resolve));
      expect(sampleValue((await scrape()).samples, `${P}sockets_connected`)).toBe(1);
    } finally {
      socket.disconnect();
    }
    await expect.poll(async () => sampleValue((await scrape()).samples, `${P}sockets_connected`)).toBe(0);
  });

  it('adds no label for services or URLs outside the catalog, however many are asked for', async () => {
    for (let i = 0; i < 5; i++) {
      await report(as(`stranger-${i}`), { problem: 'login' }, `no-such-service-${i}`).expect(404);
      await request(world.url).get(`/api/services/no-such-service-${i}/incidents`).expect(404);
      await request(world.url).get(`/api/no-such-endpoint-${i}`).expect(404);
    }
    const { text, samples } = await scrape();
    expect(text).not.toMatch(/no-such-/);
    expect(sampleValue(samples, `${P}reports_refused_total`, { service: '_unknown', reason: 'unknown_service' })).toBe(
      5,
    );
    expect(
      sampleValue(samples, `${P}http_requests_total`, { route: '/api/services/:slug/incidents', status: '404' }),
    ).toBe(5);
    expect(sampleValue(samples, `${P}http_requests_total`, { route: 'no_route', status: '404' })).toBe(5);
    const services = new Set(samples.flatMap((s) => (s.labels.service ? [s.labels.service] : [])));
    expect([...services].sort()).toEqual([svc.slug, probed.slug, broken.slug, '_unknown'].sort());
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  const world = worldForSuite({ services: [testService()] });

  it(
    'is open, for a proxy or firewall to guard, and registers its metrics afresh after another server in ' +
      'this process did',
    async () => {
      const res = await request(world.url).get('/metrics').expect(200);
      expect(sampleValue(parseExposition(res.text), `${P}report_queue_depth`)).toBe(0);
    },
  );
});
