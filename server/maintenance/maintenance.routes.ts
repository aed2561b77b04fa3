import { Router, type RequestHandler } from 'express';
import { MaintenanceRequest, ObjectIdString } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { notFound } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Clock } from '../clock.ts';
import { adminOf } from '../admin/require-admin.ts';
import type { Audit } from '../moderation/audit.ts';
import type { MaintenanceBook } from './maintenance-book.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

export function maintenanceRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  book: MaintenanceBook;
  clock: Clock;
  audit: Audit;
  admin: RequestHandler;
  onChanged: (service: string) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);

  router.get('/api/services/:slug/maintenance', (req, res) => {
    const service = serviceOf(res);
    res.json({ windows: deps.book.forService(service.slug, deps.clock.now()) });
  });

  router.get('/api/admin/maintenance', deps.admin, (_req, res) => {
    const now = deps.clock.now();
    res.json({ windows: deps.catalog.all().flatMap((s) => deps.book.forService(s.slug, now)) });
  });

  router.post('/api/admin/services/:slug/maintenance', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    const body = MaintenanceRequest.parse(req.body);
    const doc = await deps.models.Maintenance.create({
      service: service.slug,
      title: body.title,
      ...(body.description ? { description: body.description } : {}),
      start: new Date(body.start),
      end: new Date(body.end),
      createdBy: adminOf(res),
    });
    await deps.audit.record(
      adminOf(res),
      'declare_maintenance',
      { type: 'maintenance', id: String(doc._id) },
      `${service.slug}: ${body.title}`,
    );
    await deps.book.reload(deps.clock.now());
    deps.onChanged(service.slug);
    res.status(201).json(deps.book.recentAndUpcoming(service.slug).find((w) => w.id === String(doc._id)));
  });

  router.delete('/api/admin/maintenance/:id', deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const doc = await deps.models.Maintenance.findByIdAndUpdate(id, { $set: { cancelled: true } }).lean();
    if (!doc) throw notFound('That maintenance window');
    await deps.audit.record(adminOf(res), 'cancel_maintenance', { type: 'maintenance', id });
    await deps.book.reload(deps.clock.now());
    deps.onChanged(doc.service);
    res.status(204).end();
  });

  return router;
}
