import type { Regions } from '../../shared/index.ts';
import type { RegionBook } from './region-book.ts';
import { regionsView } from './region-view.ts';

/** One country with this share of the located reports is worth saying out loud… */
export const CONCENTRATED_SHARE = 0.6;
/** …once enough reports are located for a share to mean something. */
export const MIN_LOCATED = 10;

/**
 * "Reports come mostly from Germany (72% of 50 located reports)." when one country dominates
 * the located reports of a window; null when reports are spread out or too few are located.
 */
export function concentrationReason(regions: Pick<Regions, 'located' | 'countries'>): string | null {
  const top = regions.countries[0];
  if (!top || regions.located < MIN_LOCATED) return null;
  const share = top.reports / regions.located;
  if (share < CONCENTRATED_SHARE) return null;
  return `Reports come mostly from ${top.name} (${Math.round(share * 100)}% of ${regions.located} located reports).`;
}

/** The reason for an incident's reports from `from` to now, if they are concentrated; for the detection loop. */
export const concentrationSince =
  (store: Pick<RegionBook, 'between'>) =>
  (slug: string, from: number, now: number): string[] => {
    const counts = store.between(slug, from, now + 1);
    const reason = concentrationReason({ located: counts.located, countries: regionsView(counts, 1).countries });
    return reason ? [reason] : [];
  };
