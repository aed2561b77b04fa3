import { Router, type RequestHandler } from 'express';
import {
  FlagRequest,
  InsightQuery,
  InsightRequest,
  ModerationAction,
  ModerationQuery,
  ObjectIdString,
  type InsightModerationQueue,
  type InsightPage,
} from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { Clock } from '../clock.ts';
import type { Audit } from '../moderation/audit.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { AppError, notFound } from '../errors.ts';
import { adminOf } from '../admin/require-admin.ts';
import { expertOf } from './require-expert.ts';
import { linksIn } from './insight-links.ts';
import { toInsights, type InsightRow } from './insight-view.ts';
import { insightVotes } from './insight-votes.ts';

/** Experts post, readers read, mark helpful and flag, operators hide and restore. */
export function insightsRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  incidentStore: IncidentStore;
  clock: Clock;
  audit: Audit;
  limiter: RateLimiter;
  clientOf: ClientOf;
  admin: RequestHandler;
  expert: RequestHandler;
}): Router {
  const router = Router();
  const { models } = deps;
  const { Insight } = models;
  const votes = insightVotes(deps);

  const serviceOf = (slug: string) => {
    const service = deps.catalog.get(slug);
    if (!service) throw notFound(`The service "${slug}"`);
    return service;
  };
  const page = async (
    filter: Record<string, unknown>,
    q: { sort: 'helpful' | 'newest'; limit: number; offset: number },
  ): Promise<InsightPage> => {
    const sort: Record<string, 1 | -1> = q.sort === 'helpful' ? { helpful: -1, createdAt: -1 } : { createdAt: -1 };
    const [docs, total] = await Promise.all([
      Insight.find(filter).sort(sort).skip(q.offset).limit(q.limit).lean(),
      Insight.countDocuments(filter),
    ]);
    return { insights: await toInsights(models, docs as InsightRow[]), total };
  };

  router.post('/api/services/:slug/insights', deps.expert, async (req, res) => {
    const service = serviceOf(req.params.slug as string);
    const body = InsightRequest.parse(req.body);
    const expert = expertOf(res);
    const expertId = String(expert._id);
    if (expert.services?.length && !expert.services.includes(service.slug)) {
      throw new AppError(
        403,
        'not_your_service',
        `You are verified as an expert on ${expert.services.join(', ')} only, not on ${service.name}.`,
      );
    }
    if (body.incidentId && (await deps.incidentStore.get(body.incidentId))?.service !== service.slug) {
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        incidentId: [`no incident of ${service.name} has this id`],
      });
    }
    await deps.limiter.consume('insight', `expert:${expertId}`);
    const doc = await Insight.create({
      service: service.slug,
      ...(body.incidentId ? { incidentId: body.incidentId } : {}),
      expertId,
      expert: {
        name: expert.name,
        role: expert.role,
        ...(expert.affiliation ? { affiliation: expert.affiliation } : {}),
      },
      body: body.body,
      links: linksIn(body.body),
      createdAt: new Date(deps.clock.now()),
    });
    await deps.audit.record(
      `expert:${expertId}`,
      'post_insight',
      { type: 'insight', id: String(doc._id) },
      `${expert.name} on ${service.slug}`,
    );
    res.status(201).json((await toInsights(models, [doc.toObject() as InsightRow]))[0]);
  });

  router.get('/api/services/:slug/insights', async (req, res) => {
    const service = serviceOf(req.params.slug as string);
    const q = InsightQuery.parse(req.query);
    res.json(
      await page({ service: service.slug, status: 'visible', ...(q.incident ? { incidentId: q.incident } : {}) }, q),
    );
  });

  router.get('/api/incidents/:id/insights', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const q = InsightQuery.omit({ incident: true }).parse(req.query);
    if (!(await deps.incidentStore.get(id))) throw notFound('That incident');
    res.json(await page({ incidentId: id, status: 'visible' }, q));
  });

  router.post('/api/insights/:id/helpful', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const client = deps.clientOf(req).address;
    await deps.limiter.consume('helpful', client);
    res.json(await votes.markHelpful(id, client));
  });

  router.post('/api/insights/:id/flags', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const { reason } = FlagRequest.parse(req.body ?? {});
    const client = deps.clientOf(req).address;
    await deps.limiter.consume('flag', client);
    res.status(202).json(await votes.flag(id, client, reason));
  });

  router.get('/api/admin/insights', deps.admin, async (req, res) => {
    const q = ModerationQuery.parse(req.query);
    const filter: Record<string, unknown> =
      q.status === 'all'
        ? {}
        : q.status === 'flagged'
          ? { flags: { $gt: 0 }, status: 'visible' }
          : { status: q.status };
    const docs = (await Insight.find(filter).sort({ flags: -1, createdAt: -1 }).limit(q.limit).lean()) as InsightRow[];
    const shown = await toInsights(models, docs);
    const body: InsightModerationQueue = {
      items: shown.map((insight, i) => ({
        ...insight,
        status: docs[i]!.status,
        flags: docs[i]!.flags ?? 0,
        expertId: docs[i]!.expertId,
      })),
    };
    res.json(body);
  });

  router.post('/api/admin/insights/:id', deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const { action, note } = ModerationAction.parse(req.body);
    const update = action === 'hide' ? { status: 'hidden' } : { status: 'visible', flags: 0 };
    const doc = await Insight.findByIdAndUpdate(id, { $set: update }, { returnDocument: 'after' }).lean();
    if (!doc) throw notFound('That insight');
    await deps.audit.record(adminOf(res), `${action}_insight`, { type: 'insight', id }, note);
    res.json({ id, status: doc.status });
  });

  return router;
}
