import type { CountSeries, OfficialLead } from '../../../shared/index.ts';
import type { Bars } from './series.ts';

/** "14 min", "2 h 5 min", "3 d 4 h": how long, at a glance. */
export function spanText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Within this, neither side was first in any sense a reader cares about. */
const SAME_TIME_S = 60;

/** "We saw it 14 min before the official page", or the vendor was first. */
export function leadSentence(leadSeconds: number): string {
  if (Math.abs(leadSeconds) < SAME_TIME_S) return 'We and the official page saw it within the same minute';
  const gap = spanText(Math.abs(leadSeconds) * 1000);
  return leadSeconds > 0
    ? `We saw it ${gap} before the official page`
    : `The official page reported it ${gap} before us`;
}

/** The usual lead over past incidents, for the service page. */
export function usualLeadSentence(lead: OfficialLead): string {
  const over = `median of ${lead.incidents} incident${lead.incidents === 1 ? '' : 's'}`;
  if (Math.abs(lead.medianSeconds) < SAME_TIME_S)
    return `We usually see trouble about when the official page does (${over})`;
  const gap = spanText(Math.abs(lead.medianSeconds) * 1000);
  return lead.medianSeconds > 0
    ? `We usually see trouble ${gap} before the official page (${over})`
    : `The official page usually reports trouble ${gap} before us (${over})`;
}

/** A sparse series (steps without reports left out) as the graph's bars, zeros filled in. */
export function countBars(series: CountSeries): Bars {
  const n = Math.max(1, Math.round((series.to - series.from) / series.stepMs));
  const ys = new Array<number>(n).fill(0);
  for (const p of series.points) {
    const i = Math.floor((p.t - series.from) / series.stepMs);
    if (i >= 0 && i < n) ys[i]! += p.total;
  }
  const xs = ys.map((_, i) => (series.from + i * series.stepMs) / 1000);
  let peak = { t: series.from, count: 0 };
  ys.forEach((y, i) => y > peak.count && (peak = { t: series.from + i * series.stepMs, count: y }));
  return { xs, ys, peak, total: ys.reduce((a, b) => a + b, 0) };
}
