import { z } from 'zod';

/** How far back "N people say it's back" looks. */
export const RECOVERY_WINDOW_MINUTES = 15;

/** Body of POST /api/services/:slug/recoveries ("It works again for me"): nothing to say but that. */
export const RecoveryRequest = z.strictObject({});

/** 201 counted, 200 a repeat within the dedupe window (as reports). */
export const RecoveryResponse = z.object({ counted: z.boolean() });
export type RecoveryResponse = z.infer<typeof RecoveryResponse>;

/** People who said it works again for them in the last `lastMinutes` minutes. */
export const RecoveryCount = z.object({
  lastMinutes: z.number().int().positive(),
  count: z.number().int().nonnegative(),
});
export type RecoveryCount = z.infer<typeof RecoveryCount>;
