import { z } from 'zod';
import { HumanCheck, ObjectIdString, userText } from './text-rules.ts';

import { STORY_KINDS, storyKindLabel } from '../constants.ts';

export { storyKindLabel };

/** The seed's "personal stories and case studies", each of one kind. */
export const StoryKind = z.enum(STORY_KINDS);
export type StoryKind = z.infer<typeof StoryKind>;

/** For business impact: what it cost, in numbers people compare. */
export const StoryImpact = z.strictObject({
  hoursLost: z.number().min(0).max(100_000).optional(),
  peopleAffected: z.number().int().min(0).max(10_000_000).optional(),
  whatStopped: z.string().trim().max(200).optional(),
});

export const Story = z.object({
  id: z.string(),
  service: z.string(),
  incidentId: z.string().optional(),
  kind: StoryKind,
  title: z.string(),
  body: z.string(),
  displayName: z.string().optional(),
  impact: StoryImpact.optional(),
  helpful: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type Story = z.infer<typeof Story>;

export const StoryRequest = z.strictObject({
  kind: StoryKind,
  title: userText({ min: 5, max: 120, maxLinks: 0, what: 'A title' }),
  body: userText({ min: 40, max: 5_000, maxLinks: 3, what: 'A story' }),
  displayName: z
    .string()
    .trim()
    .max(40, 'A name is at most 40 characters')
    .optional()
    .transform((s) => s || undefined),
  incidentId: ObjectIdString.optional(),
  impact: StoryImpact.optional(),
  ...HumanCheck.shape,
});
export type StoryRequest = z.input<typeof StoryRequest>;

export const StoryQuery = z.object({
  kind: StoryKind.optional(),
  sort: z.enum(['helpful', 'newest']).default('newest'),
  incident: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Skip this many (simple paging: story lists are short and sorted two ways). */
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const StoryPage = z.object({ stories: z.array(Story), total: z.number().int().nonnegative() });
export type StoryPage = z.infer<typeof StoryPage>;

export const HelpfulResponse = z.object({ helpful: z.number().int().nonnegative(), counted: z.boolean() });
export type HelpfulResponse = z.infer<typeof HelpfulResponse>;
