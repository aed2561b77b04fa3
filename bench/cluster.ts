// `npm run bench:cluster`: two app processes behind nginx (deploy/nginx.conf, run by Debian's nginx
// through test/helpers/nginx.ts) sharing one FerretDB and one Redis, against one process behind
// the same nginx, with the same loads: report POSTs (every one a new person) and status reads.
// nginx routes by the client's address, so each load connects from BENCH_SOURCES (64) loopback
// addresses in turn. BENCH_SECONDS (8) per run; BENCH_CONNECTIONS (256) for reports, 64 for reads.
import mongoose from 'mongoose';
import { startRedis } from '../test/helpers/redis.ts';
import { startNginx, type RunningNginx } from '../test/helpers/nginx.ts';
import { cpuSeconds, LogTally } from './child-process.ts';
import { startBenchApp, startBenchWorld } from './bench-world.ts';
import { personBlock, runLoad, socketErrorCount, type LoadResult, type LoadSpec } from './loads.ts';
import { settledCounts } from './db-insert-rate.ts';
import { errorsCell, int, machineLine, ms, ratio, table } from './table.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const REPORT_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 256);
const READ_CONNECTIONS = 64;
const SOURCES = Number(process.env.BENCH_SOURCES ?? 64);
const READ_PATH = '/api/services/chatgpt';
const REPORT_PATH = '/api/services/chatgpt/reports';

console.log(machineLine());
const world = await startBenchWorld('bench-cluster');
const redis = await startRedis();
const tally = new LogTally();
const nginxes: RunningNginx[] = [];
try {
  const conn = await mongoose.createConnection(world.db.uri).asPromise();
  const env = { REDIS_URL: redis.url };
  const first = await startBenchApp(world, tally, env);

  /** Which upstream answered, from nginx's access log lines since `from`. */
  const shares = (lb: RunningNginx, from: number) => {
    const by = new Map<string, number>();
    for (const line of lb.accessLog().slice(from)) {
      const up = / upstream=(\S+?),? /.exec(line)?.[1] ?? '?';
      by.set(up, (by.get(up) ?? 0) + 1);
    }
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    return [...by].map(([u, n]) => `${u.replace('127.0.0.1:', ':')} ${((100 * n) / total).toFixed(0)}%`).join(', ');
  };

  async function measure(label: string, lb: RunningNginx, pids: number[]) {
    const spec = (kind: LoadSpec['kind'], path: string, connections: number): LoadSpec => ({
      url: lb.url,
      kind,
      path,
      connections,
      seconds: SECONDS,
      sourceAddresses: SOURCES,
      ...(kind === 'report' ? { personBase: personBlock() } : {}),
    });
    // Warm-up: JIT, keep-alive connections from nginx, the first counter documents.
    await runLoad({ ...spec('report', REPORT_PATH, 64), seconds: 2 });
    await runLoad({ ...spec('read', READ_PATH, 16), seconds: 2 });
    const out: { what: string; connections: number; r: LoadResult; cpu: number; split: string; stored?: string }[] = [];
    for (const [what, s] of [
      [`POST ${REPORT_PATH}`, spec('report', REPORT_PATH, REPORT_CONNECTIONS)],
      [`GET ${READ_PATH} (gzip)`, spec('read', READ_PATH, READ_CONNECTIONS)],
    ] as const) {
      const before = await settledCounts(conn, 500);
      const logFrom = lb.accessLog().length;
      const cpu0 = pids.reduce((n, p) => n + cpuSeconds(p), 0);
      const r = await runLoad(s);
      const cpu = pids.reduce((n, p) => n + cpuSeconds(p), 0) - cpu0;
      const after = await settledCounts(conn);
      const stored = after.reports! - before.reports!;
      const acked = r.status[201] ?? 0;
      const unanswered = r.inFlightAtStop + r.timeouts + socketErrorCount(r);
      out.push({
        what,
        connections: s.connections,
        r,
        cpu,
        split: shares(lb, logFrom),
        ...(s.kind === 'report'
          ? {
              stored:
                `${int(acked)} 201 / ${int(stored)} stored ` +
                `${stored >= acked && stored - acked <= unanswered ? '✓' : '✗'}`,
            }
          : {}),
      });
    }
    return { label, out };
  }

  const oneLb = await startNginx([first.url]);
  nginxes.push(oneLb);
  const one = await measure('one process', oneLb, [first.child.pid!]);
  await oneLb.stop();
  nginxes.pop();

  const second = await startBenchApp(world, tally, env);
  const twoLb = await startNginx([first.url, second.url]);
  nginxes.push(twoLb);
  const two = await measure('two processes', twoLb, [first.child.pid!, second.child.pid!]);

  console.log(
    `\nnginx (deploy/nginx.conf) in front; ${SOURCES} client addresses; each run ${SECONDS} s; FerretDB, ` +
      `Redis, nginx, the app(s) and the load generator share 2 cores\n`,
  );
  const rows: string[][] = [];
  one.out.forEach((a, i) => {
    const b = two.out[i]!;
    for (const [label, x] of [
      [one.label, a],
      [two.label, b],
    ] as const) {
      rows.push([
        x.what,
        label,
        int(x.connections),
        int(x.r.rps),
        ms(x.r.p50),
        ms(x.r.p99),
        errorsCell(x.r, [201, 200]),
        x.split,
        `${x.cpu.toFixed(1)} s`,
        x.stored ?? '–',
      ]);
    }
    rows.push(['', 'two / one', '', ratio(b.r.rps, a.r.rps), '', '', '', '', '', '']);
  });
  console.log(
    table(
      [
        'path',
        'behind nginx',
        'connections',
        'req/s',
        'p50',
        'p99',
        'errors (by status / timeouts / resets)',
        'answered by',
        'app CPU',
        'acknowledged means stored',
      ],
      rows,
    ),
  );
  console.log(`\nWhat the apps logged at warn or above (warm-ups included):\n${tally.summary()}`);
  await conn.close();
} finally {
  await Promise.all(nginxes.map((n) => n.stop()));
  await world.stop();
  await redis.stop();
}
