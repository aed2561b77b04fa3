import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Incident, ProbesUpdate, ServiceChecksConfig } from '../../../shared/index.ts';
import { openApiDocument, openApiPath } from '../../../server/openapi/openapi-document.ts';
import { errors, SlugParam, type ApiOperation } from '../../../server/openapi/api-operation.ts';
import { apiDocument } from '../../../server/openapi/openapi.routes.ts';

const meta = { title: 'T', version: '1' };
const get: ApiOperation = {
  method: 'get',
  path: '/api/services/:slug/incidents',
  operationId: 'listIncidents',
  summary: 'Incidents',
  tag: 'Incidents',
  params: z.object(SlugParam),
  query: z.object({ limit: z.coerce.number().int().min(1).default(20) }),
  responses: { 200: { description: 'ok', schema: z.object({ incidents: z.array(Incident) }) }, ...errors(404) },
};

describe('the OpenAPI document built from zod schemas', () => {
  it('writes Express paths as OpenAPI templates', () => {
    expect(openApiPath('/api/admin/moderation/:type/:id')).toBe('/api/admin/moderation/{type}/{id}');
  });

  it('turns path and query schemas into parameters, and inlines a one-off response around named components', () => {
    const doc = openApiDocument([get], meta);
    const op = doc.paths['/api/services/{slug}/incidents']!.get!;
    expect(op.parameters).toEqual([
      { name: 'slug', in: 'path', required: true, schema: { $ref: '#/components/schemas/Slug' } },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { default: 20, type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
    ]);
    expect(op.responses).toMatchObject({
      200: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { incidents: { type: 'array', items: { $ref: '#/components/schemas/Incident' } } },
            },
          },
        },
      },
      404: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
    });
    // Only what the operations reach, the named parts of an Incident included.
    expect(Object.keys(doc.components.schemas).sort()).toEqual([
      'CrowdEvidence',
      'DiagnosisStep',
      'ErrorBody',
      'Incident',
      'IncidentKind',
      'IncidentOrigin',
      'IncidentPhase',
      'IncidentUpdate',
      'IncidentUpdateStatus',
      'OfficialAck',
      'Slug',
    ]);
  });

  it('names an input shape apart only where it differs from the output one (defaults optional going in)', () => {
    const put: ApiOperation = {
      ...get,
      method: 'put',
      path: '/api/admin/services/:slug/probes',
      operationId: 'setProbes',
      query: undefined,
      body: ProbesUpdate,
      responses: { 200: { description: 'ok', schema: ServiceChecksConfig } },
    };
    const { components } = openApiDocument([put], meta);
    expect(components.schemas.HttpProbe!.required).toContain('intervalSeconds');
    expect(components.schemas.HttpProbeInput!.required).not.toContain('intervalSeconds');
    expect(
      components.schemas.ProbeDefinitionInput!.oneOf ?? components.schemas.ProbeDefinitionInput!.anyOf,
    ).toContainEqual({ $ref: '#/components/schemas/HttpProbeInput' });
    // Used only going in: no suffix. The same in both directions: one component.
    expect(components.schemas).toHaveProperty('ProbesUpdate');
    expect(components.schemas).toHaveProperty('OfficialSource');
    expect(components.schemas).not.toHaveProperty('OfficialSourceInput');
  });

  it('marks operator operations with the session schemes and their 401 and 403', () => {
    const doc = openApiDocument([{ ...get, method: 'post', operator: true }], meta);
    const op = doc.paths['/api/services/{slug}/incidents']!.post!;
    expect(op.security).toEqual([{ operatorCookie: [] }, { operatorToken: [] }]);
    expect(Object.keys(op.responses as object).sort()).toEqual(['200', '401', '403', '404']);
  });

  it('marks an operation that takes METRICS_TOKEN with that scheme or none, since the token is optional', () => {
    const doc = openApiDocument([{ ...get, metricsToken: true }], meta);
    expect(doc.paths['/api/services/{slug}/incidents']!.get!.security).toEqual([{ metricsToken: [] }, {}]);
    expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every type a body may be sent in, and every type an answer may come in', () => {
    const confirm: ApiOperation = {
      method: 'post',
      path: '/api/subscriptions/confirm',
      operationId: 'confirm',
      summary: 'Confirm',
      tag: 'Subscriptions',
      body: z.object({ token: z.string() }),
      bodyTypes: ['application/json', 'application/x-www-form-urlencoded'],
      responses: {
        200: {
          description: 'ok',
          schema: z.object({ confirmed: z.literal(true) }),
          alternatives: { 'text/html': z.string() },
        },
      },
    };
    const op = openApiDocument([confirm], meta).paths['/api/subscriptions/confirm']!.post! as {
      requestBody: { content: object };
      responses: { 200: { content: object } };
    };
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(op.responses[200].content).toMatchObject({
      'application/json': { schema: { type: 'object' } },
      'text/html': { schema: { type: 'string' } },
    });
  });

  it('refuses an operation documented twice', () => {
    expect(() => openApiDocument([get, { ...get, operationId: 'again' }], meta)).toThrow(/twice/);
  });

  it('names PUBLIC_URL as the server when it is set, and no server otherwise', () => {
    expect(apiDocument('https://status.example.com').servers).toEqual([{ url: 'https://status.example.com' }]);
    expect(apiDocument()).not.toHaveProperty('servers');
  });
});
