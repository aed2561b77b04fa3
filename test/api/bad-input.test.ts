import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { ErrorBody } from '../../shared/index.ts';
import { OPERATOR, signedInOperator, testService, worldForSuite } from '../helpers/world.ts';
import { rawRequest } from '../helpers/raw-request.ts';

/** The one error shape, with the code expected. */
const expectError = (body: unknown, code: string) => {
  expect(ErrorBody.safeParse(body).success, JSON.stringify(body)).toBe(true);
  expect((body as ErrorBody).error.code).toBe(code);
};

const gzip = gzipSync(JSON.stringify({ reason: 'spam' }));

describe('bad input gets a 4xx, never a 500', () => {
  const svc = testService();
  const world = worldForSuite({ services: [svc] });

  it('answers 400 to a path whose percent-encoding does not decode', async () => {
    const res = await request(world.url).get('/api/services/%ff').expect(400);
    expectError(res.body, 'bad_url');
    const comments = await request(world.url).get(`/api/services/%E0%A4%A/comments`).expect(400);
    expectError(comments.body, 'bad_url');
  });

  it('answers the web page, not a 500, to a broken percent-encoding outside the API', async () => {
    for (const path of ['/status/%ff', '/assets/%E0%A4%A.js', '/%ff/..%2f%c0%ae']) {
      const res = await request(world.url).get(path);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it(
    'treats a session cookie that does not decode as no session (401), ' + 'and as signed out where that is allowed',
    async () => {
      const res = await request(world.url).get('/api/admin/moderation').set('Cookie', 'or_admin=%E0%A4%A').expect(401);
      expectError(res.body, 'unauthenticated');
      const me = await request(world.url).get('/api/admin/session').set('Cookie', 'or_admin=%E0%A4%A').expect(200);
      expect(me.body).toEqual({ signedIn: false, expired: false });
      await request(world.url).delete('/api/admin/session').set('Cookie', 'or_admin=%ff').expect(204);
    },
  );

  it.each([['null'], ['not a url'], ['https://'], ['https://evil.example']])(
    'refuses a cookie-authenticated operator change with Origin %j (403 cross_origin)',
    async (origin) => {
      const agent = await signedInOperator(world.url);
      const res = await agent
        .delete(`/api/admin/maintenance/${'a'.repeat(24)}`)
        .set('Origin', origin)
        .expect(403);
      expectError(res.body, 'cross_origin');
    },
  );

  it('still lets a same-origin cookie change through, and a Bearer change whatever its Origin', async () => {
    const agent = await signedInOperator(world.url);
    const origin = new URL(world.url).origin;
    const res = await agent
      .delete(`/api/admin/maintenance/${'a'.repeat(24)}`)
      .set('Origin', origin)
      .expect(404);
    expectError(res.body, 'not_found');

    const signIn = await request(world.url).post('/api/admin/session').send(OPERATOR).expect(201);
    const token = /or_admin=([^;]+)/.exec(signIn.headers['set-cookie']![0]!)![1]!;
    await request(world.url)
      .delete(`/api/admin/maintenance/${'a'.repeat(24)}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Origin', 'null')
      .expect(404);
  });

  it.each([
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 99', '9999-99-99T00:00:00.000Z~0123456789abcdef01234567'],
    ['the 30th of February', '2026-02-30T00:00:00Z'],
    ['a time of colons', '2026-01-01T::::Z'],
  ])(
    'refuses a comments cursor that looks like one but is not a date (%s) with 400 naming `before`',
    async (_what, before) => {
      const res = await request(world.url).get(`/api/services/${svc.slug}/comments`).query({ before }).expect(400);
      expectError(res.body, 'invalid_request');
      expect(Object.keys(res.body.error.fields)).toEqual(['before']);
    },
  );

  it('still pages with a real cursor and a bare timestamp', async () => {
    await request(world.url)
      .get(`/api/services/${svc.slug}/comments`)
      .query({ before: '2026-01-01T00:00:00.000Z~0123456789abcdef01234567' })
      .expect(200);
    await request(world.url)
      .get(`/api/services/${svc.slug}/comments`)
      .query({ before: '2026-01-01T00:00:00Z' })
      .expect(200);
  });

  const flagWith = (encoding: string, body: Buffer) =>
    rawRequest(world.url, {
      method: 'POST',
      path: `/api/comments/${'b'.repeat(24)}/flags`,
      headers: { 'content-type': 'application/json', 'content-encoding': encoding, 'user-agent': `enc-${encoding}` },
      body,
    });

  it.each([
    ['bytes that are not gzip', Buffer.from('this is not gzip at all')],
    ['a truncated gzip stream', gzip.subarray(0, gzip.length - 6)],
    ['a gzip header followed by junk', Buffer.concat([gzip.subarray(0, 12), Buffer.alloc(20, 0xff)])],
  ])('answers 400 undecodable_body to a gzip body that does not inflate: %s', async (_what, body) => {
    const res = await flagWith('gzip', body);
    expect(res.status).toBe(400);
    expectError(res.json, 'undecodable_body');
  });

  it('answers 400 to deflate and brotli bodies that do not decode', async () => {
    for (const encoding of ['deflate', 'br']) {
      const res = await flagWith(encoding, Buffer.from('not compressed, whatever the header says'));
      expect(res.status, encoding).toBe(400);
      expectError(res.json, 'undecodable_body');
    }
  });

  it('reads a well-formed gzip body', async () => {
    const res = await flagWith('gzip', gzipSync(JSON.stringify({ reason: 'nonsense' })));
    expect(res.status).toBe(400);
    expect(Object.keys((res.json as ErrorBody).error.fields ?? {})).toEqual(['reason']);
  });

  it('answers 415 to a body in an encoding the server does not speak', async () => {
    const res = await flagWith('x-made-up', Buffer.from('{}'));
    expect(res.status).toBe(415);
    expectError(res.json, 'unsupported_encoding');
  });
});
