import type { StatusLevel } from '../../../shared/index.ts';
import { levelLabel as sharedLevelLabel } from '../../../shared/constants.ts';

// Shared with the server, which writes the same words into titles and social previews.
export const levelLabel: Record<StatusLevel, string> = sharedLevelLabel;

/** Short words for pills on cards. */
export const levelShort: Record<StatusLevel, string> = {
  operational: 'No problems',
  degraded_performance: 'Degraded',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Maintenance',
};

/** Worst first, for sorting a list so that problems come first. */
export const levelSeverity: Record<StatusLevel, number> = {
  major_outage: 4,
  partial_outage: 3,
  degraded_performance: 2,
  under_maintenance: 1,
  operational: 0,
};

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(s) < 45) return 'just now';
  const m = Math.round(s / 60);
  if (Math.abs(m) < 60) return rtf.format(m, 'minute');
  const h = Math.round(m / 60);
  if (Math.abs(h) < 24) return rtf.format(h, 'hour');
  return rtf.format(Math.round(h / 24), 'day');
}

export const clockTime = (t: number | string) =>
  new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export const count = (n: number) => n.toLocaleString();

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 26, 2026, 2:00 – 4:00 PM" in the reader's time zone; the day is said once when shared. */
export const timeRange = (start: string, end: string) => dateTime.formatRange(new Date(start), new Date(end));

export const dateAndTime = (iso: string) => dateTime.format(new Date(iso));

const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/**
 * A `datetime-local` value ("2026-11-26T14:00", the browser's zone) as ISO 8601 with that zone's
 * offset ("2026-11-26T14:00:00+01:00"), so the server gets the moment the operator meant.
 */
export function localInputToIso(value: string): string | undefined {
  const d = new Date(value);
  if (!value || Number.isNaN(d.getTime())) return undefined;
  const off = -d.getTimezoneOffset();
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${off >= 0 ? '+' : '-'}${pad(off / 60)}:${pad(off % 60)}`;
}

/** A moment as a `datetime-local` value in the browser's zone. */
export function isoToLocalInput(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
