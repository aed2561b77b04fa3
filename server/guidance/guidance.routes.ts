import { Router, type RequestHandler } from 'express';
import { GuidanceUpdate, type GuidanceConfig, type Service } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Audit } from '../moderation/audit.ts';
import { adminOf } from '../admin/require-admin.ts';
import { lookUpServiceParam, serviceIn, serviceOf } from '../services/service-param.ts';
import { guidanceFor } from './default-guidance.ts';

/** The defaults an operator's guidance replaces, as a visitor sees them during a major outage. */
const config = (service: Service): GuidanceConfig => ({
  override: service.guidance ?? null,
  defaults: guidanceFor({
    category: service.category,
    level: 'major_outage',
    officialUrl: service.official?.url ?? null,
  }),
});

/** Operators replace a service's "what to do" with their own, or go back to the category's defaults. */
export function guidanceRoutes(deps: {
  catalog: ServiceCatalog;
  audit: Audit;
  admin: RequestHandler;
  onChanged: (slug: string) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);

  router.get('/api/admin/services/:slug/guidance', deps.admin, (_req, res) => {
    res.json(config(serviceOf(res)));
  });

  router.put('/api/admin/services/:slug/guidance', deps.admin, async (req, res) => {
    const service = serviceOf(res);
    const { guidance } = GuidanceUpdate.parse(req.body);
    await deps.catalog.setGuidance(service.slug, guidance.length > 0 ? guidance : null);
    const what = guidance.length > 0 ? guidance.map((g) => g.title).join(', ') : 'back to the defaults';
    await deps.audit.record(adminOf(res), 'set_guidance', { type: 'service', id: service.slug }, what);
    await deps.catalog.reload();
    deps.onChanged(service.slug);
    res.json(config(serviceIn(deps.catalog, service.slug)));
  });

  return router;
}
