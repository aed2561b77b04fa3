import { Router } from 'express';
import { sendEncoded } from '../http/encoded-body.ts';
import { publicBase } from './public-base.ts';
import type { BuiltOnce } from './built-once.ts';
import type { StatuspageDocuments, StatuspagePath } from './statuspage-documents.ts';

/**
 * Widgets poll these, often from other sites' pages (CORS open, as Statuspage's own API is); a
 * few seconds at a CDN absorb a crowd of them, and ETags make an unchanged answer a 304.
 */
export const STATUSPAGE_HEADERS = {
  'cache-control': 'public, max-age=5, stale-while-revalidate=30',
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};

const PATHS: StatuspagePath[] = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
];

/** Statuspage's public API v2, our verdicts in its format (see statuspage-documents.ts). */
export function statuspageRoutes(deps: { documents: BuiltOnce<StatuspageDocuments>; publicUrl: string | undefined }): Router {
  const router = Router();
  for (const path of PATHS) {
    router.get(`/api/v2/${path}`, (req, res) => {
      sendEncoded(req, res, deps.documents.encoded(publicBase(req, deps.publicUrl), path), STATUSPAGE_HEADERS);
    });
  }
  return router;
}
