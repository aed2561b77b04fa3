import type { z } from 'zod';
import { ErrorBody, ObjectIdString, Slug } from '../../shared/index.ts';

/**
 * One documented HTTP operation, written next to the routes that answer it (a feature's
 * `*.openapi.ts`) and collected in api-operations.ts. Shapes are the zod schemas the handlers
 * parse with and answer in, so the document cannot say something the code does not do.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As Express writes it (`/api/services/:slug`), so it compares with the router as is. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Needs an operator session (the admin page's cookie, or its token as a Bearer). */
  operator?: boolean;
  /** Takes METRICS_TOKEN as a Bearer when the server was started with one; open otherwise. */
  metricsToken?: boolean;
  /** Path parameters; any left out are documented as plain strings. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body may be left out (every field has a default). */
  bodyOptional?: boolean;
  /** How the body may be sent; application/json unless said otherwise (a page's form posts too). */
  bodyTypes?: string[];
  responses: Record<number, ApiResponse>;
}

export interface ApiResponse {
  description: string;
  /** Absent for an empty body (204). */
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  /** The same answer in other types, chosen by the request's Accept (a browser gets a page). */
  alternatives?: Record<string, z.ZodType>;
  headers?: Record<string, string>;
}

/** Path parameters the routes share. */
export const SlugParam = { slug: Slug };
export const IdParam = { id: ObjectIdString };

const ERROR_WORDS: Record<number, string> = {
  400: 'The request is not valid: `fields` says which field and why.',
  401: 'Not signed in as an operator, or the session expired.',
  403: 'Refused: a cookie-authenticated change that came from another site.',
  404: 'No such service or item.',
  409: 'In conflict with the current state (already open, already resolved): `message` says which.',
  413: 'The request body is too large.',
  429: 'Too many requests from this address; `Retry-After` says when to try again.',
  503: 'Overloaded or the database is unreachable: nothing was stored; `Retry-After` says when to try again.',
};

const RETRY_AFTER: Record<number, string> = {
  429: 'Seconds until a request is accepted again.',
  503: 'Seconds until it is worth trying again.',
};

/** The error answers an operation can give, each in the one error shape. */
export function errors(...statuses: number[]): Record<number, ApiResponse> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: ERROR_WORDS[s] ?? 'An error.',
        schema: ErrorBody,
        ...(RETRY_AFTER[s] ? { headers: { 'Retry-After': RETRY_AFTER[s] } } : {}),
      },
    ]),
  );
}
