// Reports at a steady pace, in their own process: `node --import tsx bench/paced-sender.ts '<LoadSpec JSON>'`
// with `overallRate` set. Unlike autocannon's overallRate (each connection sends its share in a
// burst at the start of every second), requests leave every few milliseconds, as people's do;
// a request waits for a free connection when all `connections` are busy, so a slow server
// shows as a rate below the one asked for. Prints `RESULT <LoadResult JSON>` like load-runner.
import http from 'node:http';
import { personHeaders, type LoadResult, type LoadSpec } from './loads.ts';

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
const rate = spec.overallRate!;
const body = JSON.stringify({ problem: 'login' });
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
const target = new URL(spec.path, spec.url);

const status: Record<string, number> = {};
const socketErrors: Record<string, number> = {};
const withoutRetryAfter: Record<string, number> = {};
const latencies: number[] = [];
const samples: [number, number][] = [];
let created = 0;
let timeouts = 0;
/** Send times of the requests not answered yet, by request number. */
const pending = new Map<number, number>();
let serial = 0;
let person = spec.personBase ?? 0;

function sendOne(): void {
  const t0 = performance.now();
  const id = serial++;
  pending.set(id, t0);
  const read = spec.kind === 'read';
  const req = http.request(target, {
    method: read ? 'GET' : 'POST',
    agent: spec.freshConnections ? false : agent,
    timeout: (spec.timeoutSeconds ?? 10) * 1000,
    headers: read
      ? { 'accept-encoding': 'gzip' }
      : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...personHeaders(person++) },
  });
  req.once('timeout', () => {
    timeouts++;
    req.destroy(new Error('timeout'));
  });
  req.once('error', (err: NodeJS.ErrnoException) => {
    pending.delete(id);
    if (err.message === 'timeout') return;
    const code = err.code ?? err.message;
    socketErrors[code] = (socketErrors[code] ?? 0) + 1;
  });
  req.once('response', (res) => {
    res.resume();
    res.once('end', () => {
      pending.delete(id);
      const code = res.statusCode!;
      latencies.push(performance.now() - t0);
      status[code] = (status[code] ?? 0) + 1;
      if ((code === 429 || code === 503) && !res.headers['retry-after'])
        withoutRetryAfter[code] = (withoutRetryAfter[code] ?? 0) + 1;
      if (code === 201 && ++created % (spec.sampleEvery ?? Infinity) === 0) samples.push([Date.now(), created]);
    });
  });
  req.end(read ? undefined : body);
}

if (spec.startAt) await new Promise((r) => setTimeout(r, Math.max(0, spec.startAt! - Date.now())));
const cpuBefore = process.cpuUsage();
const started = performance.now();
let sent = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed >= spec.seconds) {
      clearInterval(timer);
      resolve();
      return;
    }
    const due = Math.floor(elapsed * rate);
    while (sent < due) {
      sendOne();
      sent++;
    }
  }, 2);
});
const seconds = (performance.now() - started) / 1000;
// What is still unanswered after a grace second counts as in flight at the stop, as with autocannon.
await new Promise((r) => setTimeout(r, 1_000));
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies.length
    ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!)
    : NaN;
const out: LoadResult = {
  seconds,
  rps: latencies.length / seconds,
  p50: pct(50),
  p90: pct(90),
  p99: pct(99),
  max: latencies.length ? Math.round(latencies.at(-1)!) : NaN,
  status,
  timeouts,
  socketErrors,
  withoutRetryAfter,
  inFlightAtStop: pending.size,
  oldestInFlightMs: Math.round(Math.max(0, ...[...pending.values()].map((t) => performance.now() - t))),
  samples,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
};
console.log(`RESULT ${JSON.stringify(out)}`);
process.exit(0);
