import { z } from 'zod';
import {
  AuditLog,
  FlagRequest,
  FlagResponse,
  ModerationAction,
  ModerationQuery,
  ModerationQueue,
  ModerationResult,
  ObjectIdString,
} from '../../shared/index.ts';
import { errors, IdParam, type ApiOperation } from '../openapi/api-operation.ts';
import { AuditQuery, ItemTypeParam } from './moderation.routes.ts';

const flag = (type: 'comment' | 'story'): ApiOperation => ({
  method: 'post',
  path: `/api/${type === 'comment' ? 'comments' : 'stories'}/:id/flags`,
  operationId: type === 'comment' ? 'flagComment' : 'flagStory',
  summary: `Flag a ${type} for an operator`,
  description: `Once per person. Enough flags hold the ${type} (hidden until an operator looks).`,
  tag: 'Moderation',
  params: z.object(IdParam),
  body: FlagRequest,
  bodyOptional: true,
  responses: {
    202: { description: 'Taken; `held` says whether it is now held.', schema: FlagResponse },
    ...errors(400, 404, 429),
  },
});

export const moderationApi: ApiOperation[] = [
  flag('comment'),
  flag('story'),
  {
    method: 'get',
    path: '/api/admin/moderation',
    operationId: 'moderationQueue',
    summary: 'List comments and stories to moderate',
    tag: 'Operators',
    operator: true,
    query: ModerationQuery,
    responses: { 200: { description: 'Items, most flagged first.', schema: ModerationQueue }, ...errors(400) },
  },
  {
    method: 'post',
    path: '/api/admin/moderation/:type/:id',
    operationId: 'moderateItem',
    summary: 'Hide or restore a comment or story',
    tag: 'Operators',
    operator: true,
    params: z.object({ type: ItemTypeParam, id: ObjectIdString }),
    body: ModerationAction,
    responses: { 200: { description: 'Its new status.', schema: ModerationResult }, ...errors(400, 404) },
  },
  {
    method: 'get',
    path: '/api/admin/audit',
    operationId: 'auditLog',
    summary: "Read the operators' audit log, newest first",
    tag: 'Operators',
    operator: true,
    query: AuditQuery,
    responses: { 200: { description: 'What operators did.', schema: AuditLog }, ...errors(400) },
  },
];
