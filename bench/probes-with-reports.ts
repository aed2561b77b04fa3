// `npm run bench:probes`: how many probe runs per second one server process sustains while it
// also takes reports, and what the probes cost report ingestion (req/s and p99), against the
// real database. Each level starts a fresh server whose catalog file gives it N HTTP probes of
// a local target (bench/bare-http-server.ts, its own process) every 15 s; autocannon then loads
// POST /api/services/chatgpt/reports while the probes run.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { startProcess, stopProcess, SERVER_READY } from './child-process.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDatabase } from '../server/db/embedded-ferretdb.ts';
import { createLogger } from '../server/logger.ts';
import { seedServices } from '../server/catalog/seed-services.ts';
import { MAX_PROBES_PER_SERVICE } from '../shared/index.ts';
import { personBlock, personHeaders } from './loads.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LEVELS = (process.env.BENCH_PROBES ?? '0,750,1500,3000').split(',').map(Number);
const INTERVAL_S = 15;
const CONCURRENCY = process.env.PROBE_CONCURRENCY ?? '8';

const stop = stopProcess;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A catalog file: the built-in services without their internet probes, plus N probes of the local target. */
function catalogFile(dir: string, probes: number, targetUrl: string): string {
  const services: object[] = seedServices.map((s) => ({ slug: s.slug, probes: [], official: null }));
  for (let i = 0; i * MAX_PROBES_PER_SERVICE < probes; i++) {
    const n = Math.min(MAX_PROBES_PER_SERVICE, probes - i * MAX_PROBES_PER_SERVICE);
    services.push({
      slug: `bench-${i}`,
      name: `Bench ${i}`,
      homepage: 'https://bench.example.invalid',
      problems: [{ id: 'login', label: 'Login' }],
      probes: Array.from({ length: n }, (_, j) => ({
        kind: 'http',
        id: `p${j}`,
        name: `Probe ${j}`,
        url: `${targetUrl}p${i}-${j}`,
        intervalSeconds: INTERVAL_S,
        timeoutMs: 5_000,
      })),
    });
  }
  const file = path.join(dir, `catalog-${probes}.json`);
  writeFileSync(file, JSON.stringify({ services }));
  return file;
}

/** Probe runs stored so far: the sum of the per-minute run counts in the ring documents. */
async function storedRuns(conn: mongoose.Connection): Promise<number> {
  let total = 0;
  for (const doc of await conn
    .collection('probe_hours')
    .find({}, { projection: { n: 1 } })
    .toArray()) {
    for (const v of Object.values((doc.n ?? {}) as Record<string, number>)) total += v;
  }
  return total;
}

async function load(url: string): Promise<autocannon.Result> {
  let n = 0;
  const base = personBlock();
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/services/chatgpt/reports',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ problem: 'login' }),
        // Every request a different person on an address of its own: the full write path.
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...personHeaders(base + n++) } }),
      },
    ],
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'outage-radar-bench-probes-'));
const db = await startEmbeddedDatabase({ dataDir: dir, database: 'bench', log: createLogger('warn') });
const children: ChildProcess[] = [];
const rows: string[] = [];
try {
  const target = await startProcess(['--import', 'tsx', 'bench/bare-http-server.ts'], {}, /listening (http:\S+)/);
  children.push(target.child);
  console.log(
    `${cpus().length} cores shared by autocannon (${CONNECTIONS} connections, ${DURATION} s), the server, ` +
      `FerretDB and the probe target; probes every ${INTERVAL_S} s, PROBE_CONCURRENCY=${CONCURRENCY}\n`,
  );
  for (const probes of LEVELS) {
    const uri = db.uri.replace(/\/[^/?]*(\?|$)/, `/bench_probes_${probes}$1`);
    const app = await startProcess(
      ['--import', 'tsx', 'server/main.ts'],
      {
        MONGODB_URI: uri,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        SERVE_CLIENT: '0',
        CATALOG_FILE: catalogFile(dir, probes, `${target.url}/`),
        PROBE_ALLOW_PRIVATE: '1',
        PROBE_CONCURRENCY: CONCURRENCY,
      },
      SERVER_READY,
    );
    children.push(app.child);
    const conn = await mongoose.createConnection(uri).asPromise();
    try {
      // Detection has learnt every service once the baseline band appears; then let the probes' first spread pass.
      for (let i = 0; i < 600; i++) {
        const detail = (await (await fetch(`${app.url}/api/services/chatgpt`)).json()) as { baseline: unknown };
        if (detail.baseline) break;
        await sleep(500);
      }
      await sleep(INTERVAL_S * 1000 + 2_000);
      const before = await storedRuns(conn);
      const started = Date.now();
      const result = await load(app.url);
      const seconds = (Date.now() - started) / 1000;
      const runs = (await storedRuns(conn)) - before;
      const wanted = probes / INTERVAL_S;
      rows.push(
        `${String(probes).padStart(6)} probes  ${wanted.toFixed(0).padStart(4)} runs/s wanted  ` +
          `${(runs / seconds).toFixed(1).padStart(6)} runs/s stored   ` +
          `reports ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ` +
          `${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(5)} ms  ` +
          `non-2xx ${result.non2xx}  errors ${result.errors}`,
      );
      console.log(rows.at(-1));
    } finally {
      await conn.close();
      await stop(app.child);
    }
  }
  console.log(`\n${rows.join('\n')}`);
} finally {
  await Promise.all(children.map(stop));
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
