import { z } from 'zod';
import { ProblemId } from './problem.ts';
import { HumanCheck, userText } from './text-rules.ts';

import { COMMENT_MAX, FLAG_REASONS } from '../constants.ts';

export { COMMENT_MAX };

/** visible: shown; held: enough flags, waiting for an operator; hidden: removed by an operator. */
export const ModerationStatus = z.enum(['visible', 'held', 'hidden']);
export type ModerationStatus = z.infer<typeof ModerationStatus>;

/** A short public comment on a service page; a report's optional comment becomes one. */
export const Comment = z.object({
  id: z.string(),
  service: z.string(),
  text: z.string(),
  problem: ProblemId.optional(),
  createdAt: z.iso.datetime(),
});
export type Comment = z.infer<typeof Comment>;

export const CommentRequest = z.strictObject({
  text: userText({ min: 1, max: COMMENT_MAX, maxLinks: 1, what: 'A comment' }),
  problem: ProblemId.optional(),
  ...HumanCheck.shape,
});
export type CommentRequest = z.input<typeof CommentRequest>;

export const CommentPage = z.object({
  comments: z.array(Comment),
  /** Pass as `before` to get the next, older page; absent on the last page. */
  next: z.string().optional(),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const FlagRequest = z.strictObject({
  reason: z.enum(FLAG_REASONS).default('other'),
});
export type FlagRequest = z.input<typeof FlagRequest>;

export const FlagResponse = z.object({ flagged: z.boolean(), held: z.boolean() });
export type FlagResponse = z.infer<typeof FlagResponse>;
