import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../../server/webhooks/webhook-sender.ts';
import type { LookupAll } from '../../../server/probes/target-guard.ts';

describe('sendWebhook', () => {
  const seen: { host?: string; path?: string; body: string }[] = [];
  let mode: 'ok' | 'redirect' | 'hang' = 'ok';
  let port = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ host: req.headers.host, path: req.url, body });
      if (mode === 'redirect') res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
      else if (mode === 'ok') res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const toLoopback: LookupAll = async () => [{ address: '127.0.0.1', family: 4 }];

  it('refuses, at send time, a name that resolves to a private address', async () => {
    const before = seen.length;
    const res = await sendWebhook(
      `http://hooks.example.com:${port}/in`,
      '{}',
      {},
      { allowPrivate: false, lookup: toLoopback, timeoutMs: 2_000 },
    );
    expect(res).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Refused to send to 127\.0\.0\.1: it is a loopback address \(hooks\.example\.com resolves to it\)/,
      ),
    });
    expect(seen.length).toBe(before);
  });

  it('connects to the address it checked, keeping the name in the Host header', async () => {
    let lookups = 0;
    const counting: LookupAll = async (host) => {
      lookups++;
      return toLoopback(host);
    };
    const res = await sendWebhook(
      `http://hooks.example.com:${port}/in?x=1`,
      '{"a":1}',
      { 'x-test': '1' },
      { allowPrivate: true, lookup: counting, timeoutMs: 2_000 },
    );
    expect(res).toMatchObject({ ok: true, httpStatus: 204 });
    expect(seen.at(-1)).toEqual({ host: `hooks.example.com:${port}`, path: '/in?x=1', body: '{"a":1}' });
    expect(lookups).toBe(1);
  });

  it('does not follow redirects', async () => {
    mode = 'redirect';
    const res = await sendWebhook(`http://127.0.0.1:${port}/in`, '{}', {}, { allowPrivate: true, timeoutMs: 2_000 });
    expect(res).toMatchObject({
      ok: false,
      httpStatus: 302,
      error:
        'Answered 302 (a redirect to http://169.254.169.254/latest); ' +
        'redirects are not followed — use the final address',
    });
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    mode = 'hang';
    const res = await sendWebhook(`http://127.0.0.1:${port}/in`, '{}', {}, { allowPrivate: true, timeoutMs: 300 });
    expect(res).toMatchObject({ ok: false, error: 'No answer within 0.3 s' });
    expect(res.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('says when nothing listens', async () => {
    const res = await sendWebhook('http://127.0.0.1:1/in', '{}', {}, { allowPrivate: true, timeoutMs: 2_000 });
    expect(res).toMatchObject({ ok: false, error: 'Connection refused' });
  });
});
