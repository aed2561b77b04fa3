import { z } from 'zod';
import { Problem } from './problem.ts';
import { Status } from './status.ts';
import { RelatedService } from './related.ts';
import { MinuteSeries, ProblemBreakdown } from './series.ts';
import { OfficialLead } from './official-lead.ts';
import { Comment } from './comment.ts';
import { MaintenanceWindow } from './maintenance.ts';
import { BaselineBand, Incident } from './incident.ts';
import { RecoveryCount } from './recovery.ts';
import { OfficialSource, OfficialView, ProbeList, ProbeView, Reachability, VantageView } from './checks.ts';
import { Regions } from './regions.ts';
import { Diagnosis } from './diagnosis.ts';
import { Guidance } from './guidance.ts';

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a slug is lower-case letters, digits and dashes');

export const Service = z.object({
  slug: Slug,
  name: z.string().min(1).max(80),
  homepage: z.url(),
  category: z.string().max(40).default('Other'),
  /** Other names people search for ("gpt", "psn", "aws"); matched by the home page's search. */
  aliases: z.array(z.string().trim().min(1).max(40)).max(12).optional(),
  problems: z.array(Problem).min(1),
  /** Automated checks run on a schedule (absent: none). */
  probes: ProbeList.optional(),
  /** The service's own status page, read on a schedule. */
  official: OfficialSource.optional(),
  /** An operator's "what to do" for this service, replacing the category's defaults. */
  guidance: Guidance.optional(),
});
export type Service = z.infer<typeof Service>;
/** A service as written in the seed, a catalog file or a test: probe defaults not yet filled in. */
export type ServiceInput = z.input<typeof Service>;

/** What pages see of a catalog entry: probe definitions stay with operators (their headers may carry credentials). */
export const PublicService = Service.omit({ probes: true, official: true, guidance: true });
export type PublicService = z.infer<typeof PublicService>;

/** What the checks add to a service's page and its live updates. */
const checks = {
  probes: z.array(ProbeView),
  official: OfficialView.nullable(),
  vantage: VantageView,
  /** Reporters' own browsers: could they reach the homepage? Null when none checked in the last hour. */
  reachability: Reachability.nullable(),
};

/** One row of GET /api/services: enough for the home page's list. */
export const ServiceSummary = Service.pick({ slug: true, name: true, homepage: true, category: true }).extend({
  aliases: z.array(z.string()),
  status: Status,
  /** When the open incident began, for "problems since 14:32". */
  incidentSince: z.iso.datetime().nullable(),
  reportsLastHour: z.number().int().nonnegative(),
  /** Last 24 h in 15-minute totals, oldest first; the last one is still filling. */
  sparkline: z.array(z.number().int().nonnegative()),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ReportStats = z.object({
  lastHour: z.number().int().nonnegative(),
  last24h: z.number().int().nonnegative(),
});

/**
 * What a service page shows beside its graph, in the first load and in every live update alike:
 * the server builds it once per snapshot and the page takes an update's with one assignment.
 */
export const ServiceNow = z.object({
  status: Status,
  breakdown: ProblemBreakdown,
  comments: z.array(Comment),
  /** Older comments exist beyond `comments` (page them with GET …/comments). */
  moreComments: z.boolean(),
  stats: ReportStats,
  /** Current and upcoming declared maintenance, soonest first. */
  maintenance: z.array(MaintenanceWindow),
  /** The open incident, if any. */
  incident: Incident.nullable(),
  /** "N people say it's back" (POST …/recoveries). */
  recoveries: RecoveryCount,
  /** The last incident, if it resolved within the last hour: the page offers "It works again" until then. */
  recentlyResolved: Incident.nullable(),
  /** Where the last hour's reports come from. */
  regions: Regions,
  /** Services having problems at the same time (a shared cause shows here first), then others of its category. */
  related: z.array(RelatedService),
  ...checks,
  /** The likely cause of the trouble with its evidence; null while nothing says anything is wrong. */
  diagnosis: Diagnosis.nullable(),
  /** What to do now, for the person and for a business; empty while all is well. */
  guidance: Guidance,
});
export type ServiceNow = z.infer<typeof ServiceNow>;

/**
 * Expected counts per minute over the series' span (null while history is still loading): each shape has its own span.
 */
const baseline = BaselineBand.nullable();

/** GET /api/services/:slug: everything the service page needs in one request. */
export const ServiceDetail = ServiceNow.extend({
  service: PublicService,
  series: MinuteSeries,
  baseline,
  /** How far ahead of the official page our detection usually is (null: no acknowledged incident yet). */
  officialLead: OfficialLead.nullable().optional(),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

/** What `service:update` carries: the recent minutes, enough to move the graph. */
export const ServiceUpdate = ServiceNow.extend({
  slug: Slug,
  recent: MinuteSeries,
  baseline,
  /** Left out of a live update when it is the same as in the one before (it rarely changes): keep the last one. */
  guidance: Guidance.optional(),
});
export type ServiceUpdate = z.infer<typeof ServiceUpdate>;
