import { z } from 'zod';
import { Story } from './story.ts';
import { OfficialAck } from './official-lead.ts';
import { DiagnosisStep } from './diagnosis.ts';

/**
 * unplanned: a spike with no better explanation; partial: one problem or part dominates; maintenance: inside a declared
 * window.
 */
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

/**
 * Where an open incident stands: reports still climbing (rising), holding high (ongoing), or
 * falling back toward normal or people saying it works again (recovering). See incidents/lifecycle.ts.
 */
export const IncidentPhase = z.enum(['rising', 'ongoing', 'recovering']);
export type IncidentPhase = z.infer<typeof IncidentPhase>;

/** Who opened an incident: the detector from a burst of reports, or an operator by hand. */
export const IncidentOrigin = z.enum(['crowd', 'operator']);
export type IncidentOrigin = z.infer<typeof IncidentOrigin>;

export const Incident = z.object({
  id: z.string(),
  service: z.string(),
  kind: IncidentKind,
  state: z.enum(['open', 'resolved']),
  /** Always sent by this server; optional so older stored shapes and hand-written ones stay valid (absent: crowd). */
  origin: IncidentOrigin.optional(),
  /** An operator's headline (incidents opened by hand); crowd incidents have none. */
  title: z.string().optional(),
  /** While open. */
  phase: IncidentPhase.optional(),
  /** Who closed it: an operator's name, "detector" (back to normal), or "recovered" (the short-burst rule). */
  resolvedBy: z.string().optional(),
  /** About when reports began to rise. */
  startedAt: z.iso.datetime(),
  /** When the detector could tell. */
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().optional(),
  reasons: z.array(z.string()),
  trigger: CrowdEvidence,
  peak: CrowdEvidence.extend({ at: z.iso.datetime() }),
  topProblems: z.array(
    z.object({ problem: z.string(), label: z.string(), count: z.number().int(), share: z.number() }),
  ),
  updates: z.array(IncidentUpdate),
  /** When the official page first showed it (null until then; absent on incidents stored before this was recorded). */
  official: OfficialAck.nullable().optional(),
  /** The likely cause as last recorded (the incident keeps every change: see its case study). */
  diagnosis: DiagnosisStep.optional(),
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

/** Body of POST /api/admin/services/:slug/incidents: an operator opens an incident by hand. */
export const IncidentOpenRequest = z.strictObject({
  title: z.string().trim().min(3).max(120),
  kind: IncidentKind.default('unplanned'),
  /** The first timeline entry; "resolved" would close what is being opened. */
  status: IncidentUpdateStatus.exclude(['resolved']).default('investigating'),
  body: z.string().trim().min(3).max(2_000),
});
export type IncidentOpenRequest = z.input<typeof IncidentOpenRequest>;

/** Body of POST /api/admin/incidents/:id/resolve: the closing note is optional. */
export const IncidentResolveRequest = z.strictObject({
  body: z.string().trim().min(3).max(2_000).optional(),
});
export type IncidentResolveRequest = z.input<typeof IncidentResolveRequest>;

/** GET /api/admin/incidents: open ones by default, all services at once. */
export const AdminIncidentsQuery = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type IncidentList = z.infer<typeof IncidentList>;
