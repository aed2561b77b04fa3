import { Router, type RequestHandler } from 'express';
import { AdminIncidentsQuery, IncidentResolveRequest, ObjectIdString } from '../../shared/index.ts';
import type { Incident } from '../../shared/index.ts';
import { adminOf } from '../admin/require-admin.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Audit } from '../moderation/audit.ts';
import type { IncidentStore } from './incident-store.ts';
import type { OperatorIncidents } from './operator-incidents.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

/** Operators' incident actions: every open incident in one list, open one by hand, resolve one. */
export function adminIncidentsRoutes(deps: {
  catalog: ServiceCatalog;
  store: IncidentStore;
  audit: Audit;
  admin: RequestHandler;
  operator: OperatorIncidents;
  onOpened: (incident: Incident) => void;
  onResolved: (incident: Incident) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);

  router.get('/api/admin/incidents', deps.admin, async (req, res) => {
    const q = AdminIncidentsQuery.parse(req.query);
    res.json({ incidents: await deps.store.list(q.state, q.limit) });
  });

  router.post('/api/admin/services/:slug/incidents', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    const incident = await deps.operator.open(service, req.body, adminOf(res));
    await deps.audit.record(
      adminOf(res),
      'open_incident',
      { type: 'incident', id: incident.id },
      `${service.slug}: ${incident.title}`,
    );
    deps.onOpened(incident);
    res.status(201).json(incident);
  });

  router.post('/api/admin/incidents/:id/resolve', deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const body = IncidentResolveRequest.parse(req.body ?? {});
    const incident = await deps.operator.resolve(id, adminOf(res), body.body);
    await deps.audit.record(adminOf(res), 'resolve_incident', { type: 'incident', id }, body.body?.slice(0, 120));
    deps.onResolved(incident);
    res.json(incident);
  });

  return router;
}
