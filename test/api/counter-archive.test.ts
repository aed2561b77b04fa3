import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { manualClock, startWorld, testService } from '../helpers/world.ts';

const MINUTE = 60_000;

describe('finished counters move to insert-only archives', () => {
  const clock = manualClock(Date.UTC(2026, 10, 26, 9, 58, 30));
  const svc = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;

  beforeAll(async () => {
    world = await startWorld({ clock, services: [svc] });
  });
  afterAll(() => world?.close());

  it('keeps counting and showing every report while minutes and hours leave the hot collections', async () => {
    await request(world.url).post(`/api/services/${svc.slug}/reports`).set('User-Agent', 'a').send({ problem: 'login' }).expect(201);
    clock.advance(2 * MINUTE); // into the next hour
    await request(world.url).post(`/api/services/${svc.slug}/reports`).set('User-Agent', 'b').send({ problem: 'api' }).expect(201);

    clock.advance(10 * MINUTE);
    await world.compact();
    const { Bucket, BucketArchive, SeriesHour, SeriesHourArchive } = world.models;
    expect(await Bucket.countDocuments({ service: svc.slug })).toBe(0);
    expect(await BucketArchive.countDocuments({ service: svc.slug })).toBe(2);
    // The 09:00 hour is over and archived; 10:00 is still the current hour and stays hot.
    expect((await SeriesHourArchive.find({ service: svc.slug }).lean()).map((d) => d.hour.getUTCHours())).toEqual([9]);
    expect((await SeriesHour.find({ service: svc.slug }).lean()).map((d) => d.hour.getUTCHours())).toEqual([10]);

    // A second process starting now reads both back.
    const other = await startWorld({ mongodbUri: world.mongodbUri, clock, services: [svc] });
    try {
      const detail = (await request(other.url).get(`/api/services/${svc.slug}`).expect(200)).body;
      expect(detail.stats.last24h).toBe(2);
      expect(detail.series.minutes.map((m: { byProblem: object }) => m.byProblem)).toEqual([{ login: 1 }, { api: 1 }]);
    } finally {
      await other.close();
    }
    // And new reports keep counting in the current hour.
    await request(world.url).post(`/api/services/${svc.slug}/reports`).set('User-Agent', 'c').send({ problem: 'api' }).expect(201);
    expect((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body.stats.last24h).toBe(3);
  });
});
