import { createDetector } from './detector.ts';
import type { DetectorSettings } from './detector-config.ts';
import { alignToGrid, flagsPerRow, inferIntervalMs, type GridSeries, type TimedValue } from './series-cleaning.ts';

/**
 * Feeds a whole series through a fresh detector with push(), exactly as the server replays
 * its history at startup, and returns one flag per row: true where an incident opens.
 */
export function detectOpenings(
  rows: { time: number; value: number }[],
  intervalMs: number,
  overrides: Partial<DetectorSettings> = {},
): boolean[] {
  const detector = createDetector(intervalMs, overrides);
  let last = -Infinity;
  return rows.map((row) => {
    // A repeated or out-of-order row cannot be a new interval; it is echoed with no alert.
    if (row.time <= last) return false;
    last = row.time;
    return detector.push({ time: row.time, count: row.value }).transition === 'opened';
  });
}

/**
 * Openings for a series as exported, in any order, with repeats, stray timestamps and gaps:
 * cleaned onto a regular grid (series-cleaning.ts), replayed, and answered row by row in
 * the input's order. `grid` is null when fewer than two distinct timestamps leave nothing
 * to learn an interval from; then no row alerts.
 */
export function detectRowOpenings(
  rows: readonly TimedValue[],
  overrides: Partial<DetectorSettings> = {},
): { flags: boolean[]; grid: GridSeries | null } {
  if (new Set(rows.map((r) => r.time)).size < 2) return { flags: rows.map(() => false), grid: null };
  const grid = alignToGrid(rows, inferIntervalMs(rows));
  return { flags: flagsPerRow(grid, detectOpenings(grid.intervals, grid.intervalMs, overrides)), grid };
}
