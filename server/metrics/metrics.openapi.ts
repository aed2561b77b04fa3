import { z } from 'zod';
import { ErrorBody } from '../../shared/index.ts';
import type { ApiOperation } from '../openapi/api-operation.ts';

export const metricsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: "This process's metrics for Prometheus",
    description:
      'Requests, reports taken and refused, the report queue, probes, database latency, sockets and open ' +
      'incidents, in the Prometheus text exposition format. ' +
      'Needs `Authorization: Bearer <METRICS_TOKEN>` when the server was started with one; without a token it is open.',
    tag: 'Meta',
    metricsToken: true,
    responses: {
      200: { description: 'Prometheus text format 0.0.4.', schema: z.string(), contentType: 'text/plain' },
      401: {
        description: 'METRICS_TOKEN is set and the request did not carry it.',
        schema: ErrorBody,
        headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
      },
    },
  },
];
