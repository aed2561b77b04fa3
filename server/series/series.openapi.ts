import { z } from 'zod';
import { CountSeries, RangeSeries, SeriesRangeQuery } from '../../shared/index.ts';
import { errors, IdParam, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const seriesApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/series',
    operationId: 'getServiceSeries',
    summary: "A service's reports per hour over the last 7 or 30 days",
    tag: 'Services',
    params: z.object(SlugParam),
    query: SeriesRangeQuery,
    description:
      'The last 24 h per minute are in the service detail (`series`); this answers the longer ranges, ' +
      'hourly. Hours without reports are left out.',
    responses: { 200: { description: 'Hourly totals.', schema: RangeSeries }, ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/api/incidents/:id/series',
    operationId: 'getIncidentSeries',
    summary: "An incident's reports, from a little before it started to its end (or now)",
    tag: 'Incidents',
    params: z.object(IdParam),
    description:
      'Per minute (`stepMs` 60000) from 30 minutes before `startedAt`; hourly when that span passes 48 ' +
      'hours. Steps without reports are left out.',
    responses: { 200: { description: 'Totals per step.', schema: CountSeries }, ...errors(400, 404) },
  },
];
