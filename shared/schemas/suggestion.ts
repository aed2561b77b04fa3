import { z } from 'zod';
import { HumanCheck, userText } from './text-rules.ts';
import { httpUrl } from './probe.ts';

/** POST /api/suggestions: a service people looked for and did not find. */
export const SuggestionRequest = z.strictObject({
  name: userText({ min: 2, max: 80, maxLinks: 0, what: 'The name' }),
  homepage: httpUrl.pipe(z.string().max(200, 'The address is at most 200 characters')).optional(),
  ...HumanCheck.shape,
});
export type SuggestionRequest = z.input<typeof SuggestionRequest>;

/** One suggested service; the same name suggested again is counted, not stored twice. */
export const Suggestion = z.object({
  id: z.string(),
  name: z.string(),
  homepage: z.string().optional(),
  /** How many times it was suggested (people, not requests: each address is rate-limited). */
  count: z.number().int().positive(),
  firstAt: z.iso.datetime(),
  lastAt: z.iso.datetime(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionList = z.object({ suggestions: z.array(Suggestion) });
export type SuggestionList = z.infer<typeof SuggestionList>;
