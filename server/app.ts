import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import type { Connection } from 'mongoose';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Clock } from './clock.ts';
import type { ServiceCatalog } from './catalog/service-catalog.ts';
import type { ReportIntake } from './reports/report-intake.ts';
import type { ServiceViews } from './services/service-views.ts';
import { servicesRoutes } from './services/services.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { clientPages } from './http/client-pages.ts';
import { apiNotFound, errorHandler } from './http/error-handler.ts';

export interface AppDeps {
  config: Pick<Config, 'trustProxy' | 'serveClient'>;
  log: Logger;
  clock: Clock;
  conn: Connection;
  catalog: ServiceCatalog;
  intake: ReportIntake;
  views: ServiceViews;
  hashClient: (ip: string, userAgent: string) => string;
  clientDistDir: string;
}

/** The Express app without listen(), so supertest can drive it against a real database. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  // No upgrade-insecure-requests: the embedded default is plain http on localhost, where it would
  // send the bundle's requests to an https port nobody listens on. TLS terminates at the proxy.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(compression());
  app.use(
    pinoHttp({
      logger: deps.log,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: '16kb' }));

  app.get('/api/health', (_req, res) => {
    const up = deps.conn.readyState === 1;
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down' });
  });
  app.use(servicesRoutes(deps));
  app.use(reportsRoutes(deps));
  app.use('/api', apiNotFound);
  if (deps.config.serveClient) app.use(clientPages({ distDir: deps.clientDistDir, catalog: deps.catalog }));
  app.use(errorHandler(deps.log));
  return app;
}
