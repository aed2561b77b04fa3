import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { manualClock, signedInOperator, testService, worldForSuite } from '../helpers/world.ts';

// Every `:slug` route reads its service through router.param (server/services/service-param.ts).
describe('a route naming a service that does not exist', () => {
  const svc = testService();
  const world = worldForSuite({ clock: manualClock(), services: [svc] });

  const notFound = { error: { code: 'not_found', message: 'The service "no-such-service" was not found.' } };

  it('answers 404 not_found naming the slug, on every public read that takes one', async () => {
    for (const path of [
      'regions',
      'series?range=7d',
      'incidents',
      'maintenance',
      'comments',
      'stories',
      'probes/history',
    ]) {
      const res = await request(world.url).get(`/api/services/no-such-service/${path}`);
      expect([path, res.status, res.body]).toEqual([path, 404, notFound]);
    }
    for (const path of ['/feeds/services/no-such-service.atom', '/embed/no-such-service']) {
      const res = await request(world.url).get(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('still asks an operator route for a session before saying the service is unknown', async () => {
    const res = await request(world.url).post('/api/admin/services/no-such-service/maintenance').send({});
    expect(res.status).toBe(401);
    const ops = await signedInOperator(world.url);
    const signedIn = await ops.get('/api/admin/services/no-such-service/checks');
    expect([signedIn.status, signedIn.body]).toEqual([404, notFound]);
  });

  it('finds a service that exists', async () => {
    await request(world.url).get(`/api/services/${svc.slug}/regions`).expect(200);
    await request(world.url).get(`/api/services/${svc.slug}/maintenance`).expect(200);
  });
});
