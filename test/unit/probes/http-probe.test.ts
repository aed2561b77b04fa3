import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeDefinition, ProbeResult, type ProbeDefinitionInput } from '../../../shared/schemas/probe.ts';
import { runProbe, type ProbeDeps } from '../../../server/probes/probe-registry.ts';

const DAY = 86_400_000;
const local: ProbeDeps = { now: () => Date.now(), allowPrivate: true };
const probe = async (def: Partial<ProbeDefinitionInput> & { url: string }, deps: ProbeDeps = local) => {
  const result = await runProbe(ProbeDefinition.parse({ kind: 'http', id: 'web', name: 'Web', ...def }), deps);
  ProbeResult.parse(result);
  return result;
};

const hits: string[] = [];
const handler: http.RequestListener = (req, res) => {
  hits.push(`${req.method} ${req.url} host=${req.headers.host}`);
  const pause = (ms: number, then: () => void) => setTimeout(then, ms);
  switch (req.url) {
    case '/ok':
      return res.end('<h1>Welcome back</h1>');
    case '/unavailable':
      res.statusCode = 503;
      return res.end('Service Unavailable');
    case '/hang':
      return pause(5_000, () => res.end('too late'));
    case '/trickle':
      // Headers arrive at once, the body never finishes: the timeout must still cover it.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('Wel');
      return pause(5_000, () => res.end('come'));
    case '/sluggish':
      return pause(250, () => res.end('Welcome'));
    case '/huge':
      res.write('x'.repeat(300 * 1024));
      return res.end('Welcome');
    default:
      res.statusCode = 404;
      return res.end('not found');
  }
};

let server: http.Server;
let base: string;
let tlsDir: string;
let shortCert: { server: https.Server; url: string; validTo: number };
let longCert: { server: https.Server; url: string };

const listen = (s: http.Server | https.Server) =>
  new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

/** Node can't mint X.509 certificates, so openssl does: a self-signed one valid for `days`. */
function selfSigned(days: number) {
  const key = path.join(tlsDir, `key-${days}.pem`);
  const cert = path.join(tlsDir, `cert-${days}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

beforeAll(async () => {
  server = http.createServer(handler);
  base = `http://127.0.0.1:${await listen(server)}`;
  tlsDir = mkdtempSync(path.join(tmpdir(), 'probe-tls-'));
  const short = selfSigned(3);
  const s1 = https.createServer(short, handler);
  shortCert = {
    server: s1,
    url: `https://localhost:${await listen(s1)}/ok`,
    validTo: Date.parse(new X509Certificate(short.cert).validTo),
  };
  const s2 = https.createServer(selfSigned(90), handler);
  longCert = { server: s2, url: `https://localhost:${await listen(s2)}/ok` };
});

afterAll(() => {
  for (const s of [server, shortCert.server, longCert.server]) {
    s.closeAllConnections();
    s.close();
  }
  rmSync(tlsDir, { recursive: true, force: true });
});

describe('HTTP probe', () => {
  it('passes when the page answers 200 with the expected text', async () => {
    const r = await probe({ url: `${base}/ok`, expectText: 'Welcome' });
    expect(r).toMatchObject({
      ok: true,
      kind: 'http',
      probeId: 'web',
      details: { http: { status: 200 }, address: '127.0.0.1' },
    });
    expect(r.error).toBeUndefined();
    expect(r.checks).toEqual([
      { name: 'status', ok: true, actual: '200', expected: '200–399' },
      { name: 'text', ok: true, actual: 'found', expected: 'contains "Welcome"' },
    ]);
  });

  it('fails with http_status and says which status came back', async () => {
    const r = await probe({ url: `${base}/unavailable` });
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ code: 'http_status', message: 'HTTP 503, expected 200–399' });
    expect(r.checks[0]).toEqual({ name: 'status', ok: false, actual: '503', expected: '200–399' });
  });

  it('accepts a status outside the default range when the definition expects it', async () => {
    const r = await probe({ url: `${base}/nowhere`, expectStatus: { min: 404, max: 404 } });
    expect(r.ok).toBe(true);
  });

  it('fails with text_missing when the expected text is not on the page', async () => {
    const r = await probe({ url: `${base}/ok`, expectText: 'Sign in' });
    expect(r.error).toEqual({ code: 'text_missing', message: 'Expected text "Sign in" missing from the page' });
  });

  it('reads at most 256 KB of the body, and says so when the text is not in it', async () => {
    const r = await probe({ url: `${base}/huge`, expectText: 'Welcome' });
    expect(r.error?.code).toBe('text_missing');
    expect(r.error?.message).toMatch(/first 256 KB read/);
  });

  it('times out a server that never answers, within the timeout', async () => {
    const started = Date.now();
    const r = await probe({ url: `${base}/hang`, timeoutMs: 300 });
    expect(r.error).toEqual({ code: 'timeout', message: 'Timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a body that trickles in after the headers', async () => {
    const r = await probe({ url: `${base}/trickle`, timeoutMs: 300, expectText: 'Welcome' });
    expect(r.error?.code).toBe('timeout');
  });

  it('fails with slow when the response takes longer than the latency limit', async () => {
    const r = await probe({ url: `${base}/sluggish`, latencyWarnMs: 100 });
    expect(r.error?.code).toBe('slow');
    expect(r.error?.message).toMatch(/^Slow response: \d{3} ms, limit 100 ms$/);
    expect(r.checks.find((c) => c.name === 'latency')).toMatchObject({ ok: false, expected: 'at most 100 ms' });
  });

  it('reports a refused connection in plain words', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    const r = await probe({ url: `http://127.0.0.1:${port}/` });
    expect(r.error).toEqual({ code: 'refused', message: 'Connection refused' });
  });

  it('refuses a loopback target unless private targets are allowed, and never connects', async () => {
    const before = hits.length;
    const r = await probe({ url: `${base}/ok` }, { ...local, allowPrivate: false });
    expect(r.error?.code).toBe('blocked_target');
    expect(r.error?.message).toMatch(/127\.0\.0\.1.*loopback.*PROBE_ALLOW_PRIVATE=1/);
    expect(hits.length).toBe(before);
  });

  it('refuses a name that resolves to loopback', async () => {
    const r = await probe({ url: `${base.replace('127.0.0.1', 'localhost')}/ok` }, { ...local, allowPrivate: false });
    expect(r.error?.code).toBe('blocked_target');
    expect(r.error?.message).toMatch(/localhost resolves to it/);
  });

  it('connects to the vetted address while the Host header keeps the name', async () => {
    const port = new URL(base).port;
    const lookup = async () => [{ address: '127.0.0.1', family: 4 as const }];
    const r = await probe({ url: `http://status.example.test:${port}/ok` }, { ...local, lookup });
    expect(r.ok).toBe(true);
    expect(hits.at(-1)).toBe(`GET /ok host=status.example.test:${port}`);
  });

  it('reports a name that does not exist as a DNS failure', async () => {
    const lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const r = await probe({ url: 'http://no-such-host.example.test/' }, { ...local, lookup });
    expect(r.error).toEqual({ code: 'dns', message: 'DNS lookup failed: no such host (ENOTFOUND)' });
  });
});

