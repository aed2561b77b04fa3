import { Health } from '../../shared/index.ts';
import type { ApiOperation } from '../openapi/api-operation.ts';

export const healthApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: 'Is this process up, and does its database answer',
    tag: 'Meta',
    responses: {
      200: { description: 'Up.', schema: Health },
      503: { description: 'The database does not answer.', schema: Health },
    },
  },
];
