import { z } from 'zod';

/** The service graph's longer spans: 24 h is the page's own per-minute graph, these are hourly. */
export const SeriesRange = z.enum(['7d', '30d']);
export type SeriesRange = z.infer<typeof SeriesRange>;

export const SeriesRangeQuery = z.object({ range: SeriesRange });

/** Report totals per step over [from, to); steps without reports are left out, readers fill zeros. */
export const CountSeries = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stepMs: z.number().int().positive(),
  points: z.array(z.object({ t: z.number().int(), total: z.number().int().nonnegative() })),
});
export type CountSeries = z.infer<typeof CountSeries>;

/** GET /api/services/:slug/series?range=7d|30d */
export const RangeSeries = CountSeries.extend({ range: SeriesRange });
export type RangeSeries = z.infer<typeof RangeSeries>;
