import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { manualClockAt, testService } from '../helpers/world.ts';
import { openIncident, worldWithHistory } from '../helpers/crowd-incident.ts';

/** badge-maker's fill for the message half of a flat badge (the label half is #555). */
const messageFill = (svg: string) =>
  [...svg.matchAll(/fill="(#[0-9a-f]+)"/g)].map((m) => m[1]).find((f) => f !== '#555');
const svgOf = (res: request.Response) => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);

describe('status badges', () => {
  const clock = manualClockAt(14, 0, 5);
  const pay = testService({ name: 'Acme Pay' });
  let world: Awaited<ReturnType<typeof worldWithHistory>>;

  beforeAll(async () => {
    world = await worldWithHistory({ clock, services: [pay] });
  });
  afterAll(() => world?.close());

  const badge = (path: string, status = 200) => request(world.url).get(path).buffer(true).expect(status);

  it(
    'draws a green flat badge named for the service while it is operational, cacheable and loadable from ' +
      'other sites',
    async () => {
      const res = await badge(`/badge/${pay.slug}.svg`).expect('content-type', 'image/svg+xml; charset=utf-8');
      const svg = svgOf(res);
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain('<title>Acme Pay: operational</title>');
      expect(messageFill(svg)).toBe('#4b0');
      expect(res.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=60');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      await request(world.url).get(`/badge/${pay.slug}.svg`).set('If-None-Match', res.headers.etag!).expect(304);

      const json = await request(world.url).get(`/badge/${pay.slug}.json`).expect(200);
      expect(json.body).toEqual({
        schemaVersion: 1,
        label: 'Acme Pay',
        message: 'operational',
        color: 'brightgreen',
        cacheSeconds: 300,
      });
      expect(json.headers['access-control-allow-origin']).toBe('*');
    },
  );

  it('turns orange with "partial outage" when an incident about one problem opens', async () => {
    const before = (await badge(`/badge/${pay.slug}.svg`)).headers.etag;
    await openIncident(world, clock, pay.slug);
    const res = await badge(`/badge/${pay.slug}.svg`);
    expect(svgOf(res)).toContain('<title>Acme Pay: partial outage</title>');
    expect(messageFill(svgOf(res))).toBe('#ea7233');
    expect(res.headers.etag).not.toBe(before);
    expect((await request(world.url).get(`/badge/${pay.slug}.json`).expect(200)).body).toMatchObject({
      message: 'partial outage',
      color: 'orange',
    });
  });

  it(
    'answers an unknown service with a grey "unknown service" badge, and JSON readers with the error shape; ' +
      'both 404',
    async () => {
      const res = await badge('/badge/no-such-service.svg', 404).expect('content-type', 'image/svg+xml; charset=utf-8');
      expect(svgOf(res)).toContain('<title>status: unknown service</title>');
      expect(messageFill(svgOf(res))).toBe('#939393');
      const json = await request(world.url).get('/badge/no-such-service.json').expect(404);
      expect(json.body).toEqual({
        error: { code: 'not_found', message: 'The service "no-such-service" was not found.' },
      });
    },
  );
});
