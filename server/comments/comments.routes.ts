import { Router } from 'express';
import { z } from 'zod';
import { CommentRequest, type Comment, type CommentPage } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { AppError, notFound } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { assertHuman } from '../http/human-check.ts';
import type { Clock } from '../clock.ts';
import type { CommentFeed } from './comment-feed.ts';
import { toComment } from './comment-feed.ts';

const PageQuery = z.object({
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** A person needs a few seconds to write even a short comment. */
const MIN_COMMENT_MS = 2_000;

export function commentsRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  feed: CommentFeed;
  limiter: RateLimiter;
  clientOf: ClientOf;
  clock: Clock;
  onPosted: (service: string) => void;
}): Router {
  const router = Router();

  router.post('/api/services/:slug/comments', async (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    const body = CommentRequest.parse(req.body);
    if (body.problem && !service.problems.some((p) => p.id === body.problem)) {
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', { problem: [`not a problem kind of ${service.name}`] });
    }
    assertHuman(body, MIN_COMMENT_MS);
    const client = deps.clientOf(req);
    await deps.limiter.consume('comment', client);
    const doc = await deps.models.Comment.create({
      service: service.slug,
      text: body.text,
      ...(body.problem ? { problem: body.problem } : {}),
      clientHash: client,
      status: 'visible',
      flags: 0,
      createdAt: new Date(deps.clock.now()),
    });
    const comment: Comment = toComment(doc.toObject());
    deps.feed.add(comment);
    deps.onPosted(service.slug);
    res.status(201).json(comment);
  });

  router.get('/api/services/:slug/comments', async (req, res) => {
    const service = deps.catalog.get(req.params.slug);
    if (!service) throw notFound(`The service "${req.params.slug}"`);
    const q = PageQuery.parse(req.query);
    const docs = await deps.models.Comment.find({
      service: service.slug,
      status: 'visible',
      ...(q.before ? { createdAt: { $lt: new Date(q.before) } } : {}),
    })
      .sort({ createdAt: -1 })
      .limit(q.limit + 1)
      .lean();
    const page: CommentPage = { comments: docs.slice(0, q.limit).map(toComment) };
    if (docs.length > q.limit) page.next = page.comments.at(-1)!.createdAt;
    res.json(page);
  });

  return router;
}
