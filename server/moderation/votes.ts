import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import { HOLD_AFTER_FLAGS, findVisible, moderatedModel, type ItemType } from './moderated-items.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

/**
 * Flags and "helpful" marks: one per client and item, enforced by the vote's unique `_id`.
 * The item's counter is then `$inc`'d, so a count never includes the same client twice.
 */
export function createVotes(deps: {
  models: Models;
  clock: Clock;
  onHeld: (type: ItemType, service: string, id: string) => void;
}) {
  const { models, clock } = deps;

  async function castOnce(
    kind: 'flag' | 'helpful',
    type: ItemType,
    id: string,
    client: string,
    reason?: string,
  ): Promise<boolean> {
    try {
      await models.Vote.create({
        _id: `${kind}:${id}:${client}`,
        kind,
        itemType: type,
        itemId: id,
        ...(reason ? { reason } : {}),
        at: new Date(clock.now()),
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async function flag(
    type: ItemType,
    id: string,
    client: string,
    reason: string,
  ): Promise<{ flagged: boolean; held: boolean }> {
    const item = await findVisible(models, type, id);
    const counted = await castOnce('flag', type, id, client, reason);
    if (!counted) return { flagged: false, held: item.status === 'held' };
    const Model = moderatedModel(models, type);
    await Model.updateOne({ _id: id }, { $inc: { flags: 1 } });
    // Only a visible item with enough flags moves to held; an operator's "restore" is not undone
    // by the same old flags (restoring resets the count).
    const held = await Model.updateOne(
      { _id: id, status: 'visible', flags: { $gte: HOLD_AFTER_FLAGS } },
      { $set: { status: 'held' } },
    );
    if (held.modifiedCount === 1) deps.onHeld(type, item.service, id);
    return { flagged: true, held: held.modifiedCount === 1 || item.status === 'held' };
  }

  async function markHelpful(storyId: string, client: string): Promise<{ helpful: number; counted: boolean }> {
    await findVisible(models, 'story', storyId);
    const counted = await castOnce('helpful', 'story', storyId, client);
    if (counted) await models.Story.updateOne({ _id: storyId }, { $inc: { helpful: 1 } });
    const doc = await models.Story.findById(storyId, { helpful: 1 }).lean();
    return { helpful: doc?.helpful ?? 0, counted };
  }

  return { flag, markHelpful };
}

export type Votes = ReturnType<typeof createVotes>;
