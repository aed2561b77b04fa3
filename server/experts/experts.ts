import { Router, type RequestHandler } from 'express';
import type { Insight } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { Clock } from '../clock.ts';
import type { Audit } from '../moderation/audit.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { FEED_ENTRIES } from '../public-api/incident-feeds.ts';
import { ExpertCredentials } from './expert-credentials.ts';
import { requireExpert } from './require-expert.ts';
import { expertsRoutes } from './experts.routes.ts';
import { insightsRoutes } from './insights.routes.ts';
import { toInsights, type InsightRow } from './insight-view.ts';

export interface Experts {
  router: Router;
  /** A service's newest visible insights, for its feed. */
  recentInsights(slug: string): Promise<Insight[]>;
  /** Clears expired sign-in codes and sessions, with the other sweeps. */
  sweep(): Promise<void>;
}

/** Verified experts and their insights (issue 13), wired in one call. */
export function createExperts(deps: {
  models: Models;
  catalog: ServiceCatalog;
  incidentStore: IncidentStore;
  clock: Clock;
  audit: Audit;
  limiter: RateLimiter;
  clientOf: ClientOf;
  admin: RequestHandler;
  publicUrl: string | undefined;
  secureCookies: boolean;
}): Experts {
  const credentials = new ExpertCredentials(deps.models, deps.clock);
  const router = Router();
  router.use(expertsRoutes({ ...deps, credentials }));
  router.use(insightsRoutes({ ...deps, expert: requireExpert(credentials) }));
  return {
    router,
    recentInsights: async (slug) => {
      const docs = await deps.models.Insight.find({ service: slug, status: 'visible' })
        .sort({ createdAt: -1 })
        .limit(FEED_ENTRIES)
        .lean();
      return toInsights(deps.models, docs as InsightRow[]);
    },
    sweep: () => credentials.sweep(),
  };
}
