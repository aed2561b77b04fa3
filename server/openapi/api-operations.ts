import type { ApiOperation } from './api-operation.ts';
import { healthApi } from '../http/health.openapi.ts';
import { servicesApi } from '../services/services.openapi.ts';
import { regionsApi } from '../regions/regions.openapi.ts';
import { reportsApi } from '../reports/reports.openapi.ts';
import { recoveriesApi } from '../recoveries/recoveries.openapi.ts';
import { commentsApi } from '../comments/comments.openapi.ts';
import { storiesApi } from '../stories/stories.openapi.ts';
import { incidentsApi } from '../incidents/incidents.openapi.ts';
import { maintenanceApi } from '../maintenance/maintenance.openapi.ts';
import { probesApi } from '../probes/probes.openapi.ts';
import { guidanceApi } from '../guidance/guidance.openapi.ts';
import { moderationApi } from '../moderation/moderation.openapi.ts';
import { adminApi } from '../admin/admin.openapi.ts';
import { webhooksApi } from '../webhooks/webhooks.openapi.ts';
import { subscriptionsApi } from '../subscriptions/subscriptions.openapi.ts';
import { publicApi } from '../public-api/public-api.openapi.ts';
import { metricsApi } from '../metrics/metrics.openapi.ts';
import { docsApi } from './docs.openapi.ts';
import { suggestionsApi } from '../suggestions/suggestions.openapi.ts';
import { seriesApi } from '../series/series.openapi.ts';
import { expertsApi } from '../experts/experts.openapi.ts';
import { caseStudiesApi } from '../case-studies/case-studies.openapi.ts';

/**
 * Every documented operation. A feature documents its routes in a `*.openapi.ts` beside its
 * `*.routes.ts` and adds one line here; test/api/openapi.test.ts fails for a route left out.
 */
export const apiOperations: ApiOperation[] = [
  ...servicesApi,
  ...seriesApi,
  ...regionsApi,
  ...reportsApi,
  ...recoveriesApi,
  ...commentsApi,
  ...storiesApi,
  ...incidentsApi,
  ...caseStudiesApi,
  ...maintenanceApi,
  ...probesApi,
  ...guidanceApi,
  ...moderationApi,
  ...subscriptionsApi,
  ...adminApi,
  ...webhooksApi,
  ...expertsApi,
  ...publicApi,
  ...suggestionsApi,
  ...healthApi,
  ...metricsApi,
  ...docsApi,
];

/** Tag descriptions, in the order the reference shows them. */
export const apiTags: Record<string, string> = {
  Services: 'Services and their fused status: crowd reports, probes and the official status page.',
  Reports: '"I\'m having problems": one click of a person affected.',
  Comments: 'Short public comments on a service page.',
  Stories: 'Testimonials, business impacts and recovery stories.',
  Incidents: 'Periods the system believes a service has problems, with their evidence and official updates.',
  Maintenance: 'Scheduled maintenance windows.',
  Probes: 'Automated HTTP, TCP and DNS checks.',
  Moderation: 'Flagging comments and stories for operators.',
  Subscriptions: 'Email alerts about a service: subscribe, confirm by mail, unsubscribe in one click.',
  Experts:
    'Insights from experts operators verified (technical experts, cybersecurity professionals, service ' +
    'providers), and their sign-in.',
  Operators: 'Running the site. Needs an operator session: sign in with POST /api/admin/session.',
  Integrations: 'For other tools and sites: a Statuspage v2-compatible API, incident feeds and status badges.',
  Meta: 'This process, and this document.',
};
