import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOfficial, type FetchOfficialDeps } from '../../../server/status/official/fetch-official.ts';

const summary = readFileSync(
  new URL('../../fixtures/statuspage/github-operational.summary.json', import.meta.url),
  'utf8',
);
const NOW = Date.parse('2025-03-04T15:00:00Z');
const feed =
  '<rss version="2.0"><channel><item><title>API errors</title><description>Investigating - errors on the ' +
  'API</description><pubDate>Tue, 04 Mar 2025 14:40:00 +0000</pubDate></item></channel></rss>';

let server: http.Server;
let base: string;
const deps: FetchOfficialDeps = { now: () => NOW, allowPrivate: true, timeoutMs: 1_000 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => (
      res.writeHead(status, { 'content-type': type }),
      res.end(body)
    );
    switch (req.url) {
      case '/api/v2/summary.json':
        return send(200, 'application/json', summary);
      case '/moved':
        return (res.writeHead(301, { location: '/api/v2/summary.json' }), res.end());
      case '/broken':
        return send(500, 'text/plain', 'Internal Server Error');
      case '/html':
        return send(200, 'text/html; charset=utf-8', '<html>Maintenance page</html>');
      case '/other-json':
        return send(200, 'application/json', '{"ok":true}');
      case '/history.rss':
        return send(200, 'application/rss+xml', feed);
      case '/hang':
        return setTimeout(() => send(200, 'application/json', summary), 5_000);
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => (server.closeAllConnections(), new Promise((r) => server.close(r))));

describe('fetchOfficial', () => {
  it('fetches and parses a Statuspage summary', async () => {
    const r = await fetchOfficial(`${base}/api/v2/summary.json`, 'statuspage', deps);
    expect(r.ok && r.status).toMatchObject({
      source: 'statuspage',
      level: 'operational',
      fetchedAt: '2025-03-04T15:00:00.000Z',
    });
  });

  it('follows a redirect to the summary', async () => {
    const r = await fetchOfficial(`${base}/moved`, 'statuspage', deps);
    expect(r.ok).toBe(true);
  });

  it('fetches and parses an incident feed', async () => {
    const r = await fetchOfficial(`${base}/history.rss`, 'feed', deps);
    expect(r.ok && r.status).toMatchObject({ source: 'feed', level: 'degraded_performance' });
  });

  const failures: {
    name: string;
    path: string;
    kind: 'statuspage' | 'feed';
    deps?: Partial<FetchOfficialDeps>;
    error: { code: string; message: string | RegExp };
  }[] = [
    {
      name: 'a server error is reported with its status',
      path: '/broken',
      kind: 'statuspage',
      error: { code: 'http_status', message: 'HTTP 500 from the status page, expected 200–299' },
    },
    {
      name: 'an HTML page where JSON was expected is not JSON',
      path: '/html',
      kind: 'statuspage',
      error: {
        code: 'not_json',
        message: 'The status page answered with something that is not JSON (text/html; charset=utf-8)',
      },
    },
    {
      name: 'JSON that is not a summary is the wrong shape',
      path: '/other-json',
      kind: 'statuspage',
      error: { code: 'unexpected_shape', message: /not a Statuspage summary/ },
    },
    {
      name: 'a summary where a feed was expected is the wrong shape',
      path: '/api/v2/summary.json',
      kind: 'feed',
      error: { code: 'unexpected_shape', message: 'The status feed is not RSS or Atom (application/json)' },
    },
    {
      name: 'an answer over the size limit is not read',
      path: '/api/v2/summary.json',
      kind: 'statuspage',
      deps: { maxBytes: 1024 },
      error: { code: 'too_large', message: "The status page's answer is larger than 1 KB; it was not read" },
    },
    {
      name: 'a page that never answers times out',
      path: '/hang',
      kind: 'statuspage',
      deps: { timeoutMs: 300 },
      error: { code: 'timeout', message: 'Timed out after 300 ms' },
    },
    {
      name: 'a loopback address is refused without PROBE_ALLOW_PRIVATE',
      path: '/api/v2/summary.json',
      kind: 'statuspage',
      deps: { allowPrivate: false },
      error: { code: 'blocked_target', message: /PROBE_ALLOW_PRIVATE=1/ },
    },
  ];
  it.each(failures)('$name', async ({ path, kind, deps: extra, error }) => {
    const r = await fetchOfficial(`${base}${path}`, kind, { ...deps, ...extra });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(error.code);
    if (typeof error.message === 'string') expect(r.error.message).toBe(error.message);
    else expect(r.error.message).toMatch(error.message);
    expect(r.at).toBe('2025-03-04T15:00:00.000Z');
  });

  it('reports a refused connection in plain words', async () => {
    const gone = http.createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((r) => gone.close(r));
    const r = await fetchOfficial(`http://127.0.0.1:${port}/api/v2/summary.json`, 'statuspage', deps);
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: 'Connection refused' } });
  });
});
