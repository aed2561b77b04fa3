import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import type { Config } from '../config.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { MaintenanceBook } from '../maintenance/maintenance-book.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { OutboundEvents } from '../notifications/outbound-events.ts';
import type { StatusBoard } from '../status/status-board.ts';
import type { Insight } from '../../shared/index.ts';
import { BuiltOnce } from './built-once.ts';
import { RecentIncidents } from './recent-incidents.ts';
import { stableId } from './stable-id.ts';
import { PAGE_NAME, statuspageDocuments, type PublicState } from './statuspage-documents.ts';
import { publicHotReads } from './public-hot-reads.ts';
import { requestBase } from './public-base.ts';
import { feedsRoutes } from './feeds.routes.ts';
import { badgesRoutes } from './badges.routes.ts';
import { embedRoutes } from './embed.routes.ts';

/**
 * What integrators read: the Statuspage v2 API, incident feeds, badges and the embeddable card,
 * all answered from memory. Incidents are learnt from this process's events at once and re-read
 * from the database on the refresh cycle (other processes' incidents, older history).
 */
export async function startPublicApi(deps: {
  catalog: ServiceCatalog;
  status: StatusBoard;
  maintenance: MaintenanceBook;
  store: IncidentStore;
  events: OutboundEvents;
  clock: Clock;
  log: Logger;
  config: Pick<Config, 'publicUrl' | 'trustProxy' | 'refreshMs'>;
  /** Experts' insights on a service, for its feed (server/experts). */
  insights?: (slug: string) => Promise<Insight[]>;
}): Promise<{
  /** The Statuspage API and badges, in front of Express (see public-hot-reads.ts). */
  hot: (req: IncomingMessage, res: ServerResponse) => boolean;
  router: Router;
  close: () => void;
}> {
  const base = requestBase(deps.config.publicUrl, deps.config.trustProxy);
  const recent = new RecentIncidents(deps.store);
  await recent.reload();

  const state = (): PublicState => {
    const services = deps.catalog.all();
    return {
      now: deps.clock.now(),
      verdicts: services.map((service) => ({ service, status: deps.status.get(service.slug) })),
      incidents: recent.list(),
      maintenance: services.flatMap((s) => deps.maintenance.recentAndUpcoming(s.slug)),
    };
  };
  const pageId = stableId('page', deps.config.publicUrl ?? PAGE_NAME);
  const documents = new BuiltOnce((base) => statuspageDocuments(state(), { base, pageId }));

  const stopListening = deps.events.on((event) => {
    if (event.type !== 'verdict.changed') recent.note(event.incident);
    documents.invalidate();
  });
  const timer = setInterval(() => {
    recent.reload().then(
      () => documents.invalidate(),
      (err) => deps.log.warn({ err }, 'recent incidents not re-read'),
    );
  }, deps.config.refreshMs);
  timer.unref();

  const router = Router();
  router.use(
    feedsRoutes({
      catalog: deps.catalog,
      recent,
      clock: deps.clock,
      base,
      ...(deps.insights && { insights: deps.insights }),
    }),
  );
  router.use(badgesRoutes());
  router.use(embedRoutes({ ...deps, base }));
  return {
    hot: publicHotReads({ documents, catalog: deps.catalog, status: deps.status, base }),
    router,
    close: () => {
      clearInterval(timer);
      stopListening();
    },
  };
}
