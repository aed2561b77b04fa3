import { z } from 'zod';
import { ProblemId } from './problem.ts';

export const COMMENT_MAX = 280;

/** A short public comment on a service page; a report's optional comment becomes one. */
export const Comment = z.object({
  id: z.string(),
  service: z.string(),
  text: z.string(),
  problem: ProblemId.optional(),
  createdAt: z.iso.datetime(),
});
export type Comment = z.infer<typeof Comment>;
