import { z } from 'zod';
import { StatusLevel } from './status.ts';

/**
 * What a service's own status page says, read from its Statuspage summary or its incident
 * feed. Words from the page (incident status, impact) are kept as the page wrote them; only
 * levels are mapped onto ours.
 */

export const OfficialComponent = z.object({
  name: z.string(),
  level: StatusLevel,
  /** The group the page shows the component under, when it uses groups. */
  group: z.string().optional(),
});
export type OfficialComponent = z.infer<typeof OfficialComponent>;

export const OfficialIncident = z.object({
  name: z.string(),
  /** investigating, identified, monitoring… as the page says it ("unknown" when a feed doesn't say). */
  status: z.string(),
  /** none, minor, major, critical: Statuspage's words; inferred from the text for feeds. */
  impact: z.string(),
  url: z.string().optional(),
  updatedAt: z.iso.datetime(),
  /** The newest update's text, in plain words (HTML removed). */
  latestUpdate: z.string().optional(),
});
export type OfficialIncident = z.infer<typeof OfficialIncident>;

export const OfficialMaintenance = z.object({
  name: z.string(),
  /** scheduled, in_progress, verifying, completed. */
  status: z.string(),
  scheduledFor: z.iso.datetime().optional(),
  scheduledUntil: z.iso.datetime().optional(),
});
export type OfficialMaintenance = z.infer<typeof OfficialMaintenance>;

export const OfficialStatus = z.object({
  source: z.enum(['statuspage', 'feed']),
  fetchedAt: z.iso.datetime(),
  level: StatusLevel,
  description: z.string(),
  components: z.array(OfficialComponent),
  incidents: z.array(OfficialIncident),
  maintenances: z.array(OfficialMaintenance),
  /** What the parser had to guess (an unknown status word, an undated item), for operators. */
  notes: z.array(z.string()).optional(),
});
export type OfficialStatus = z.infer<typeof OfficialStatus>;

/** Order of seriousness, for "the worst of" — maintenance is planned, so it sits below trouble. */
export const LEVEL_SEVERITY: Record<StatusLevel, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const worstLevel = (levels: Iterable<StatusLevel>): StatusLevel => {
  let worst: StatusLevel = 'operational';
  for (const l of levels) if (LEVEL_SEVERITY[l] > LEVEL_SEVERITY[worst]) worst = l;
  return worst;
};

/** The words status pages use for each level, for reasons shown to people. */
export const LEVEL_WORDS: Record<StatusLevel, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};
