import { Router } from 'express';
import { ReportRequest } from '../../shared/index.ts';
import { AppError, notFound, tooManyRequests } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ReportIntake } from './report-intake.ts';
import type { Clock } from '../clock.ts';
import type { ClientOf } from '../http/client-identity.ts';
import type { FloodGuard } from '../limits/flood-guard.ts';

export function reportsRoutes(deps: {
  catalog: ServiceCatalog;
  intake: ReportIntake;
  clock: Clock;
  clientOf: ClientOf;
  flood: FloodGuard;
}): Router {
  const router = Router();

  router.post('/api/services/:slug/reports', async (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    const body = ReportRequest.parse(req.body);
    if (!service.problems.some((p) => p.id === body.problem)) {
      const known = service.problems.map((p) => p.id).join(', ');
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        problem: [`"${body.problem}" is not a problem kind of ${service.name}; pick one of: ${known}`],
      });
    }
    const client = deps.clientOf(req);
    const now = deps.clock.now();
    const allowed = deps.flood.take(client.address, now);
    if (!allowed.ok) throw tooManyRequests('Too many reports from here in a short time.', allowed.retryAfterSeconds);
    const outcome = await deps.intake.submit({
      service: service.slug,
      problem: body.problem,
      ...(body.comment ? { comment: body.comment } : {}),
      clientHash: client.person,
      addressHash: client.address,
      network: client.network,
      ...(body.browserCheck ? { browserCheck: { ...body.browserCheck, ms: Math.round(body.browserCheck.ms) } } : {}),
    });
    res.status(outcome.counted ? 201 : 200).json(outcome);
  });

  return router;
}
