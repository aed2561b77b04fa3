import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { CountSeries, Incident, RangeSeries } from '../../shared/index.ts';
import { freshDatabaseUri, manualClock, startWorld, testService } from '../helpers/world.ts';
import { seedHistory } from '../helpers/history.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('graph ranges: 7 and 30 days hourly', () => {
  const clock = manualClock();
  const svc = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  const now = clock.now();
  const thisHour = Math.floor(now / HOUR) * HOUR;

  beforeAll(async () => {
    const mongodbUri = freshDatabaseUri();
    // Two reports a minute in one hour 3 days ago, and one a minute in one hour 20 days ago.
    await seedHistory(mongodbUri, svc.slug, thisHour - 3 * DAY, thisHour - 3 * DAY + HOUR, () => 2);
    await seedHistory(mongodbUri, svc.slug, thisHour - 20 * DAY, thisHour - 20 * DAY + HOUR, () => 1);
    world = await startWorld({ mongodbUri, clock, services: [svc] });
  });
  afterAll(() => world?.close());

  it('answers the last 7 days as hourly totals ending with the current hour', async () => {
    const res = await request(world.url).get(`/api/services/${svc.slug}/series?range=7d`).expect(200);
    const body = res.body as RangeSeries;
    expect(body).toMatchObject({ range: '7d', stepMs: HOUR, to: thisHour + HOUR, from: thisHour + HOUR - 7 * DAY });
    expect(body.points).toEqual([{ t: thisHour - 3 * DAY, total: 120 }]);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
  });

  it('answers the last 30 days with the older hour too', async () => {
    const body = (await request(world.url).get(`/api/services/${svc.slug}/series?range=30d`).expect(200))
      .body as RangeSeries;
    expect(body.points).toEqual([
      { t: thisHour - 20 * DAY, total: 60 },
      { t: thisHour - 3 * DAY, total: 120 },
    ]);
  });

  it('refuses a missing or unknown range with a field error, and an unknown service with 404', async () => {
    const missing = await request(world.url).get(`/api/services/${svc.slug}/series`).expect(400);
    expect(missing.body.error).toMatchObject({
      code: 'invalid_request',
      fields: { range: [expect.stringContaining('7d')] },
    });
    const unknown = await request(world.url).get(`/api/services/${svc.slug}/series?range=1y`).expect(400);
    expect(unknown.body.error.fields).toHaveProperty('range');
    await request(world.url).get('/api/services/no-such-service/series?range=7d').expect(404);
  });
});

describe("an incident's own graph", () => {
  const clock = manualClock();
  const svc = testService();
  let world: Awaited<ReturnType<typeof worldWithHistory>>;

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [svc] });
  });
  afterAll(() => world?.close());

  it('counts reports per minute from half an hour before it started to now', async () => {
    const incident: Incident = await openIncident(world, clock, svc.slug);
    const series = (await request(world.url).get(`/api/incidents/${incident.id}/series`).expect(200))
      .body as CountSeries;
    const startedAt = Date.parse(incident.startedAt);
    expect(series.stepMs).toBe(MINUTE);
    expect(series.from).toBe(Math.floor((startedAt - 30 * MINUTE) / MINUTE) * MINUTE);
    expect(series.to).toBe(Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE);
    const total = series.points.reduce((a, p) => a + p.total, 0);
    // The seeded trickle (1–3 a minute) for half an hour, and the burst of 40.
    expect(total).toBeGreaterThanOrEqual(40 + 30);
    expect(Math.max(...series.points.map((p) => p.total))).toBeGreaterThanOrEqual(40);
  });

  it('refuses an id that is not one, and answers 404 for one that does not exist', async () => {
    const bad = await request(world.url).get('/api/incidents/nope/series').expect(400);
    expect(bad.body.error.code).toBe('invalid_request');
    await request(world.url).get('/api/incidents/0123456789abcdef01234567/series').expect(404);
  });
});
