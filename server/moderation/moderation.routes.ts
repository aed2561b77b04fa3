import { Router } from 'express';
import {
  ModerationAction,
  ModerationQuery,
  ObjectIdString,
  FlagRequest,
  type ModerationItem,
} from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { notFound } from '../errors.ts';
import { adminOf } from '../admin/require-admin.ts';
import type { Audit } from './audit.ts';
import { moderatedModel, type ItemType } from './moderated-items.ts';
import type { Votes } from './votes.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import type { RequestHandler } from 'express';
import { z } from 'zod';

export const ItemTypeParam = z.enum(['comment', 'story']);
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Public flagging, and the operators' queue and actions (behind `admin`). */
export function moderationRoutes(deps: {
  models: Models;
  votes: Votes;
  audit: Audit;
  limiter: RateLimiter;
  clientOf: ClientOf;
  admin: RequestHandler;
  onModerated: (type: ItemType, service: string, id: string, visible: boolean) => void;
}): Router {
  const router = Router();
  const { models } = deps;

  for (const type of ['comment', 'story'] as const) {
    router.post(`/api/${type === 'comment' ? 'comments' : 'stories'}/:id/flags`, async (req, res) => {
      const id = ObjectIdString.parse(req.params.id);
      const { reason } = FlagRequest.parse(req.body ?? {});
      const client = deps.clientOf(req).address;
      await deps.limiter.consume('flag', client);
      res.status(202).json(await deps.votes.flag(type, id, client, reason));
    });
  }

  router.get('/api/admin/moderation', deps.admin, async (req, res) => {
    const q = ModerationQuery.parse(req.query);
    const filter: Record<string, unknown> =
      q.status === 'all'
        ? {}
        : q.status === 'flagged'
          ? { flags: { $gt: 0 }, status: 'visible' }
          : { status: q.status };
    const [comments, stories] = await Promise.all([
      models.Comment.find(filter).sort({ flags: -1, createdAt: -1 }).limit(q.limit).lean(),
      models.Story.find(filter).sort({ flags: -1, createdAt: -1 }).limit(q.limit).lean(),
    ]);
    const reasons = await flagReasons([...comments, ...stories].map((d) => String(d._id)));
    const items: ModerationItem[] = [
      ...comments.map((c) => ({
        type: 'comment' as const,
        id: String(c._id),
        service: c.service,
        status: c.status as ModerationItem['status'],
        text: c.text,
        flags: c.flags ?? 0,
        flagReasons: reasons.get(String(c._id)) ?? {},
        createdAt: c.createdAt.toISOString(),
      })),
      ...stories.map((s) => ({
        type: 'story' as const,
        id: String(s._id),
        service: s.service,
        status: s.status as ModerationItem['status'],
        text: s.body,
        title: s.title,
        storyKind: s.kind,
        flags: s.flags ?? 0,
        flagReasons: reasons.get(String(s._id)) ?? {},
        createdAt: s.createdAt.toISOString(),
      })),
    ].sort((a, b) => b.flags - a.flags || b.createdAt.localeCompare(a.createdAt));
    res.json({ items: items.slice(0, q.limit) });
  });

  router.post('/api/admin/moderation/:type/:id', deps.admin, async (req, res) => {
    const type = ItemTypeParam.parse(req.params.type);
    const id = ObjectIdString.parse(req.params.id);
    const { action, note } = ModerationAction.parse(req.body);
    const Model = moderatedModel(models, type);
    const update = action === 'hide' ? { status: 'hidden' } : { status: 'visible', flags: 0 };
    const doc = await Model.findByIdAndUpdate(id, { $set: update }, { returnDocument: 'after' }).lean();
    if (!doc) throw notFound(type === 'comment' ? 'That comment' : 'That story');
    await deps.audit.record(adminOf(res), `${action}_${type}`, { type, id }, note);
    deps.onModerated(type, doc.service, id, action === 'restore');
    res.json({ id, type, status: doc.status });
  });

  router.get('/api/admin/audit', deps.admin, async (req, res) => {
    const { limit } = AuditQuery.parse(req.query);
    res.json({ entries: await deps.audit.recent(limit) });
  });

  async function flagReasons(ids: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (ids.length === 0) return out;
    const votes = await models.Vote.find({ kind: 'flag', itemId: { $in: ids } }, { itemId: 1, reason: 1 }).lean();
    for (const v of votes) {
      const r = out.get(v.itemId) ?? {};
      r[v.reason ?? 'other'] = (r[v.reason ?? 'other'] ?? 0) + 1;
      out.set(v.itemId, r);
    }
    return out;
  }

  return router;
}
