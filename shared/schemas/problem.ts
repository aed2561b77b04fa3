import { z } from 'zod';

/** A problem kind people can pick when they report ("login", "errors", "api"…), per service. */
export const ProblemId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'a problem id is lower-case letters, digits and dashes');
export type ProblemId = z.infer<typeof ProblemId>;

export const Problem = z.object({
  id: ProblemId,
  label: z.string().min(1).max(60),
  /** One line shown under the label in the report dialog. */
  hint: z.string().max(120).optional(),
});
export type Problem = z.infer<typeof Problem>;
