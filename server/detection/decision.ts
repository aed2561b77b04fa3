/** What the detector is fed and what it answers: plain data the server can store and show. */

import type { Evidence } from './significance.ts';

export type { Evidence } from './significance.ts';

export interface CountPoint {
  /** Start of the interval, epoch ms. */
  time: number;
  count: number;
}

export interface PartialPoint extends CountPoint {
  /** Share of the interval elapsed so far, in (0, 1]. */
  fraction: number;
}

/**
 * A spike the detector opened: its own window and evidence, not the stored Incident record
 * (shared/schemas/incident.ts).
 */
export interface DetectedSpike {
  /** Start of the window that first proved significant: about when the spike began. */
  startedAt: number;
  /** When the detector could say so (the end of the data it had). */
  openedAt: number;
  /** The evidence that opened it. */
  trigger: Evidence;
  /** The most significant evidence seen while open, and when. */
  peak: Evidence & { at: number };
  /** When counts went back to normal for good; null while open. */
  resolvedAt: number | null;
}

export interface Decision {
  /** Start of the interval judged. */
  time: number;
  /** End of the counted data: the interval's end, or "now" inside a filling interval. */
  at: number;
  transition: 'none' | 'opened' | 'resolved';
  /** Some window passes every opening test right now. */
  significant: boolean;
  /** The most significant window now (the most elevated when none is above baseline). */
  evidence: Evidence;
  /** Every window, shortest first. */
  windows: Evidence[];
  /** The open incident, or the one this decision resolved. */
  incident: DetectedSpike | null;
}

export interface Band {
  time: number;
  expected: number;
  low: number;
  high: number;
}

/**
 * The evidence in words, for a status line: "412 reports in the last 10 minutes, 9× the
 * usual 45 for this time". Ratios under 10 keep one decimal, so 1.6× does not read as 2×.
 */
export function describeEvidence(e: Evidence, noun = 'reports'): string {
  const minutes = Math.max(1, Math.round(e.windowMinutes));
  const ratio = e.ratio >= 10 ? Math.round(e.ratio).toString() : (Math.round(e.ratio * 10) / 10).toString();
  const usual = e.expected >= 10 ? Math.round(e.expected).toString() : (Math.round(e.expected * 10) / 10).toString();
  const span = minutes === 1 ? 'minute' : `${minutes} minutes`;
  return `${Math.round(e.observed)} ${noun} in the last ${span}, ${ratio}× the usual ${usual} for this time`;
}
