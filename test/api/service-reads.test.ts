import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { as, startWorld, testService } from '../helpers/world.ts';

describe('reads served from snapshots', () => {
  const svc = testService();
  let world: Awaited<ReturnType<typeof startWorld>>;
  beforeAll(async () => {
    world = await startWorld({ services: [svc] });
    // Detection's first verdict changes the snapshot: compare bytes only once it has come.
    await world.detectionReady;
  });
  afterAll(() => world?.close());

  /** The bytes as sent (supertest would decompress them). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${world.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });

  it(
    'sends the same bytes as brotli, gzip or plain JSON, ' + 'with a strong ETag and a short shared cache life',
    async () => {
      const plain = await raw(`/api/services/${svc.slug}`, { 'Accept-Encoding': 'identity' });
      const gzip = await raw(`/api/services/${svc.slug}`, { 'Accept-Encoding': 'gzip, deflate' });
      const br = await raw(`/api/services/${svc.slug}`, { 'Accept-Encoding': 'gzip, br' });
      expect([plain.status, gzip.status, br.status]).toEqual([200, 200, 200]);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(br.headers['content-encoding']).toBe('br');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const json = JSON.parse(String(plain.body));
      expect(json.service.slug).toBe(svc.slug);
      expect(gunzipSync(gzip.body)).toEqual(plain.body);
      expect(brotliDecompressSync(br.body)).toEqual(plain.body);
      expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(gzip.headers.etag).toBe(plain.headers.etag);
      expect(plain.headers['cache-control']).toBe('public, max-age=2, stale-while-revalidate=30');
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('answers 304 to a reader who has the current version, and a new ETag once something changed', async () => {
    const first = await request(world.url).get(`/api/services/${svc.slug}`).expect(200);
    const etag = first.headers.etag!;
    const again = await request(world.url).get(`/api/services/${svc.slug}`).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    await request(world.url)
      .get('/api/services')
      .set('If-None-Match', (await request(world.url).get('/api/services')).headers.etag!)
      .expect(304);

    await request(world.url)
      .post(`/api/services/${svc.slug}/reports`)
      .set(as('etag-changer'))
      .send({ problem: 'login' })
      .expect(201);
    // Report counts reach readers within a second.
    await expect
      .poll(async () => (await request(world.url).get(`/api/services/${svc.slug}`).set('If-None-Match', etag)).status)
      .toBe(200);
    const changed = await request(world.url).get(`/api/services/${svc.slug}`).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.stats.lastHour).toBe(1);
  });

  it('answers HEAD with the headers and no body, and 404 for a service it does not know', async () => {
    const head = await request(world.url).head(`/api/services/${svc.slug}`).expect(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.text ?? '').toBe('');
    const missing = await request(world.url).get('/api/services/no-such-service').expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('lists every service from the same kind of snapshot', async () => {
    const list = await request(world.url).get('/api/services').set('Accept-Encoding', 'gzip').expect(200);
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(list.body.map((s: { slug: string }) => s.slug)).toEqual([svc.slug]);
  });
});
