import type { Regions } from '../../shared/index.ts';
import { parseCityKey } from './place.ts';
import type { MinuteRegions, RegionBook } from './region-book.ts';
import { minuteOf } from '../series/series-math.ts';
import { MINUTE_MS } from '../../shared/time.ts';

/** What a page lists and the map draws: the top few, most reports first. */
export const TOP_COUNTRIES = 20;
export const TOP_CITIES = 30;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** A country's English name ("DE" → "Germany"); the code itself for one Intl does not know. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Summed counts of a window as the API's shape. */
export function regionsView(counts: MinuteRegions, windowMinutes: number): Regions {
  const countries = Object.entries(counts.countries)
    .filter(([, n]) => n > 0)
    .sort(byCount)
    .slice(0, TOP_COUNTRIES)
    .map(([code, reports]) => ({ code, name: countryName(code), reports }));
  const cities = Object.entries(counts.cities)
    .filter(([, n]) => n > 0)
    .sort(byCount)
    .flatMap(([key, reports]) => {
      const city = parseCityKey(key);
      return city ? [{ name: city.name, country: city.country, lat: city.lat, lon: city.lon, reports }] : [];
    })
    .slice(0, TOP_CITIES);
  return { windowMinutes, located: counts.located, countries, cities };
}

/** Most first; ties in a stable order, so the same counts always read the same. */
const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The last `minutes` minutes up to and including the current one, as the API shows them. */
export function regionsWindow(store: Pick<RegionBook, 'between'>, slug: string, now: number, minutes: number): Regions {
  const to = minuteOf(now) + MINUTE_MS;
  return regionsView(store.between(slug, to - minutes * MINUTE_MS, to), minutes);
}
