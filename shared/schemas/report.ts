import { z } from 'zod';
import { ProblemId } from './problem.ts';
import { COMMENT_MAX } from './comment.ts';
import { countLinks } from './text-rules.ts';

/** Body of POST /api/services/:slug/reports. Strict: unknown keys are refused, not ignored. */
export const ReportRequest = z.strictObject({
  problem: ProblemId,
  comment: z
    .string()
    .trim()
    .max(COMMENT_MAX, `a comment is at most ${COMMENT_MAX} characters`)
    .refine((c) => countLinks(c) <= 1, 'a comment can contain at most 1 link')
    .optional()
    .transform((c) => (c === '' ? undefined : c)),
});
export type ReportRequest = z.input<typeof ReportRequest>;

export const ReportResponse = z.union([
  z.object({ id: z.string(), counted: z.literal(true) }),
  z.object({ counted: z.literal(false) }),
]);
export type ReportResponse = z.infer<typeof ReportResponse>;
