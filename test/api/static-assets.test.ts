import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { manualClock, startWorld } from '../helpers/world.ts';

describe('the built client as served', () => {
  let world: Awaited<ReturnType<typeof startWorld>>;
  let script: string;

  beforeAll(async () => {
    world = await startWorld({ clock: manualClock() });
    const home = await request(world.url).get('/').expect(200);
    script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(home.text)![1]!;
  });
  afterAll(() => world?.close());

  it('caches the content-hashed bundle for good', async () => {
    const res = await request(world.url).get(script).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the favicon revalidated, not kept for a year under its fixed name', async () => {
    const res = await request(world.url).get('/favicon.svg').expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toBeTruthy();
  });

  it('has index.html revalidated too when asked for by name', async () => {
    const res = await request(world.url).get('/index.html').expect(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('publishes no source map: the bundle points to none and a .map is a 404 in the one error shape', async () => {
    const js = await request(world.url)
      .get(script)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done(null, text));
      });
    expect(js.body as string).not.toMatch(/sourceMappingURL/);
    const res = await request(world.url).get(`${script}.map`).expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'This file was not found.' } });
  });
});
