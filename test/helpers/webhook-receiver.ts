import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  /** Whether X-Outage-Radar-Signature checked out against the secret the test gave. */
  verified: boolean;
}

/**
 * A webhook endpoint on 127.0.0.1 that checks signatures the way the README tells integrators
 * to (written out here with node:crypto, not the server's own code) and answers with the
 * statuses the test queues, then `always`.
 */
export async function webhookReceiver(opts: { now: () => number; toleranceSeconds?: number }) {
  const got: Received[] = [];
  const queued: number[] = [];
  let always = 200;
  let secret = '';
  const verify = (raw: string, header: string | undefined) => {
    const m = /^t=(\d+),v1=([a-f0-9]{64})$/.exec(header ?? '');
    if (!m || !secret) return false;
    if (Math.abs(opts.now() / 1000 - Number(m[1])) > (opts.toleranceSeconds ?? 300)) return false;
    const expected = createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest();
    return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      got.push({
        headers: req.headers,
        raw,
        body,
        verified: verify(raw, req.headers['x-outage-radar-signature'] as string | undefined),
      });
      const status = queued.shift() ?? always;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver says no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    /** The secret from the create (or rotate) response. */
    useSecret: (s: string) => void (secret = s),
    /** These statuses first, in order. */
    answer: (...statuses: number[]) => void queued.push(...statuses),
    always: (status: number) => void (always = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
