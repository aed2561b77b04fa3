import { Router } from 'express';
import { ObjectIdString, StoryQuery, StoryRequest, type StoryPage } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { AppError, notFound } from '../errors.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { assertHuman } from '../http/human-check.ts';
import type { Clock } from '../clock.ts';
import type { Votes } from '../moderation/votes.ts';
import { toStory, visibleStory } from './story-view.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

/** A story takes minutes to write; ten seconds is a floor no person gets near. */
const MIN_STORY_MS = 10_000;

export function storiesRoutes(deps: {
  models: Models;
  catalog: ServiceCatalog;
  limiter: RateLimiter;
  clientOf: ClientOf;
  clock: Clock;
  votes: Votes;
  incidentStore: IncidentStore;
  onChanged: (service: string) => void;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const { Story } = deps.models;

  router.post('/api/services/:slug/stories', async (req, res) => {
    const service = serviceOf(res);
    const body = StoryRequest.parse(req.body);
    assertHuman(body, MIN_STORY_MS);
    if (body.incidentId && (await deps.incidentStore.get(body.incidentId))?.service !== service.slug) {
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        incidentId: [`no incident of ${service.name} has this id`],
      });
    }
    const client = deps.clientOf(req).address;
    await deps.limiter.consume('story', client);
    const doc = await Story.create({
      service: service.slug,
      kind: body.kind,
      title: body.title,
      body: body.body,
      ...(body.displayName ? { displayName: body.displayName } : {}),
      ...(body.incidentId ? { incidentId: body.incidentId } : {}),
      ...(body.impact && body.kind === 'business_impact' ? { impact: body.impact } : {}),
      clientHash: client,
      createdAt: new Date(deps.clock.now()),
    });
    deps.onChanged(service.slug);
    res.status(201).json(toStory(doc.toObject()));
  });

  router.get('/api/services/:slug/stories', async (req, res) => {
    const service = serviceOf(res);
    const q = StoryQuery.parse(req.query);
    const filter = {
      service: service.slug,
      status: 'visible' as const,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.incident ? { incidentId: q.incident } : {}),
    };
    const sort: Record<string, 1 | -1> = q.sort === 'helpful' ? { helpful: -1, createdAt: -1 } : { createdAt: -1 };
    const [docs, total] = await Promise.all([
      Story.find(filter).sort(sort).skip(q.offset).limit(q.limit).lean(),
      Story.countDocuments(filter),
    ]);
    const page: StoryPage = { stories: docs.map(toStory), total };
    res.json(page);
  });

  router.get('/api/stories/:id', async (req, res) => {
    const story = await visibleStory(deps.models, ObjectIdString.parse(req.params.id));
    if (!story) throw notFound('That story');
    res.json(story);
  });

  router.post('/api/stories/:id/helpful', async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const client = deps.clientOf(req).address;
    await deps.limiter.consume('helpful', client);
    res.json(await deps.votes.markHelpful(id, client));
  });

  return router;
}
