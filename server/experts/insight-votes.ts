import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import { isDuplicateKey } from '../db/database-errors.ts';
import { HOLD_AFTER_FLAGS } from '../moderation/moderated-items.ts';

/**
 * Readers' "helpful" marks and flags on insights, the way stories get them: one vote per client
 * and insight (the vote's unique `_id`, shared with comments' and stories' votes), then an `$inc`.
 */
export function insightVotes(deps: { models: Models; clock: Clock }) {
  const { models, clock } = deps;
  const { Insight } = models;

  async function castOnce(kind: 'flag' | 'helpful', id: string, client: string, reason?: string): Promise<boolean> {
    try {
      await models.Vote.create({
        _id: `${kind}:${id}:${client}`,
        kind,
        itemType: 'insight',
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

  async function visible(id: string) {
    const doc = await Insight.findById(id, { status: 1, service: 1 }).lean();
    if (!doc || doc.status === 'hidden') throw notFound('That insight');
    return doc;
  }

  async function markHelpful(id: string, client: string): Promise<{ helpful: number; counted: boolean }> {
    const doc = await visible(id);
    if (doc.status !== 'visible') throw notFound('That insight');
    const counted = await castOnce('helpful', id, client);
    if (counted) await Insight.updateOne({ _id: id }, { $inc: { helpful: 1 } });
    const after = await Insight.findById(id, { helpful: 1 }).lean();
    return { helpful: after?.helpful ?? 0, counted };
  }

  async function flag(id: string, client: string, reason: string): Promise<{ flagged: boolean; held: boolean }> {
    const doc = await visible(id);
    if (!(await castOnce('flag', id, client, reason))) return { flagged: false, held: doc.status === 'held' };
    await Insight.updateOne({ _id: id }, { $inc: { flags: 1 } });
    // As for stories: only a visible insight moves to held; a restore resets the count.
    const held = await Insight.updateOne(
      { _id: id, status: 'visible', flags: { $gte: HOLD_AFTER_FLAGS } },
      { $set: { status: 'held' } },
    );
    return { flagged: true, held: held.modifiedCount === 1 || doc.status === 'held' };
  }

  return { markHelpful, flag };
}
