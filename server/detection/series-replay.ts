import { detectorConfig, type DetectorSettings } from './detector-config.ts';
import { SpikeDetector } from './detector.ts';
import { LevelDetector } from './level-detector.ts';
import { seriesKind, type SeriesKind } from './series-kind.ts';
import { alignToGrid, flagsPerRow, inferIntervalMs, type GridSeries, type TimedValue } from './series-cleaning.ts';

/**
 * Feeds a whole series through a fresh detector with push(), exactly as the server replays
 * its history at startup, and returns one flag per row: true where an incident opens.
 * Counts (reports, tweets) get the server's count detector; other series, the level
 * detector (series-kind.ts says why).
 */
export function detectOpenings(
  rows: { time: number; value: number }[],
  intervalMs: number,
  overrides: Partial<DetectorSettings> = {},
  kind: SeriesKind = seriesKind(rows.map((r) => r.value)),
): boolean[] {
  const config = detectorConfig(intervalMs, overrides);
  const detector = kind === 'counts' ? new SpikeDetector(config) : new LevelDetector(config);
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
  // Judged on the rows as written: averaging repeated rows can make counts fractional.
  const kind = seriesKind(rows.map((r) => r.value));
  return { flags: flagsPerRow(grid, detectOpenings(grid.intervals, grid.intervalMs, overrides, kind)), grid };
}
