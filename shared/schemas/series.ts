import { z } from 'zod';
import { ProblemId } from './problem.ts';
import { MINUTE_MS } from '../time.ts';

/** Reports for one service in one minute, split by problem kind. */
export const MinuteBucket = z.object({
  /** Start of the minute, epoch milliseconds. */
  t: z.number().int(),
  total: z.number().int().nonnegative(),
  byProblem: z.record(ProblemId, z.number().int().nonnegative()),
});
export type MinuteBucket = z.infer<typeof MinuteBucket>;

/**
 * Per-minute counts over [from, to): minutes with no reports are left out, so a quiet
 * service costs almost nothing to send; readers fill the gaps with zeros.
 */
export const MinuteSeries = z.object({
  from: z.number().int(),
  to: z.number().int(),
  stepMs: z.literal(MINUTE_MS),
  minutes: z.array(MinuteBucket),
});
export type MinuteSeries = z.infer<typeof MinuteSeries>;

/** "Most reported problems": shares over a recent window. */
export const ProblemBreakdown = z.object({
  windowMinutes: z.number().int().positive(),
  total: z.number().int().nonnegative(),
  items: z.array(
    z.object({
      problem: ProblemId,
      label: z.string(),
      count: z.number().int().nonnegative(),
      share: z.number().min(0).max(1),
    }),
  ),
});
export type ProblemBreakdown = z.infer<typeof ProblemBreakdown>;
