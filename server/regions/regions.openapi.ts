import { z } from 'zod';
import { Regions, RegionsQuery } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const regionsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/regions',
    operationId: 'getServiceRegions',
    summary: "Where a service's reports come from",
    description:
      'Reports per country and city over the last `minutes` (1–1440, default 60), from a coarse lookup of ' +
      "each reporter's address at intake (GeoLite2; the address itself is never stored). Private and " +
      'unknown addresses count in no place. The top 20 countries and 30 cities, most reports first; ' +
      "`located` counts every report with a known country. The same object is `regions` in the service's " +
      'page data and live updates (there over 60 minutes).',
    tag: 'Services',
    params: z.object(SlugParam),
    query: RegionsQuery,
    responses: { 200: { description: 'Reports by place.', schema: Regions }, ...errors(400, 404) },
  },
];
