import { z } from 'zod';
import { ObjectIdString, userText } from './text-rules.ts';
import { ModerationStatus } from './comment.ts';
import { Slug } from './service.ts';

/** The three kinds of expert an operator can verify (issue 13: the article's three). */
export const EXPERT_ROLES = ['technical-expert', 'cybersecurity-professional', 'service-provider'] as const;
export const ExpertRole = z.enum(EXPERT_ROLES);
export type ExpertRole = z.infer<typeof ExpertRole>;

const ROLE_LABELS: Record<ExpertRole, string> = {
  'technical-expert': 'Technical expert',
  'cybersecurity-professional': 'Cybersecurity professional',
  'service-provider': 'Service provider',
};
export const expertRoleLabel = (role: ExpertRole): string => ROLE_LABELS[role];

/** An operator verifies an expert: who they are, in what role, and (optionally) for which services only. */
export const ExpertRequest = z.strictObject({
  name: z.string().trim().min(2, 'A name needs at least 2 characters').max(80, 'A name is at most 80 characters'),
  role: ExpertRole,
  affiliation: z
    .string()
    .trim()
    .max(120, 'An affiliation is at most 120 characters')
    .optional()
    .transform((s) => s || undefined),
  /** Absent or empty: any service. A service provider is usually verified for its own services only. */
  services: z.array(Slug).max(50).optional(),
});
export type ExpertRequest = z.input<typeof ExpertRequest>;

export const Expert = z.object({
  id: z.string(),
  name: z.string(),
  role: ExpertRole,
  affiliation: z.string().optional(),
  services: z.array(z.string()),
  status: z.enum(['active', 'revoked']),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  revokedAt: z.iso.datetime().optional(),
});
export type Expert = z.infer<typeof Expert>;

export const ExpertList = z.object({ experts: z.array(Expert) });
export type ExpertList = z.infer<typeof ExpertList>;

/**
 * A one-time sign-in code, shown to the operator once (only its hash is kept) and handed to the
 * expert out of band. `url` carries it in the fragment, which browsers never send to a server.
 */
export const ExpertSignInCode = z.object({ code: z.string(), url: z.string(), expiresAt: z.iso.datetime() });
export type ExpertSignInCode = z.infer<typeof ExpertSignInCode>;

export const ExpertCreated = z.object({ expert: Expert, signIn: ExpertSignInCode });
export type ExpertCreated = z.infer<typeof ExpertCreated>;

export const ExpertSignInRequest = z.strictObject({ code: z.string().regex(/^[\w-]{43}$/, 'not a sign-in code') });
export type ExpertSignInRequest = z.infer<typeof ExpertSignInRequest>;

/** GET /api/experts/session: 200 whether or not an expert is signed in here. */
export const ExpertSession = z.union([
  z.object({
    signedIn: z.literal(true),
    expert: z.object({ id: z.string(), name: z.string(), role: ExpertRole, affiliation: z.string().optional() }),
    expiresAt: z.iso.datetime(),
  }),
  z.object({ signedIn: z.literal(false), revoked: z.boolean().optional() }),
]);
export type ExpertSession = z.infer<typeof ExpertSession>;

/** Plain text; a few http(s) links are allowed and listed apart, never rendered as HTML. */
export const INSIGHT_MAX_LINKS = 5;
export const InsightRequest = z.strictObject({
  body: userText({ min: 20, max: 4_000, maxLinks: INSIGHT_MAX_LINKS, what: 'An insight' }),
  incidentId: ObjectIdString.optional(),
});
export type InsightRequest = z.input<typeof InsightRequest>;

export const Insight = z.object({
  id: z.string(),
  service: z.string(),
  incidentId: z.string().optional(),
  /** As verified when the insight was posted; `stillVerified` is false once an operator revoked them. */
  expert: z.object({
    name: z.string(),
    role: ExpertRole,
    roleLabel: z.string(),
    affiliation: z.string().optional(),
    stillVerified: z.boolean(),
  }),
  body: z.string(),
  /** The http(s) links in the body, in order. */
  links: z.array(z.string()),
  helpful: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type Insight = z.infer<typeof Insight>;

export const InsightQuery = z.object({
  sort: z.enum(['helpful', 'newest']).default('newest'),
  incident: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const InsightPage = z.object({ insights: z.array(Insight), total: z.number().int().nonnegative() });
export type InsightPage = z.infer<typeof InsightPage>;

/** An operator's view: moderation state and the flags, besides what readers see. */
export const InsightModerationItem = Insight.extend({
  status: ModerationStatus,
  flags: z.number().int().nonnegative(),
  expertId: z.string(),
});
export const InsightModerationQueue = z.object({ items: z.array(InsightModerationItem) });
export type InsightModerationQueue = z.infer<typeof InsightModerationQueue>;

export const InsightModerationResult = z.object({ id: z.string(), status: ModerationStatus });
export type InsightModerationResult = z.infer<typeof InsightModerationResult>;
