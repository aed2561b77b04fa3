import { z } from 'zod';

/**
 * Probes: automated checks of a service, run on a schedule. A definition says what to check;
 * a result says what happened, with every condition checked recorded beside what was expected,
 * so the status verdict's reasons are built from data rather than re-derived.
 */

export const ProbeId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'a probe id is lower-case letters, digits and dashes (at most 63), starting with a letter or digit',
  );

/** Below 15 s a probe fleet starts to look like an attack to the target. */
export const MIN_INTERVAL_SECONDS = 15;

const timeoutMs = z
  .number()
  .int('timeoutMs is a whole number of milliseconds')
  .min(100, 'timeoutMs must be at least 100 ms')
  .max(60_000, 'timeoutMs must be at most 60,000 ms')
  .default(10_000);

const common = {
  id: ProbeId,
  name: z.string().trim().min(1, 'a probe needs a name').max(80, 'a probe name is at most 80 characters'),
  intervalSeconds: z
    .number()
    .int('intervalSeconds is a whole number of seconds')
    .min(MIN_INTERVAL_SECONDS, `probes run at most every ${MIN_INTERVAL_SECONDS} seconds`)
    .max(86_400, 'probes run at least once a day')
    .default(60),
  timeoutMs,
};

const hostname = z
  .string()
  .trim()
  .min(1, 'a host is required')
  .max(253, 'a host name is at most 253 characters')
  .regex(
    /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]+|[A-Za-z0-9.-]+)$/,
    'a host is a name like api.example.com or an IP address',
  );

export const httpUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'url must be a full http:// or https:// address');

const statusCode = z.number().int().min(100, 'HTTP statuses run 100–599').max(599, 'HTTP statuses run 100–599');

export const HttpProbe = z
  .object({
    kind: z.literal('http'),
    ...common,
    url: httpUrl,
    method: z.enum(['GET', 'HEAD', 'POST'], 'method is GET, HEAD or POST').default('GET'),
    expectStatus: z
      .object({ min: statusCode, max: statusCode })
      .refine((r) => r.min <= r.max, 'expectStatus.min must not be above expectStatus.max')
      .default({ min: 200, max: 399 }),
    /** Text that must appear in the first 256 KB of the body (a login page that renders). */
    expectText: z.string().min(1, 'expectText, when given, must not be empty').max(200).optional(),
    /** Responses slower than this fail the probe with `slow`; unset means only the timeout counts. */
    latencyWarnMs: z.number().int().positive('latencyWarnMs must be positive').optional(),
    /** A certificate closer than this to expiry fails the probe with `tls`. */
    tlsWarnDays: z.number().int().min(0).max(365).default(14),
    /**
     * Whether an untrusted certificate (self-signed, wrong name, unknown issuer) fails the probe.
     * The certificate is read and its expiry checked either way; turn this off for internal
     * services that use a private CA.
     */
    tlsVerify: z.boolean().default(true),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'header names are letters, digits and dashes'), z.string())
      .optional(),
  })
  .refine((d) => !(d.method === 'HEAD' && d.expectText), {
    message: 'expectText needs a response body, and HEAD responses have none; use GET',
    path: ['expectText'],
  })
  .refine((d) => d.latencyWarnMs === undefined || d.latencyWarnMs < d.timeoutMs, {
    message: 'latencyWarnMs must be below timeoutMs, or the warning can never fire',
    path: ['latencyWarnMs'],
  });

export const TcpProbe = z.object({
  kind: z.literal('tcp'),
  ...common,
  host: hostname,
  port: z.number().int().min(1, 'port runs 1–65535').max(65_535, 'port runs 1–65535'),
});

export const DnsRecordType = z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT'], 'record type is A, AAAA, CNAME, MX or TXT');
export type DnsRecordType = z.infer<typeof DnsRecordType>;

export const DnsProbe = z.object({
  kind: z.literal('dns'),
  ...common,
  hostname: hostname,
  recordType: DnsRecordType.default('A'),
  /** A value that must be among the answers (an address, a CNAME target, an MX host, TXT text). */
  expect: z.string().min(1).optional(),
  /** Ask this server instead of the system resolver: "ip:port", "[ipv6]:port" or a bare IP. */
  resolver: z
    .string()
    .regex(
      /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$|^[0-9a-fA-F:]+$/,
      'resolver is an IP address with an optional port, like 127.0.0.1:5353 or [::1]:53',
    )
    .optional(),
});

export const ProbeDefinition = z.discriminatedUnion('kind', [HttpProbe, TcpProbe, DnsProbe]);
export type ProbeDefinition = z.infer<typeof ProbeDefinition>;
export type HttpProbe = z.infer<typeof HttpProbe>;
export type TcpProbe = z.infer<typeof TcpProbe>;
export type DnsProbe = z.infer<typeof DnsProbe>;
/** What an operator writes; defaults not yet filled in. */
export type ProbeDefinitionInput = z.input<typeof ProbeDefinition>;
export type ProbeKind = ProbeDefinition['kind'];

export const ProbeErrorCode = z.enum([
  'timeout',
  'dns',
  'refused',
  'reset',
  'tls',
  'http_status',
  'text_missing',
  'slow',
  'blocked_target',
  'other',
]);
export type ProbeErrorCode = z.infer<typeof ProbeErrorCode>;

/** Network-level codes: the target could not be reached at all (as opposed to answering badly). */
export const NETWORK_ERROR_CODES: readonly ProbeErrorCode[] = ['timeout', 'dns', 'refused', 'reset'];

export const ProbeError = z.object({
  code: ProbeErrorCode,
  /** Plain words: "Timed out after 10,000 ms", "HTTP 503, expected 200–399". */
  message: z.string(),
});
export type ProbeError = z.infer<typeof ProbeError>;

/** One condition checked, with what was seen beside what was wanted. */
export const ProbeCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  actual: z.string(),
  expected: z.string(),
});
export type ProbeCheck = z.infer<typeof ProbeCheck>;

export const ProbeResult = z.object({
  probeId: ProbeId,
  kind: z.enum(['http', 'tcp', 'dns']),
  at: z.iso.datetime(),
  /** True exactly when every check passed and nothing failed before the checks could run. */
  ok: z.boolean(),
  /** Start of the probe to its end (whole response for HTTP, handshake for TCP, answer for DNS). */
  latencyMs: z.number().nonnegative().optional(),
  /** The most serious failure; the checks hold the rest. */
  error: ProbeError.optional(),
  checks: z.array(ProbeCheck),
  details: z
    .object({
      /** The vetted address actually connected to. */
      address: z.string().optional(),
      http: z.object({ status: z.number().int() }).optional(),
      tls: z
        .object({
          validTo: z.iso.datetime(),
          daysLeft: z.number().int(),
          trusted: z.boolean(),
          /** Why the certificate is not trusted, in the TLS library's words (DEPTH_ZERO_SELF_SIGNED_CERT…). */
          untrustedReason: z.string().optional(),
        })
        .optional(),
      dns: z.object({ addresses: z.array(z.string()) }).optional(),
    })
    .optional(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;
