import { z } from 'zod';
import { CaseStudy, ReliabilityHistory } from '../../shared/index.ts';
import { errors, IdParam, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const caseStudiesApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/incidents/:id/case-study',
    operationId: 'getIncidentCaseStudy',
    summary: 'A resolved incident as a case study',
    description:
      'Built from what was recorded: a timeline (first reports, detection, the official acknowledgement, ' +
      'the peak, probes failing and recovering, "it works again" confirmations, operator updates, the ' +
      "resolution), the numbers, the diagnosis as it changed, the most helpful stories and the experts' " +
      'insights. 409 while the incident is open.',
    tag: 'Incidents',
    params: z.object(IdParam),
    responses: { 200: { description: 'The case study.', schema: CaseStudy }, ...errors(400, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/services/:slug/reliability',
    operationId: 'getServiceReliability',
    summary: "A service's reliability over the last 12 months",
    description:
      'Resolved incidents per UTC month with the minutes they lasted, the median duration, and the most common causes.',
    tag: 'Incidents',
    params: z.object(SlugParam),
    responses: {
      200: { description: 'Twelve months, the current one last.', schema: ReliabilityHistory },
      ...errors(400, 404),
    },
  },
];
