import { z } from 'zod';
import { Comment, CommentPage, CommentRequest } from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';
import { PageQuery } from './comments.routes.ts';

export const commentsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/comments',
    operationId: 'listComments',
    summary: "Page through a service's comments, newest first",
    tag: 'Comments',
    params: z.object(SlugParam),
    query: PageQuery,
    responses: {
      200: { description: 'A page of comments; `next` is the cursor for the older page.', schema: CommentPage },
      ...errors(400, 404),
    },
  },
  {
    method: 'post',
    path: '/api/services/:slug/comments',
    operationId: 'createComment',
    summary: 'Comment on a service',
    description:
      '`website` must stay empty and `elapsedMs` (how long the form was open) at least 2,000: simple bots ' +
      'are told apart that way.',
    tag: 'Comments',
    params: z.object(SlugParam),
    body: CommentRequest,
    responses: { 201: { description: 'Posted.', schema: Comment }, ...errors(400, 404, 429, 503) },
  },
];
