import { z } from 'zod';
import { Problem } from './problem.ts';
import { Status } from './status.ts';
import { MinuteSeries, ProblemBreakdown } from './series.ts';
import { Comment } from './comment.ts';
import { MaintenanceWindow } from './maintenance.ts';

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a slug is lower-case letters, digits and dashes');

export const Service = z.object({
  slug: Slug,
  name: z.string().min(1).max(80),
  homepage: z.url(),
  category: z.string().max(40).default('Other'),
  problems: z.array(Problem).min(1),
});
export type Service = z.infer<typeof Service>;

/** One row of GET /api/services: enough for the home page's list. */
export const ServiceSummary = Service.pick({ slug: true, name: true, homepage: true, category: true }).extend({
  status: Status,
  reportsLastHour: z.number().int().nonnegative(),
  /** Last 24 h in 15-minute totals, oldest first; the last one is still filling. */
  sparkline: z.array(z.number().int().nonnegative()),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ReportStats = z.object({
  lastHour: z.number().int().nonnegative(),
  last24h: z.number().int().nonnegative(),
});

/** GET /api/services/:slug: everything the service page needs in one request. */
export const ServiceDetail = z.object({
  service: Service,
  status: Status,
  series: MinuteSeries,
  breakdown: ProblemBreakdown,
  comments: z.array(Comment),
  stats: ReportStats,
  /** Current and upcoming declared maintenance, soonest first. */
  maintenance: z.array(MaintenanceWindow),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

/** What `service:update` carries: the recent minutes, enough to move the graph. */
export const ServiceUpdate = z.object({
  slug: Slug,
  status: Status,
  recent: MinuteSeries,
  breakdown: ProblemBreakdown,
  comments: z.array(Comment),
  stats: ReportStats,
  maintenance: z.array(MaintenanceWindow),
});
export type ServiceUpdate = z.infer<typeof ServiceUpdate>;
