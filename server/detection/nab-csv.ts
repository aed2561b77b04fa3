/**
 * The Numenta Anomaly Benchmark's CSV shapes: `timestamp,value` in, `timestamp,alert` out.
 * Timestamps carry no zone and are read as UTC; they are echoed back byte for byte.
 */

import { median } from './robust-stats.ts';

export interface CsvRow {
  /** The timestamp exactly as written in the file. */
  stamp: string;
  time: number;
  value: number;
}

export function parseNabCsv(text: string): CsvRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || header[0] !== 'timestamp' || header[1] !== 'value') {
    throw new Error(`expected a header "timestamp,value", got "${lines[0] ?? ''}"`);
  }
  return lines.slice(1).map((line, i) => {
    const [stamp = '', raw = ''] = line.split(',');
    const time = Date.parse(`${stamp.trim().replace(' ', 'T')}Z`);
    const value = Number(raw);
    if (Number.isNaN(time) || raw.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`line ${i + 2}: cannot read "${line}" as timestamp,value`);
    }
    return { stamp, time, value };
  });
}

/** The typical step between rows (the median, so one gap or duplicate does not skew it). */
export function inferIntervalMs(rows: CsvRow[]): number {
  const steps: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const step = rows[i]!.time - rows[i - 1]!.time;
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) throw new Error('need at least two rows with increasing timestamps to tell the interval');
  return median(steps);
}

export function formatAlerts(rows: CsvRow[], alerts: boolean[]): string {
  const out = ['timestamp,alert'];
  rows.forEach((row, i) => out.push(`${row.stamp},${alerts[i] ? 1 : 0}`));
  return `${out.join('\n')}\n`;
}
