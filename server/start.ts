import http from 'node:http';
import type { Express } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import type { Config } from './config.ts';
import type { IncidentKind, ServiceInput } from '../shared/index.ts';
import type { Logger } from './logger.ts';
import { systemClock, type Clock } from './clock.ts';
import { connectDatabase } from './db/connect.ts';
import { createModels, ensureIndexes, type Models } from './db/models.ts';
import { ServiceCatalog } from './catalog/service-catalog.ts';
import { seedServices } from './catalog/seed-services.ts';
import { loadClientHashSalt } from './reports/client-hash.ts';
import { clientIdentity, rawClientAddress } from './http/client-identity.ts';
import { LoadShedder } from './http/load-shedder.ts';
import { createReportAcceptor } from './reports/accept-report.ts';
import { reportFastPath } from './reports/report-fast-path.ts';
import { FloodGuard } from './limits/flood-guard.ts';
import { RateLimiter } from './limits/rate-limiter.ts';
import { AdminUsers } from './admin/admin-users.ts';
import { AdminSessions } from './admin/admin-sessions.ts';
import { Audit } from './moderation/audit.ts';
import { createVotes } from './moderation/votes.ts';
import { MaintenanceBook } from './maintenance/maintenance-book.ts';
import { HOME_ROOM, serviceRoom, type Incident } from '../shared/index.ts';
import { IncidentStore } from './incidents/incident-store.ts';
import { IncidentBook } from './incidents/incident-book.ts';
import { DetectionLoop, type IncidentEvent } from './incidents/detection-loop.ts';
import { Lease } from './db/lease.ts';
import { StatusFusion, type Sharpening } from './status/status-fusion.ts';
import { mergeCatalog, readCatalogFile } from './catalog/catalog-file.ts';
import { ProbeStore } from './probes/probe-store.ts';
import { ChecksBook } from './probes/checks-book.ts';
import { PROBER_LEASE_TTL_MS, ProbeScheduler } from './probes/probe-scheduler.ts';
import type { LookupAll } from './probes/target-guard.ts';
import { createReportWriter } from './reports/report-writer.ts';
import { ReportIntake } from './reports/report-intake.ts';
import { SeriesStore } from './series/series-store.ts';
import { CommentFeed } from './comments/comment-feed.ts';
import { StatusBoard } from './status/status-board.ts';
import { createServiceViews } from './services/service-views.ts';
import { ServiceSnapshots } from './services/service-snapshots.ts';
import { hotReads } from './services/hot-reads.ts';
import { LiveHub, type LiveServer } from './live/live-hub.ts';
import { handleSockets } from './live/socket-handlers.ts';
import { useRedisAdapter } from './live/redis-adapter.ts';
import { createApp } from './app.ts';
import { proxyWarnings } from './http/proxy-warnings.ts';
import { OutboundEvents } from './notifications/outbound-events.ts';
import { createEmailAlerts, type EmailAlerts } from './subscriptions/email-alerts.ts';
import { createWebhooks, type Webhooks } from './webhooks/webhooks.ts';
import { requireAdmin } from './admin/require-admin.ts';
import { createServerMetrics } from './metrics/server-metrics.ts';
import { startPublicApi } from './public-api/public-api.ts';
import { RegionStore } from './regions/region-store.ts';
import { openPlaceLookup } from './regions/place-lookup.ts';
import { concentrationSince } from './regions/concentration.ts';
import { RelatedWatch } from './catalog/related-watch.ts';
import { RecoveryTally } from './recoveries/recovery-tally.ts';
import { createRecoveryAcceptor } from './recoveries/accept-recovery.ts';
import { createOfficialAcknowledger } from './incidents/official-acknowledger.ts';
import { OfficialLeads } from './incidents/official-leads.ts';
import { createExperts } from './experts/experts.ts';

const defaultDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** The Express app behind httpServer (what the hot reads before it leave); tests read its routes. */
  app: Express;
  io: LiveServer;
  live: LiveHub;
  models: Models;
  detection: DetectionLoop;
  /** Runs probes and reads official pages while this process holds the `prober` lease. */
  prober: ProbeScheduler;
  fusion: StatusFusion;
  /** Incidents and verdict changes, for whatever tells the outside world (webhooks, email). */
  events: OutboundEvents;
  /** Visitors' email subscriptions and the mail queue. */
  email: EmailAlerts;
  /** Operators' endpoints; tests drive `webhooks.deliverer.tick()` with their clock. */
  webhooks: Webhooks;
  /** Re-reads what other processes wrote (counts, catalog, checks, maintenance) now, as the refresh timer does. */
  refresh(): Promise<void>;
  /** Clears what expired (old claim windows, rate counters, sessions) now, as the sweep timer does. */
  sweep(): Promise<void>;
  /** Resolves once every service's history is learnt and detection runs. */
  detectionReady: Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires the whole server on one database: used by main.ts and by the tests, so the tests run
 * exactly what production runs.
 */
export async function startOutageRadar(opts: {
  config: Config;
  log: Logger;
  mongodbUri: string;
  clock?: Clock;
  clientDistDir?: string;
  /** The catalog to seed (CATALOG_FILE is merged over it); tests pass their own services. */
  services?: ServiceInput[];
  /** Name resolution for probe targets; the system resolver by default. */
  probeLookup?: LookupAll;
  /** Operators; by default from config (ADMIN_USERS). */
  adminUsers?: AdminUsers;
}): Promise<RunningServer> {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  // A bad catalog file stops the start before anything else happens.
  const merged = mergeCatalog(opts.services ?? seedServices, config.catalogFile ? readCatalogFile(config.catalogFile) : undefined, config.catalogFile);
  const conn = await connectDatabase(opts.mongodbUri, log);
  const models = createModels(conn);
  await ensureIndexes(models);

  const catalog = new ServiceCatalog(models, (slug, problem) => log.warn({ service: slug, problem }, 'stored service does not validate; shown without its invalid parts'));
  await catalog.seed(merged.services, merged.fileFields);
  await catalog.reload();
  const salt = await loadClientHashSalt(models, config.clientHashSalt);

  const series = new SeriesStore(models);
  await series.load(catalog.all().map((s) => s.slug), clock.now());
  const regions = new RegionStore(models);
  const [locate] = await Promise.all([openPlaceLookup(), regions.load(catalog.all().map((s) => s.slug), clock.now())]);
  const comments = new CommentFeed(models);
  await comments.refresh(catalog.all().map((s) => s.slug));
  const status = new StatusBoard(clock.now());
  const maintenance = new MaintenanceBook(models);
  await maintenance.reload(clock.now());
  const incidentStore = new IncidentStore(models);
  const incidents = new IncidentBook(incidentStore, () => clock.now());
  await incidents.reload();
  const leads = new OfficialLeads(incidentStore);
  await leads.reload(clock.now());
  const recoveries = new RecoveryTally(models);
  await recoveries.reload(clock.now());
  const probeStore = new ProbeStore(models);
  const checks = new ChecksBook();
  const slugs = () => catalog.all().map((s) => s.slug);
  // Read at scrape time; what they name (the queue, socket.io) is built below.
  const metrics = createServerMetrics({
    services: slugs,
    isService: (slug) => catalog.get(slug) !== undefined,
    queueDepth: () => intake.waiting,
    sockets: () => io.engine.clientsCount,
    hasOpenIncident: (slug) => incidents.openFor(slug) !== null,
  });
  checks.absorb(await probeStore.readChecks(slugs()));
  const fusion = new StatusFusion({ clock, catalog, checks, maintenance, incidents, status, recoveries: (slug, now) => recoveries.view(slug, now) });
  // Declared before the detection loop exists: views ask it for the baseline band lazily.
  let detection: DetectionLoop | undefined;
  const views = createServiceViews({
    catalog,
    series,
    comments,
    status,
    maintenance,
    incidents,
    band: (slug, from, to) => detection?.band(slug, from, to) ?? null,
    checks,
    vantage: () => fusion.vantageView(),
    regions,
    recoveries: (slug, now) => recoveries.view(slug, now),
    officialLead: (slug) => leads.view(slug),
  });

  // The request handler exists before socket.io attaches: engine.io then takes /socket.io/ for
  // itself and hands only the rest on. A second 'request' listener added later would see
  // /socket.io/ too and answer polls that engine.io answers again, a crash (ERR_HTTP_HEADERS_SENT).
  const snapshots = new ServiceSnapshots({ views, clock, has: (slug) => catalog.get(slug) !== undefined });
  const hot = hotReads(snapshots);
  let app: Express | undefined;
  let reportsFirst: ((req: http.IncomingMessage, res: http.ServerResponse) => boolean) | undefined;
  let publicApi: Awaited<ReturnType<typeof startPublicApi>> | undefined;
  // Outage day's two requests, reads and reports, are answered before Express (see each file), and so are widgets' polls.
  const httpServer = http.createServer((req, res) => hot(req, res) || publicApi!.hot(req, res) || reportsFirst!(req, res) || app!(req, res));
  const io: LiveServer = new Server(httpServer, { serveClient: false });
  const closeRedis = config.redisUrl ? await useRedisAdapter(io, config.redisUrl, log) : async () => {};
  const live = new LiveHub({
    io,
    log,
    refresh: async (slugs) => {
      await Promise.all([series.refreshRecent(clock.now(), slugs), comments.refresh(slugs), regions.refreshRecent(clock.now(), slugs)]);
    },
    changed: (slug, soon) => snapshots.invalidate(slug, { soon }),
    build: (slug) => snapshots.update(slug),
  });
  handleSockets(io, { catalog, current: (slug) => snapshots.update(slug) });

  const writer = createReportWriter({
    conn,
    models,
    clock,
    log,
    dedupeWindowMs: config.dedupeWindowMs,
    reportsPerAddress: config.reportsPerAddress,
    appendComments: (list) => comments.append(list),
    onStored: (stored) => {
      series.apply(stored);
      regions.apply(stored);
      for (const slug of new Set(stored.map((r) => r.service))) live.markDirty(slug, { soon: true });
    },
  });
  const intake = new ReportIntake(writer.writeBatch, metrics);
  // 20 reports in a burst, then one every 6 s per address: far beyond a person, well below a flood.
  const acceptReport = createReportAcceptor({ catalog, intake, clock, flood: new FloodGuard(20, 1 / 6_000), locate });
  const acceptRecovery = createRecoveryAcceptor({ conn, models, log, clock, catalog, tally: recoveries, dedupeWindowMs: config.dedupeWindowMs, perAddress: config.reportsPerAddress, onCounted: (slug) => changed.service(slug) });
  const shedder = new LoadShedder({ maxLagMs: config.shedLagMs });
  reportsFirst = reportFastPath({ acceptReport, salt, clientAddress: rawClientAddress(config.trustProxy), shedder, log, metrics: metrics.reports });
  const limiter = new RateLimiter(models, clock);
  const users = opts.adminUsers ?? (await AdminUsers.fromConfig(config.adminUsers, log, config.dataDir));
  const sessions = new AdminSessions(models, clock, config.adminSessionMs, (name) => users.has(name));
  const audit = new Audit(models, clock);
  const changed = {
    service: (slug: string) => {
      fuseAll();
      live.markDirty(slug);
    },
    checks: (slug: string) => {
      fuseAll();
      live.markDirty(slug);
      void prober.tick().catch((err) => log.warn({ err }, 'probe tick failed'));
    },
    comments: (slug: string) => live.markDirty(slug),
    /** A comment was hidden, held or restored: fix the feed, then show it. */
    commentVisibility: (slug: string, id: string, visible: boolean) => {
      (visible ? comments.rebuild(slug) : comments.remove(slug, id)).then(
        () => live.markDirty(slug),
        (err) => log.warn({ err }, 'comment feed update failed'),
      );
    },
    stories: (slug: string) => io.to(serviceRoom(slug)).emit('stories:changed', { slug }),
  };
  const events = new OutboundEvents();
  let ownUrl = '';
  const email = createEmailAlerts({ config, models, clock, log, catalog, secret: salt, baseUrl: () => config.publicUrl ?? ownUrl });
  events.on(email.notify);
  const announce = (event: IncidentEvent, incident: Incident) => {
    // Whichever process wrote it, its pages and verdict follow at once; others on their refresh.
    incidents.note(incident);
    fuseAll();
    io.to(serviceRoom(incident.service)).to(HOME_ROOM).emit(event, incident);
    live.markDirty(incident.service);
    events.incident(event === 'incident:opened' ? 'incident.opened' : event === 'incident:resolved' ? 'incident.resolved' : 'incident.updated', incident, new Date(clock.now()).toISOString());
  };
  // The fused reading of an open incident's kind is written by the process that writes incidents.
  const sharpening = new Set<string>();
  const sharpen = (list: Sharpening[]) => {
    if (!detection?.isLeader) return;
    for (const { incident, kind } of list) {
      if (sharpening.has(incident.id)) continue;
      sharpening.add(incident.id);
      incidentStore
        .follow(incident.id, { kind })
        .then((updated) => {
          if (!updated) return;
          incidents.note(updated);
          announce('incident:updated', updated);
        })
        .catch((err) => log.warn({ err, incident: incident.id }, 'incident kind not updated'))
        .finally(() => sharpening.delete(incident.id));
    }
  };
  /** Every service's verdict again, from what memory holds; changed ones are pushed. */
  const fuseAll = () => {
    const before = new Map(catalog.all().map((s) => [s.slug, status.get(s.slug).level]));
    const { changed, sharpen: list } = fusion.recompute();
    for (const slug of changed) {
      live.markDirty(slug, { reread: false });
      const now = status.get(slug);
      const previous = before.get(slug);
      if (previous && previous !== now.level) events.verdict(slug, now, previous);
    }
    sharpen(list);
    acknowledge();
    for (const slug of relatedWatch.changed()) live.markDirty(slug, { reread: false });
  };
  const relatedWatch = new RelatedWatch(views.relatedCandidates);
  const acknowledge = createOfficialAcknowledger({
    clock, log, catalog, checks, incidents, store: incidentStore,
    isWriter: () => detection?.isLeader ?? false,
    onRecorded: (updated) => void leads.reload(clock.now()).catch((err) => log.warn({ err }, 'official leads not re-read')).finally(() => announce('incident:updated', updated)),
  });
  detection = new DetectionLoop({
    models,
    clock,
    log,
    lease: new Lease(models, clock, 'detector', 3 * config.detectTickMs),
    catalog,
    series,
    maintenance,
    store: incidentStore,
    book: incidents,
    tickMs: config.detectTickMs,
    onIncident: announce,
    onHistoryAppeared: (slug) => {
      series.load([slug], clock.now()).then(() => live.markDirty(slug), (err) => log.warn({ err }, 'series reload failed'));
    },
    minNetworks: config.incidentMinNetworks,
    whereReasons: concentrationSince(regions),
    onDecisions: (decisions, crowdKinds: Map<string, IncidentKind>, reach) => {
      fusion.setCrowd(decisions, crowdKinds, reach);
      fuseAll();
    },
    sharpenKind: (slug) => fusion.kindFor(slug),
    recoveries: (slug, now) => recoveries.count(slug, now),
    metrics: metrics.database,
  });
  const prober = new ProbeScheduler({
    clock,
    log,
    lease: new Lease(models, clock, 'prober', PROBER_LEASE_TTL_MS),
    catalog,
    store: probeStore,
    book: checks,
    concurrency: config.probeConcurrency,
    tickMs: config.probeTickMs,
    officialEveryMs: config.officialPollMs,
    officialTimeoutMs: config.officialTimeoutMs,
    allowPrivate: config.probeAllowPrivate,
    ...(opts.probeLookup && { lookup: opts.probeLookup }),
    onResults: (list) => {
      fuseAll();
      for (const slug of list) live.markDirty(slug, { reread: false });
    },
    metrics: metrics.probes,
  });
  const votes = createVotes({
    models,
    clock,
    onHeld: (type, service, id) => (type === 'comment' ? changed.commentVisibility(service, id, false) : changed.stories(service)),
  });

  // Links in webhook bodies: PUBLIC_URL, else where this server listens (known once it does).
  let publicBase = config.publicUrl ?? '';
  const webhooks = await createWebhooks({ conn, models, clock, log, catalog, audit, admin: requireAdmin(sessions), events, allowPrivate: config.probeAllowPrivate, ...(opts.probeLookup && { lookup: opts.probeLookup }), baseUrl: () => publicBase });

  const experts = createExperts({ models, catalog, incidentStore, clock, audit, limiter, clientOf: clientIdentity(salt), admin: requireAdmin(sessions), publicUrl: config.publicUrl, secureCookies: config.secureCookies });
  publicApi = await startPublicApi({ catalog, status, maintenance, store: incidentStore, events, clock, log, config, insights: experts.recentInsights });
  app = createApp({
    config,
    log,
    clock,
    conn,
    models,
    catalog,
    acceptReport,
    acceptRecovery,
    feed: comments,
    clientOf: clientIdentity(salt),
    limiter,
    users,
    sessions,
    audit,
    votes,
    maintenance,
    incidentStore,
    announce,
    probeStore,
    checks,
    changed,
    email,
    webhooks: webhooks.router,
    experts: experts.router,
    publicApi: publicApi.router,
    clientDistDir: opts.clientDistDir ?? defaultDist,
    snapshots,
    regions,
    metrics,
  });

  // Other processes' writes and operators' edits reach this process's memory on a short cycle.
  const refresh = async () => {
    const now = clock.now();
    series.prune(now);
    regions.prune(now);
    const [counted, , , , docs] = await Promise.all([
      series.refreshRecent(now, slugs()),
      catalog.reload(),
      maintenance.reload(now),
      incidents.reload(),
      probeStore.readChecks(slugs()),
      regions.refreshRecent(now, slugs()),
      recoveries.reload(now),
      leads.reload(now),
    ]);
    // Reports other processes stored: this process's pages show them too.
    for (const slug of counted) live.markDirty(slug, { reread: false, soon: true });
    // Probe results another process stored: the verdict and the pages follow.
    for (const slug of checks.absorb(docs)) live.markDirty(slug, { reread: false });
    fuseAll();
  };
  const sweep = async () => {
    await Promise.all([writer.sweepClaims(clock.now()), limiter.sweep(), sessions.sweep(), experts.sweep()]);
  };
  const timers = [
    setInterval(() => void refresh().catch((err) => (metrics.database.failed('refresh', err), log.warn({ err }, 'periodic refresh failed'))), config.refreshMs),
    setInterval(() => void sweep().catch((err) => log.warn({ err }, 'sweep failed')), 5 * 60_000),
  ];
  timers.forEach((t) => t.unref());
  fuseAll();
  live.start();
  prober.start();
  webhooks.start();
  // History loads in the background: the site answers at once, detection joins when ready.
  const detectionStarted = detection.start().catch((err) => log.error({ err }, 'detection could not start'));

  // A deep accept queue: on outage day thousands connect at once, and a full queue means
  // SYN retries a second later (the kernel caps it at net.core.somaxconn).
  await new Promise<void>((resolve) => httpServer.listen({ port: config.port, host: config.host, backlog: 4_096 }, resolve));
  const port = (httpServer.address() as { port: number }).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  publicBase = config.publicUrl ?? url;
  log.info({ url }, 'Outage radar is listening');
  ownUrl = url;
  email.start();
  for (const warning of proxyWarnings(config)) log.warn(warning);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      timers.forEach(clearInterval);
      publicApi.close();
      live.stop();
      await prober.stop();
      // Stopping first cuts short a history load still under way; the second stop waits for its tick.
      await detection!.stop();
      await detectionStarted;
      await detection!.stop();
      await webhooks.stop();
      // Stop taking requests, let queued reports finish, then let go of the database.
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      io.disconnectSockets(true);
      await intake.drain();
      httpServer.closeAllConnections();
      await httpClosed;
      io.close();
      await closeRedis();
      shedder.stop();
      await email.close();
      await conn.close();
    })());

  return { url, port, httpServer, app, io, live, models, detection, prober, fusion, events, email, webhooks, refresh, sweep, detectionReady: detectionStarted, close };
}
