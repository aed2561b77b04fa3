/**
 * From a series as exported (rows out of order, timestamps repeated or a minute off, gaps)
 * to what the detector consumes: one value per interval of a regular grid, ascending, with
 * missing intervals left out. The detector counts a skipped interval as unknown, never as
 * zero, so a gap in an export does not look like a sudden silence.
 *
 * Every input row keeps a link to its interval, so a caller can answer row by row.
 */

import { median } from './robust-stats.ts';

export interface TimedValue {
  time: number;
  value: number;
}

export interface CleaningCounts {
  /** Rows earlier than some row above them in the file. */
  outOfOrder: number;
  /** Rows whose timestamp already appeared above them. */
  repeated: number;
  /** Rows off the grid by less than half an interval, moved to the nearest interval. */
  offGrid: number;
  /** Rows that share their interval with an earlier row; the interval holds their mean. */
  merged: number;
  /** Runs of missing intervals, and how many intervals they leave out in all. */
  gaps: number;
  missingIntervals: number;
}

export interface GridSeries {
  intervalMs: number;
  /** One entry per interval that has data, strictly ascending on the grid; gaps are absent. */
  intervals: TimedValue[];
  /** For each input row, in input order, the index of its interval in `intervals`. */
  intervalOfRow: number[];
  /** For each interval, the input row that answers for it: its earliest, the first in the file on a tie. */
  leadRow: number[];
  counts: CleaningCounts;
}

/** Row indices by time; rows with the same time keep their file order (sort is stable). */
function timeOrder(rows: readonly { time: number }[]): number[] {
  return rows.map((_, i) => i).sort((a, b) => rows[a]!.time - rows[b]!.time);
}

/**
 * The typical step between successive timestamps once sorted: the median of the positive
 * differences, so a gap, a repeat or one row that went back does not set the interval the
 * way the first difference would.
 */
export function inferIntervalMs(rows: readonly { time: number }[]): number {
  const times = timeOrder(rows).map((i) => rows[i]!.time);
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) throw new Error('need at least two distinct timestamps to tell the interval');
  return median(steps);
}

/**
 * Where the grid sits within an interval: the offset (time mod interval) most rows share,
 * so the regular rows land exactly on it and only the stray ones move. On a tie, the
 * earliest row's offset.
 */
export function gridOffset(times: readonly number[], intervalMs: number): number {
  const seen = new Map<number, number>();
  let best = NaN;
  let bestCount = 0;
  for (const time of [...times].sort((a, b) => a - b)) {
    const offset = ((time % intervalMs) + intervalMs) % intervalMs;
    const count = (seen.get(offset) ?? 0) + 1;
    seen.set(offset, count);
    if (count > bestCount) {
      best = offset;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Puts each row on the nearest interval of the grid and merges the rows that share one.
 *
 * Merging takes the MEAN, not the sum. A row is the value of a whole interval (NAB's
 * contract: one row per interval; a count, a rate or a level), so a second row for the same
 * interval is a second reading of it, not a share of it. In NAB the repeats are clock
 * hiccups: machine_temperature repeats a whole hour, and ec2_network_in_5abac7 has an
 * hour-long hole followed by twelve rows stamped "03:00". Summing would turn those 12
 * readings into one 12-fold spike (a false alarm made by the clock) and would add a
 * temperature to a temperature; the mean keeps the interval on the series' own scale. The cost: an export
 * that really splits one interval's count over two rows is under-counted by that split.
 */
export function alignToGrid(rows: readonly TimedValue[], intervalMs: number): GridSeries {
  const offset = gridOffset(
    rows.map((r) => r.time),
    intervalMs,
  );
  const intervals: TimedValue[] = [];
  const sums: number[] = [];
  const sizes: number[] = [];
  const leadRow: number[] = [];
  const intervalOfRow = new Array<number>(rows.length);
  const counts: CleaningCounts = { outOfOrder: 0, repeated: 0, offGrid: 0, merged: 0, gaps: 0, missingIntervals: 0 };

  for (const i of timeOrder(rows)) {
    const { time, value } = rows[i]!;
    const slotTime = offset + Math.round((time - offset) / intervalMs) * intervalMs;
    if (slotTime !== time) counts.offGrid++;
    const last = intervals.length - 1;
    if (last >= 0 && intervals[last]!.time === slotTime) {
      sums[last]! += value;
      sizes[last]! += 1;
      intervals[last]!.value = sums[last]! / sizes[last]!;
      intervalOfRow[i] = last;
      counts.merged++;
      continue;
    }
    if (last >= 0) {
      const missing = Math.round((slotTime - intervals[last]!.time) / intervalMs) - 1;
      if (missing > 0) {
        counts.gaps++;
        counts.missingIntervals += missing;
      }
    }
    intervals.push({ time: slotTime, value });
    sums.push(value);
    sizes.push(1);
    leadRow.push(i);
    intervalOfRow[i] = intervals.length - 1;
  }

  const seen = new Set<number>();
  let latest = -Infinity;
  for (const { time } of rows) {
    if (time < latest) counts.outOfOrder++;
    if (seen.has(time)) counts.repeated++;
    seen.add(time);
    latest = Math.max(latest, time);
  }
  return { intervalMs, intervals, intervalOfRow, leadRow, counts };
}

/**
 * One flag per input row from one flag per interval. An interval's flag goes to its lead
 * row only: an incident opens once, and NAB counts every flagged row as an alert.
 */
export function flagsPerRow(grid: GridSeries, intervalFlags: readonly boolean[]): boolean[] {
  const flags = grid.intervalOfRow.map(() => false);
  intervalFlags.forEach((flag, k) => {
    if (flag) flags[grid.leadRow[k]!] = true;
  });
  return flags;
}

/** "1 row", "2 rows". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What cleaning did, in words for a person reading stderr; empty when the series was regular. */
export function describeCleaning(counts: CleaningCounts, intervalMs: number): string {
  const parts: string[] = [];
  if (counts.outOfOrder) parts.push(`${count(counts.outOfOrder, 'row')} out of time order (sorted)`);
  if (counts.repeated) parts.push(count(counts.repeated, 'repeated timestamp'));
  if (counts.offGrid)
    parts.push(
      `${count(counts.offGrid, 'row')} off the ${intervalMs / 60_000}-minute grid (moved to the nearest interval)`,
    );
  if (counts.merged) parts.push(`${count(counts.merged, 'row')} sharing an interval with another (averaged into it)`);
  if (counts.gaps) {
    parts.push(
      `${count(counts.gaps, 'gap')} leaving out ${count(counts.missingIntervals, 'interval')} (unknown, not zero)`,
    );
  }
  return parts.join('; ');
}
