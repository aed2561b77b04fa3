import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import type { Incident, ServiceDetail, ServiceUpdate } from '../../shared/index.ts';
import { freshDatabaseUri, manualClock, manualClockAt, person, startWorld, testService } from '../helpers/world.ts';
import { subscribedClient } from '../helpers/live-client.ts';
import { seedHistory, trickle } from '../helpers/history.ts';

const MINUTE = 60_000;
/** Past any probe's next run: 15 s intervals land within ±10%. */
const STEP = 17_000;
const ALLOW = { PROBE_ALLOW_PRIVATE: '1' };

/** A local "service" whose answer the test sets. */
async function target(): Promise<{ url: string; status: number; close(): Promise<void> }> {
  const state = { status: 200 };
  const server = http.createServer((_req, res) =>
    res.writeHead(state.status, { 'content-type': 'text/plain' }).end(`status ${state.status}`),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const detailOf = async (url: string, slug: string): Promise<ServiceDetail> =>
  (await request(url).get(`/api/services/${slug}`).expect(200)).body;

describe('probes drive the verdict live', () => {
  const clock = manualClock();
  const mongodbUri = freshDatabaseUri();
  let site: Awaited<ReturnType<typeof target>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let svc: ReturnType<typeof testService>;

  beforeAll(async () => {
    site = await target();
    svc = testService({
      probes: [
        { kind: 'http', id: 'homepage', name: 'Homepage', url: site.url, intervalSeconds: 15, timeoutMs: 2_000 },
      ],
    });
    world = await startWorld({ mongodbUri, clock, services: [svc], env: ALLOW });
  });
  afterAll(async () => {
    await world?.close();
    await site?.close();
  });

  it('probes a local service, then shows HTTP 503 live as an outage with the reason, and recovers', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    try {
      clock.advance(STEP);
      await world.prober.tick();
      const healthy = await detailOf(world.url, svc.slug);
      expect(healthy.probes).toEqual([
        expect.objectContaining({
          id: 'homepage',
          kind: 'http',
          target: site.url,
          latest: expect.objectContaining({ ok: true, details: expect.objectContaining({ http: { status: 200 } }) }),
        }),
      ]);
      expect(healthy.status.level).toBe('operational');
      expect(healthy.status.reasons).toContain('The probe passes');

      site.status = 503;
      clock.advance(STEP);
      await world.prober.tick();
      const failingAt = new Date(clock.now()).toISOString();
      // One probe, failing hard, and reports at normal levels: a partial outage on the probe's word.
      await expect.poll(() => updates.at(-1)?.status.level, { timeout: 5_000 }).toBe('partial_outage');
      const down = updates.at(-1)!;
      expect(down.status.reasons.some((r) => /HTTP 503/.test(r))).toBe(true);
      expect(down.probes[0]).toMatchObject({
        failingSince: failingAt,
        latest: { ok: false, error: { code: 'http_status', message: 'HTTP 503, expected 200–399' } },
      });
      expect(down.status.since).toBe(failingAt);

      // Still failing: the failure keeps its start.
      clock.advance(STEP);
      await world.prober.tick();
      expect((await detailOf(world.url, svc.slug)).probes[0]!.failingSince).toBe(failingAt);

      site.status = 200;
      clock.advance(STEP);
      await world.prober.tick();
      await expect.poll(() => updates.at(-1)?.status.level, { timeout: 5_000 }).toBe('operational');
      expect(updates.at(-1)!.probes[0]!.failingSince).toBeUndefined();
    } finally {
      socket.disconnect();
    }
  });

  it('keeps a per-minute history of latency and failures for the response-time graph', async () => {
    const res = await request(world.url).get(`/api/services/${svc.slug}/probes/history?hours=1`).expect(200);
    expect(res.body.stepMs).toBe(MINUTE);
    const points = res.body.probes[0].points as { t: number; latencyMs: number | null; ok: boolean }[];
    expect(res.body.probes[0]).toMatchObject({ id: 'homepage', name: 'Homepage', kind: 'http' });
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.some((p) => !p.ok)).toBe(true);
    expect(points.some((p) => p.ok)).toBe(true);
    for (const p of points) {
      expect(p.t % MINUTE).toBe(0);
      expect(p.latencyMs).not.toBeNull();
    }
    // One ring document per probe and hour, addressed by slot.
    expect(await world.models.ProbeHour.countDocuments({})).toBeLessThanOrEqual(2);
  });

  it('shows the same verdict on a process that does not run probes, read from the database', async () => {
    const other = await startWorld({ mongodbUri, clock, services: [svc], env: ALLOW });
    try {
      expect(other.prober.isLeader).toBe(false);
      site.status = 503;
      clock.advance(STEP);
      await world.prober.tick();
      expect(world.prober.isLeader).toBe(true);
      await other.refresh();
      const seen = await detailOf(other.url, svc.slug);
      expect(seen.probes[0]!.latest).toMatchObject({ ok: false, error: { code: 'http_status' } });
      expect(seen.status.level).not.toBe('operational');
      expect(seen.status.reasons.some((r) => /HTTP 503/.test(r))).toBe(true);
    } finally {
      await other.close();
      site.status = 200;
    }
  });
});

