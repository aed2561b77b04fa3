/**
 * `npm run --silent detect -- --input FILE.csv`: runs the server's streaming detector over a
 * NAB-format series and prints `timestamp,alert`, 1 on each row where an incident opens.
 * A thin adapter: parse → push every row through the detector → print.
 */

import { readFileSync } from 'node:fs';
import { formatAlerts, inferIntervalMs, parseNabCsv } from './nab-csv.ts';
import { detectOpenings } from './series-replay.ts';

function main(argv: string[]): number {
  const at = argv.indexOf('--input');
  const file = at >= 0 ? argv[at + 1] : undefined;
  if (!file) {
    process.stderr.write('usage: detect --input FILE.csv   (NAB format: header timestamp,value)\n');
    return 2;
  }
  try {
    const rows = parseNabCsv(readFileSync(file, 'utf8'));
    const alerts = rows.length > 1 ? detectOpenings(rows, inferIntervalMs(rows)) : rows.map(() => false);
    process.stdout.write(formatAlerts(rows, alerts));
    return 0;
  } catch (err) {
    process.stderr.write(`detect: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
