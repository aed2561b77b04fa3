import { Router } from 'express';
import type { ClientOf } from '../http/client-identity.ts';
import type { ReportAcceptor } from './accept-report.ts';
import { noReportHooks, type ReportHooks } from '../metrics/metric-hooks.ts';
import { refusalReason } from '../metrics/refusal-reason.ts';

/**
 * Reports that the fast path (report-fast-path.ts) leaves to Express: bodies that are
 * compressed, chunked or not plainly JSON. The same acceptor decides.
 */
export function reportsRoutes(deps: {
  acceptReport: ReportAcceptor;
  clientOf: ClientOf;
  reportHooks?: ReportHooks | undefined;
}): Router {
  const router = Router();
  const metrics = deps.reportHooks ?? noReportHooks;
  router.post('/api/services/:slug/reports', async (req, res) => {
    const outcome = await deps
      .acceptReport(req.params.slug, req.body, deps.clientOf(req), req.ip)
      .catch((err: unknown) => {
        metrics.refused(req.params.slug, refusalReason(err));
        throw err;
      });
    metrics.stored(req.params.slug, outcome.counted);
    res.status(outcome.counted ? 201 : 200).json(outcome);
  });
  return router;
}
