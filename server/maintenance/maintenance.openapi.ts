import { z } from 'zod';
import { MaintenanceList, MaintenanceRequest, MaintenanceWindow } from '../../shared/index.ts';
import { errors, IdParam, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const maintenanceApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/maintenance',
    operationId: 'listMaintenance',
    summary: "A service's current and upcoming maintenance windows",
    tag: 'Maintenance',
    params: z.object(SlugParam),
    responses: { 200: { description: 'Windows, soonest first.', schema: MaintenanceList }, ...errors(404) },
  },
  {
    method: 'get',
    path: '/api/admin/maintenance',
    operationId: 'listAllMaintenance',
    summary: 'Every current and upcoming maintenance window',
    tag: 'Operators',
    operator: true,
    responses: { 200: { description: 'Windows of every service.', schema: MaintenanceList } },
  },
  {
    method: 'post',
    path: '/api/admin/services/:slug/maintenance',
    operationId: 'declareMaintenance',
    summary: 'Declare a maintenance window',
    description: 'Reports during the window are shown as expected, not as an unplanned outage.',
    tag: 'Operators',
    operator: true,
    params: z.object(SlugParam),
    body: MaintenanceRequest,
    responses: { 201: { description: 'The window as pages show it.', schema: MaintenanceWindow }, ...errors(400, 404) },
  },
  {
    method: 'delete',
    path: '/api/admin/maintenance/:id',
    operationId: 'cancelMaintenance',
    summary: 'Cancel a maintenance window',
    tag: 'Operators',
    operator: true,
    params: z.object(IdParam),
    responses: { 204: { description: 'Cancelled.' }, ...errors(400, 404) },
  },
];
