import { z } from 'zod';
import { Incident, IncidentDetail, IncidentList, IncidentUpdateRequest } from '../../shared/index.ts';
import { errors, IdParam, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';
import { HistoryQuery } from './incidents.routes.ts';

export const incidentsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/incidents',
    operationId: 'listServiceIncidents',
    summary: "A service's incidents, newest first",
    tag: 'Incidents',
    params: z.object(SlugParam),
    query: HistoryQuery,
    responses: { 200: { description: 'Open and resolved incidents with their evidence.', schema: IncidentList }, ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/api/incidents',
    operationId: 'listIncidents',
    summary: 'Recent incidents of every service, newest first',
    tag: 'Incidents',
    query: HistoryQuery,
    responses: { 200: { description: 'Incidents.', schema: IncidentList }, ...errors(400) },
  },
  {
    method: 'get',
    path: '/api/incidents/:id',
    operationId: 'getIncident',
    summary: 'One incident with its timeline and stories',
    tag: 'Incidents',
    params: z.object(IdParam),
    responses: { 200: { description: 'The incident.', schema: IncidentDetail }, ...errors(400, 404) },
  },
  {
    method: 'post',
    path: '/api/admin/incidents/:id/updates',
    operationId: 'postIncidentUpdate',
    summary: 'Post an official update on an incident',
    tag: 'Operators',
    operator: true,
    params: z.object(IdParam),
    body: IncidentUpdateRequest,
    responses: { 201: { description: 'The incident with the update in its timeline.', schema: Incident }, ...errors(400, 404) },
  },
];
