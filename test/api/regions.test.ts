import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Regions, ServiceDetail, ServiceUpdate } from '../../shared/index.ts';
import { as, manualClock, startWorld, testService } from '../helpers/world.ts';
import { peopleIn, type LocatedPerson } from '../helpers/located-people.ts';
import { subscribedClient } from '../helpers/live-client.ts';

// Shedding reports on a busy machine is tested elsewhere (reports.test.ts); here every report must land.
const NO_SHEDDING = { SHED_LAG_MS: '10000' };

describe('where reports come from', () => {
  const clock = manualClock();
  const svc = testService();
  const quiet = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  let germans: LocatedPerson[];
  let french: LocatedPerson[];
  beforeAll(async () => {
    [germans, french] = await Promise.all([peopleIn('DE', 5, 'regions-de'), peopleIn('FR', 2, 'regions-fr')]);
    world = await startWorld({ clock, services: [svc, quiet], env: NO_SHEDDING });
  });
  afterAll(() => world?.close());

  const report = (slug: string, headers: Record<string, string>) =>
    request(world.url).post(`/api/services/${slug}/reports`).set(headers).send({ problem: 'login' }).expect(201);

  it(
    'counts reports by country and city from the addresses they came from, ' + 'and private addresses in no place',
    async () => {
      for (const p of [...germans.slice(0, 3), ...french]) await report(svc.slug, p.headers);
      await report(svc.slug, as('regions-private'));
      const body = Regions.parse((await request(world.url).get(`/api/services/${svc.slug}/regions`).expect(200)).body);
      const berlin = germans[0]!.place.city;
      const paris = french[0]!.place.city;
      expect(body).toEqual({
        windowMinutes: 60,
        located: 5,
        countries: [
          { code: 'DE', name: 'Germany', reports: 3 },
          { code: 'FR', name: 'France', reports: 2 },
        ],
        cities: [
          { name: berlin.name, country: 'DE', lat: berlin.lat, lon: berlin.lon, reports: 3 },
          { name: paris.name, country: 'FR', lat: paris.lat, lon: paris.lon, reports: 2 },
        ],
      });
      // Coarse: a tenth of a degree at most.
      for (const c of body.cities)
        expect([c.lat * 10, c.lon * 10].every((n) => Math.abs(n - Math.round(n)) < 1e-9)).toBe(true);
    },
  );

  it('shows the same last hour in the page data, and a window of the minutes asked for', async () => {
    await expect
      .poll(
        async () =>
          ServiceDetail.parse((await request(world.url).get(`/api/services/${svc.slug}`).expect(200)).body).regions
            .located,
      )
      .toBe(5);
    clock.advance(30 * 60_000);
    await report(svc.slug, germans[3]!.headers);
    const recent = (await request(world.url).get(`/api/services/${svc.slug}/regions?minutes=10`).expect(200)).body;
    expect(recent).toMatchObject({ windowMinutes: 10, located: 1, countries: [{ code: 'DE', reports: 1 }] });
    const day = (await request(world.url).get(`/api/services/${svc.slug}/regions?minutes=1440`).expect(200)).body;
    expect(day).toMatchObject({
      windowMinutes: 1440,
      located: 6,
      countries: [
        { code: 'DE', reports: 4 },
        { code: 'FR', reports: 2 },
      ],
    });
    const none = (await request(world.url).get(`/api/services/${quiet.slug}/regions`).expect(200)).body;
    expect(none).toEqual({ windowMinutes: 60, located: 0, countries: [], cities: [] });
  });

  it('keeps no address: reports and counters hold hashes and places only', async () => {
    const address = germans[0]!.headers['X-Forwarded-For'];
    for (const name of ['reports', 'region_hours', 'series_hours', 'network_hours']) {
      const docs = await world.models.Report.db.collection(name).find({}).toArray();
      expect(JSON.stringify(docs)).not.toContain(address);
    }
  });

  it.each([
    ['0', 'minutes is at least 1'],
    ['1441', 'minutes is at most 1440 (a day)'],
    ['1.5', 'minutes is a whole number from 1 to 1440'],
    ['soon', 'minutes is a whole number from 1 to 1440'],
  ])('answers minutes=%s with a field error', async (minutes, message) => {
    const res = await request(world.url).get(`/api/services/${svc.slug}/regions?minutes=${minutes}`).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', fields: { minutes: [message] } });
  });

  it('answers 404 for a service it does not know', async () => {
    const res = await request(world.url).get('/api/services/no-such-service/regions').expect(404);
    expect(res.body.error).toMatchObject({
      code: 'not_found',
      message: 'The service "no-such-service" was not found.',
    });
  });

  it("shows another process's located reports after its refresh", async () => {
    const other = await startWorld({ clock, services: [svc, quiet], mongodbUri: world.mongodbUri, env: NO_SHEDDING });
    try {
      const before = (await request(other.url).get(`/api/services/${svc.slug}/regions?minutes=1440`).expect(200)).body;
      await report(svc.slug, french[1]!.headers);
      await other.refresh();
      const after = (await request(other.url).get(`/api/services/${svc.slug}/regions?minutes=1440`).expect(200)).body;
      expect(after.located).toBe(before.located + 1);
      expect(after.countries.find((c: { code: string }) => c.code === 'FR').reports).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('sends the regions in live updates as reports arrive', async () => {
    const { socket, updates } = await subscribedClient(world.url, quiet.slug);
    try {
      await report(quiet.slug, germans[4]!.headers);
      await expect.poll(() => updates.at(-1)?.regions.located ?? 0, { timeout: 5_000 }).toBe(1);
      const update = ServiceUpdate.parse(updates.at(-1));
      expect(update.regions.countries).toEqual([{ code: 'DE', name: 'Germany', reports: 1 }]);
      expect(update.regions.cities[0]).toMatchObject({ name: germans[4]!.place.city.name, country: 'DE', reports: 1 });
    } finally {
      socket.close();
    }
  });
});
