import http from 'node:http';
import net from 'node:net';
import { addAbortSignal } from 'node:stream';
import tls from 'node:tls';
import type { HttpProbe, ProbeCheck, ProbeError, ProbeResult } from '../../shared/schemas/probe.ts';
import type { ProbeDeps } from './probe-registry.ts';
import { exchangeError, formatMs } from './probe-errors.ts';
import { untilAborted } from '../common/until-aborted.ts';
import { resolveTarget, type ResolvedAddress } from './target-guard.ts';
import { DAY_MS } from '../../shared/time.ts';

/**
 * HTTP(S) probe: status, optional text, latency, and for HTTPS the certificate's trust and
 * expiry.
 *
 * TLS design: the handshake always completes with verification off, so the certificate can be
 * read and its expiry checked even when it is self-signed or expired — an untrusted
 * certificate must not hide that it also expires on Friday. Trust is then judged by hand:
 * with `tlsVerify` (the default) an untrusted certificate fails the probe and the request is
 * never sent, since its headers may carry credentials meant only for the real server; with
 * `tlsVerify: false` (a private CA, say) it is recorded as a passing check and the request goes
 * ahead.
 */

/** Enough to find "Welcome" on a login page; bounded so a huge download can't eat memory. */
export const MAX_BODY_BYTES = 256 * 1024;

interface TlsSeen {
  validTo: number;
  trusted: boolean;
  untrustedReason?: string;
}

interface Exchange {
  status: number;
  body: string;
  truncated: boolean;
}

class UntrustedCertificate extends Error {}

const TRUST_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'issuer unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'issuer unknown',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'issued for another name',
};
const trustWords = (reason?: string) =>
  reason ? `${TRUST_WORDS[reason] ?? 'not verifiable'}: ${reason}` : 'unknown reason';

/**
 * One request over a connection opened to the vetted address. The Host header and TLS SNI
 * carry the URL's name, so virtual hosts and certificates see what a browser would send.
 */
function exchange(
  def: HttpProbe,
  url: URL,
  target: ResolvedAddress,
  seen: { tls?: TlsSeen; req?: http.ClientRequest },
  signal: AbortSignal,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const name = url.hostname.replace(/^\[|\]$/g, '');
    const createConnection: http.RequestOptions['createConnection'] = (_opts, cb) => {
      // The sockets take the signal too: a request still waiting for its TLS handshake has no socket for its own signal
      // to destroy.
      if (url.protocol === 'http:') return net.connect({ host: target.address, port, family: target.family, signal });
      const socket = tls.connect({
        host: target.address,
        port,
        // SNI must be a name, never an address; identity is then checked against the name.
        ...(net.isIP(name) ? {} : { servername: name }),
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      addAbortSignal(signal, socket);
      // Node's types want a socket beside an error too; it ignores it when the error is set.
      socket.on('error', (err) => cb(err, socket));
      socket.once('secureConnect', () => {
        const cert = socket.getPeerCertificate();
        const reason = socket.authorizationError ? String(socket.authorizationError) : undefined;
        seen.tls = {
          validTo: Date.parse(cert.valid_to),
          trusted: socket.authorized,
          ...(reason && { untrustedReason: reason }),
        };
        if (def.tlsVerify && !socket.authorized) {
          socket.destroy();
          cb(new UntrustedCertificate(reason), socket);
        } else cb(null, socket);
      });
      return undefined;
    };
    const req = http.request(
      {
        method: def.method,
        host: name,
        port,
        path: `${url.pathname}${url.search}`,
        headers: {
          'user-agent': 'OutageRadar-Probe/1',
          accept: '*/*',
          ...def.headers,
          host: url.host,
          ...(def.method === 'POST' && { 'content-length': '0' }),
        },
        createConnection,
        // Destroys the request (and its socket) at the deadline, which fails the exchange.
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean) =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated });
        res.on('data', (chunk: Buffer) => {
          if (size >= MAX_BODY_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
          size += chunk.length;
          if (size >= MAX_BODY_BYTES) {
            finish(true);
            req.destroy();
          }
        });
        res.once('end', () => finish(false));
        res.on('error', reject);
        res.once('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
      },
    );
    seen.req = req;
    req.on('error', reject);
    req.end();
  });
}