describe('official status pages', () => {
  const clock = manualClock();
  let page: http.Server;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let svc: ReturnType<typeof testService>;

  beforeAll(async () => {
    const summary = JSON.parse(
      readFileSync(new URL('../fixtures/statuspage/github-operational.summary.json', import.meta.url), 'utf8'),
    );
    const actions = summary.components.find((c: { name: string }) => c.name === 'GitHub Actions');
    actions.status = 'partial_outage';
    page = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(summary)),
    );
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(page.address() as net.AddressInfo).port}/api/v2/summary.json`;
    svc = testService({ official: { kind: 'statuspage', url } });
    world = await startWorld({ clock, services: [svc], env: ALLOW });
  });
  afterAll(async () => {
    await world?.close();
    await new Promise((r) => page?.close(r));
  });

  it('reads the page on its own interval and shows a component outage in the detail and the verdict', async () => {
    clock.advance(STEP);
    await world.prober.tick();
    const detail = await detailOf(world.url, svc.slug);
    expect(detail.official).toMatchObject({ kind: 'statuspage', fetchedAt: new Date(clock.now()).toISOString() });
    expect(detail.official!.error).toBeUndefined();
    expect(detail.official!.latest!.components).toContainEqual({ name: 'GitHub Actions', level: 'partial_outage' });
    expect(detail.official!.latest!.level).toBe('partial_outage');
    expect(detail.status.level).toBe('partial_outage');
    expect(detail.status.reasons).toContain("Official status page: 'Partial outage' on GitHub Actions");
  });

  it('keeps the last good read and says why the next one failed', async () => {
    await new Promise((r) => page.close(r));
    page.closeAllConnections();
    clock.advance(70_000);
    await world.prober.tick();
    const detail = await detailOf(world.url, svc.slug);
    expect(detail.official!.error).toEqual({ code: 'refused', message: 'Connection refused' });
    expect(detail.official!.latest!.level).toBe('partial_outage');
  });
});

describe('when our own network is down', () => {
  const clock = manualClock();
  let world: Awaited<ReturnType<typeof startWorld>>;
  const services: ReturnType<typeof testService>[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const port = await closedPort();
      services.push(
        testService({
          probes: [
            { kind: 'tcp', id: 'port', name: 'Port', host: '127.0.0.1', port, intervalSeconds: 15, timeoutMs: 1_000 },
          ],
        }),
      );
    }
    world = await startWorld({ clock, services, env: ALLOW });
  });
  afterAll(() => world?.close());

  it(
    'declares no outage when every unrelated service fails to connect at once, and says our probes cannot ' +
      'reach the internet',
    async () => {
      clock.advance(STEP);
      await world.prober.tick();
      for (const svc of services) {
        const detail = await detailOf(world.url, svc.slug);
        expect(detail.probes[0]!.latest).toMatchObject({ ok: false, error: { code: 'refused' } });
        expect(detail.status.level).toBe('operational');
        expect(detail.vantage.down).toBe(true);
        expect(detail.vantage.reason).toMatch(
          new RegExp(
            "^Our probes can't reach the internet right now\\. " +
              'Probes of 3 of 3 unrelated services all failed to connect \\(refused\\)',
          ),
        );
        expect(detail.status.reasons).toContain(
          "Our probes can't reach the internet right now; their failures are not counted",
        );
      }
    },
  );
});

describe('an open incident takes the kind the probes give it', () => {
  const clock = manualClockAt(14, 0, 5);
  const mongodbUri = freshDatabaseUri();
  let up: Awaited<ReturnType<typeof target>>;
  let broken: Awaited<ReturnType<typeof target>>;
  let world: Awaited<ReturnType<typeof startWorld>>;
  let svc: ReturnType<typeof testService>;

  beforeAll(async () => {
    [up, broken] = await Promise.all([target(), target()]);
    broken.status = 503;
    svc = testService({
      probes: [
        { kind: 'http', id: 'web', name: 'Website', url: up.url, intervalSeconds: 15, timeoutMs: 2_000 },
        { kind: 'http', id: 'api', name: 'API', url: broken.url, intervalSeconds: 15, timeoutMs: 2_000 },
      ],
    });
    await seedHistory(
      mongodbUri,
      svc.slug,
      clock.now() - 3 * 1440 * MINUTE,
      Math.floor(clock.now() / MINUTE) * MINUTE,
      trickle,
    );
    world = await startWorld({ mongodbUri, clock, services: [svc], env: { ...ALLOW, DETECT_TICK_SECONDS: '60' } });
    await world.detectionReady;
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([up?.close(), broken?.close()]);
  });

  it('turns an unplanned outage partial when one probe fails while the other passes, and announces it', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    const events: [string, Incident][] = [];
    socket.on('incident:opened', (i) => events.push(['opened', i]));
    socket.on('incident:updated', (i) => events.push(['updated', i]));
    try {
      clock.advance(STEP);
      await world.prober.tick();
      // Reports spread evenly over three problems: the crowd alone reads an unplanned outage.
      const problems = ['login', 'errors', 'api'];
      await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          request(world.url)
            .post(`/api/services/${svc.slug}/reports`)
            .set(person(i, 'spread'))
            .send({ problem: problems[i % 3] })
            .expect(201),
        ),
      );
      clock.advance(10_000);
      await world.detection.tick();
      await expect.poll(() => events.find(([e]) => e === 'updated')?.[1].kind, { timeout: 5_000 }).toBe('partial');
      expect(events[0]).toEqual(['opened', expect.objectContaining({ kind: 'unplanned' })]);
      // The verdict moves at once; the incident's stored kind follows a database write later.
      await expect
        .poll(() => [updates.at(-1)?.status.level, updates.at(-1)?.incident?.kind], { timeout: 5_000 })
        .toEqual(['partial_outage', 'partial']);
      const last: ServiceUpdate = updates.at(-1)!;
      expect(last.status.reasons.some((r) => /1 of 2 probes failing with HTTP 503/.test(r))).toBe(true);

      // The detector's next follow-up keeps the sharpened kind instead of flipping it back.
      clock.advance(MINUTE);
      await world.detection.tick();
      const incidents = (await request(world.url).get(`/api/services/${svc.slug}/incidents`).expect(200)).body
        .incidents as Incident[];
      expect(incidents.map((i) => [i.state, i.kind])).toEqual([['open', 'partial']]);
    } finally {
      socket.disconnect();
    }
  });
});
