import { Router, type RequestHandler } from 'express';
import { SuggestionRequest, type Suggestion, type SuggestionList } from '../../shared/index.ts';
import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import type { Clock } from '../clock.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { assertHuman } from '../http/human-check.ts';
import { AppError } from '../errors.ts';
import { suggestionKey } from './suggestion-key.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

/** Typing a name takes a person a moment. */
const MIN_SUGGESTION_MS = 1_500;
const LIST_MAX = 200;

type Stored = { _id: unknown; name: string; homepage?: string | null; count: number; firstAt: Date; lastAt: Date };
const toSuggestion = (d: Stored): Suggestion => ({
  id: String(d._id),
  name: d.name,
  ...(d.homepage ? { homepage: d.homepage } : {}),
  count: d.count,
  firstAt: d.firstAt.toISOString(),
  lastAt: d.lastAt.toISOString(),
});

/** "Suggest a service" from the home page's search, and the operators' list of what was asked for. */
export function suggestionsRoutes(deps: {
  models: Models;
  clock: Clock;
  limiter: RateLimiter;
  clientOf: ClientOf;
  admin: RequestHandler;
}): Router {
  const router = Router();

  router.post('/api/suggestions', async (req, res) => {
    const body = SuggestionRequest.parse(req.body);
    assertHuman(body, MIN_SUGGESTION_MS);
    const key = suggestionKey(body.name);
    if (!key)
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        name: ['The name needs letters or digits'],
      });
    await deps.limiter.consume('suggest', deps.clientOf(req).address);
    const now = new Date(deps.clock.now());
    const update = {
      $inc: { count: 1 },
      $set: { lastAt: now, ...(body.homepage ? { homepage: body.homepage } : {}) },
      $setOnInsert: { key, name: body.name, firstAt: now },
    };
    // Two first suggestions of a name at once race on the insert; the loser counts into the winner's.
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await collections(deps.models).suggestions.findOneAndUpdate({ key }, update, {
          upsert: true,
          returnDocument: 'after',
        });
        res.status(201).json(toSuggestion(doc as unknown as Stored));
        return;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt > 0) throw err;
      }
    }
  });

  router.get('/api/admin/suggestions', deps.admin, async (_req, res) => {
    const docs = await deps.models.Suggestion.find({}).sort({ count: -1, lastAt: -1 }).limit(LIST_MAX).lean();
    const body: SuggestionList = { suggestions: docs.map((d) => toSuggestion(d as unknown as Stored)) };
    res.json(body);
  });

  return router;
}
