/**
 * The Numenta Anomaly Benchmark's CSV shapes: `timestamp,value` in, `timestamp,alert` out.
 * Timestamps without a zone are read as UTC; they are echoed back byte for byte.
 *
 * Reading is strict about each line (a file we cannot read is an error naming the line)
 * and lenient about the series (order, repeats and gaps are series-cleaning.ts's job).
 * By hand on purpose: the contract is two fixed columns with stamps echoed byte for byte and errors naming the line; a
 * CSV library would add quoting rules NAB files never use and normalise what must be echoed.
 */

export { inferIntervalMs } from './series-cleaning.ts';

export interface CsvRow {
  /** The timestamp exactly as written in the file. */
  stamp: string;
  time: number;
  value: number;
}

/** `YYYY-MM-DD`, then optionally `[ T]HH:MM[:SS[.fff]]` and a zone `Z` / `±HH[:]MM`. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** A plain decimal: `Number()` alone would also take "0x1f", "" and "Infinity". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Epoch ms, or NaN when the text is not a real moment (2015-02-30 and 24:61 included). */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return NaN;
  const part = (k: number) => Number(m[k] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Math.round(part(7) * 1000));
  const check = new Date(local);
  // Date.UTC rolls 2015-02-30 over to 2 March; a date that does not survive the round trip was not real.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return local - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

/** Why a line is not `timestamp,value`, or null when it is. */
function lineProblem(cells: string[]): string | null {
  if (cells.length !== 2) return `expected 2 columns (timestamp,value), found ${cells.length}`;
  if (Number.isNaN(parseTimestamp(cells[0]!))) return `"${cells[0]}" is not a timestamp like 2015-02-26 21:42:53`;
  if (!DECIMAL.test(cells[1]!.trim())) return `"${cells[1]}" is not a number`;
  return null;
}

/** Long lines are cut in messages: a binary file would otherwise print itself. */
function quote(line: string): string {
  return line.length > 80 ? `"${line.slice(0, 77)}..."` : `"${line}"`;
}

/**
 * Rows in file order. Blank lines are skipped; line numbers in errors count every line of
 * the file, blank ones included, so an editor's "go to line" lands on the culprit. The
 * first line may be the header `timestamp,value`, or already a row (a headerless export).
 */
export function parseNabCsv(text: string): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: CsvRow[] = [];
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const problem = lineProblem(cells);
    if (first) {
      first = false;
      const header = cells.map((cell) => cell.trim().toLowerCase());
      if (header.length === 2 && header[0] === 'timestamp' && header[1] === 'value') continue;
      if (problem) throw new Error(`line ${i + 1}: expected a header "timestamp,value" or a row, got ${quote(line)}`);
    }
    if (problem) throw new Error(`line ${i + 1}: cannot read ${quote(line)} as timestamp,value: ${problem}`);
    rows.push({ stamp: cells[0]!, time: parseTimestamp(cells[0]!), value: Number(cells[1]) });
  }
  return rows;
}

export function formatAlerts(rows: CsvRow[], alerts: boolean[]): string {
  const out = ['timestamp,alert'];
  rows.forEach((row, i) => out.push(`${row.stamp},${alerts[i] ? 1 : 0}`));
  return `${out.join('\n')}\n`;
}
