import { z } from 'zod';
import { ReportRequest, ReportResponse } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

/**
 * Answered by report-fast-path.ts for plain JSON bodies, by reports.routes.ts for the rest; the same acceptor decides.
 */
export const reportsApi: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/services/:slug/reports',
    operationId: 'createReport',
    summary: 'Report a problem with a service ("I\'m having problems")',
    description:
      'Answered only once the report is stored. A repeat from the same person within the dedupe window is ' +
      'answered 200 with `counted: false`. ' +
      'One report per person and service is counted; an optional comment is shown on the page.',
    tag: 'Reports',
    params: z.object(SlugParam),
    body: ReportRequest,
    responses: {
      201: { description: 'Stored and counted.', schema: ReportResponse },
      200: { description: 'A repeat: already counted for this person.', schema: ReportResponse },
      ...errors(400, 404, 413, 429, 503),
    },
  },
];
