import { z } from 'zod';
import { StatusLevel } from './status.ts';

/** Why a service is shown beside another: how people recognise a shared cause, or find a neighbour. */
export const RelatedReason = z.enum(['problems_now', 'same_category']);
export type RelatedReason = z.infer<typeof RelatedReason>;

/** One entry of a service page's "Related services": services having problems now first, then its category. */
export const RelatedService = z.object({
  slug: z.string(),
  name: z.string(),
  /** In words: "Also having problems now", "Also in Cloud". */
  reason: z.string(),
  kind: RelatedReason,
  level: StatusLevel,
});
export type RelatedService = z.infer<typeof RelatedService>;
