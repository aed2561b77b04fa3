import { z } from 'zod';
import { StatusLevel } from './status.ts';
import { ProbeErrorCode } from './probe.ts';

/**
 * The likely cause of a service's trouble, with the evidence for and against it: what the page
 * says beside the verdict ("Their servers are answering with errors: …"). Built by
 * server/status/diagnose.ts from `DiagnosisEvidence`, a plain snapshot of what memory holds.
 */

export const DiagnosisCause = z.enum([
  /** Probes cannot resolve the name or connect at all. */
  'network-dns',
  /** The servers answer, with 5xx or without the text a working page has. */
  'server-errors',
  /** Answers far slower than usual, 429/503, people reporting slowness: more demand than capacity. */
  'overload',
  /** Declared by the operators or on the official page. */
  'maintenance',
  /** The official page says so: DDoS, attack, security incident. */
  'cyber-attack',
  /** A cloud or CDN it may depend on has problems at the same time. */
  'upstream-provider',
  /** It works for most: reporters' own browsers reach it, reports come from one region or about one thing. */
  'only-some-people',
]);
export type DiagnosisCause = z.infer<typeof DiagnosisCause>;

/** Each cause in a few words, for lists (reliability history, case studies). */
export const CAUSE_LABELS: Record<DiagnosisCause, string> = {
  'network-dns': 'Network or DNS',
  'server-errors': 'Server errors',
  overload: 'Overload (a surge in demand)',
  maintenance: 'Scheduled maintenance',
  'cyber-attack': 'Cyber attack',
  'upstream-provider': 'An upstream provider',
  'only-some-people': 'Only some people',
};

export const DiagnosisLine = z.object({
  /** True: this line points to the cause; false: it points away from it. */
  supports: z.boolean(),
  text: z.string(),
});
export type DiagnosisLine = z.infer<typeof DiagnosisLine>;

export const Diagnosis = z.object({
  cause: DiagnosisCause,
  /** 0…1: how much of the evidence agrees, lowered by each line that contradicts. */
  confidence: z.number().min(0).max(1),
  /** One or two sentences in plain words, with numbers. */
  summary: z.string(),
  evidence: z.array(DiagnosisLine),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

/** One probe's latest fresh result, as diagnosis reads it. */
export const DiagnosisProbe = z.object({
  name: z.string(),
  kind: z.enum(['http', 'tcp', 'dns']),
  ok: z.boolean(),
  code: ProbeErrorCode.optional(),
  /** The probe's own words: "HTTP 503, expected 200–399". */
  message: z.string().optional(),
  httpStatus: z.number().int().optional(),
  latencyMs: z.number().nonnegative().optional(),
  /** Its usual response time lately (median of passing runs), when history has one. */
  usualLatencyMs: z.number().positive().optional(),
});
export type DiagnosisProbe = z.infer<typeof DiagnosisProbe>;

/**
 * What diagnosis looks at, assembled by the caller from memory (see
 * server/status/diagnosis-evidence.ts). Every part may be empty: absent evidence is never
 * read as evidence of anything.
 */
export const DiagnosisEvidence = z.object({
  /** The fused verdict now. */
  level: StatusLevel,
  crowd: z.object({
    /** Reports say something is wrong: an open incident that is not maintenance. */
    troubled: z.boolean(),
    /** Observed over expected for the open incident's window, when one is open. */
    ratio: z.number().nonnegative().optional(),
    /** Problem kinds reported lately, largest share first. */
    problems: z.array(z.object({ id: z.string(), label: z.string(), share: z.number().min(0).max(1) })),
    /** Reports in the breakdown's window. */
    total: z.number().int().nonnegative(),
  }),
  /** Fresh results only, without probes refused by our own target guard. */
  probes: z.array(DiagnosisProbe),
  /** Our own network is down: probe failures say nothing about the service. */
  vantageDown: z.boolean(),
  official: z
    .object({
      level: StatusLevel,
      description: z.string(),
      /** Open incidents' titles and latest updates, as the page wrote them. */
      incidents: z.array(z.object({ name: z.string(), text: z.string() })),
      /** Names of maintenances in progress. */
      maintenances: z.array(z.string()),
    })
    .nullable(),
  /** A window the operators declared, on now. */
  maintenance: z.object({ title: z.string(), until: z.iso.datetime() }).nullable(),
  /** The country most of the last hour's located reports come from. */
  region: z
    .object({ name: z.string(), share: z.number().min(0).max(1), located: z.number().int().nonnegative() })
    .nullable(),
  /** Reporters' own browsers trying the homepage in the last hour. */
  reach: z.object({ checked: z.number().int().nonnegative(), unreachable: z.number().int().nonnegative() }).nullable(),
  /** Cloud and CDN services having problems now, with their verdicts. */
  providers: z.array(z.object({ name: z.string(), level: StatusLevel })),
  /** Other services, outside the cloud category, having problems now. */
  othersTroubled: z.number().int().nonnegative(),
});
export type DiagnosisEvidence = z.infer<typeof DiagnosisEvidence>;

/** One likely cause as the diagnosis stood at a moment: an incident keeps these as the cause changes. */
export const DiagnosisStep = z.object({
  at: z.iso.datetime(),
  cause: z.string(),
  /** 0–1, how sure the diagnosis was. */
  confidence: z.number().min(0).max(1).optional(),
  text: z.string(),
});
export type DiagnosisStep = z.infer<typeof DiagnosisStep>;
