import type { Model } from 'mongoose';
import type { Models } from '../db/models.ts';
import { notFound } from '../errors.ts';

export type ItemType = 'comment' | 'story';

/** Flags on this many distinct clients hold an item for review. */
export const HOLD_AFTER_FLAGS = 3;

interface ModeratedDoc {
  _id: unknown;
  service: string;
  status: 'visible' | 'held' | 'hidden';
  flags: number;
}

/** Comments and stories share moderation: a status, a flag count, the same transitions. */
export function moderatedModel(models: Models, type: ItemType): Model<ModeratedDoc> {
  return (type === 'comment' ? models.Comment : models.Story) as unknown as Model<ModeratedDoc>;
}

export async function findVisible(models: Models, type: ItemType, id: string): Promise<ModeratedDoc> {
  const doc = await moderatedModel(models, type).findById(id).lean();
  if (!doc || doc.status === 'hidden') throw notFound(type === 'comment' ? 'That comment' : 'That story');
  return doc as ModeratedDoc;
}
