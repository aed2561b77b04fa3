import { z } from 'zod';
import type { ApiOperation } from './api-operation.ts';

export const docsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This document (OpenAPI 3.1)',
    description: 'Generated at start from the same zod schemas the server parses and answers with.',
    tag: 'Meta',
    responses: {
      200: { description: 'The OpenAPI document.', schema: z.looseObject({ openapi: z.literal('3.1.0') }) },
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'apiReference',
    summary: 'An interactive reference of this API',
    tag: 'Meta',
    responses: {
      200: {
        description: 'An HTML page (Swagger UI) that reads /api/openapi.json.',
        schema: z.string(),
        contentType: 'text/html',
      },
    },
  },
];
