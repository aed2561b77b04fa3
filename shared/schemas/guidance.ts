import { z } from 'zod';

/**
 * What to do while a service has trouble: short sections of steps for the person using it and
 * for a business depending on it. Defaults come per catalog category (server/guidance/); an
 * operator's override for a service, in the same shape, replaces them.
 */

export const GuidanceSection = z.object({
  title: z.string().trim().min(1, 'a section needs a title').max(80, 'a section title is at most 80 characters'),
  steps: z
    .array(z.string().trim().min(1, 'a step must not be empty').max(300, 'a step is at most 300 characters'))
    .min(1, 'a section needs at least one step')
    .max(12, 'a section has at most 12 steps'),
});
export type GuidanceSection = z.infer<typeof GuidanceSection>;

/** What a page shows, and what an operator may set for a service instead of the defaults. */
export const Guidance = z.array(GuidanceSection).max(6, 'at most 6 sections');
export type Guidance = z.infer<typeof Guidance>;

/** PUT /api/admin/services/:slug/guidance: an empty list goes back to the category's defaults. */
export const GuidanceUpdate = z.strictObject({ guidance: Guidance });
export type GuidanceUpdate = z.infer<typeof GuidanceUpdate>;

/** What operators see: their override, and the defaults it replaces (as shown during an outage). */
export const GuidanceConfig = z.object({ override: Guidance.nullable(), defaults: Guidance });
export type GuidanceConfig = z.infer<typeof GuidanceConfig>;
