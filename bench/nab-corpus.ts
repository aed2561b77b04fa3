/**
 * `npm run bench:nab`: the detector on the whole Numenta Anomaly Benchmark, per category,
 * beside NAB's own stored results of Numenta HTM (and any other reference named).
 *
 * The detector runs in this one process over every series (the same parse → clean → replay
 * as `npm run detect`, without starting a process per file), writes NAB-layout detections,
 * then NAB's scoring is done by the shared scorer (nab_score.py) once per category and once
 * for the whole corpus, each normalised on its own files (null = 0, perfect = 100).
 *
 *   NAB_ROOT=/path/to/extracted/NAB   (data/, labels/, config/, results/), or
 *   NAB_MIRROR=/path/to/bare/git/mirror of numenta/NAB (extracted to a temp dir first);
 *   NAB_SCORER=/path/to/nab_score.py  (default ../shared/tools/nab_score.py)
 * Options: --subset CATEGORY|all (default all), --out DIR, --reference numenta,windowedGaussian
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatAlerts, parseNabCsv } from '../server/detection/nab-csv.ts';
import { detectRowOpenings } from '../server/detection/series-replay.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const scorer = process.env.NAB_SCORER ?? resolve(repoRoot, '../shared/tools/nab_score.py');
const subset = option('--subset', 'all');
const reference = option('--reference', 'numenta');
const out = option('--out', mkdtempSync(join(tmpdir(), 'nab-corpus-')));

function nabRoot(): string {
  if (process.env.NAB_ROOT) return process.env.NAB_ROOT;
  const mirror = process.env.NAB_MIRROR;
  if (!mirror) throw new Error('set NAB_ROOT (an extracted NAB tree) or NAB_MIRROR (a bare git mirror of numenta/NAB)');
  const dest = join(out, 'nab');
  execFileSync('python3', [scorer, 'extract', '--nab-mirror', mirror, '--dest', dest, '--subset', 'all'], {
    stdio: 'inherit',
  });
  return dest;
}

interface Scores {
  windows: number;
  detectors: Record<
    string,
    { normalised: Record<string, number>; per_file: Record<string, { caught: number; false_alarms: number }> }
  >;
}

function score(root: string, scope: string): Scores {
  const json = join(out, `scores-${scope}.json`);
  const args = [
    scorer,
    'score',
    '--nab-root',
    root,
    '--subset',
    scope,
    '--detections',
    `outage-radar=${join(out, 'detections')}`,
  ];
  args.push('--reference', reference, '--json', json, '--markdown', join(out, `report-${scope}.md`));
  execFileSync('python3', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // Python writes NaN (a category without windows has no normalised score); JSON has no NaN.
  return JSON.parse(readFileSync(json, 'utf8').replace(/\bNaN\b/g, 'null')) as Scores;
}

const fmt = (n: number | null | undefined) => (typeof n !== 'number' || !Number.isFinite(n) ? 'n/a' : n.toFixed(1));

function main(): void {
  const root = nabRoot();
  const windows = JSON.parse(readFileSync(join(root, 'labels/combined_windows.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const files = Object.keys(windows)
    .filter((rel) => subset === 'all' || rel.startsWith(`${subset}/`))
    .sort();
  const t0 = performance.now();
  for (const rel of files) {
    const rows = parseNabCsv(readFileSync(join(root, 'data', rel), 'utf8'));
    const { flags } = detectRowOpenings(rows);
    mkdirSync(dirname(join(out, 'detections', rel)), { recursive: true });
    writeFileSync(join(out, 'detections', rel), formatAlerts(rows, flags));
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `Detector run over ${files.length} NAB series in ${seconds.toFixed(1)} s; detections in ` +
      `${join(out, 'detections')}\n`,
  );

  const scopes = [...new Set(files.map((rel) => rel.split('/')[0]!))];
  if (scopes.length > 1) scopes.push('all');
  const refs = reference === 'none' ? [] : reference.split(',');
  const head = ['outage-radar', ...refs].flatMap((d) => [`${d} std`, 'low FP', 'low FN']);
  console.log(`| category | windows | ${head.join(' | ')} | caught | false alarms |`);
  console.log(`|---|---|${head.map(() => '---').join('|')}|---|---|`);
  for (const scope of scopes) {
    const s = score(root, scope);
    const cells = ['outage-radar', ...refs].flatMap((d) =>
      PROFILES.map((p) => (s.windows > 0 ? fmt(s.detectors[d]?.normalised[p]) : '–')),
    );
    const ours = Object.values(s.detectors['outage-radar']!.per_file);
    const caught = ours.reduce((n, f) => n + f.caught, 0);
    const falseAlarms = ours.reduce((n, f) => n + f.false_alarms, 0);
    console.log(`| ${scope} | ${s.windows} | ${cells.join(' | ')} | ${caught}/${s.windows} | ${falseAlarms} |`);
  }
  console.log(`\nPer-file tables: ${out}/report-<category>.md`);
}

main();
