import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { ServiceUpdate, SubscribeAck } from '../../shared/index.ts';
import type { LiveClient } from '../helpers/live-client.ts';
import { as, freshDatabaseUri } from '../helpers/world.ts';
import { spawnServer } from '../helpers/spawn-server.ts';
import { startRedis } from '../helpers/redis.ts';
import { freePort, startNginx, type RunningNginx } from '../helpers/nginx.ts';

// Two app processes sharing one database and one Redis behind deploy/nginx.conf, run by Debian's
// nginx. nginx routes by the client's address (socket.io's long-polling needs stickiness), so
// these tests speak from several loopback addresses (127.0.0.2, .3, …) to reach each process; the
// person a report comes from is named by X-Forwarded-For, which the app believes from loopback.

const SLUG = 'chatgpt'; // in the built-in catalog the spawned servers load
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

/** One HTTP request through nginx from a chosen loopback address (a client of its own). */
function send(
  lb: RunningNginx,
  from: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; json?: unknown; timeoutMs?: number } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const t0 = performance.now();
    const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    const req = http.request(`${lb.url}${path}`, {
      method,
      localAddress: from,
      agent: false,
      timeout: opts.timeoutMs ?? 5_000,
      headers: { ...opts.headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    });
    req.once('timeout', () =>
      req.destroy(new Error(`${method} ${path} from ${from}: no answer within ${opts.timeoutMs ?? 5_000} ms`)),
    );
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.once('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: text, ms: performance.now() - t0 }),
      );
    });
    req.end(body);
  });
}

/** The upstream(s) nginx logged for the request whose path contains `marker` ("a" or "a, b" after a retry). */
async function upstreamOf(lb: RunningNginx, marker: string): Promise<string> {
  // nginx logs a request just after answering it, so the line may trail the answer a little.
  for (const deadline = Date.now() + 2_000; ; await sleep(10)) {
    const found = lb
      .accessLog()
      .find((l) => l.includes(marker))
      ?.match(/ upstream=(.*?) upstream_status=/)?.[1];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`nginx logged no request with ${marker}:\n${lb.accessLog().join('\n')}`);
  }
}

interface Viewer {
  socket: LiveClient;
  transport: 'websocket' | 'polling';
  updates: ServiceUpdate[];
  /** When each subscription was acknowledged (the first, then one per reconnect). */
  subscribedAt: number[];
  disconnectedAt: number[];
}

/**
 * A viewer of the service page, as client/src/lib/live.ts does it: subscribe on every
 * (re)connect, since a room does not survive a reconnect (least of all to another process).
 */
async function viewer(lb: RunningNginx, from: string, transport: Viewer['transport']): Promise<Viewer> {
  const options = {
    transports: [transport],
    forceNew: true,
    // In Node, engine.io-client hands `agent` to its HTTP requests and `localAddress` to ws.
    agent: new http.Agent({ localAddress: from }),
    localAddress: from,
  } as unknown as Partial<ManagerOptions & SocketOptions>;
  const socket: LiveClient = connect(lb.url, options);
  const v: Viewer = { socket, transport, updates: [], subscribedAt: [], disconnectedAt: [] };
  socket.on('service:update', (u) => v.updates.push(u));
  socket.on('disconnect', () => v.disconnectedAt.push(Date.now()));
  socket.on('connect', () =>
    socket.emit('subscribe', { slug: SLUG }, (ack: SubscribeAck) => {
      if (ack.ok) v.subscribedAt.push(Date.now());
    }),
  );
  await expect.poll(() => v.subscribedAt.length, { timeout: 5_000, interval: 20 }).toBe(1);
  expect(socket.io.engine.transport.name).toBe(transport);
  return v;
}

const sawComment = (v: Viewer, text: string) => v.updates.some((u) => u.comments.some((c) => c.text === text));

