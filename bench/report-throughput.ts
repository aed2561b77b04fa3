// `npm run bench`: report POSTs per second and latency at saturation against the real database,
// next to a bare Node http server answering a no-op POST on the same machine.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { startProcess, SERVER_READY } from './child-process.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDatabase } from '../server/db/embedded-ferretdb.ts';
import { createLogger } from '../server/logger.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);


async function load(url: string, pathName: string): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: pathName,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ problem: 'login' }),
        // Every request is a different person: the full write path, never the cheap "repeat" answer.
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'user-agent': `bench-${process.pid}-${n++}` } }),
      },
    ],
  });
}

const row = (name: string, r: autocannon.Result) =>
  `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   2xx ${r['2xx']}   non-2xx ${r.non2xx}   errors ${r.errors}`;

const dataDir = mkdtempSync(path.join(tmpdir(), 'outage-radar-bench-'));
const db = await startEmbeddedDatabase({ dataDir, database: 'bench', log: createLogger('warn') });
const children: ChildProcess[] = [];
try {
  const bare = await startProcess(['bench/bare-http-server.ts'].flatMap((f) => ['--import', 'tsx', f]), {}, /listening (http:\S+)/);
  children.push(bare.child);
  const app = await startProcess([...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'server/main.ts'], {
    MONGODB_URI: db.uri, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', SERVE_CLIENT: '0',
  }, SERVER_READY);
  children.push(app.child);

  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s each, on ${(await import('node:os')).cpus().length} cores shared by load generator, server and database\n`);
  await load(bare.url, '/').catch(() => undefined); // warm up
  const bareResult = await load(bare.url, '/');
  const appResult = await load(app.url, '/api/services/chatgpt/reports');
  console.log(row('bare node:http no-op POST', bareResult));
  console.log(row('POST /api/services/:slug/reports', appResult));
  console.log(`\nratio (reports / bare): ${(appResult.requests.average / bareResult.requests.average).toFixed(3)}`);

  // Acknowledged means stored: every 201 must be a report in the database. autocannon stops
  // counting with requests still in flight, so let those land first.
  await new Promise((r) => setTimeout(r, 1_500));
  const conn = await mongoose.createConnection(db.uri).asPromise();
  const stored = (await conn.collection('reports').find({}, { projection: { _id: 1 } }).toArray()).length;
  const buckets = await conn.collection("buckets").find().toArray();
  const bucketTotal = buckets.reduce((n, b) => n + (b.total as number), 0);
  if (process.env.BENCH_DEBUG) {
    const perMinute = new Map<number, number>();
    for (const r of await conn.collection('reports').find().toArray()) {
      const m = Math.floor((r.createdAt as Date).getTime() / 60_000) * 60_000;
      perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
    }
    console.log(buckets.map((b) => [b._id, b.total]), [...perMinute]);
  }
  await conn.close();
  console.log(`stored reports ${stored}, per-minute bucket total ${bucketTotal}, 201 answers counted by autocannon ${appResult['2xx']} (plus those in flight at the end)`);
} finally {
  children.forEach((c) => c.kill('SIGTERM'));
  await new Promise((r) => setTimeout(r, 500));
  await db.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
