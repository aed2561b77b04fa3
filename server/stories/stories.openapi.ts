import { z } from 'zod';
import { HelpfulResponse, Story, StoryPage, StoryQuery, StoryRequest } from '../../shared/index.ts';
import { errors, IdParam, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

export const storiesApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/services/:slug/stories',
    operationId: 'listStories',
    summary: "List a service's stories",
    tag: 'Stories',
    params: z.object(SlugParam),
    query: StoryQuery,
    responses: {
      200: { description: 'A page of stories and how many match in all.', schema: StoryPage },
      ...errors(400, 404),
    },
  },
  {
    method: 'post',
    path: '/api/services/:slug/stories',
    operationId: 'createStory',
    summary: 'Tell a story: a testimonial, a business impact, a recovery',
    description: '`elapsedMs` must be at least 10,000: a story takes a person longer than that to write.',
    tag: 'Stories',
    params: z.object(SlugParam),
    body: StoryRequest,
    responses: { 201: { description: 'Posted.', schema: Story }, ...errors(400, 404, 429, 503) },
  },
  {
    method: 'get',
    path: '/api/stories/:id',
    operationId: 'getStory',
    summary: 'Get one story',
    tag: 'Stories',
    params: z.object(IdParam),
    responses: { 200: { description: 'The story.', schema: Story }, ...errors(400, 404) },
  },
  {
    method: 'post',
    path: '/api/stories/:id/helpful',
    operationId: 'markStoryHelpful',
    summary: 'Mark a story helpful',
    description: 'Once per person; a second mark is answered with `counted: false`.',
    tag: 'Stories',
    params: z.object(IdParam),
    responses: { 200: { description: 'The new count.', schema: HelpfulResponse }, ...errors(400, 404, 429) },
  },
];
