import type {
  Expert,
  ExpertCreated,
  ExpertList,
  ExpertRequest,
  ExpertSession,
  ExpertSignInCode,
  HelpfulResponse,
  Insight,
  InsightModerationQueue,
  InsightModerationResult,
  InsightPage,
  InsightRequest,
  ModerationAction,
} from '../../../shared/index.ts';
import { request, send } from './api.ts';
import type { QueueStatus } from './admin-api.ts';

const one = (id: string) => encodeURIComponent(id);

/** Readers' and experts' side of expert insights (server/experts/). */
export const expertsApi = {
  serviceInsights: (slug: string, sort: 'newest' | 'helpful' = 'newest', limit = 20) =>
    request<InsightPage>(`/api/services/${one(slug)}/insights?sort=${sort}&limit=${limit}`),
  incidentInsights: (id: string, sort: 'newest' | 'helpful' = 'newest', limit = 20) =>
    request<InsightPage>(`/api/incidents/${one(id)}/insights?sort=${sort}&limit=${limit}`),
  post: (slug: string, body: InsightRequest) =>
    request<Insight>(`/api/services/${one(slug)}/insights`, send('POST', body)),
  helpful: (id: string) => request<HelpfulResponse>(`/api/insights/${one(id)}/helpful`, send('POST', {})),

  session: () => request<ExpertSession>('/api/experts/session'),
  signIn: (code: string) => request<ExpertSession>('/api/experts/session', send('POST', { code })),
  signOut: () => request<void>('/api/experts/session', send('DELETE')),
};

/** Operators: verify, list, re-issue codes, revoke; moderate insights. */
export const expertsAdminApi = {
  list: () => request<ExpertList>('/api/admin/experts'),
  verify: (body: ExpertRequest) => request<ExpertCreated>('/api/admin/experts', send('POST', body)),
  newCode: (id: string) => request<ExpertSignInCode>(`/api/admin/experts/${one(id)}/sign-in-codes`, send('POST', {})),
  revoke: (id: string) => request<Expert>(`/api/admin/experts/${one(id)}/revoke`, send('POST', {})),

  queue: (status: QueueStatus) => request<InsightModerationQueue>(`/api/admin/insights?status=${status}`),
  moderate: (id: string, body: ModerationAction) =>
    request<InsightModerationResult>(`/api/admin/insights/${one(id)}`, send('POST', body)),
};