describe('HTTPS probe', () => {
  it('times out a server that accepts the connection but never shakes hands', async () => {
    const mute = net.createServer(() => {});
    const port = await listen(mute as unknown as http.Server);
    try {
      const started = Date.now();
      const r = await probe({ url: `https://127.0.0.1:${port}/`, timeoutMs: 300 });
      expect(r.error).toEqual({ code: 'timeout', message: 'Timed out after 300 ms' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      mute.close();
    }
  });

  // The probe's clock sits 3 days and an hour before expiry, so "3 days" is exact.
  const threeDaysBefore = () => ({ ...local, now: () => shortCert.validTo - 3 * DAY - 3_600_000 });

  it('reads the expiry of an untrusted certificate and does not send the request', async () => {
    const before = hits.length;
    const r = await probe({ url: shortCert.url }, threeDaysBefore());
    const date = new Date(shortCert.validTo).toISOString().slice(0, 10);
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ code: 'tls', message: `TLS certificate expires in 3 days (${date})` });
    expect(r.details?.tls).toMatchObject({
      daysLeft: 3,
      trusted: false,
      untrustedReason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(r.checks).toContainEqual({
      name: 'tls trust',
      ok: false,
      actual: 'not trusted (self-signed: DEPTH_ZERO_SELF_SIGNED_CERT)',
      expected: 'trusted',
    });
    expect(r.checks).toContainEqual({
      name: 'tls expiry',
      ok: false,
      actual: `expires in 3 days (${date})`,
      expected: 'at least 14 days left',
    });
    expect(hits.length).toBe(before);
  });

  it('with tlsVerify off, sends the request and still fails on the near expiry', async () => {
    const r = await probe({ url: shortCert.url, tlsVerify: false, expectText: 'Welcome' }, threeDaysBefore());
    expect(r.error?.message).toMatch(/^TLS certificate expires in 3 days \(\d{4}-\d{2}-\d{2}\)$/);
    expect(r.details?.http?.status).toBe(200);
    expect(r.checks.find((c) => c.name === 'tls trust')).toMatchObject({
      ok: true,
      expected: 'any (tlsVerify is off)',
    });
    expect(r.checks.find((c) => c.name === 'text')?.ok).toBe(true);
  });

  it('with tlsVerify off, passes a self-signed certificate far from expiry', async () => {
    const r = await probe({ url: longCert.url, tlsVerify: false });
    expect(r.ok).toBe(true);
    expect(r.details?.tls?.daysLeft).toBeGreaterThanOrEqual(88);
  });

  it('fails an untrusted certificate far from expiry only for trust', async () => {
    const r = await probe({ url: longCert.url });
    expect(r.error?.code).toBe('tls');
    expect(r.error?.message).toBe(
      'TLS certificate not trusted (self-signed: DEPTH_ZERO_SELF_SIGNED_CERT); the request was not sent',
    );
  });

  it('calls a certificate that has already expired expired', async () => {
    const r = await probe(
      { url: shortCert.url, tlsVerify: false },
      { ...local, now: () => shortCert.validTo + 2 * DAY + 60_000 },
    );
    expect(r.error?.message).toMatch(/^TLS certificate expired 2 days ago/);
  });
});
