import { z } from 'zod';
import { GuidanceConfig, GuidanceUpdate } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

const slug = z.object(SlugParam);

export const guidanceApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/admin/services/:slug/guidance',
    operationId: 'getGuidance',
    summary: "A service's what-to-do override and the defaults it replaces",
    tag: 'Operators',
    operator: true,
    params: slug,
    responses: {
      200: { description: 'The override (null: none) and the defaults.', schema: GuidanceConfig },
      ...errors(404),
    },
  },
  {
    method: 'put',
    path: '/api/admin/services/:slug/guidance',
    operationId: 'setGuidance',
    summary: "Replace a service's what-to-do guidance",
    description:
      'Sections of steps shown instead of the category defaults while the service has trouble; an empty ' +
      'list restores the defaults.',
    tag: 'Operators',
    operator: true,
    params: slug,
    body: GuidanceUpdate,
    responses: { 200: { description: 'The guidance now.', schema: GuidanceConfig }, ...errors(400, 404) },
  },
];
