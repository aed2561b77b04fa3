import { Router } from 'express';
import { z } from 'zod';
import { Types } from 'mongoose';
import { CommentRequest, type Comment, type CommentPage } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { AppError } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { assertHuman } from '../http/human-check.ts';
import type { Clock } from '../clock.ts';
import type { CommentFeed } from './comment-feed.ts';
import { toComment } from './comment-feed.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

/** A cursor's shape; the date in it must also be a real one (no month 13, no 30th of February). */
const CURSOR = /^\d{4}-\d\d-\d\dT[\d:.]+Z(~[a-f0-9]{24})?$/;
const Instant = z.iso.datetime();

/**
 * `before` is a cursor `<createdAt>~<id>` (an older page starts after that comment); a bare
 * timestamp works too. The id breaks ties between comments of the same millisecond.
 */
export const PageQuery = z.object({
  before: z
    .string()
    .refine(
      (c) => CURSOR.test(c) && Instant.safeParse(c.split('~')[0]).success,
      'before is a cursor from a previous page',
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

function olderThan(cursor: string | undefined): Record<string, unknown> {
  if (!cursor) return {};
  const [at, id] = cursor.split('~');
  const createdAt = new Date(at!);
  if (!id) return { createdAt: { $lt: createdAt } };
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: new Types.ObjectId(id) } }] };
}

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
  lookUpServiceParam(router, deps.catalog);

  router.post('/api/services/:slug/comments', async (req, res) => {
    const service = serviceOf(res);
    const body = CommentRequest.parse(req.body);
    if (body.problem && !service.problems.some((p) => p.id === body.problem)) {
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        problem: [`not a problem kind of ${service.name}`],
      });
    }
    assertHuman(body, MIN_COMMENT_MS);
    const client = deps.clientOf(req).address;
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
    await deps.feed.append([comment]);
    deps.onPosted(service.slug);
    res.status(201).json(comment);
  });

  router.get('/api/services/:slug/comments', async (req, res) => {
    const service = serviceOf(res);
    const q = PageQuery.parse(req.query);
    const docs = await deps.models.Comment.find({ service: service.slug, status: 'visible', ...olderThan(q.before) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(q.limit + 1)
      .lean();
    const page: CommentPage = { comments: docs.slice(0, q.limit).map(toComment) };
    const last = page.comments.at(-1);
    if (docs.length > q.limit && last) page.next = `${last.createdAt}~${last.id}`;
    res.json(page);
  });

  return router;
}
