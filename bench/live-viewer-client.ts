// Viewers for `npm run bench:live`, in a process of their own (forked with IPC):
// `node --import tsx bench/live-viewer-client.ts '<{ url, slug, count, parallel }>'`.
// Opens `count` socket.io clients (websocket only), each subscribed to `slug`, and keeps for each
// the time (epoch ms) and `stats.lastHour` of every `service:update` it receives. Then, given
// the report samples [time of a 201, 201s so far], answers how long after each 201 every viewer
// first saw a count at least as high, as a histogram in milliseconds.
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck } from '../shared/index.ts';
import {
  HISTOGRAM_MS,
  type Arrival,
  type ParentMessage,
  type ViewerMessage,
  type ViewerOptions,
} from './live-protocol.ts';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const opts = JSON.parse(process.argv[2]!) as ViewerOptions;
const send = (m: ViewerMessage) => process.send!(m);
const cpuStart = process.cpuUsage();

interface Viewer {
  socket: LiveClient;
  times: number[];
  counts: number[];
}
const viewers: Viewer[] = [];
/** Fan-out: when the first and the last viewer here got each update. */
const arrivals = new Map<number, Arrival>();
/** Size of the last update as JSON, to tell what each viewer costs the server to send. */
let updateBytes = 0;
const errors: Record<string, number> = {};
let failed = 0;
let disconnects = 0;

function open(): Promise<void> {
  const socket: LiveClient = connect(opts.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
  });
  const viewer: Viewer = { socket, times: [], counts: [] };
  socket.on('service:update', (u) => {
    const now = Date.now();
    viewer.times.push(now);
    viewer.counts.push(u.stats.lastHour);
    const a = arrivals.get(u.stats.lastHour);
    if (a) {
      a[2] = now;
      a[3]++;
    } else {
      arrivals.set(u.stats.lastHour, [u.stats.lastHour, now, now, 1]);
      updateBytes = JSON.stringify(u).length;
    }
  });
  return new Promise((resolve) => {
    socket.once('connect_error', (err) => {
      failed++;
      errors[err.message] = (errors[err.message] ?? 0) + 1;
      resolve();
    });
    socket.once('connect', () => {
      socket.emit('subscribe', { slug: opts.slug }, (ack: SubscribeAck) => {
        if (ack.ok) {
          viewers.push(viewer);
          socket.once('disconnect', () => disconnects++);
        } else {
          failed++;
          errors[ack.error] = (errors[ack.error] ?? 0) + 1;
        }
        resolve();
      });
    });
  });
}

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: opts.parallel }, async () => {
    while (next < opts.count) {
      next++;
      await open();
    }
  }),
);
send({ type: 'ready', connected: viewers.length, failed, errors, seconds: (performance.now() - started) / 1000 });

process.on('message', (m: ParentMessage) => {
  if (m.type === 'close') {
    viewers.forEach((v) => v.socket.disconnect());
    process.exit(0);
  }
  const histogram = new Array<number>(HISTOGRAM_MS + 1).fill(0);
  const samples = [...m.samples].sort((a, b) => a[1] - b[1]);
  let missing = 0;
  let early = 0;
  let updates = 0;
  for (const v of viewers) {
    updates += v.times.length;
    // Counts only grow, so one pass: the first update at or past each sample's count.
    let u = 0;
    for (const [at, n] of samples) {
      while (u < v.counts.length && v.counts[u]! < m.base + n) u++;
      if (u === v.counts.length) {
        missing++;
        continue;
      }
      const latency = v.times[u]! - at;
      // The update was built from the database after the batch was stored and can overtake the
      // 201 on its way to the client: the screen showed it no later than the 201 arrived.
      if (latency < 0) early++;
      histogram[Math.min(HISTOGRAM_MS, Math.max(0, latency))]!++;
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  send({
    type: 'latencies',
    histogram,
    missing,
    early,
    pairs: viewers.length * samples.length,
    updatesPerViewer: viewers.length ? updates / viewers.length : 0,
    disconnects,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    arrivals: [...arrivals.values()],
    updateBytes,
  });
});