function tlsChecks(def: HttpProbe, t: TlsSeen, now: number): { checks: ProbeCheck[]; errors: ProbeError[] } {
  const daysLeft = Math.floor((t.validTo - now) / DAY_MS);
  const date = Number.isFinite(t.validTo) ? new Date(t.validTo).toISOString().slice(0, 10) : 'unknown date';
  const expired = t.validTo <= now;
  const ago = Math.floor((now - t.validTo) / DAY_MS);
  const when = expired
    ? ago === 0
      ? `expired today (${date})`
      : `expired ${ago} day${ago === 1 ? '' : 's'} ago (${date})`
    : `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${date})`;
  const expiryOk = !expired && daysLeft >= def.tlsWarnDays;
  const checks: ProbeCheck[] = [
    { name: 'tls expiry', ok: expiryOk, actual: when, expected: `at least ${def.tlsWarnDays} days left` },
    {
      name: 'tls trust',
      ok: t.trusted || !def.tlsVerify,
      actual: t.trusted ? 'trusted' : `not trusted (${trustWords(t.untrustedReason)})`,
      expected: def.tlsVerify ? 'trusted' : 'any (tlsVerify is off)',
    },
  ];
  const errors: ProbeError[] = [];
  if (!expiryOk) errors.push({ code: 'tls', message: `TLS certificate ${when}` });
  if (!checks[1]!.ok)
    errors.push({
      code: 'tls',
      message: `TLS certificate not trusted (${trustWords(t.untrustedReason)}); the request was not sent`,
    });
  return { checks, errors };
}

export async function run(def: HttpProbe, deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.now();
  const seen: { tls?: TlsSeen; req?: http.ClientRequest } = {};
  let address: string | undefined;
  let status: number | undefined;

  const done = (checks: ProbeCheck[], errors: ProbeError[]): ProbeResult => {
    const tlsDetails =
      seen.tls && Number.isFinite(seen.tls.validTo)
        ? {
            tls: {
              validTo: new Date(seen.tls.validTo).toISOString(),
              daysLeft: Math.floor((seen.tls.validTo - started) / DAY_MS),
              trusted: seen.tls.trusted,
              ...(seen.tls.untrustedReason && { untrustedReason: seen.tls.untrustedReason }),
            },
          }
        : {};
    const details = { ...(address && { address }), ...(status !== undefined && { http: { status } }), ...tlsDetails };
    const error = errors[0];
    return {
      probeId: def.id,
      kind: 'http',
      at: new Date(started).toISOString(),
      ok: !error,
      latencyMs: Math.max(0, deps.now() - started),
      ...(error && { error }),
      checks,
      ...(Object.keys(details).length > 0 && { details }),
    };
  };

  const url = new URL(def.url);
  // One deadline for the whole probe (name lookup, connect, handshake, response), so a server
  // that accepts and then trickles bytes cannot hold a probe past its timeout.
  const deadline = AbortSignal.timeout(def.timeoutMs);
  try {
    const target = await untilAborted(resolveTarget(url.hostname, deps), deadline);
    if (!target.ok)
      return done(
        [{ name: 'target', ok: false, actual: target.error.message, expected: 'a reachable public address' }],
        [target.error],
      );
    address = target.address;

    let res: Exchange;
    try {
      res = await exchange(def, url, target, seen, deadline);
    } catch (err) {
      if (!(err instanceof UntrustedCertificate)) throw err;
      const t = tlsChecks(def, seen.tls!, started);
      return done(t.checks, t.errors);
    }
    status = res.status;
    const latency = Math.max(0, deps.now() - started);
    const range = `${def.expectStatus.min}–${def.expectStatus.max}`;
    const checks: ProbeCheck[] = [];
    // Order is seriousness: the first failing check becomes the result's error.
    const errors: ProbeError[] = [];

    const statusOk = res.status >= def.expectStatus.min && res.status <= def.expectStatus.max;
    checks.push({ name: 'status', ok: statusOk, actual: String(res.status), expected: range });
    if (!statusOk) errors.push({ code: 'http_status', message: `HTTP ${res.status}, expected ${range}` });

    if (def.expectText !== undefined) {
      const found = res.body.includes(def.expectText);
      const scope = res.truncated ? ` (first ${MAX_BODY_BYTES / 1024} KB read)` : '';
      checks.push({
        name: 'text',
        ok: found,
        actual: found ? 'found' : `missing${scope}`,
        expected: `contains "${def.expectText}"`,
      });
      if (!found)
        errors.push({
          code: 'text_missing',
          message: `Expected text "${def.expectText}" missing from the page${scope}`,
        });
    }

    if (seen.tls) {
      const t = tlsChecks(def, seen.tls, started);
      checks.push(...t.checks);
      errors.push(...t.errors);
    }

    if (def.latencyWarnMs !== undefined) {
      const fast = latency <= def.latencyWarnMs;
      checks.push({
        name: 'latency',
        ok: fast,
        actual: formatMs(latency),
        expected: `at most ${formatMs(def.latencyWarnMs)}`,
      });
      if (!fast)
        errors.push({
          code: 'slow',
          message: `Slow response: ${formatMs(latency)}, limit ${formatMs(def.latencyWarnMs)}`,
        });
    }
    return done(checks, errors);
  } catch (err) {
    const error = exchangeError(err, deadline, def.timeoutMs);
    const checks: ProbeCheck[] = [
      { name: 'response', ok: false, actual: error.message, expected: `a response within ${formatMs(def.timeoutMs)}` },
    ];
    const errors = [error];
    if (seen.tls) {
      const t = tlsChecks(def, seen.tls, started);
      checks.push(...t.checks);
      errors.push(...t.errors);
    }
    return done(checks, errors);
  } finally {
    seen.req?.destroy();
  }
}
