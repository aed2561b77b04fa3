// `npm run bench`: the outage-day paths, each beside a bare Node server doing the least it can for
// the same request, measured in the same run (this 2-core machine is shared and noisy, so only
// ratios compare across runs):
//   - status read: GET /api/services/chatgpt with gzip, vs a bare server sending the app's own bytes;
//   - report ingestion at 64 and 256 connections, vs a bare no-op POST, and in documents stored
//     per second (201s a second × documents per report) vs the database's own insertMany of the
//     same documents;
//   - 2,048 concurrent reporters while reads are measured meanwhile, over kept-alive connections
//     and from new visitors (a new connection each).
// Every report is a new person on a new address, so every one takes the full write path.
// BENCH_SECONDS (default 8) per run, BENCH_STORM_SECONDS (default 10) for the 2,048 reporters, whose
// requests count as timed out after BENCH_STORM_TIMEOUT (default 10) seconds unanswered.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import mongoose from 'mongoose';
import { cpuSeconds, rssBytes, startProcess, LogTally } from './child-process.ts';
import { startBenchApp, startBenchWorld } from './bench-world.ts';
import { personBlock, runLoad, socketErrorCount, statusOtherThan, type LoadResult, type LoadSpec } from './loads.ts';
import { countedTotal, insertManyRate, REPORT_COLLECTIONS, settledCounts } from './db-insert-rate.ts';
import {
  errorsCell,
  fdLimit,
  int,
  machineJiffies,
  machineLine,
  ms,
  ratio,
  table,
  tcpCounters,
  verdict,
} from './table.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const STORM_SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 10);
const STORM_TIMEOUT = Number(process.env.BENCH_STORM_TIMEOUT ?? 10);
const READ_CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 64);
const STORM = 2_048;
const STORM_READERS = 16;
const VISITOR_RATE = 20;
const READ_PATH = '/api/services/chatgpt';
const REPORT_PATH = '/api/services/chatgpt/reports';

/** The bytes and headers the app answers a gzip status read with, as a client receives them. */
function rawGet(url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            // Per-connection and per-message framing is the bare server's own to set.
            if (
              ['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k) ||
              v === undefined
            )
              continue;
            headers[k] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ body: Buffer.concat(chunks), headers });
        });
      })
      .on('error', reject);
  });
}

console.log(machineLine());
if (fdLimit() < STORM + 1_000) {
  console.log(
    `\n!! open files limit ${fdLimit()} is below what ${STORM} sockets on both ends need; raise it (ulimit ` +
      '-n 8192) and run again.',
  );
}

