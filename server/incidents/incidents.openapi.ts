import { z } from 'zod';
import {
  AdminIncidentsQuery,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentOpenRequest,
  IncidentResolveRequest,
  IncidentUpdateRequest,
} from '../../shared/index.ts';
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
    responses: {
      200: { description: 'Open and resolved incidents with their evidence.', schema: IncidentList },
      ...errors(400, 404),
    },
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
    description:
      'An update with status `resolved` on an open incident closes it: the page, the verdict, sockets ' +
      '(`incident:resolved`), webhooks and email follow.',
    responses: {
      201: { description: 'The incident with the update in its timeline.', schema: Incident },
      ...errors(400, 404),
    },
  },
  {
    method: 'post',
    path: '/api/admin/incidents/:id/resolve',
    operationId: 'resolveIncident',
    summary: 'Resolve an open incident',
    description:
      'Closes it everywhere at once, with the note (or a default one) as the last timeline entry. The ' +
      'detector reopens it only if reports rise again on their own after now.',
    tag: 'Operators',
    operator: true,
    params: z.object(IdParam),
    body: IncidentResolveRequest,
    responses: { 200: { description: 'The resolved incident.', schema: Incident }, ...errors(400, 404, 409) },
  },
  {
    method: 'get',
    path: '/api/admin/incidents',
    operationId: 'listAdminIncidents',
    summary: 'Incidents of every service, open ones by default',
    tag: 'Operators',
    operator: true,
    query: AdminIncidentsQuery,
    responses: { 200: { description: 'Incidents, newest first.', schema: IncidentList }, ...errors(400) },
  },
  {
    method: 'post',
    path: '/api/admin/services/:slug/incidents',
    operationId: 'openIncident',
    summary: 'Open an incident by hand',
    description:
      'For trouble the crowd has not noticed (or that operators know first). Refused with 409 while the ' +
      'service has an open incident.',
    tag: 'Operators',
    operator: true,
    params: z.object(SlugParam),
    body: IncidentOpenRequest,
    responses: { 201: { description: 'The opened incident.', schema: Incident }, ...errors(400, 404, 409) },
  },
];
