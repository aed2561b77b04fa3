import { z } from 'zod';
import { ServiceDetail, ServiceSummary } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

const CACHED = 'Cacheable for 2 s (ETag, stale-while-revalidate 30 s): live changes reach open pages by socket.io.';

/** Both are answered from memory before Express (hot-reads.ts); an unknown slug falls through to services.routes.ts. */
export const servicesApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services',
    operationId: 'listServices',
    summary: 'List services with their current status',
    description:
      `Every service with its fused verdict, the open incident's start, reports in the last hour and a 24 h ` +
      `sparkline. ${CACHED}`,
    tag: 'Services',
    responses: { 200: { description: 'The services, as the home page lists them.', schema: z.array(ServiceSummary) } },
  },
  {
    method: 'get',
    path: '/api/services/:slug',
    operationId: 'getService',
    summary: "Get a service's page data",
    description:
      'Status with its reasons, the last 24 h of per-minute reports and their baseline, problem breakdown, ' +
      `latest comments, maintenance, open incident, probes and official status. ${CACHED}`,
    tag: 'Services',
    params: z.object(SlugParam),
    responses: { 200: { description: 'Everything the service page shows.', schema: ServiceDetail }, ...errors(404) },
  },
];
