import { z } from 'zod';
import { ProblemId } from './problem.ts';
import { COMMENT_MAX } from './comment.ts';
import { countLinks } from './text-rules.ts';

/**
 * What the reporter's browser measured just before reporting: could it reach the service's
 * homepage at all (a no-cors request that either gets an answer or a network error), and how
 * long that took. Counted per minute, so the page can say how many reporters could not connect.
 */
export const BrowserCheck = z.strictObject({
  reachable: z.boolean('reachable is true or false'),
  ms: z.number('ms is a number of milliseconds').min(0, 'ms runs 0–60,000').max(60_000, 'ms runs 0–60,000'),
  /** When the browser measured, if it says. */
  at: z.iso.datetime({ offset: true, message: 'at is an ISO date-time' }).optional(),
});
export type BrowserCheck = z.infer<typeof BrowserCheck>;

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
  browserCheck: BrowserCheck.optional(),
});
export type ReportRequest = z.input<typeof ReportRequest>;

export const ReportResponse = z.union([
  z.object({ id: z.string(), counted: z.literal(true) }),
  z.object({ counted: z.literal(false) }),
]);
export type ReportResponse = z.infer<typeof ReportResponse>;
