import { Router } from 'express';
import { ReportRequest } from '../../shared/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ReportIntake } from './report-intake.ts';
import type { Clock } from '../clock.ts';

export function reportsRoutes(deps: {
  catalog: ServiceCatalog;
  intake: ReportIntake;
  clock: Clock;
  hashClient: (ip: string, userAgent: string) => string;
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
    const outcome = await deps.intake.submit({
      service: service.slug,
      problem: body.problem,
      ...(body.comment ? { comment: body.comment } : {}),
      clientHash: deps.hashClient(req.ip ?? '', req.get('user-agent') ?? ''),
      receivedAt: deps.clock.now(),
    });
    res.status(outcome.counted ? 201 : 200).json(outcome);
  });

  return router;
}
