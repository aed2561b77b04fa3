import { z } from 'zod';

/** The Statuspage component words, so integrators can map our verdict without a table. */
export const StatusLevel = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
export type StatusLevel = z.infer<typeof StatusLevel>;

/** The fused verdict shown to people, always with the reasons behind it. */
export const Status = z.object({
  level: StatusLevel,
  /** 0…1: how sure the verdict is, from how many signals agree. */
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  /** ISO time the service entered this level. */
  since: z.iso.datetime(),
});
export type Status = z.infer<typeof Status>;
