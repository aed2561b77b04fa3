// `npm run bench:live`: one app process on the embedded FerretDB, BENCH_VIEWERS (10,000) socket.io
// viewers of chatgpt's page opened from BENCH_VIEWER_PROCESSES (2) client processes, while
// BENCH_REPORT_RATE (1,000) reports a second arrive for BENCH_LIVE_SECONDS (20), each from a new
// person on a new address. Prints:
//  - how long after a report's 201 every viewer's screen showed a count that includes it (a
//    `service:update` whose stats.lastHour reached the 201s acknowledged by then): p50/p99/max
//    over viewers × sampled reports, and any viewer that never saw it;
//  - the app's resident memory before and after the viewers connected, per viewer.
import { fork, type ChildProcess } from 'node:child_process';
import mongoose from 'mongoose';
import { cpuSeconds, rssBytes, LogTally } from './child-process.ts';
import { startBenchApp, startBenchWorld } from './bench-world.ts';
import { personBlock, runLoad } from './loads.ts';
import { HISTOGRAM_MS, type ParentMessage, type ViewerMessage, type ViewerOptions } from './live-protocol.ts';
import { errorsCell, fdLimit, int, machineLine, ms, table, verdict } from './table.ts';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_VIEWER_PROCESSES ?? 2);
const RATE = Number(process.env.BENCH_REPORT_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const SLUG = 'chatgpt';
const REPORT_PATH = `/api/services/${SLUG}/reports`;
/** Reports sampled: about 40 a second. */
const SAMPLE_EVERY = Math.max(1, Math.round(RATE / 40));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => `${int(bytes / 2 ** 20)} MiB`;

interface ViewerProcess {
  child: ChildProcess;
  ready: Promise<Extract<ViewerMessage, { type: 'ready' }>>;
  latencies(base: number, samples: [number, number][]): Promise<Extract<ViewerMessage, { type: 'latencies' }>>;
}

function startViewers(options: ViewerOptions): ViewerProcess {
  const child = fork('bench/live-viewer-client.ts', [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ViewerMessage['type']>(type: T) =>
    new Promise<Extract<ViewerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ViewerMessage) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<ViewerMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`viewer process exited ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    child,
    ready: next('ready'),
    latencies: (base, samples) => {
      const answer = next('latencies');
      child.send({ type: 'samples', base, samples } satisfies ParentMessage);
      return answer;
    },
  };
}

function percentile(histogram: number[], total: number, p: number): number {
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return i;
  }
  return NaN;
}

console.log(machineLine());
const perProcess = Math.ceil(VIEWERS / PROCESSES);
if (fdLimit() < perProcess + 1_000 || fdLimit() < VIEWERS + 1_000) {
  console.log(
    `\n!! open files limit ${fdLimit()} is too low for ${VIEWERS} sockets in the app (and ${perProcess} ` +
      `per viewer process); raise it (ulimit -n ${VIEWERS + 2_000}).`,
  );
}

const world = await startBenchWorld('bench-live');
const tally = new LogTally();
const viewerProcesses: ViewerProcess[] = [];
try {
  const app = await startBenchApp(world, tally);
  const pid = app.child.pid!;
  const conn = await mongoose.createConnection(world.db.uri).asPromise();
  const lastHour = async () =>
    ((await (await fetch(`${app.url}/api/services/${SLUG}`)).json()) as { stats: { lastHour: number } }).stats.lastHour;

  // Warm the write path and the update builder before anything is measured.
  await runLoad({
    url: app.url,
    kind: 'report',
    path: REPORT_PATH,
    connections: 64,
    seconds: 3,
    overallRate: 200,
    personBase: personBlock(),
  });
  await sleep(2_000);
  const rssBefore = rssBytes(pid);

  const connectStarted = performance.now();
  for (let i = 0; i < PROCESSES; i++) {
    const count = Math.min(perProcess, VIEWERS - i * perProcess);
    viewerProcesses.push(startViewers({ url: app.url, slug: SLUG, count, parallel: 50 }));
  }
  const ready = await Promise.all(viewerProcesses.map((v) => v.ready));
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const connected = ready.reduce((n, r) => n + r.connected, 0);
  const failed = ready.reduce((n, r) => n + r.failed, 0);
  const connectErrors = ready.flatMap((r) => Object.entries(r.errors).map(([e, n]) => `${n} × ${e}`));
  await sleep(3_000);
  const rssViewers = rssBytes(pid);

  const base = await lastHour();
  const appCpu0 = cpuSeconds(pid);
  const dbCpu0 = world.cpu(world.ferretdbPids());
  const load = await runLoad({
    url: app.url,
    kind: 'report',
    path: REPORT_PATH,
    connections: 256,
    seconds: SECONDS,
    overallRate: RATE,
    personBase: personBlock(),
    sampleEvery: SAMPLE_EVERY,
    timeoutSeconds: 10,
  });
  const appCpu = cpuSeconds(pid) - appCpu0;
  const dbCpu = world.cpu(world.ferretdbPids()) - dbCpu0;
  const rssLoaded = rssBytes(pid);
  // The last reports' update goes out within a tick (1 s) of being stored.
  await sleep(3_000);
  const results = await Promise.all(viewerProcesses.map((v) => v.latencies(base, load.samples)));
  const histogram = new Array<number>(HISTOGRAM_MS + 1).fill(0);
  for (const r of results) r.histogram.forEach((n, i) => (histogram[i]! += n));
  const measuredPairs = histogram.reduce((a, b) => a + b, 0);
  const missing = results.reduce((n, r) => n + r.missing, 0);
  const early = results.reduce((n, r) => n + r.early, 0);
  const disconnects = results.reduce((n, r) => n + r.disconnects, 0);
  const p50 = percentile(histogram, measuredPairs, 50);
  const p99 = percentile(histogram, measuredPairs, 99);
  const max = percentile(histogram, measuredPairs, 100);
  const rssAfter = rssBytes(pid);
  // Fan-out: from the first viewer to the last getting the same update, over both processes.
  const spans = new Map<number, { first: number; last: number; viewers: number }>();
  for (const r of results) {
    for (const [count, first, last, viewers] of r.arrivals) {
      const s = spans.get(count);
      if (s) {
        s.first = Math.min(s.first, first);
        s.last = Math.max(s.last, last);
        s.viewers += viewers;
      } else spans.set(count, { first, last, viewers });
    }
  }
  const spread = [...spans.values()]
    .filter((s) => s.viewers >= connected * 0.99)
    .map((s) => s.last - s.first)
    .sort((a, b) => a - b);
  const spreadAt = (p: number) => spread[Math.min(spread.length - 1, Math.floor((p / 100) * spread.length))] ?? NaN;
  const stored = await conn.collection('reports').countDocuments({});
  await conn.close();

  console.log(
    `\n${int(connected)} viewers connected and subscribed in ${connectSeconds.toFixed(1)} s from ` +
      `${PROCESSES} processes` +
      `${failed ? `; ${int(failed)} failed (${connectErrors.join(', ')})` : ''}; reports paced at ` +
      `${int(RATE)}/s for ${SECONDS} s over up to 256 keep-alive connections, every one a new person\n`,
  );
  console.log(
    table(
      ['measure', 'value', 'target'],
      [
        [
          'reports answered per second',
          `${int(load.rps)} (201: ${int(load.status[201] ?? 0)})`,
          verdict(load.rps >= 0.95 * RATE, `≈ ${int(RATE)}/s`),
        ],
        ['report p50 / p99 (201 to the sender)', `${ms(load.p50)} / ${ms(load.p99)}`, ''],
        ['report errors', errorsCell(load, [201]), ''],
        [
          `201 → every screen, p50 (${int(measuredPairs)} viewer × report pairs, ` +
            `${int(load.samples.length)} reports sampled)`,
          ms(p50),
          '',
        ],
        ['201 → every screen, p99', ms(p99), verdict(p99 < 1_000, '< 1 s')],
        ['201 → every screen, max', ms(max), ''],
        ['viewer × report pairs never shown', int(missing), verdict(missing === 0, '0')],
        ['viewers disconnected during the run', int(disconnects), verdict(disconnects === 0, '0')],
        ['app RSS before viewers', mib(rssBefore), ''],
        [`app RSS with ${int(connected)} viewers (idle)`, mib(rssViewers), ''],
        ['memory per viewer', `${((rssViewers - rssBefore) / Math.max(1, connected) / 1024).toFixed(1)} KiB`, ''],
        ['app RSS at the end of the report load', mib(rssLoaded), ''],
        ['app RSS 3 s later', mib(rssAfter), ''],
        [
          `one update from the first viewer to the last, p50 / max (${int(spread.length)} updates)`,
          `${ms(spreadAt(50))} / ${ms(spread.at(-1) ?? NaN)}`,
          '',
        ],
      ],
    ),
  );
  console.log(
    `\nupdates received per viewer: ${results.map((r) => r.updatesPerViewer.toFixed(1)).join(' / ')} (at ` +
      `most two a second over ${SECONDS + 3} s), ` +
      `${int(results[0]?.updateBytes ?? NaN)} bytes of JSON each; ` +
      `${int(early)} pairs showed the count before the 201 reached the sender (counted as 0 ms)`,
  );
  console.log(`reports stored in all: ${int(stored)}; sender in flight at stop ${int(load.inFlightAtStop)}`);
  console.log(
    `CPU during the report load (${load.seconds.toFixed(1)} s, 2 cores): app ${appCpu.toFixed(1)} s, ` +
      `FerretDB ${dbCpu.toFixed(1)} s, sender ${load.cpuSeconds.toFixed(1)} s, ` +
      `viewer processes ${results.map((r) => `${r.cpuSeconds.toFixed(1)} s`).join(' + ')} (since they ` +
      'started, connecting included)',
  );
  console.log(`\nWhat the app logged at warn or above (warm-up included):\n${tally.summary()}`);
} finally {
  viewerProcesses.forEach((v) => v.child.connected && v.child.send({ type: 'close' } satisfies ParentMessage));
  await Promise.all(
    viewerProcesses.map(
      (v) =>
        new Promise<void>((r) =>
          v.child.exitCode !== null ? r() : (v.child.once('exit', () => r()), setTimeout(() => v.child.kill(), 5_000)),
        ),
    ),
  );
  await world.stop();
}
