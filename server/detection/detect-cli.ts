/**
 * `npm run --silent detect -- --input FILE.csv`: runs the server's streaming detector over a
 * NAB-format series and prints `timestamp,alert`, 1 on each row where an incident opens.
 * A thin adapter: parse → clean onto a grid and replay → print one row per input row.
 *
 * Only a file it cannot read fails (exit 1, the line on stderr). Rows out of order,
 * repeated timestamps and gaps are accepted; what cleaning did goes to stderr as a note.
 */

import { readFileSync } from 'node:fs';
import { formatAlerts, parseNabCsv } from './nab-csv.ts';
import { describeCleaning } from './series-cleaning.ts';
import { detectRowOpenings } from './series-replay.ts';

function main(argv: string[]): number {
  const at = argv.indexOf('--input');
  const file = at >= 0 ? argv[at + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: detect --input FILE.csv   (NAB format: header timestamp,value)\n');
    return 2;
  }
  try {
    const rows = parseNabCsv(readFileSync(file, 'utf8'));
    const { flags, grid } = detectRowOpenings(rows);
    const note = grid ? describeCleaning(grid.counts, grid.intervalMs) : '';
    if (note) process.stderr.write(`detect: ${file}: note: ${note}\n`);
    process.stdout.write(formatAlerts(rows, flags));
    return 0;
  } catch (err) {
    process.stderr.write(`detect: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