describe('two app processes behind nginx (deploy/nginx.conf)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: Awaited<ReturnType<typeof spawnServer>>;
  let b: Awaited<ReturnType<typeof spawnServer>>;
  let lb: RunningNginx;
  /** Loopback addresses nginx routes to each process, two each, found by asking. */
  const via = { a: [] as string[], b: [] as string[] };
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const env = { MONGODB_URI: freshDatabaseUri(), REDIS_URL: redis.url };
    // Side by side, as `docker compose up --scale app=2` starts them.
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    lb = await startNginx([a.url, b.url]);
    const routedTo = { [new URL(a.url).host]: via.a, [new URL(b.url).host]: via.b };
    for (let i = 2; i < 100 && (via.a.length < 2 || via.b.length < 2); i++) {
      const from = `127.0.0.${i}`;
      expect((await send(lb, from, 'GET', `/api/health?route-${i}`)).status).toBe(200);
      const list = routedTo[await upstreamOf(lb, `?route-${i} `)]!;
      if (list.length < 2) list.push(from);
    }
    expect(via.a).toHaveLength(2);
    expect(via.b).toHaveLength(2);
  });

  afterAll(async () => {
    for (const v of viewers) v.socket.disconnect();
    await lb?.stop();
    // spawnServer's stop() waits for an exit that, after the kill, has already happened.
    await Promise.all([a?.child.signalCode ? undefined : a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('counts a report sent through either process once, and viewers on both see it', async () => {
    const onA = await viewer(lb, via.a[0]!, 'websocket');
    const onB = await viewer(lb, via.b[0]!, 'polling');
    viewers.push(onA, onB);

    // The same person (address and User-Agent), twice at once, each time reaching another process.
    const person = as('load-balancer-person');
    const report = { problem: 'login', comment: 'through nginx, twice' };
    const [toA, toB] = await Promise.all([
      send(lb, via.a[1]!, 'POST', `/api/services/${SLUG}/reports?lb-a`, { headers: person, json: report }),
      send(lb, via.b[1]!, 'POST', `/api/services/${SLUG}/reports?lb-b`, { headers: person, json: report }),
    ]);
    expect([await upstreamOf(lb, '?lb-a '), await upstreamOf(lb, '?lb-b ')]).toEqual([
      new URL(a.url).host,
      new URL(b.url).host,
    ]);
    const answers = [toA, toB].sort((x, y) => x.status - y.status);
    expect(answers.map((x) => x.status)).toEqual([200, 201]);
    expect(JSON.parse(answers[0]!.body)).toEqual({ counted: false });
    expect(JSON.parse(answers[1]!.body)).toMatchObject({ counted: true });

    for (const v of [onA, onB]) {
      await expect.poll(() => v.updates.at(-1)?.stats.lastHour, { timeout: 5_000 }).toBe(1);
      expect(sawComment(v, report.comment)).toBe(true);
    }
    // The polling viewer's every request went to its own process (its session lives there).
    const sid = onB.socket.io.engine.id;
    const polls = lb.accessLog().filter((l) => l.includes(`sid=${sid}`));
    expect(polls.length).toBeGreaterThan(0);
    expect(new Set(polls.map((l) => l.match(/ upstream=(\S+) /)?.[1]))).toEqual(new Set([new URL(b.url).host]));
  });

  it('keeps serving when one process is killed (-9), and its viewers reconnect through nginx', async () => {
    const watchers = [
      await viewer(lb, via.a[0]!, 'websocket'),
      await viewer(lb, via.a[1]!, 'polling'),
      await viewer(lb, via.b[0]!, 'websocket'),
      await viewer(lb, via.b[1]!, 'polling'),
    ];
    viewers.push(...watchers);
    const [wsOnA, pollOnA, wsOnB, pollOnB] = watchers as [Viewer, Viewer, Viewer, Viewer];

    // Readers keep asking from addresses routed to each process, before, during and after the kill.
    let killedAt = 0;
    const stopAt = { t: Infinity };
    const answers: { from: 'a' | 'b'; path: string; at: number; status: number; ms: number; error?: string }[] = [];
    const reader = async (from: 'a' | 'b') => {
      for (let n = 0; Date.now() < stopAt.t; n++) {
        const path = n % 2 ? `/api/services/${SLUG}` : '/api/health';
        const at = Date.now();
        const t0 = performance.now();
        try {
          const r = await send(lb, via[from][0]!, 'GET', path, { timeoutMs: 3_000 });
          answers.push({ from, path, at, status: r.status, ms: r.ms });
        } catch (err) {
          answers.push({ from, path, at, status: 0, ms: performance.now() - t0, error: (err as Error).message });
        }
        await sleep(20);
      }
    };
    const readers = Promise.all([reader('a'), reader('b')]);
    await sleep(500);
    killedAt = Date.now();
    a.child.kill('SIGKILL');
    stopAt.t = killedAt + 5_000;

    // Its viewers notice, reconnect through nginx (to the survivor) and subscribe again.
    for (const v of [wsOnA, pollOnA]) {
      await expect.poll(() => v.subscribedAt.length, { timeout: 10_000, interval: 20 }).toBe(2);
    }
    await readers;

    const afterKill = answers.filter((x) => x.at >= killedAt);
    const failed = afterKill.filter((x) => x.status !== 200);
    const slowest = Math.max(...afterKill.map((x) => x.ms));
    // Requests nginx sent to the dead process first (in flight at the kill, or before it was marked failed).
    const retried = lb.accessLog().filter((l) => / upstream=\S+, /.test(l)).length;
    const reconnect = [wsOnA, pollOnA].map((v) => ({
      transport: v.transport,
      noticedMs: v.disconnectedAt[0]! - killedAt,
      resubscribedMs: v.subscribedAt[1]! - killedAt,
    }));
    console.log(
      `[load-balancer] kill -9 of one of two processes: ${afterKill.length} GETs through nginx in the next 5 s ` +
        `(${afterKill.filter((x) => x.from === 'a').length} from clients routed to the killed one), ` +
        `${failed.length} failed, slowest ${slowest.toFixed(0)} ms, ` +
        `${retried} requests answered by the survivor after a failed try on the dead one; ` +
        reconnect
          .map(
            (r) =>
              `${r.transport} viewer noticed after ${r.noticedMs} ms, subscribed again after ${r.resubscribedMs} ms`,
          )
          .join('; '),
    );
    expect(failed).toEqual([]);
    expect(afterKill.filter((x) => x.from === 'a').length).toBeGreaterThan(20);
    expect(slowest).toBeLessThan(2_000);
    for (const r of reconnect) expect(r.resubscribedMs).toBeLessThan(5_000);
    // The survivor's viewers never noticed.
    expect([wsOnB.disconnectedAt, pollOnB.disconnectedAt]).toEqual([[], []]);

    // A report after the kill, from a client routed to the dead process, is stored by the survivor
    // and reaches every viewer, the reconnected ones included.
    const comment = 'after the kill';
    const r = await send(lb, via.a[0]!, 'POST', `/api/services/${SLUG}/reports?after-kill`, {
      headers: as('after-the-kill'),
      json: { problem: 'errors', comment },
    });
    expect(r.status).toBe(201);
    expect(await upstreamOf(lb, '?after-kill ')).toBe(new URL(b.url).host);
    for (const v of watchers) await expect.poll(() => sawComment(v, comment), { timeout: 5_000 }).toBe(true);
  });

  it(
    'keeps the service list and pages for as long as the app says, so a surge of readers reaches the app ' +
      'once every two seconds',
    async () => {
      const path = `/api/services/${SLUG}?cache-check`;
      const answers = [];
      for (let i = 0; i < 20; i++)
        answers.push(await send(lb, via.a[0]!, 'GET', path, { headers: { 'accept-encoding': 'gzip' } }));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const fromApp = answers.filter((r) => r.headers['x-cache'] !== 'HIT');
      expect(fromApp.length).toBeLessThanOrEqual(2);
      expect(answers.at(-1)!.headers['x-cache']).toBe('HIT');
      // Reports are never cached.
      const report = await send(lb, via.a[0]!, 'POST', `/api/services/${SLUG}/reports`, {
        headers: as('cache-reporter'),
        json: { problem: 'login' },
      });
      expect(report.status).toBe(201);
      expect(report.headers['x-cache']).toBeUndefined();
    },
  );

  it("answers in the app's error shape when no process can take a request, and refuses oversized bodies", async () => {
    const nobody = await startNginx([`http://127.0.0.1:${await freePort()}`]);
    try {
      const r = await send(nobody, '127.0.0.1', 'GET', '/api/health');
      expect(r.status).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'unavailable' } });
      const big = await send(nobody, '127.0.0.1', 'POST', `/api/services/${SLUG}/reports`, {
        json: { problem: 'login', comment: 'x'.repeat(40_000) },
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toEqual({ error: { code: 'too_large', message: 'The request body is too large.' } });
    } finally {
      await nobody.stop();
    }
  });
});
