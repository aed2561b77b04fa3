import { z } from 'zod';
import {
  OfficialSource,
  ProbeHistory,
  ProbeHistoryQuery,
  ProbesUpdate,
  ServiceChecksConfig,
} from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

const slug = z.object(SlugParam);

export const probesApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/probes/history',
    operationId: 'probeHistory',
    summary: "Response times of a service's probes",
    description: 'Per-minute points up to 24 hours, per 5 minutes beyond; steps without a run are left out.',
    tag: 'Probes',
    params: slug,
    query: ProbeHistoryQuery,
    responses: { 200: { description: 'Points per probe.', schema: ProbeHistory }, ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/api/admin/services/:slug/checks',
    operationId: 'getChecks',
    summary: "A service's probe definitions and official status page",
    tag: 'Operators',
    operator: true,
    params: slug,
    responses: {
      200: { description: 'Definitions with defaults filled in.', schema: ServiceChecksConfig },
      ...errors(404),
    },
  },
  {
    method: 'put',
    path: '/api/admin/services/:slug/probes',
    operationId: 'setProbes',
    summary: "Replace a service's probes",
    description:
      'Private, loopback and internal targets are refused (400 `private_target`) unless the server runs ' +
      'with PROBE_ALLOW_PRIVATE=1.',
    tag: 'Operators',
    operator: true,
    params: slug,
    body: ProbesUpdate,
    responses: { 200: { description: 'The checks now.', schema: ServiceChecksConfig }, ...errors(400, 404) },
  },
  {
    method: 'put',
    path: '/api/admin/services/:slug/official',
    operationId: 'setOfficialSource',
    summary: "Set a service's official status page",
    tag: 'Operators',
    operator: true,
    params: slug,
    body: OfficialSource,
    responses: { 200: { description: 'The checks now.', schema: ServiceChecksConfig }, ...errors(400, 404) },
  },
  {
    method: 'delete',
    path: '/api/admin/services/:slug/official',
    operationId: 'removeOfficialSource',
    summary: "Stop reading a service's official status page",
    tag: 'Operators',
    operator: true,
    params: slug,
    responses: { 204: { description: 'Removed.' }, ...errors(404) },
  },
];
