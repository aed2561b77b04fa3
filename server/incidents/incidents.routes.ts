import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { IncidentUpdateRequest, ObjectIdString } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { notFound } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import { adminOf } from '../admin/require-admin.ts';
import type { Audit } from '../moderation/audit.ts';
import type { IncidentStore } from './incident-store.ts';
import { incidentDetail } from './incident-detail.ts';
import type { Incident } from '../../shared/index.ts';
import { operatorIncidents } from './operator-incidents.ts';
import { adminIncidentsRoutes } from './admin-incidents.routes.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.iso.datetime().optional(),
});

export function incidentsRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  store: IncidentStore;
  clock: Clock;
  audit: Audit;
  admin: RequestHandler;
  onUpdated: (incident: Incident) => void;
  onOpened: (incident: Incident) => void;
  onResolved: (incident: Incident) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const operator = operatorIncidents({ store: deps.store, now: () => deps.clock.now() });
  router.use(adminIncidentsRoutes({ ...deps, operator }));

  router.get('/api/services/:slug/incidents', async (req, res) => {
    const service = serviceOf(res);
    const q = HistoryQuery.parse(req.query);
    res.json({ incidents: await deps.store.history(service.slug, q.limit, q.before ? new Date(q.before) : undefined) });
  });

  /** Recent incidents across all services, newest first: for integrators and the operators' page. */
  router.get('/api/incidents', async (req, res) => {
    const q = HistoryQuery.parse(req.query);
    res.json({ incidents: await deps.store.recent(q.limit, q.before ? new Date(q.before) : undefined) });
  });

  router.get('/api/incidents/:id', async (req, res) => {
    const detail = await incidentDetail(deps, ObjectIdString.parse(req.params.id));
    if (!detail) throw notFound('That incident');
    res.json(detail);
  });

  router.post('/api/admin/incidents/:id/updates', deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const body = IncidentUpdateRequest.parse(req.body);
    // "Resolved" on an open incident closes it; on a closed one it is one more note.
    const closed =
      body.status === 'resolved'
        ? await deps.store.resolve(id, deps.clock.now(), adminOf(res), { ...body, author: adminOf(res) })
        : undefined;
    const incident = closed ?? (await deps.store.addUpdate(id, body, adminOf(res), deps.clock.now()));
    if (!incident) throw notFound('That incident');
    await deps.audit.record(
      adminOf(res),
      'post_incident_update',
      { type: 'incident', id },
      `${body.status}: ${body.body.slice(0, 120)}`,
    );
    if (closed) deps.onResolved(closed);
    else deps.onUpdated(incident);
    res.status(201).json(incident);
  });

  return router;
}
