import { z } from 'zod';
import { ProbeDefinition, ProbeResult, httpUrl } from './probe.ts';
import { OfficialStatus } from './official-status.ts';

/**
 * A service's automated checks as the catalog holds them (probes, its official status page)
 * and as pages see them (the latest result of each, our vantage point, what reporters'
 * browsers measured).
 */

/** More than this per service is a fleet, not a check; ids must be unique within a service. */
export const MAX_PROBES_PER_SERVICE = 100;

export const ProbeList = z
  .array(ProbeDefinition)
  .max(MAX_PROBES_PER_SERVICE, `a service has at most ${MAX_PROBES_PER_SERVICE} probes`)
  .superRefine((probes, ctx) => {
    const seen = new Set<string>();
    probes.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: 'custom',
          message: `probe id "${p.id}" is used twice; ids must be unique within a service`,
          path: [i, 'id'],
        });
      seen.add(p.id);
    });
  });

/** Where a service publishes its own status: a Statuspage v2 summary.json, or an RSS/Atom incident feed. */
export const OfficialSource = z.strictObject({
  kind: z.enum(
    ['statuspage', 'feed'],
    'kind is "statuspage" (an Atlassian Statuspage /api/v2/summary.json) or "feed" (RSS or Atom)',
  ),
  url: httpUrl,
});
export type OfficialSource = z.infer<typeof OfficialSource>;

/** Body of PUT /api/admin/services/:slug/probes: the whole list, replacing the one before. */
export const ProbesUpdate = z.strictObject({ probes: ProbeList });
export type ProbesUpdate = z.input<typeof ProbesUpdate>;

/** GET /api/admin/services/:slug/checks, and the answer to the PUTs: definitions with defaults filled in. */
export const ServiceChecksConfig = z.object({
  slug: z.string(),
  probes: z.array(ProbeDefinition),
  official: OfficialSource.nullable(),
});
export type ServiceChecksConfig = z.infer<typeof ServiceChecksConfig>;

/** One probe on the service page: what it checks and what it saw last. */
export const ProbeView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['http', 'tcp', 'dns']),
  /** What is checked, in one line: a URL, host:port, or "name (A)". */
  target: z.string(),
  intervalSeconds: z.number().int(),
  latest: ProbeResult.nullable(),
  /** When the current run of failures began (absent while passing). */
  failingSince: z.iso.datetime().optional(),
});
export type ProbeView = z.infer<typeof ProbeView>;

export const OfficialView = z.object({
  url: z.string(),
  kind: z.enum(['statuspage', 'feed']),
  /** The last page read successfully (kept while later reads fail). */
  latest: OfficialStatus.nullable(),
  /** Why the last read failed, when it did. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** When the page was last read, successfully or not; null before the first read. */
  fetchedAt: z.iso.datetime().nullable(),
});
export type OfficialView = z.infer<typeof OfficialView>;

/** Whether our own probes can reach the internet at all (see server/probes/vantage.ts). */
export const VantageView = z.object({ down: z.boolean(), reason: z.string().optional() });
export type VantageView = z.infer<typeof VantageView>;

/** Of the reporters in the last hour whose browser tried the service's homepage, how many could not reach it. */
export const Reachability = z.object({
  checked: z.number().int().nonnegative(),
  unreachable: z.number().int().nonnegative(),
  share: z.number().min(0).max(1),
  windowMinutes: z.literal(60),
});
export type Reachability = z.infer<typeof Reachability>;

export const ProbeHistoryQuery = z.object({
  hours: z.coerce
    .number()
    .int('hours is a whole number')
    .min(1, 'hours runs 1–168')
    .max(168, 'hours runs 1–168 (a week is kept)')
    .default(24),
});

/** One step of a response-time graph: mean latency of the runs that got an answer; ok when no run failed. */
export const ProbePoint = z.object({
  t: z.number().int(),
  latencyMs: z.number().nonnegative().nullable(),
  ok: z.boolean(),
});
export type ProbePoint = z.infer<typeof ProbePoint>;

/** GET /api/services/:slug/probes/history?hours=24: per-probe points, steps without a run left out. */
export const ProbeHistory = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** 60,000 up to 24 hours, 300,000 beyond. */
  stepMs: z.number().int(),
  probes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['http', 'tcp', 'dns']),
      points: z.array(ProbePoint),
    }),
  ),
});
export type ProbeHistory = z.infer<typeof ProbeHistory>;
