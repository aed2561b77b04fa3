import { Router } from 'express';
import type { ClientOf } from '../http/client-identity.ts';
import type { ReportAcceptor } from './accept-report.ts';

/**
 * Reports that the fast path (report-fast-path.ts) leaves to Express: bodies that are
 * compressed, chunked or not plainly JSON. The same acceptor decides.
 */
export function reportsRoutes(deps: { acceptReport: ReportAcceptor; clientOf: ClientOf }): Router {
  const router = Router();
  router.post('/api/services/:slug/reports', async (req, res) => {
    const outcome = await deps.acceptReport(req.params.slug, req.body, deps.clientOf(req));
    res.status(outcome.counted ? 201 : 200).json(outcome);
  });
  return router;
}
