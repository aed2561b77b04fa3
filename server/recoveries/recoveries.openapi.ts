import { z } from 'zod';
import { RecoveryRequest, RecoveryResponse } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const recoveriesApi: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/services/:slug/recoveries',
    operationId: 'createRecovery',
    summary: '"It works again for me"',
    description:
      'Counted like a report (once per person and service per dedupe window, a few per address), as its ' +
      'own kind: someone who reported the problem can also say it is back. ' +
      'The service page shows "N people say it\'s back" (`recoveries` in GET /api/services/{slug}), and ' +
      'confirmations move an open incident to its recovering phase.',
    tag: 'Reports',
    params: z.object(SlugParam),
    body: RecoveryRequest,
    responses: {
      201: { description: 'Stored and counted.', schema: RecoveryResponse },
      200: { description: 'A repeat: already counted for this person.', schema: RecoveryResponse },
      ...errors(400, 404, 413, 429, 503),
    },
  },
];
