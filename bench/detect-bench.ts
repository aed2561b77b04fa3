/**
 * `npm run bench:detect`: how well the detector finds spikes.
 *  1. NAB's scoring of the `detect` command on the labelled tweet series (../shared/tools/nab-score),
 *     and on a held-out folder of more series when NAB_HOLDOUT_DIR is set.
 *  2. Synthetic per-minute report streams replayed the way the server runs the detector
 *     (closed minutes pushed, the filling minute assessed every 10 s): delay from an
 *     injected outage to the incident opening, and incidents opened on outage-free days.
 * Pass --synthetic-only to skip part 1.
 */

import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector, type SpikeDetector } from '../server/detection/detector.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/time.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: small, fast, and the same numbers on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Marsaglia–Tsang gamma(shape, 1). */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rand);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    if (Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function poisson(rand: () => number, mean: number): number {
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rand)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** Negative binomial as a gamma–Poisson mixture: Var = m + alpha·m². */
const negBinomial = (rand: () => number, mean: number, alpha: number) =>
  poisson(rand, alpha > 0 ? mean * alpha * gamma(rand, 1 / alpha) : mean);

// ---------------------------------------------------------------- synthetic service

/** Reports per minute: ~1 at 4 a.m., ~20 at 4 p.m., weekends at 60%. */
function normalRate(time: number): number {
  const hour = (time % DAY_MS) / HOUR_MS;
  const dayShape = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
  const weekday = (Math.floor(time / DAY_MS) + 4) % 7;
  return (1 + 19 * dayShape) * (weekday === 0 || weekday === 6 ? 0.6 : 1);
}

const DISPERSION = 0.05;
const START = Date.UTC(2025, 0, 6); // a Monday
const HISTORY_DAYS = 28;

function history(seed: number, days: number): number[] {
  const rand = rng(seed);
  return Array.from({ length: days * 1440 }, (_, i) =>
    negBinomial(rand, normalRate(START + i * MINUTE_MS), DISPERSION),
  );
}

function replay(counts: number[]): SpikeDetector {
  const detector = createDetector(MINUTE_MS);
  counts.forEach((count, i) => detector.push({ time: START + i * MINUTE_MS, count }));
  return detector;
}

/**
 * Runs the day after the history with an outage of `factor`× normal starting at
 * `burstMinute` of that day, as the server would: every 10 s assess the filling minute,
 * push it when it closes. Returns minutes from outage start to the incident opening.
 */
function burstDelay(seed: number, historyCounts: number[], factor: number, burstMinute: number): number | null {
  const detector = replay(historyCounts);
  const rand = rng(seed * 7919 + factor * 131 + burstMinute);
  const dayStart = START + historyCounts.length * MINUTE_MS;
  const burstStart = dayStart + burstMinute * MINUTE_MS;
  for (let m = 0; m < burstMinute + 60; m++) {
    const time = dayStart + m * MINUTE_MS;
    const inBurst = m >= burstMinute;
    const count = negBinomial(rand, normalRate(time) * (inBurst ? factor : 1), DISPERSION);
    if (m < burstMinute - 30) {
      if (detector.push({ time, count }).transition === 'opened') return -1;
      continue;
    }
    // Reports arrive at uniform moments within the minute.
    const arrivals = Array.from({ length: count }, () => rand()).sort((a, b) => a - b);
    for (let step = 1; step < 6; step++) {
      const fraction = step / 6;
      const soFar = arrivals.filter((a) => a < fraction).length;
      const decision = detector.assess({ time, count: soFar, fraction });
      if (decision.transition === 'opened') return inBurst ? (decision.at - burstStart) / MINUTE_MS : -1;
    }
    const decision = detector.push({ time, count });
    if (decision.transition === 'opened') return inBurst ? (decision.at - burstStart) / MINUTE_MS : -1;
  }
  return null;
}

function quietDays(seed: number): { days: number; opened: number; replayMs: number } {
  const counts = history(seed, HISTORY_DAYS * 2);
  const detector = createDetector(MINUTE_MS);
  let opened = 0;
  const t0 = performance.now();
  counts.forEach((count, i) => {
    const decision = detector.push({ time: START + i * MINUTE_MS, count });
    // The first four weeks are learning; count what happens on the next four.
    if (i >= HISTORY_DAYS * 1440 && decision.transition === 'opened') opened++;
  });
  return { days: HISTORY_DAYS, opened, replayMs: (performance.now() - t0) / 2 };
}

function synthetic(): void {
  const seeds = [1, 2, 3];
  const times: [string, number][] = [
    ['04:00', 4 * 60],
    ['10:00', 10 * 60],
    ['16:00', 16 * 60],
    ['21:00', 21 * 60],
  ];
  const factors = [3, 5, 10];
  console.log('\nSynthetic per-minute reports (night ~1/min, afternoon ~20/min, weekends 60%, NB alpha 0.05),');
  console.log(
    `${HISTORY_DAYS} days of history replayed, outage of k× normal injected; filling minute assessed every 10 s.`,
  );
  console.log(
    'Delay in minutes from outage start to incident opening (one value per seed; "-" = not within 60 min):\n',
  );
  console.log(`| outage at | ${factors.map((f) => `${f}× normal`).join(' | ')} |`);
  console.log(`|---|${factors.map(() => '---').join('|')}|`);
  const histories = seeds.map((seed) => history(seed, HISTORY_DAYS));
  for (const [label, minute] of times) {
    const cells = factors.map((factor) =>
      seeds
        .map((seed, i) => {
          const d = burstDelay(seed, histories[i]!, factor, minute);
          return d === null ? '-' : d < 0 ? 'early!' : d.toFixed(2);
        })
        .join(' / '),
    );
    console.log(`| ${label} (~${normalRate(START + minute * MINUTE_MS).toFixed(1)}/min) | ${cells.join(' | ')} |`);
  }
  console.log('\nIncidents opened on outage-free days (normal daily peaks and weekends only):\n');
  console.log('| seed | days | incidents | push() time per 28 days (40,320 minutes) |');
  console.log('|---|---|---|---|');
  for (const seed of seeds) {
    const { days, opened, replayMs } = quietDays(seed);
    console.log(`| ${seed} | ${days} | ${opened} | ${replayMs.toFixed(0)} ms |`);
  }
}

/**
 * NAB scores on the given sample and, when NAB_HOLDOUT_DIR names a folder of the same layout
 * (CSVs + label_windows.json + labelled_points.json, e.g. NAB's other realTweets series kept
 * outside the repo), on that held-out set too: the sample alone is three files, too few to
 * tell a better model from one fitted to them.
 */
function nab(): void {
  // NAB's scorer is not part of this repository; NAB_SCORE points at one (a `nab-score` taking --run).
  const tool = process.env.NAB_SCORE ?? resolve(repoRoot, '../shared/tools/nab-score');
  const sets: [string, string[]][] = [['NAB realTweets sample', []]];
  const holdout = process.env.NAB_HOLDOUT_DIR;
  if (holdout) sets.push([`NAB held-out series in ${holdout}`, ['--data', holdout]]);
  for (const [label, extra] of sets) {
    console.log(`${label}: ${tool} --run "npm run --silent detect --"${extra.map((a) => ` ${a}`).join('')}\n`);
    try {
      const args = ['--run', 'npm run --silent detect --', ...extra];
      const out = execFileSync(tool, args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      console.log(out);
    } catch (err) {
      console.log(`nab-score failed: ${(err as Error).message}`);
    }
  }
}

if (!process.argv.includes('--synthetic-only')) nab();
synthetic();