const world = await startBenchWorld('bench');
const tally = new LogTally();
const checks: string[][] = [];
const cpuRows: string[][] = [];
try {
  const app = await startBenchApp(world, tally);
  const conn = await mongoose.createConnection(world.db.uri).asPromise();

  // The bare reference sends exactly what the app sends for a status read.
  const sample = await rawGet(`${app.url}${READ_PATH}`);
  if (sample.headers['content-encoding'] !== 'gzip')
    console.log(
      `!! the app did not gzip ${READ_PATH} (content-encoding: ${sample.headers['content-encoding'] ?? 'none'})`,
    );
  const bodyFile = path.join(world.dir, 'status-read.gz');
  writeFileSync(bodyFile, sample.body);
  const bare = await startProcess(
    ['--import', 'tsx', 'bench/bare-http-server.ts'],
    { BARE_GET_BODY_FILE: bodyFile, BARE_GET_HEADERS: JSON.stringify(sample.headers) },
    /listening (http:\S+)/,
  );
  world.track(bare.child);
  const appPid = app.child.pid!;
  const barePid = bare.child.pid!;
  const dbPids = world.ferretdbPids();
  console.log(
    `status read: ${int(sample.body.length)} bytes gzip (${sample.headers['content-type'] ?? '?'}), ` +
      `${Object.keys(sample.headers).length} headers, served again by the bare server`,
  );
  console.log(
    `each run ${SECONDS} s; every load runs in its own Node process (autocannon); app RSS at start ` +
      `${int(rssBytes(appPid) / 2 ** 20)} MiB\n`,
  );

  /** Runs a load and notes where the CPU went meanwhile. */
  async function measured(label: string, spec: LoadSpec): Promise<LoadResult> {
    const before = {
      app: cpuSeconds(appPid),
      db: world.cpu(dbPids),
      bare: cpuSeconds(barePid),
      machine: machineJiffies(),
    };
    const r = await runLoad(spec);
    const machine = machineJiffies();
    const used = {
      app: cpuSeconds(appPid) - before.app,
      db: world.cpu(dbPids) - before.db,
      bare: cpuSeconds(barePid) - before.bare,
    };
    const busy = (100 * (machine.busy - before.machine.busy)) / (machine.total - before.machine.total);
    cpuRows.push([
      label,
      `${r.seconds.toFixed(1)} s`,
      `${r.cpuSeconds.toFixed(1)} s`,
      `${used.app.toFixed(1)} s`,
      `${used.db.toFixed(1)} s`,
      `${used.bare.toFixed(1)} s`,
      `${(r.seconds * 2).toFixed(0)} s`,
      `${busy.toFixed(0)}%`,
    ]);
    return r;
  }
  const load = (
    url: string,
    kind: LoadSpec['kind'],
    pathName: string,
    connections: number,
    extra: Partial<LoadSpec> = {},
  ): LoadSpec => ({
    url,
    kind,
    path: pathName,
    connections,
    seconds: SECONDS,
    ...(kind === 'report' ? { personBase: personBlock() } : {}),
    ...extra,
  });

  /** Documents in the report collections before a run, and "acknowledged means stored" after it. */
  async function reportRun(label: string, spec: LoadSpec, counted?: Record<string, number>) {
    const before = counted ?? (await settledCounts(conn, 500));
    const r = await measured(label, spec);
    const after = await settledCounts(conn);
    const delta = Object.fromEntries(REPORT_COLLECTIONS.map((c) => [c, after[c]! - before[c]!]));
    const stored = delta.reports!;
    const acked = r.status[201] ?? 0;
    const unanswered = r.inFlightAtStop + r.timeouts + socketErrorCount(r);
    const ok = stored >= acked && stored - acked <= unanswered;
    checks.push([
      label,
      int(acked),
      int(r.status[200] ?? 0),
      int(stored),
      int(stored - acked),
      int(unanswered),
      ok ? 'yes ✓' : 'NO ✗',
    ]);
    const docsPerReport = stored > 0 ? Object.values(delta).reduce((a, b) => a + b, 0) / stored : NaN;
    // Acknowledged reports only: those still in flight at the stop landed after the clock stopped.
    return { r, delta, docsPerSecond: (acked / r.seconds) * docsPerReport, docsPerReport };
  }

  // Warm-up: JIT, connection pools, the first minute's counter documents.
  await Promise.all([
    runLoad({ ...load(app.url, 'read', READ_PATH, 16), seconds: 2 }),
    runLoad({ ...load(bare.url, 'read', READ_PATH, 16), seconds: 2 }),
  ]);
  await runLoad({ ...load(app.url, 'report', REPORT_PATH, 64), seconds: 2 });
  await runLoad({ ...load(bare.url, 'report', REPORT_PATH, 64), seconds: 2 });

  const rows: string[][] = [];
  const row = (
    pathName: string,
    c: number,
    r: LoadResult,
    ok: number[],
    ref: number | undefined,
    target: string,
    pass: boolean,
  ) => [
    pathName,
    int(c),
    int(r.rps),
    ms(r.p50),
    ms(r.p99),
    errorsCell(r, ok),
    ref === undefined ? '–' : int(ref),
    ref === undefined ? '–' : ratio(r.rps, ref),
    verdict(pass, target),
  ];

  // The bare server gets byte for byte the requests the app gets (same paths, headers, a new
  // person each), so the load generator does the same work on both sides of a ratio.
  // Status read.
  const bareRead = await measured('bare GET (same bytes)', load(bare.url, 'read', READ_PATH, READ_CONNECTIONS));
  const appRead = await measured(`GET ${READ_PATH}`, load(app.url, 'read', READ_PATH, READ_CONNECTIONS));
  rows.push(
    row(
      `GET ${READ_PATH} (gzip)`,
      READ_CONNECTIONS,
      appRead,
      [200],
      bareRead.rps,
      '≥ 0.5',
      appRead.rps >= 0.5 * bareRead.rps,
    ),
  );

  // Report ingestion at 64 and 256.
  const ingestion: { c: number; docsPerSecond: number; docsPerReport: number; delta: Record<string, number> }[] = [];
  for (const c of [64, 256]) {
    const bareOne = await measured(`bare no-op POST ×${c}`, load(bare.url, 'report', REPORT_PATH, c));
    const run = await reportRun(`POST reports ×${c}`, load(app.url, 'report', REPORT_PATH, c));
    rows.push(row(`POST ${REPORT_PATH}`, c, run.r, [201], bareOne.rps, '≥ 0.3', run.r.rps >= 0.3 * bareOne.rps));
    ingestion.push({ c, ...run });
  }

  // The database's own insertMany, for the mix of documents the app wrote per report.
  const all = ingestion.reduce<Record<string, number>>((acc, i) => {
    for (const [k, v] of Object.entries(i.delta)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {});
  const mix = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v / all.reports!]));
  const dbBefore = world.cpu(dbPids);
  const machineBefore = machineJiffies();
  const raw = await insertManyRate({ appUri: world.db.uri, rawUri: world.uriOf('bench_raw'), mix, seconds: SECONDS });
  const machineAfter = machineJiffies();
  // The same at the batch size the app writes under load (server/reports/report-intake.ts: a
  // second batch starts once 64 wait, two in flight): what the database does per round trip.
  const rawSmall = await insertManyRate({
    appUri: world.db.uri,
    rawUri: world.uriOf('bench_raw_small'),
    mix,
    seconds: SECONDS,
    batchReports: 64,
    inFlight: 2,
  });
  cpuRows.push([
    'insertMany (database alone)',
    `${raw.seconds.toFixed(1)} s`,
    '(this process)',
    '–',
    `${(world.cpu(dbPids) - dbBefore).toFixed(1)} s`,
    '–',
    `${(raw.seconds * 2).toFixed(0)} s`,
    `${((100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total)).toFixed(0)}%`,
  ]);
  for (const [what, reference] of [
    [`batches of ${rawSmall.batchReports}, ${rawSmall.inFlight} in flight`, rawSmall],
    [`batches of ${raw.batchReports}, ${raw.inFlight} in flight`, raw],
  ] as const) {
    for (const i of ingestion) {
      rows.push([
        `  documents stored/s at ${i.c} (${i.docsPerReport.toFixed(2)} per report) vs insertMany, ${what}`,
        int(i.c),
        `${int(i.docsPerSecond)} docs/s`,
        '',
        '',
        '',
        `${int(reference.docsPerSecond)} docs/s`,
        ratio(i.docsPerSecond, reference.docsPerSecond),
        verdict(i.docsPerSecond >= 0.5 * reference.docsPerSecond, '≥ 0.5 of insertMany'),
      ]);
    }
  }

  // 2,048 reporters at once; reads measured meanwhile from other load processes: visitors already
  // connected (keep-alive, connected a second before the storm) and new visitors (a new connection
  // for each read, VISITOR_RATE a second).
  const stormSpec = { seconds: STORM_SECONDS, timeoutSeconds: STORM_TIMEOUT };
  const bareStorm = await measured(
    `bare no-op POST ×${STORM}`,
    load(bare.url, 'report', REPORT_PATH, STORM, stormSpec),
  );
  const countedBefore = await settledCounts(conn, 500);
  const startAt = Date.now() + 2_500; // every runner up before any starts
  const readsDuring = runLoad({
    ...load(app.url, 'read', READ_PATH, STORM_READERS, stormSpec),
    startAt: startAt - 1_000,
  });
  const visitsDuring = runLoad({
    ...load(app.url, 'read', READ_PATH, 1, stormSpec),
    overallRate: VISITOR_RATE,
    freshConnections: true,
    startAt: startAt + 500,
    seconds: STORM_SECONDS - 1,
  });
  const tcpBefore = tcpCounters();
  const storm = await reportRun(
    `POST reports ×${STORM}`,
    load(app.url, 'report', REPORT_PATH, STORM, { ...stormSpec, startAt }),
    countedBefore,
  );
  const tcpAfter = tcpCounters();
  const reads = await readsDuring;
  const visits = await visitsDuring;
  const stormOk =
    storm.r.timeouts === 0 &&
    socketErrorCount(storm.r) === 0 &&
    storm.r.p99 <= 2_000 &&
    statusOtherThan(storm.r, 201, 200, 503) === 0 &&
    !storm.r.withoutRetryAfter[503];
  const readOk = (r: LoadResult) =>
    r.rps > 0 &&
    r.p99 < 100 &&
    r.timeouts === 0 &&
    socketErrorCount(r) === 0 &&
    r.inFlightAtStop <= STORM_READERS &&
    r.oldestInFlightMs < 1_000;
  rows.push(row(`POST ${REPORT_PATH}`, STORM, storm.r, [201], bareStorm.rps, 'no timeouts/resets, p99 ≤ 2 s', stormOk));
  rows.push(
    row(
      `  GET ${READ_PATH} meanwhile, kept-alive`,
      STORM_READERS,
      reads,
      [200],
      undefined,
      'p99 < 100 ms',
      readOk(reads),
    ),
  );
  rows.push(
    row(
      `  GET ${READ_PATH} meanwhile, new connection each`,
      VISITOR_RATE,
      visits,
      [200],
      undefined,
      'p99 < 100 ms',
      readOk(visits),
    ),
  );
  rows.at(-1)![1] = `${VISITOR_RATE}/s`;

  console.log(
    table(
      [
        'path',
        'concurrency',
        'req/s',
        'p50',
        'p99',
        'errors (by status / timeouts / resets)',
        'bare reference req/s',
        'ratio',
        'target',
      ],
      rows,
    ),
  );

  console.log(`\nAcknowledged means stored: 201 answers vs reports in the database once in-flight writes landed`);
  console.log(
    table(
      [
        'run',
        '201',
        '200',
        'reports stored',
        'stored − 201',
        'in flight at stop + timeouts + socket errors',
        'consistent',
      ],
      checks,
    ),
  );
  const storedTotal = await conn.collection('reports').countDocuments({});
  const counted = await countedTotal(conn);
  console.log(
    `all runs: ${int(storedTotal)} reports stored, per-minute counters add up to ${int(counted)} ` +
      `${storedTotal === counted ? '✓' : '✗'}`,
  );
  console.log(
    ...[rawSmall, raw].map(
      (r) =>
        `insertMany alone: ${int(r.docs)} documents in ${r.seconds.toFixed(1)} s, batches of ${r.batchReports} \
reports' documents (${Object.entries(r.mix)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${v.toFixed(2)} ${k}`)
          .join(' + ')} per report), ${r.inFlight} batches in flight, into a fresh database with the same indexes`,
    ),
  );
  const refusals = Object.entries(storm.r.withoutRetryAfter);
  if (refusals.length > 0)
    console.log(`!! refusals without Retry-After in the storm: ${refusals.map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  console.log(
    `storm (${STORM_SECONDS} s, timeout ${STORM_TIMEOUT} s): p99 ${ms(storm.r.p99AfterRamp ?? NaN)} for ` +
      `requests sent after the first 2 s (connections opening), slowest answer ${ms(storm.r.max)}; ` +
      `${int(storm.r.inFlightAtStop)} in flight when the load stopped, the oldest sent ` +
      `${ms(storm.r.oldestInFlightMs)} before; ` +
      `kernel meanwhile (whole machine): ${int(tcpAfter.listenOverflows - tcpBefore.listenOverflows)} ` +
      `listen-queue overflows, ${int(tcpAfter.synRetrans - tcpBefore.synRetrans)} SYNs re-sent`,
  );
  for (const [what, r] of [
    [`reads during the storm, ${STORM_READERS} kept-alive connections`, reads],
    [`new visitors during the storm, ${VISITOR_RATE}/s`, visits],
  ] as const) {
    console.log(
      `${what}: ${int(r.rps)} answers/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, max ${ms(r.max)}, ` +
        `${int(r.timeouts)} timeouts; ` +
        `${int(r.inFlightAtStop)} unanswered at the stop, the oldest waiting ${ms(r.oldestInFlightMs)}`,
    );
  }
  console.log(`app RSS after the runs: ${int(rssBytes(appPid) / 2 ** 20)} MiB`);

  console.log(`\nWhere the CPU went (2 cores: at most 2 CPU-seconds per second of wall time)`);
  console.log(
    table(
      [
        'run',
        'load time',
        'load generator',
        'app',
        'FerretDB',
        'bare server',
        '2 cores × load time',
        'machine busy (all processes)',
      ],
      cpuRows,
    ),
  );
  console.log(`\nWhat the app logged at warn or above (warm-ups included):\n${tally.summary()}`);
  await conn.close();
} finally {
  await world.stop();
}
