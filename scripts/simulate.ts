// Drives a realistic stream of reports against a running server, so the graph can be watched
// moving: a daily rhythm for every service plus an outage burst on one of them.
//   npm run simulate -- --service chatgpt --burst-after 60 --burst-minutes 4 --burst-factor 15
import { parseArgs } from 'node:util';
import type { ServiceDetail, ServiceSummary } from '../shared/index.ts';
import { backfillHistory, findDatabaseUri } from './backfill-history.ts';
import { simulatedAddresses } from './simulated-addresses.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SIMULATE_URL ?? 'http://localhost:3000' },
    service: { type: 'string', default: 'chatgpt' },
    'peak-rate': { type: 'string', default: '4' }, // reports per minute per service at the daily peak
    'burst-after': { type: 'string' }, // seconds; default 60, or 120 after a backfill (detection relearns first)
    'burst-minutes': { type: 'string', default: '4' },
    'burst-factor': { type: 'string', default: '15' },
    'burst-country': { type: 'string' }, // ISO code: most of the burst comes from there (a regional outage)
    duration: { type: 'string', default: '0' }, // seconds; 0 = until Ctrl+C
    'history-days': { type: 'string', default: '7' },
    'mongodb-uri': { type: 'string' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? 'data' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run simulate -- [options]
  --url URL             server to drive (default http://localhost:3000)
  --service SLUG        service that gets the outage burst (default chatgpt)
  --peak-rate N         reports per minute per service at the daily peak (default 4)
  --burst-after S       seconds before the burst starts (default 60; 120 after a history backfill)
  --burst-minutes M     how long the burst lasts (default 4)
  --burst-factor F      how many times the normal rate during the burst (default 15)
  --burst-country CC    most of the burst's reports come from this country (e.g. DE): a
                        regional outage, which the incident's reasons and the map show
  --duration S          stop after S seconds (default: run until Ctrl+C)
  --history-days D      first give services without history D days of synthetic past traffic,
                        written straight into the database (default 7; 0 = never), so the
                        detector has a normal to compare with and the graph shows a rhythm
  --mongodb-uri URI     the database for that backfill (default: MONGODB_URI, or the embedded
                        database's address in --data-dir, default data/)`);
  process.exit(0);
}
const base = args.url.replace(/\/$/, '');
const peakRate = Number(args['peak-rate']);
let burstStart = Date.now() + Number(args['burst-after'] ?? 60) * 1000;
let burstEnd = burstStart + Number(args['burst-minutes']) * 60_000;
const burstFactor = Number(args['burst-factor']);
const stopAt = Number(args.duration) > 0 ? Date.now() + Number(args.duration) * 1000 : Infinity;

const everyday = [
  'Works again after a refresh.',
  'Slow for me this morning.',
  'Keeps logging me out.',
  'App crashed twice today.',
];
const outage = [
  'Completely down for me.',
  'Error 500 on every request.',
  "Can't log in at all, spinning forever.",
  'Down in Berlin too.',
  'Our whole team is blocked.',
  'Status page says nothing but it is broken.',
  'Network error on every message.',
];

// Busiest mid-afternoon, quietest around 4 a.m. (local time of the machine running this).
function dailyShape(t: number): number {
  const d = new Date(t);
  const hour = d.getHours() + d.getMinutes() / 60;
  return 0.15 + 0.85 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
}

function poisson(mean: number): number {
  let k = 0;
  for (let p = Math.exp(-mean), s = p, u = Math.random(); u > s; k++) {
    p *= mean / (k + 1);
    s += p;
  }
  return k;
}

const pick = <T>(xs: readonly T[], skew = 1.6): T =>
  xs[Math.min(xs.length - 1, Math.floor(xs.length * Math.random() ** skew))]!;

async function main() {
  const res = await fetch(`${base}/api/services`).catch(() => undefined);
  if (!res?.ok) {
    console.error(`No Outage radar answering at ${base}. Start it with \`npm start\`, or pass --url.`);
    process.exit(1);
  }
  const summaries = (await res.json()) as ServiceSummary[];
  const services = await Promise.all(
    summaries.map(
      async (s) => ((await (await fetch(`${base}/api/services/${s.slug}`)).json()) as ServiceDetail).service,
    ),
  );
  const target = services.find((s) => s.slug === args.service);
  if (!target) {
    console.error(`Unknown service "${args.service}". Known: ${services.map((s) => s.slug).join(', ')}`);
    process.exit(1);
  }
  const perMinute = (slug: string, t: number) => peakRate * dailyShape(t) * (slug === target.slug ? 1.5 : 0.6);
  const historyDays = Number(args['history-days']);
  if (historyDays > 0) {
    const uri = findDatabaseUri(args['mongodb-uri'], args['data-dir']);
    if (!uri) {
      console.log(
        'No database address found for a history backfill (pass --mongodb-uri); streaming live reports only.',
      );
    } else {
      const started = Date.now();
      const filled = await backfillHistory({
        uri,
        services,
        days: historyDays,
        until: Date.now(),
        perMinute,
        pickProblem: (ps) => pick(ps).id,
      }).catch((err: Error) => (console.log(`History backfill skipped: ${err.message}`), []));
      if (filled.length) {
        console.log(
          `Backfilled ${historyDays} days of synthetic history for ${filled.length} services in ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
        if (args['burst-after'] === undefined) {
          burstStart = Date.now() + 120_000;
          burstEnd = burstStart + Number(args['burst-minutes']) * 60_000;
        }
      }
    }
  }
  console.log(
    `Simulating ${services.length} services against ${base}; outage burst on ${target.name} ` +
      `at ${new Date(burstStart).toLocaleTimeString()} for ${args['burst-minutes']} min (×${burstFactor}). ` +
      'Ctrl+C to stop.',
  );

  // A new crowd per run, so a second run within ten minutes is not taken for the same people.
  const run = Math.random().toString(36).slice(2, 8);
  let user = 0;
  const tally = { sent: 0, counted: 0, repeats: 0, failed: 0 };
  const addresses = await simulatedAddresses();
  const send = async (slug: string, problem: string, comment?: string, country?: string) => {
    user++;
    tally.sent++;
    try {
      const r = await fetch(`${base}/api/services/${slug}/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // One simulated person per report, on public addresses the GeoLite2 data places (so they
          // show on the map), spread over many networks as real reporters are (the server
          // believes X-Forwarded-For from loopback).
          'user-agent': `OutageRadarSimulator/1.0 (person ${run}-${user})`,
          'x-forwarded-for': addresses.in(country, user),
        },
        body: JSON.stringify({ problem, ...(comment ? { comment } : {}) }),
      });
      if (r.status === 201) tally.counted++;
      else if (r.status === 200) tally.repeats++;
      else tally.failed++;
    } catch {
      tally.failed++;
    }
  };

  const tickMs = 250;
  let lastLog = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now > stopAt) {
      clearInterval(timer);
      console.log(`Done: ${JSON.stringify(tally)}`);
      return;
    }
    const inBurst = now >= burstStart && now < burstEnd;
    for (const s of services) {
      const rate = perMinute(s.slug, now);
      const burst = inBurst && s.slug === target.slug;
      const n = poisson(((burst ? rate * burstFactor : rate) * tickMs) / 60_000);
      for (let i = 0; i < n; i++) {
        // In an outage, reports pile onto the first two problem kinds (e.g. login and the site itself).
        const problem = burst ? pick(s.problems.slice(0, 2), 1).id : pick(s.problems).id;
        const comment = Math.random() < (burst ? 0.2 : 0.05) ? pick(burst ? outage : everyday, 1) : undefined;
        void send(s.slug, problem, comment, burst && Math.random() < 0.8 ? args['burst-country'] : undefined);
      }
    }
    if (now - lastLog >= 10_000) {
      lastLog = now;
      const phase = inBurst
        ? 'OUTAGE BURST'
        : now < burstStart
          ? `burst in ${Math.round((burstStart - now) / 1000)} s`
          : 'after the burst';
      console.log(
        `${new Date(now).toLocaleTimeString()}  sent ${tally.sent}, counted ${tally.counted}, repeats ` +
          `${tally.repeats}, failed ${tally.failed}  [${phase}]`,
      );
    }
  }, tickMs);
  process.on('SIGINT', () => {
    console.log(`\nStopped: ${JSON.stringify(tally)}`);
    process.exit(0);
  });
}

await main();
