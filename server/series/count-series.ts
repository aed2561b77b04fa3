import type { CountSeries } from '../../shared/index.ts';
import { minutesOf, type HourDoc } from './series-hours.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/time.ts';

/** Hour documents' report counts folded into steps of `stepMs` over [from, to), empty steps left out. */
export function countSeries(docs: HourDoc[], from: number, to: number, stepMs: number): CountSeries {
  const totals = new Map<number, number>();
  for (const doc of docs) {
    for (const m of minutesOf(doc)) {
      if (m.t < from || m.t >= to) continue;
      const t = from + Math.floor((m.t - from) / stepMs) * stepMs;
      totals.set(t, (totals.get(t) ?? 0) + m.total);
    }
  }
  const points = [...totals].sort((a, b) => a[0] - b[0]).map(([t, total]) => ({ t, total }));
  return { from, to, stepMs, points };
}

/** Whole hours ending with the current one: the span of a 7- or 30-day graph. */
export function rangeSpan(now: number, days: number): { from: number; to: number } {
  const to = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  return { from: to - days * 24 * HOUR_MS, to };
}

/** Graphs longer than this are drawn hourly: a week of minutes is too many bars to read. */
const MINUTES_UP_TO_MS = 48 * HOUR_MS;
/** The incident graph starts a little before the rise, so the rise shows. */
export const INCIDENT_LEAD_IN_MS = 30 * MINUTE_MS;

/** An incident's graph: from a little before it started to its end (or now), per minute, hourly when long. */
export function incidentSpan(startedAt: number, endedAt: number): { from: number; to: number; stepMs: number } {
  const from = Math.floor((startedAt - INCIDENT_LEAD_IN_MS) / MINUTE_MS) * MINUTE_MS;
  const to = Math.floor(endedAt / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  if (to - from <= MINUTES_UP_TO_MS) return { from, to, stepMs: MINUTE_MS };
  const hourFrom = Math.floor(from / HOUR_MS) * HOUR_MS;
  return { from: hourFrom, to: Math.ceil(to / HOUR_MS) * HOUR_MS, stepMs: HOUR_MS };
}
