import { z } from 'zod';
import { StatusLevel } from './status.ts';

/**
 * Atlassian Statuspage's public API v2 (`/api/v2/summary.json` and friends), as we serve it: our
 * crowd verdicts in the format status widgets, chat bots and monitoring tools already read.
 * Field names and words are Statuspage's own; only what real pages fill in is declared.
 */

/** Statuspage's roll-up of a whole page, from the worst component. */
export const StatuspageIndicator = z.enum(['none', 'minor', 'major', 'critical', 'maintenance']);
export type StatuspageIndicator = z.infer<typeof StatuspageIndicator>;

export const StatuspagePage = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  time_zone: z.string(),
  updated_at: z.iso.datetime(),
});
export type StatuspagePage = z.infer<typeof StatuspagePage>;

export const StatuspageComponent = z.object({
  id: z.string(),
  name: z.string(),
  /** Our verdict levels are Statuspage's component words already. */
  status: StatusLevel,
  updated_at: z.iso.datetime(),
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  /** A group's members, by id (groups only). */
  components: z.array(z.string()).optional(),
});
export type StatuspageComponent = z.infer<typeof StatuspageComponent>;

export const StatuspageIncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
export const StatuspageMaintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);

export const StatuspageUpdate = z.object({
  id: z.string(),
  status: z.union([StatuspageIncidentStatus, StatuspageMaintenanceStatus]),
  body: z.string(),
  incident_id: z.string(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  display_at: z.iso.datetime(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});
export type StatuspageUpdate = z.infer<typeof StatuspageUpdate>;

const incidentFields = {
  id: z.string(),
  name: z.string(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  monitoring_at: z.iso.datetime().nullable(),
  resolved_at: z.iso.datetime().nullable(),
  impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  shortlink: z.string(),
  started_at: z.iso.datetime(),
  page_id: z.string(),
  /** Newest first, as Statuspage lists them. */
  incident_updates: z.array(StatuspageUpdate),
  components: z.array(StatuspageComponent),
};

export const StatuspageIncident = z.object({ ...incidentFields, status: StatuspageIncidentStatus });
export type StatuspageIncident = z.infer<typeof StatuspageIncident>;

export const StatuspageMaintenance = z.object({
  ...incidentFields,
  status: StatuspageMaintenanceStatus,
  scheduled_for: z.iso.datetime(),
  scheduled_until: z.iso.datetime(),
});
export type StatuspageMaintenance = z.infer<typeof StatuspageMaintenance>;

export const StatuspageStatus = z.object({ indicator: StatuspageIndicator, description: z.string() });
export type StatuspageStatus = z.infer<typeof StatuspageStatus>;

/** GET /api/v2/summary.json */
export const StatuspageSummary = z.object({
  page: StatuspagePage,
  components: z.array(StatuspageComponent),
  /** Unresolved only, as Statuspage's summary has it. */
  incidents: z.array(StatuspageIncident),
  /** Upcoming and in progress. */
  scheduled_maintenances: z.array(StatuspageMaintenance),
  status: StatuspageStatus,
});
export type StatuspageSummary = z.infer<typeof StatuspageSummary>;

/** GET /api/v2/status.json */
export const StatuspageStatusResponse = StatuspageSummary.pick({ page: true, status: true });
/** GET /api/v2/components.json */
export const StatuspageComponentsResponse = StatuspageSummary.pick({ page: true, components: true });
/** GET /api/v2/incidents.json and /api/v2/incidents/unresolved.json */
export const StatuspageIncidentsResponse = StatuspageSummary.pick({ page: true, incidents: true });
/** GET /api/v2/scheduled-maintenances.json (and /upcoming.json, /active.json) */
export const StatuspageMaintenancesResponse = StatuspageSummary.pick({ page: true, scheduled_maintenances: true });
