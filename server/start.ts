import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportPath } from './reports/report-path.ts';
import { clientIdentity } from './http/client-identity.ts';
import { listen } from './http/front-door.ts';
import { proxyWarnings } from './http/proxy-warnings.ts';
import { createDetection } from './incidents/create-detection.ts';
import { createProber } from './probes/create-prober.ts';
import { VerdictCoordinator } from './status/verdict-coordinator.ts';
import { hotReads } from './services/hot-reads.ts';
import { serviceChanges } from './live/service-changes.ts';
import { memoryRefresh } from './live/memory-refresh.ts';
import { OutboundEvents } from './notifications/outbound-events.ts';
import { createServerMetrics } from './metrics/server-metrics.ts';
import { createRecoveryAcceptor } from './recoveries/accept-recovery.ts';
import { openState } from './wiring/state.ts';
import { servicePages } from './wiring/service-pages.ts';
import { liveServer } from './wiring/live-server.ts';
import { operators } from './wiring/operators.ts';
import { outbound } from './wiring/outbound.ts';
import { periodic, shutdown } from './wiring/lifecycle.ts';
import type { RunningServer, StartOptions } from './wiring/running-server.ts';
import { createApp } from './app.ts';

export type { RunningServer, StartOptions } from './wiring/running-server.ts';

const defaultDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

/**
 * The composition root: builds every part on one database and wires them together, nothing
 * else. Used by main.ts and by the tests, so the tests run exactly what production runs.
 * docs/ARCHITECTURE.md draws the picture.
 */
export async function startOutageRadar(opts: StartOptions): Promise<RunningServer> {
  const state = await openState(opts);
  const { config, log, clock, conn, models, catalog, salt, memory } = state;
  const { comments } = memory;
  const metrics = createServerMetrics({
    services: () => catalog.all().map((s) => s.slug),
    isService: (slug) => catalog.get(slug) !== undefined,
    queueDepth: () => reports.intake.waiting,
    sockets: () => io.engine.clientsCount,
    hasOpenIncident: (slug) => memory.incidents.openFor(slug) !== null,
  });
  const { fusion, views, snapshots } = servicePages(state, (slug, from, to) => detection.band(slug, from, to));
  const { door, io, live, closeRedis } = await liveServer(state, snapshots);
  const events = new OutboundEvents();
  const verdicts = new VerdictCoordinator({
    ...state,
    ...memory,
    fusion,
    live,
    io,
    events,
    store: memory.incidentStore,
    relatedCandidates: views.relatedCandidates,
    isWriter: () => detection.isLeader,
    // The snapshot as readers get it: new reports rebuild it at most once a second, not per fusion.
    diagnosisOf: (slug) => snapshots.view(slug)?.detail.diagnosis ?? null,
  });
  const fuseAll = () => verdicts.fuseAll();
  const reports = reportPath({ ...state, metrics, live, locate: memory.locate });
  const detection = createDetection({ ...state, fusion, verdicts, live, metrics });
  const prober = createProber({
    ...state,
    metrics,
    ...(opts.probeLookup && { lookup: opts.probeLookup }),
    onResults: (list) => (fuseAll(), list.forEach((slug) => live.markDirty(slug, { reread: false }))),
  });
  const changed = serviceChanges({ live, io, log, comments, fuseAll, probeNow: () => prober.tick() });
  const acceptRecovery = createRecoveryAcceptor({
    ...state,
    tally: memory.recoveries,
    dedupeWindowMs: config.dedupeWindowMs,
    perAddress: config.reportsPerAddress,
    onCounted: (slug) => changed.service(slug),
  });
  const people = await operators(state, opts, changed);
  const out = await outbound(state, { events, ...people, ...(opts.probeLookup && { lookup: opts.probeLookup }) });
  const app = createApp({
    ...state,
    ...memory,
    ...people,
    changed,
    snapshots,
    metrics,
    acceptRecovery,
    email: out.email,
    announce: (event, incident) => verdicts.announce(event, incident),
    acceptReport: reports.acceptReport,
    feed: comments,
    clientOf: clientIdentity(salt),
    webhooks: out.webhooks.router,
    experts: people.experts.router,
    publicApi: out.publicApi.router,
    clientDistDir: opts.clientDistDir ?? defaultDist,
  });
  door.serve([hotReads(snapshots), out.publicApi.hot, reports.fastPath], app);

  const refresh = memoryRefresh({ clock, catalog, memory, live, fuseAll });
  const sweep = async () => {
    await Promise.all([
      reports.writer.sweepClaims(clock.now()),
      people.limiter.sweep(),
      people.sessions.sweep(),
      people.experts.sweep(),
    ]);
  };
  const timers = periodic({ refreshMs: config.refreshMs, refresh, sweep, log, metrics });
  fuseAll();
  live.start();
  prober.start();
  out.webhooks.start();
  // History loads in the background: the site answers at once, detection joins when ready.
  const detectionReady = detection.start().catch((err) => log.error({ err }, 'detection could not start'));

  const { port, url } = await listen(door.server, config.port, config.host);
  log.info({ url }, 'Outage radar is listening');
  out.listening(url);
  for (const warning of proxyWarnings(config)) log.warn(warning);

  const { email, webhooks, publicApi } = out;
  const httpServer = door.server;
  const stoppable = { ...reports, timers, publicApi, live, prober, detection, detectionReady };
  const close = shutdown({ ...stoppable, webhooks, httpServer, io, closeRedis, email, conn });
  const running = { app, io, live, models, detection, prober, fusion, events, email, webhooks, refresh, sweep };
  return { ...running, url, port, httpServer, detectionReady, close };
}
