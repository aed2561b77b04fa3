// One load, in its own process: `node --import tsx bench/load-runner.ts '<LoadSpec JSON>'`.
// Prints `RESULT <LoadResult JSON>` as its last line. Started by runLoad (bench/loads.ts).
import autocannon from 'autocannon';
import net from 'node:net';
import { personHeaders, type LoadResult, type LoadSpec } from './loads.ts';

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const REPORT_BODY = JSON.stringify({ problem: 'login' });
/** Connections open during the first second or two; latencies after it show the steady state. */
const RAMP_MS = 2_000;

function request(): autocannon.Request {
  if (spec.kind === 'read') return { method: 'GET', path: spec.path, headers: { 'accept-encoding': 'gzip' } };
  const post: autocannon.Request = {
    method: 'POST',
    path: spec.path,
    headers: { 'content-type': 'application/json' },
    body: REPORT_BODY,
  };
  if (spec.kind === 'post') return post;
  let n = spec.personBase ?? 0;
  // Called once per request sent (also after a reconnect), so no two requests share a person.
  return { ...post, setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...personHeaders(n++) } }) };
}

if (spec.sourceAddresses) {
  // autocannon has no option for the local address; its client calls net.connect(port, host).
  const connect = net.connect.bind(net) as (opts: net.NetConnectOpts) => net.Socket;
  let next = 0;
  const patched = (port: number, host: string) =>
    connect({ port, host, localAddress: `127.0.0.${2 + (next++ % spec.sourceAddresses!)}` });
  (net as unknown as { connect: typeof patched }).connect = patched;
}

if (spec.startAt) await new Promise((r) => setTimeout(r, Math.max(0, spec.startAt! - Date.now())));

const status: Record<string, number> = {};
const socketErrors: Record<string, number> = {};
const withoutRetryAfter: Record<string, number> = {};
/** When each connection's outstanding request was sent: what is left at the stop is in flight. */
const sentAt = new Map<object, number>();
/** Latencies of requests sent after the ramp (the first RAMP_MS, while connections open). */
const afterRamp: number[] = [];
let responses = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();

const instance = autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSeconds ?? 10,
    requests: [request()],
    setupClient: (client) => {
      // 'request' is emitted by autocannon's client as each request leaves (not in its typings).
      (client as unknown as NodeJS.EventEmitter).on('request', () => sentAt.set(client, performance.now()));
      client.on('response', () => {
        const t = sentAt.get(client);
        sentAt.delete(client);
        if (t !== undefined && t - started >= RAMP_MS) afterRamp.push(performance.now() - t);
      });
      // "Shed load, never hang": a refusal must say when to come back. autocannon passes its
      // parser's view here (status and raw header list), not Node's header object.
      client.on('headers', (parsed) => {
        const h = parsed as unknown as { statusCode: number; headers: string[] };
        if (h.statusCode !== 429 && h.statusCode !== 503) return;
        if (!h.headers.some((v, i) => i % 2 === 0 && v.toLowerCase() === 'retry-after')) {
          withoutRetryAfter[h.statusCode] = (withoutRetryAfter[h.statusCode] ?? 0) + 1;
        }
      });
    },
  },
  () => undefined,
);
instance.on('response', (_client: unknown, statusCode: number) => {
  responses++;
  status[statusCode] = (status[statusCode] ?? 0) + 1;
});
instance.on('reqError', (err: NodeJS.ErrnoException) => {
  // Timeouts are counted by autocannon; every other error is a socket's.
  if (err.message === 'request timed out') return;
  const code = err.code ?? err.message;
  socketErrors[code] = (socketErrors[code] ?? 0) + 1;
});
const result = await new Promise<autocannon.Result>((resolve) => instance.once('done', resolve));
const stoppedAt = performance.now();
const cpu = process.cpuUsage(cpuBefore);
afterRamp.sort((a, b) => a - b);

const out: LoadResult = {
  seconds: result.duration,
  rps: responses / result.duration,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  p99AfterRamp: afterRamp.length ? Math.round(afterRamp[Math.floor(0.99 * (afterRamp.length - 1))]!) : NaN,
  status,
  timeouts: result.timeouts,
  socketErrors,
  withoutRetryAfter,
  inFlightAtStop: sentAt.size,
  oldestInFlightMs: Math.round(Math.max(0, ...[...sentAt.values()].map((t) => stoppedAt - t))),
  samples: [],
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
};
console.log(`RESULT ${JSON.stringify(out)}`);
process.exit(0);
