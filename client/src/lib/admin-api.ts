import type {
  AdminSession,
  AuditLog,
  LoginRequest,
  MaintenanceList,
  MaintenanceRequest,
  MaintenanceWindow,
  ModerationAction,
  ModerationQueue,
  ModerationResult,
  Incident,
  IncidentList,
  IncidentUpdateRequest,
  IncidentOpenRequest,
  IncidentResolveRequest,
  OfficialSource,
  ProbesUpdate,
  ServiceChecksConfig,
} from '../../../shared/index.ts';
import { request, send, type ItemType } from './api.ts';

export type QueueStatus = 'held' | 'flagged' | 'hidden' | 'all';

/** Operators' endpoints; the session travels in an HttpOnly cookie the page never sees. */
export const adminApi = {
  session: () => request<AdminSession>('/api/admin/session'),
  signIn: (body: LoginRequest) => request<AdminSession>('/api/admin/session', send('POST', body)),
  signOut: () => request<void>('/api/admin/session', send('DELETE')),

  queue: (status: QueueStatus) => request<ModerationQueue>(`/api/admin/moderation?status=${status}`),
  moderate: (type: Exclude<ItemType, 'insight'>, id: string, body: ModerationAction) =>
    request<ModerationResult>(`/api/admin/moderation/${type}/${encodeURIComponent(id)}`, send('POST', body)),

  maintenance: (slug: string) => request<MaintenanceList>(`/api/services/${encodeURIComponent(slug)}/maintenance`),
  allMaintenance: () => request<MaintenanceList>('/api/admin/maintenance'),
  declareMaintenance: (slug: string, body: MaintenanceRequest) =>
    request<MaintenanceWindow>(`/api/admin/services/${encodeURIComponent(slug)}/maintenance`, send('POST', body)),
  cancelMaintenance: (id: string) => request<void>(`/api/admin/maintenance/${encodeURIComponent(id)}`, send('DELETE')),

  incidents: (limit = 20) => request<IncidentList>(`/api/incidents?limit=${limit}`),
  postIncidentUpdate: (id: string, body: IncidentUpdateRequest) =>
    request<Incident>(`/api/admin/incidents/${encodeURIComponent(id)}/updates`, send('POST', body)),

  openIncidents: () => request<IncidentList>('/api/admin/incidents?state=open'),
  openIncident: (slug: string, body: IncidentOpenRequest) =>
    request<Incident>(`/api/admin/services/${encodeURIComponent(slug)}/incidents`, send('POST', body)),
  resolveIncident: (id: string, body: IncidentResolveRequest = {}) =>
    request<Incident>(`/api/admin/incidents/${encodeURIComponent(id)}/resolve`, send('POST', body)),

  checks: (slug: string) => request<ServiceChecksConfig>(`/api/admin/services/${encodeURIComponent(slug)}/checks`),
  setProbes: (slug: string, body: ProbesUpdate) =>
    request<ServiceChecksConfig>(`/api/admin/services/${encodeURIComponent(slug)}/probes`, send('PUT', body)),
  setOfficial: (slug: string, body: OfficialSource) =>
    request<ServiceChecksConfig>(`/api/admin/services/${encodeURIComponent(slug)}/official`, send('PUT', body)),
  removeOfficial: (slug: string) =>
    request<void>(`/api/admin/services/${encodeURIComponent(slug)}/official`, send('DELETE')),

  audit: (limit = 100) => request<AuditLog>(`/api/admin/audit?limit=${limit}`),
};
