import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import type { Connection } from 'mongoose';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Clock } from './clock.ts';
import type { Models } from './db/models.ts';
import type { ServiceCatalog } from './catalog/service-catalog.ts';
import type { ServiceSnapshots } from './services/service-snapshots.ts';
import type { CommentFeed } from './comments/comment-feed.ts';
import type { ClientOf } from './http/client-identity.ts';
import type { RateLimiter } from './limits/rate-limiter.ts';
import type { AdminUsers } from './admin/admin-users.ts';
import type { AdminSessions } from './admin/admin-sessions.ts';
import type { Audit } from './moderation/audit.ts';
import type { Votes } from './moderation/votes.ts';
import type { ItemType } from './moderation/moderated-items.ts';
import type { MaintenanceBook } from './maintenance/maintenance-book.ts';
import type { IncidentStore } from './incidents/incident-store.ts';
import type { IncidentEvent } from './incidents/detection-loop.ts';
import type { Incident } from '../shared/index.ts';
import { incidentsRoutes } from './incidents/incidents.routes.ts';
import { servicesRoutes } from './services/services.routes.ts';
import { seriesRangeRoutes } from './series/series-range.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { commentsRoutes } from './comments/comments.routes.ts';
import { storiesRoutes } from './stories/stories.routes.ts';
import { moderationRoutes } from './moderation/moderation.routes.ts';
import { maintenanceRoutes } from './maintenance/maintenance.routes.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import { requireAdmin } from './admin/require-admin.ts';
import { clientPages } from './http/client-pages.ts';
import { crawlerRoutes } from './pages/crawler.routes.ts';
import { probesRoutes } from './probes/probes.routes.ts';
import type { ProbeStore } from './probes/probe-store.ts';
import type { ChecksBook } from './probes/checks-book.ts';
import { apiNotFound, errorHandler } from './http/error-handler.ts';
import { accessLog } from './http/access-log.ts';
import type { ReportAcceptor } from './reports/accept-report.ts';
import type { RecoveryAcceptor } from './recoveries/accept-recovery.ts';
import { recoveriesRoutes } from './recoveries/recoveries.routes.ts';
import type { EmailAlerts } from './subscriptions/email-alerts.ts';
import { subscriptionsRoutes } from './subscriptions/subscriptions.routes.ts';
import type { ServerMetrics } from './metrics/server-metrics.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { openApiRoutes } from './openapi/openapi.routes.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import type { RegionBook } from './regions/region-book.ts';
import { connectSources } from './http/connect-sources.ts';
import { suggestionsRoutes } from './suggestions/suggestions.routes.ts';
import { guidanceRoutes } from './guidance/guidance.routes.ts';
import type { ServiceChanges } from './live/service-changes.ts';
import { caseStudiesRoutes } from './case-studies/case-studies.routes.ts';

export interface AppDeps {
  config: Pick<
    Config,
    'trustProxy' | 'serveClient' | 'probeAllowPrivate' | 'secureCookies' | 'publicUrl' | 'metricsToken'
  >;
  log: Logger;
  clock: Clock;
  conn: Connection;
  models: Models;
  catalog: ServiceCatalog;
  acceptReport: ReportAcceptor;
  acceptRecovery: RecoveryAcceptor;
  feed: CommentFeed;
  clientOf: ClientOf;
  limiter: RateLimiter;
  users: AdminUsers;
  sessions: AdminSessions;
  audit: Audit;
  votes: Votes;
  maintenance: MaintenanceBook;
  incidentStore: IncidentStore;
  announce: (event: IncidentEvent, incident: Incident) => void;
  probeStore: ProbeStore;
  checks: ChecksBook;
  /** Something people see changed for a service: push it to the page. */
  changed: ServiceChanges;
  email: EmailAlerts;
  /** Operators' webhook endpoints (server/webhooks/). */
  webhooks: express.RequestHandler;
  /** Verified experts and their insights (server/experts/). */
  experts: express.RequestHandler;
  /** Statuspage v2 API, feeds, badges and the embeddable card (server/public-api). */
  publicApi: express.Router;
  clientDistDir: string;
  snapshots: ServiceSnapshots;
  /** Where reports come from (server/regions). */
  regions: RegionBook;
  /** GET /metrics and the request counts; absent, neither. */
  metrics?: ServerMetrics;
}

/** The Express app without listen(), so supertest can drive it against a real database. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  // No upgrade-insecure-requests: the embedded default is plain http on localhost, where it would
  // send the bundle's requests to an https port nobody listens on. TLS terminates at the proxy.
  // connect-src: 'self', and on a service's page its homepage (see connect-sources.ts).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: null, connectSrc: [connectSources(deps.catalog)] },
      },
    }),
  );
  app.use(compression());
  app.use(accessLog(deps.log, deps.metrics?.http));
  app.use(express.json({ limit: '16kb' }));

  app.get('/api/health', (_req, res) => {
    const up = deps.conn.readyState === 1;
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down' });
  });

  const admin = requireAdmin(deps.sessions);
  const onModerated = (type: ItemType, service: string, id: string, visible: boolean) =>
    type === 'comment' ? deps.changed.commentVisibility(service, id, visible) : deps.changed.stories(service);
  app.use(servicesRoutes());
  app.use(seriesRangeRoutes(deps));
  app.use(regionsRoutes(deps));
  app.use(reportsRoutes({ ...deps, reportHooks: deps.metrics?.reports }));
  app.use(recoveriesRoutes(deps));
  if (deps.metrics) app.use(metricsRoutes({ registry: deps.metrics.registry, token: deps.config.metricsToken }));
  app.use(commentsRoutes({ ...deps, onPosted: deps.changed.comments }));
  app.use(storiesRoutes({ ...deps, onChanged: deps.changed.stories }));
  app.use(moderationRoutes({ ...deps, admin, onModerated }));
  app.use(maintenanceRoutes({ ...deps, book: deps.maintenance, admin, onChanged: deps.changed.service }));
  app.use(
    incidentsRoutes({
      ...deps,
      store: deps.incidentStore,
      admin,
      onUpdated: (i) => deps.announce('incident:updated', i),
      onOpened: (i) => deps.announce('incident:opened', i),
      onResolved: (i) => deps.announce('incident:resolved', i),
    }),
  );
  app.use(caseStudiesRoutes(deps));
  app.use(
    probesRoutes({
      catalog: deps.catalog,
      store: deps.probeStore,
      book: deps.checks,
      clock: deps.clock,
      audit: deps.audit,
      admin,
      allowPrivate: deps.config.probeAllowPrivate,
      onChanged: deps.changed.checks,
    }),
  );
  app.use(guidanceRoutes({ ...deps, admin, onChanged: deps.changed.service }));
  app.use(subscriptionsRoutes(deps));
  app.use(suggestionsRoutes({ ...deps, admin }));
  app.use(deps.webhooks);
  app.use(deps.experts);
  app.use(adminRoutes({ ...deps, secureCookies: deps.config.secureCookies }));
  app.use(deps.publicApi);
  app.use(openApiRoutes({ publicUrl: deps.config.publicUrl }));
  app.use('/api', apiNotFound);
  app.use(crawlerRoutes({ ...deps, publicUrl: deps.config.publicUrl }));
  if (deps.config.serveClient)
    app.use(clientPages({ ...deps, distDir: deps.clientDistDir, publicUrl: deps.config.publicUrl }));
  app.use(errorHandler(deps.log));
  return app;
}
