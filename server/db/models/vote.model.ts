import { Schema } from 'mongoose';

/**
 * One client's flag on, or "helpful" mark for, one item. `_id` is `kind:itemId:clientHash`, so
 * the unique primary key makes each count once, across processes.
 */
export const VoteSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['flag', 'helpful'], required: true },
    itemType: { type: String, enum: ['comment', 'story', 'insight'], required: true },
    itemId: { type: String, required: true },
    reason: String,
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'votes' },
);
VoteSchema.index({ itemId: 1, kind: 1 });
