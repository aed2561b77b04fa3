import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Incident } from '../../shared/index.ts';
import { freshDatabaseUri, manualClockAt, person, startWorld, testService } from '../helpers/world.ts';
import { liveClient, subscribedClient } from '../helpers/live-client.ts';
import { seedHistory, trickle } from '../helpers/history.ts';

const MINUTE = 60_000;

describe('incidents from a burst of reports', () => {
  const clock = manualClockAt(14, 0, 5);
  const svc = testService();
  const narrow = testService();
  const mongodbUri = freshDatabaseUri();
  let world: Awaited<ReturnType<typeof startWorld>>;

  beforeAll(async () => {
    // Three days of ordinary traffic, so the detector knows what normal looks like.
    for (const s of [svc, narrow])
      await seedHistory(
        mongodbUri,
        s.slug,
        clock.now() - 3 * 1440 * MINUTE,
        Math.floor(clock.now() / MINUTE) * MINUTE,
        trickle,
      );
    // Ticks are driven by the test, in step with its clock.
    world = await startWorld({ mongodbUri, clock, services: [svc, narrow], env: { DETECT_TICK_SECONDS: '60' } });
    await world.detectionReady;
  });
  afterAll(() => world?.close());

  let people = 0;
  /** n reports from n new people, each on a network of their own. */
  const burst = (n: number, tag: string, problem = 'errors', slug = svc.slug) =>
    Promise.all(
      Array.from({ length: n }, () =>
        request(world.url)
          .post(`/api/services/${slug}/reports`)
          .set(person(people++, tag))
          .send({ problem })
          .expect(201),
      ),
    );

  it('stays operational with ordinary traffic', async () => {
    await world.detection.tick();
    const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
    expect(detail.status.level).toBe('operational');
    expect(detail.incident).toBeNull();
    expect(detail.baseline.expected.length).toBe(1440);
    const expectedNow = detail.baseline.expected.at(-1);
    expect(expectedNow).toBeGreaterThan(0.5);
    expect(expectedNow).toBeLessThan(5);
  });

  it('opens no incident for a burst from one network, and opens it once reports come from 5 networks', async () => {
    const subnet = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          request(world.url)
            .post(`/api/services/${narrow.slug}/reports`)
            .set({ 'X-Forwarded-For': `198.51.100.${i + 1}`, 'User-Agent': `subnet-${i}` })
            .send({ problem: 'errors' })
            .expect(201),
        ),
      );
    await subnet(45);
    await world.detection.tick();
    let detail = (await request(world.url).get(`/api/services/${narrow.slug}`).expect(200)).body;
    expect(detail.incident).toBeNull();
    expect(detail.status.level).toBe('operational');
    expect(detail.status.reasons[0]).toMatch(
      /^4\d reports in the last .*, but from one network only; reports from at least 5 are needed/,
    );

    await burst(4, 'elsewhere', 'errors', narrow.slug);
    await world.detection.tick();
    detail = (await request(world.url).get(`/api/services/${narrow.slug}`).expect(200)).body;
    expect(detail.incident).toMatchObject({ service: narrow.slug, state: 'open' });
  });

  it('opens an incident live, within the minute, when reports jump far above normal', async () => {
    const { socket, updates } = await subscribedClient(world.url, svc.slug);
    const home = liveClient(world.url);
    const homeEvents: Incident[] = [];
    const roomEvents: Incident[] = [];
    home.on('incident:opened', (i) => homeEvents.push(i));
    socket.on('incident:opened', (i) => roomEvents.push(i));
    await new Promise((r) => home.emit('subscribe:home', r));
    try {
      clock.advance(20_000);
      await burst(40, 'wave1');
      clock.advance(10_000);
      await world.detection.tick();
      await expect.poll(() => roomEvents.length, { timeout: 5_000 }).toBe(1);
      await expect.poll(() => homeEvents.length).toBe(1);
      const opened = roomEvents[0]!;
      expect(opened).toMatchObject({ service: svc.slug, state: 'open' });
      expect(opened.kind).toBe('partial'); // every report is about errors, usually it is login
      expect(opened.reasons[0]).toMatch(/reports in the last .*× the usual/);
      expect(opened.topProblems[0]).toMatchObject({ problem: 'errors', label: 'Error messages' });
      expect(opened.topProblems[0]!.share).toBeGreaterThan(0.9);
      await expect.poll(() => updates.at(-1)?.status.level, { timeout: 5_000 }).toBe('partial_outage');

      const list = await request(world.url).get(`/api/services/${svc.slug}/incidents`).expect(200);
      expect(list.body.incidents.map((i: Incident) => [i.id, i.state])).toEqual([[opened.id, 'open']]);
      const summary = (await request(world.url).get('/api/services').expect(200)).body.find(
        (s: { slug: string }) => s.slug === svc.slug,
      );
      expect(summary.incidentSince).toBe(opened.startedAt);
    } finally {
      socket.disconnect();
      home.disconnect();
    }
  });

  it('keeps a single open incident while the burst lasts, and records its peak', async () => {
    for (let m = 0; m < 3; m++) {
      clock.advance(MINUTE);
      await burst(60, `wave2-${m}`);
      await world.detection.tick();
    }
    const list = (await request(world.url).get(`/api/services/${svc.slug}/incidents`).expect(200)).body
      .incidents as Incident[];
    expect(list.filter((i) => i.state === 'open')).toHaveLength(1);
    expect(list[0]!.peak.observed).toBeGreaterThanOrEqual(60);
  });

  it('resolves after a sustained return to normal, and keeps it in the history with its evidence', async () => {
    const socket = liveClient(world.url);
    const resolved: Incident[] = [];
    socket.on('incident:resolved', (i) => resolved.push(i));
    await new Promise((r) => socket.emit('subscribe', { slug: svc.slug }, r));
    try {
      // Quiet from now on; a tick catches up on every minute since the last one.
      for (let m = 0; m < 24 && resolved.length === 0; m++) {
        clock.advance(5 * MINUTE);
        await world.detection.tick();
      }
      await expect.poll(() => resolved.length, { timeout: 5_000 }).toBe(1);
      const incident = (await request(world.url).get(`/api/incidents/${resolved[0]!.id}`).expect(200)).body;
      expect(incident).toMatchObject({ state: 'resolved', serviceName: svc.name, stories: [] });
      expect(Date.parse(incident.resolvedAt)).toBeGreaterThan(Date.parse(incident.startedAt));
      expect(incident.trigger.ratio).toBeGreaterThan(2);
      const detail = (await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body;
      expect(detail.incident).toBeNull();
      expect(detail.status.level).toBe('operational');
    } finally {
      socket.disconnect();
    }
  });
});
