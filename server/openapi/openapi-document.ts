import type { z } from 'zod';
import { SESSION_COOKIE } from '../admin/require-admin.ts';
import { errors, type ApiOperation, type ApiResponse } from './api-operation.ts';
import { JsonSchemas, type JsonSchema } from './json-schemas.ts';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

const OPERATOR_SECURITY = [{ operatorCookie: [] }, { operatorToken: [] }];
/** `{}`: without METRICS_TOKEN configured, no credentials at all. */
const METRICS_SECURITY = [{ metricsToken: [] }, {}];
const SECURITY_SCHEMES = {
  operatorCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Set by POST /api/admin/session (HttpOnly, SameSite=Strict). Changes sent with it must come from this site.',
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The same session token as a Bearer token, for scripts that hold it. Not returned in a body: it ' +
      'travels only in the cookie.',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'METRICS_TOKEN, needed only when the server was started with one (without it /metrics is open: block ' +
      'it at the proxy).',
  },
};

/** `/api/services/:slug` → `/api/services/{slug}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * The OpenAPI 3.1 document for these operations: pure, built once at start (the routes do not
 * change while the process runs).
 */
export function openApiDocument(
  operations: ApiOperation[],
  meta: {
    title: string;
    version: string;
    description?: string;
    serverUrl?: string | undefined;
    tags?: Record<string, string>;
  },
): OpenApiDocument {
  const ops = operations.map(withAuthErrors);
  const schemas = new JsonSchemas({
    output: ops.flatMap((o) =>
      Object.values(o.responses).flatMap((r) => [
        ...(r.schema ? [r.schema] : []),
        ...Object.values(r.alternatives ?? {}),
      ]),
    ),
    input: ops.flatMap((o) => (o.body ? [o.body] : [])),
    inline: ops.flatMap((o) => [o.params, o.query].filter((s): s is z.ZodObject => s !== undefined)),
  });

  const paths: OpenApiDocument['paths'] = {};
  const seen = new Set<string>();
  for (const op of ops) {
    const key = `${op.method} ${op.path}`;
    if (seen.has(key) || seen.has(op.operationId))
      throw new Error(`The API documents ${key} (${op.operationId}) twice.`);
    seen.add(key).add(op.operationId);
    const item = (paths[openApiPath(op.path)] ??= {});
    item[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.operator ? { security: OPERATOR_SECURITY } : op.metricsToken ? { security: METRICS_SECURITY } : {}),
      ...(parameters(op, schemas).length ? { parameters: parameters(op, schemas) } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: !op.bodyOptional,
              content: Object.fromEntries(
                (op.bodyTypes ?? ['application/json']).map((t) => [t, { schema: schemas.input(op.body!) }]),
              ),
            },
          }
        : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, response(r, schemas)])),
    };
  }

  // In the order given in meta.tags, then any other in the order of their operations.
  const order = Object.keys(meta.tags ?? {});
  const rank = (t: string) => (order.includes(t) ? order.indexOf(t) : order.length);
  const tagNames = [...new Set(ops.map((o) => o.tag))].sort((a, b) => rank(a) - rank(b));
  return {
    openapi: '3.1.0',
    info: { title: meta.title, version: meta.version, ...(meta.description ? { description: meta.description } : {}) },
    // Without servers, clients resolve the paths against where they read the document.
    ...(meta.serverUrl ? { servers: [{ url: meta.serverUrl }] } : {}),
    tags: tagNames.map((name) => ({ name, ...(meta.tags?.[name] ? { description: meta.tags[name] } : {}) })),
    paths,
    components: { schemas: schemas.components(), securitySchemes: SECURITY_SCHEMES },
  };
}

/** An operator operation can also answer 401, and a change 403 (cookie sent from another site). */
function withAuthErrors(op: ApiOperation): ApiOperation {
  if (!op.operator) return op;
  return { ...op, responses: { ...errors(...(op.method === 'get' ? [401] : [401, 403])), ...op.responses } };
}

function parameters(op: ApiOperation, schemas: JsonSchemas): JsonSchema[] {
  const list: JsonSchema[] = [];
  const declared = op.params ? objectProperties(schemas.input(op.params)).properties : {};
  for (const [, name] of op.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    list.push({ name, in: 'path', required: true, schema: declared[name!] ?? { type: 'string' } });
  }
  if (op.query) {
    const { properties, required } = objectProperties(schemas.input(op.query));
    for (const [name, schema] of Object.entries(properties)) {
      const { description, ...rest } = schema;
      list.push({
        name,
        in: 'query',
        required: required.includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

function objectProperties(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: string[] } {
  return {
    properties: (schema.properties ?? {}) as Record<string, JsonSchema>,
    required: (schema.required ?? []) as string[],
  };
}

function response(r: ApiResponse, schemas: JsonSchemas): JsonSchema {
  return {
    description: r.description,
    ...(r.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([h, description]) => [h, { description, schema: { type: 'string' } }]),
          ),
        }
      : {}),
    ...(r.schema
      ? {
          content: {
            [r.contentType ?? 'application/json']: { schema: schemas.output(r.schema) },
            ...Object.fromEntries(
              Object.entries(r.alternatives ?? {}).map(([type, s]) => [type, { schema: schemas.output(s) }]),
            ),
          },
        }
      : {}),
  };
}
