import { clockTime } from './format.ts';
import { DAY_MS, MINUTE_MS } from '../../../shared/time.ts';

const UTC_TIME = /\b([01]\d|2[0-3]):([0-5]\d) UTC\b/g;

/**
 * The server writes the times inside its reasons in UTC ("rising since 14:32 UTC"), as feeds and
 * mails need; a page shows every time in the reader's zone, so those are rewritten here. The day
 * is the one that puts the moment nearest `near` (the reasons speak of the last hours).
 */
export function localTimesIn(text: string, near: number, format: (t: number) => string = clockTime): string {
  return text.replace(UTC_TIME, (_, h: string, m: string) => {
    const base = Math.floor(near / DAY_MS) * DAY_MS + (Number(h) * 60 + Number(m)) * MINUTE_MS;
    const nearest = [base - DAY_MS, base, base + DAY_MS].reduce((a, b) =>
      Math.abs(b - near) < Math.abs(a - near) ? b : a,
    );
    return format(nearest);
  });
}
