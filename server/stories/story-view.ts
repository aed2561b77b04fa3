import type { Story } from '../../shared/index.ts';
import type { StoryDoc } from '../db/models/story.model.ts';
import type { Models } from '../db/models.ts';

/** The public shape of a story: no client hash, no moderation fields. */
export function toStory(d: StoryDoc & { _id: unknown }): Story {
  const impact = d.impact
    ? Object.fromEntries(Object.entries(d.impact).filter(([, v]) => v !== undefined && v !== null))
    : undefined;
  return {
    id: String(d._id),
    service: d.service,
    ...(d.incidentId ? { incidentId: String(d.incidentId) } : {}),
    kind: d.kind,
    title: d.title,
    body: d.body,
    ...(d.displayName ? { displayName: d.displayName } : {}),
    ...(impact && Object.keys(impact).length ? { impact } : {}),
    helpful: d.helpful ?? 0,
    createdAt: d.createdAt.toISOString(),
  };
}

/** A story anyone may read (moderation has not hidden it), or undefined. */
export async function visibleStory(models: Models, id: string): Promise<Story | undefined> {
  const doc = await models.Story.findOne({ _id: id, status: 'visible' }).lean();
  return doc ? toStory(doc) : undefined;
}
