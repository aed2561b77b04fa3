import { z } from 'zod';
import path from 'node:path';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Express's trust-proxy setting: a hop count, "true"/"false", or a list of addresses/subnets. */
const trustProxy = z.string().transform((v): boolean | number | string => {
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
});

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().optional(),
  DATA_DIR: z.string().default('data'),
  /** The embedded database: `normal` survives process crashes, `full` also power cuts (slower). */
  EMBEDDED_DB_SYNC: z.enum(['normal', 'full']).default('normal'),
  /**
   * Whose X-Forwarded-For to believe. Loopback by default: a proxy on the same machine works as
   * is (without it every visitor would share the proxy's address and its limits), and nobody
   * outside can send from loopback. A proxy elsewhere: its subnet or a hop count, never `true`.
   */
  TRUST_PROXY: trustProxy.default('loopback'),
  /** Always mark cookies Secure, for TLS that ends at a proxy the app is not told about. */
  SECURE_COOKIES: bool.default(false),
  REDIS_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines in a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Secret mixed into client-address hashes; when unset one is generated and kept in the database. */
  CLIENT_HASH_SALT: z.string().min(16).optional(),
  DEDUPE_WINDOW_MINUTES: z.coerce.number().positive().default(10),
  /** Counted reports per service and dedupe window from one address (people behind one NAT share it). */
  REPORTS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(3),
  /**
   * Reports are refused at once (503, Retry-After) while the event loop runs this late: the process keeps answering
   * reads.
   */
  SHED_LAG_MS: z.coerce.number().int().min(20).max(10_000).default(250),
  /**
   * Distinct networks (IPv4 /24, IPv6 /48) an incident needs among its reporters; at most 16 (the sample kept per
   * minute).
   */
  INCIDENT_MIN_NETWORKS: z.coerce.number().int().min(1).max(16).default(5),
  /** How often memory re-reads what other processes wrote (counts, catalog, maintenance). */
  REFRESH_SECONDS: z.coerce.number().min(0.2).max(300).default(10),
  /** How often the detector judges the current minute (an incident can open mid-minute). */
  DETECT_TICK_SECONDS: z.coerce.number().min(0.2).max(60).default(10),
  SERVE_CLIENT: bool.default(true),
  /** Operators: `name:scrypt$…` pairs, comma-separated (npm run admin:hash-password makes one). */
  ADMIN_USERS: z.string().optional(),
  ADMIN_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** A JSON or YAML file of services merged over the built-in catalog (see README, "Catalog file"). */
  CATALOG_FILE: z.string().min(1).optional(),
  /** Probe loopback, private and link-local targets too (tests, or probing your own network on purpose). */
  PROBE_ALLOW_PRIVATE: bool.default(false),
  /** Probes and status-page reads in flight at once, in the process that runs them. */
  PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** How often the prober looks for due probes; each probe keeps its own interval. */
  PROBE_TICK_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** How often official status pages are read, and how long one read may take. */
  OFFICIAL_POLL_SECONDS: z.coerce.number().min(5).max(3_600).default(60),
  OFFICIAL_TIMEOUT_SECONDS: z.coerce.number().min(1).max(60).default(10),
  /**
   * Where people reach the site (https://status.example.com): absolute links in feeds, email,
   * canonical tags and the sitemap.
   */
  PUBLIC_URL: z.url().optional(),
  /** Email for visitors' subscriptions (smtp://user:pass@host:587); without it the subscribe button is not shown. */
  SMTP_URL: z.string().min(1).optional(),
  /** The From: of that email. */
  MAIL_FROM: z.string().min(3).default('Outage radar <alerts@localhost>'),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(8).optional(),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only place that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedDbSync: e.EMBEDDED_DB_SYNC,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.SECURE_COOKIES,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    clientHashSalt: e.CLIENT_HASH_SALT,
    dedupeWindowMs: e.DEDUPE_WINDOW_MINUTES * 60_000,
    reportsPerAddress: e.REPORTS_PER_ADDRESS,
    incidentMinNetworks: e.INCIDENT_MIN_NETWORKS,
    shedLagMs: e.SHED_LAG_MS,
    refreshMs: e.REFRESH_SECONDS * 1000,
    detectTickMs: e.DETECT_TICK_SECONDS * 1000,
    serveClient: e.SERVE_CLIENT,
    adminUsers: e.ADMIN_USERS,
    adminSessionMs: e.ADMIN_SESSION_HOURS * 3_600_000,
    catalogFile: e.CATALOG_FILE ? path.resolve(e.CATALOG_FILE) : undefined,
    probeAllowPrivate: e.PROBE_ALLOW_PRIVATE,
    probeConcurrency: e.PROBE_CONCURRENCY,
    probeTickMs: e.PROBE_TICK_MS,
    officialPollMs: e.OFFICIAL_POLL_SECONDS * 1000,
    officialTimeoutMs: e.OFFICIAL_TIMEOUT_SECONDS * 1000,
    /** Without a trailing slash; undefined means "the address the request came to". */
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    metricsToken: e.METRICS_TOKEN,
  };
}
