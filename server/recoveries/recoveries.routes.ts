import { Router } from 'express';
import type { ClientOf } from '../http/client-identity.ts';
import type { RecoveryAcceptor } from './accept-recovery.ts';

/** POST /api/services/:slug/recoveries: 201 counted, 200 a repeat, as reports answer. */
export function recoveriesRoutes(deps: { acceptRecovery: RecoveryAcceptor; clientOf: ClientOf }): Router {
  const router = Router();
  router.post('/api/services/:slug/recoveries', async (req, res) => {
    const outcome = await deps.acceptRecovery(req.params.slug, req.body, deps.clientOf(req));
    res.status(outcome.counted ? 201 : 200).json(outcome);
  });
  return router;
}
