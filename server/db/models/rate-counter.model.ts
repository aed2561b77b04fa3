import { Schema } from 'mongoose';

/** Fixed-window counters: `_id` is `action:clientHash:windowStart`. Old windows are swept. */
export const RateCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    n: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'rate_counters' },
);
RateCounterSchema.index({ expiresAt: 1 });
