/*
 * Plain values both ends need, with no zod. The client's forms do import schema files (to check
 * a body before sending it); client/src/zod-config.ts keeps zod jitless there, as its
 * `new Function` probe would break the Content-Security-Policy.
 */

export const COMMENT_MAX = 280;

export const STORY_KINDS = ['testimonial', 'business_impact', 'recovery'] as const;
export type StoryKindName = (typeof STORY_KINDS)[number];

export const storyKindLabel: Record<StoryKindName, string> = {
  testimonial: 'What it was like',
  business_impact: 'Business impact',
  recovery: 'Recovery story',
};

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'] as const;

/** The verdict in words, keyed by the Status level (kept in sync with StatusLevel in schemas/status.ts). */
export const levelLabel = {
  operational: 'No problems detected',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
} as const;
