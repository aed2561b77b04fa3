import { z } from 'zod';

export const ReliabilityMonth = z.object({
  /** UTC calendar month. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Incidents that started in the month. */
  incidents: z.number().int().nonnegative(),
  /** Minutes of incidents inside the month (an incident across a month's end is split). */
  minutesDown: z.number().int().nonnegative(),
});
export type ReliabilityMonth = z.infer<typeof ReliabilityMonth>;

export const CommonCause = z.object({ cause: z.string(), count: z.number().int().positive() });
export type CommonCause = z.infer<typeof CommonCause>;

/** GET /api/services/:slug/reliability: the last 12 months of resolved incidents, oldest month first. */
export const ReliabilityHistory = z.object({
  service: z.string(),
  months: z.array(ReliabilityMonth),
  incidents: z.number().int().nonnegative(),
  /** The median duration; null without incidents. */
  typicalDurationMinutes: z.number().int().nonnegative().nullable(),
  /** Most frequent first, at most five. */
  commonCauses: z.array(CommonCause),
});
export type ReliabilityHistory = z.infer<typeof ReliabilityHistory>;
