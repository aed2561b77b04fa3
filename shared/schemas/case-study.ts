import { z } from 'zod';
import { Story } from './story.ts';
import { Insight } from './expert.ts';
import { IncidentKind } from './incident.ts';
import { DiagnosisStep } from './diagnosis.ts';

/** What happened, in the order it happened; each kind is drawn from one record (see server/case-studies/). */
export const CASE_STUDY_EVENT_KINDS = [
  'first-reports',
  'detected',
  'official-ack',
  'peak',
  'probe-failing',
  'probe-recovered',
  'recovery-confirmed',
  'operator-update',
  'diagnosis',
  'resolved',
] as const;
export const CaseStudyEventKind = z.enum(CASE_STUDY_EVENT_KINDS);
export type CaseStudyEventKind = z.infer<typeof CaseStudyEventKind>;

export const CaseStudyEvent = z.object({
  at: z.iso.datetime(),
  kind: CaseStudyEventKind,
  /** A sentence for people; times inside it, if any, are in UTC. */
  text: z.string(),
});
export type CaseStudyEvent = z.infer<typeof CaseStudyEvent>;

export const CaseStudyNumbers = z.object({
  durationMinutes: z.number().int().nonnegative(),
  /** The busiest single minute between the start and the resolution. */
  peakReportsPerMinute: z.number().int().nonnegative(),
  /** Reports counted between the start and the resolution. */
  totalReports: z.number().int().nonnegative(),
  /** As the stories tell it: each story's own "people affected", or 1 for its author when it gives none. */
  peopleAffected: z.number().int().nonnegative(),
  stories: z.number().int().nonnegative(),
  /** "It works again for me" clicks from the detection to an hour after the resolution. */
  recoveryConfirmations: z.number().int().nonnegative(),
});
export type CaseStudyNumbers = z.infer<typeof CaseStudyNumbers>;

/** GET /api/incidents/:id/case-study: a resolved incident told from what was recorded. */
export const CaseStudy = z.object({
  incidentId: z.string(),
  service: z.string(),
  serviceName: z.string(),
  kind: IncidentKind,
  title: z.string().optional(),
  startedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime(),
  timeline: z.array(CaseStudyEvent),
  numbers: CaseStudyNumbers,
  diagnosisHistory: z.array(DiagnosisStep),
  /** The most helpful few. */
  stories: z.array(Story),
  insights: z.array(Insight),
});
export type CaseStudy = z.infer<typeof CaseStudy>;
