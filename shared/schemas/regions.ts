import { z } from 'zod';

/**
 * Where reports come from: a coarse location per report, looked up from its address at intake
 * (the address itself is never stored). Counts cover the last `windowMinutes`.
 */

/** The window a regions read covers: a minute to a day. */
export const RegionsQuery = z.object({
  minutes: z.coerce
    .number('minutes is a whole number from 1 to 1440')
    .int('minutes is a whole number from 1 to 1440')
    .min(1, 'minutes is at least 1')
    .max(1440, 'minutes is at most 1440 (a day)')
    .default(60),
});
export type RegionsQuery = z.infer<typeof RegionsQuery>;

export const CountryCount = z.object({
  /** ISO 3166-1 alpha-2. */
  code: z.string().regex(/^[A-Z]{2}$/),
  name: z.string(),
  reports: z.number().int().nonnegative(),
});
export type CountryCount = z.infer<typeof CountryCount>;

export const CityCount = z.object({
  name: z.string(),
  /** The city's country, ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Rounded to a tenth of a degree (about 10 km): a place on a map, never an address. */
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  reports: z.number().int().nonnegative(),
});
export type CityCount = z.infer<typeof CityCount>;

/** GET /api/services/:slug/regions, and `regions` in the service's page data and live updates. */
export const Regions = z.object({
  windowMinutes: z.number().int().min(1).max(1440),
  /** Reports in the window whose address gave a country (private and unknown addresses give none). */
  located: z.number().int().nonnegative(),
  /** Most reports first; the top few only. */
  countries: z.array(CountryCount),
  cities: z.array(CityCount),
});
export type Regions = z.infer<typeof Regions>;
