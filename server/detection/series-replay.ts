import { createDetector } from './detector.ts';
import type { DetectorSettings } from './detector-config.ts';

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
