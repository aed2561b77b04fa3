import { AdminSession, LoginRequest } from '../../shared/index.ts';
import { errors, type ApiOperation } from '../openapi/api-operation.ts';

export const adminApi: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/admin/session',
    operationId: 'signIn',
    summary: 'Sign in as an operator',
    description: 'Sets the session cookie (HttpOnly, SameSite=Strict, path /api). Attempts are limited per address.',
    tag: 'Operators',
    body: LoginRequest,
    responses: {
      201: { description: 'Signed in.', schema: AdminSession, headers: { 'Set-Cookie': 'The session cookie.' } },
      ...errors(400, 401, 429),
    },
  },
  {
    method: 'get',
    path: '/api/admin/session',
    operationId: 'getSession',
    summary: 'Who is signed in here',
    description: '200 whether or not anyone is, so a page can ask freely.',
    tag: 'Operators',
    responses: { 200: { description: 'The session, or `signedIn: false`.', schema: AdminSession } },
  },
  {
    method: 'delete',
    path: '/api/admin/session',
    operationId: 'signOut',
    summary: 'Sign out',
    tag: 'Operators',
    responses: { 204: { description: 'Signed out (the cookie is cleared).' } },
  },
];
