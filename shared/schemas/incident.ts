import { z } from 'zod';
import { Story } from './story.ts';

/** unplanned: a spike with no better explanation; partial: one problem or part dominates; maintenance: inside a declared window. */
export const IncidentKind = z.enum(['unplanned', 'partial', 'maintenance']);
export type IncidentKind = z.infer<typeof IncidentKind>;

/** The numbers behind a verdict, so a page can say "412 reports in 10 minutes, 9× normal". */
export const CrowdEvidence = z.object({
  windowMinutes: z.number(),
  observed: z.number(),
  expected: z.number(),
  ratio: z.number(),
  pValue: z.number(),
});
export type CrowdEvidence = z.infer<typeof CrowdEvidence>;

export const IncidentUpdateStatus = z.enum(['investigating', 'identified', 'monitoring', 'update', 'resolved']);

/** An operator's official note on an incident, shown as a timeline like status pages do. */
export const IncidentUpdate = z.object({
  id: z.string(),
  status: IncidentUpdateStatus,
  body: z.string(),
  author: z.string(),
  at: z.iso.datetime(),
});
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const IncidentUpdateRequest = z.strictObject({
  status: IncidentUpdateStatus,
  body: z.string().trim().min(3).max(2_000),
});
export type IncidentUpdateRequest = z.input<typeof IncidentUpdateRequest>;

export const Incident = z.object({
  id: z.string(),
  service: z.string(),
  kind: IncidentKind,
  state: z.enum(['open', 'resolved']),
  /** About when reports began to rise. */
  startedAt: z.iso.datetime(),
  /** When the detector could tell. */
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  reasons: z.array(z.string()),
  trigger: CrowdEvidence,
  peak: CrowdEvidence.extend({ at: z.iso.datetime() }),
  topProblems: z.array(z.object({ problem: z.string(), label: z.string(), count: z.number().int(), share: z.number() })),
  updates: z.array(IncidentUpdate),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  serviceName: z.string(),
  stories: z.array(Story),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** Expected reports per minute and the usual range, drawn behind the bars. */
export const BaselineBand = z.object({
  from: z.number().int(),
  stepMs: z.number().int(),
  expected: z.array(z.number()),
  low: z.array(z.number()),
  high: z.array(z.number()),
});
export type BaselineBand = z.infer<typeof BaselineBand>;

export const IncidentList = z.object({ incidents: z.array(Incident) });
export type IncidentList = z.infer<typeof IncidentList>;
