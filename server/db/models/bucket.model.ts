import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Report counts for one service in one minute, kept with $inc at write time so graphs and
 * detection never scan raw reports. `_id` is `slug|epochMinuteMs`, so a writer can address a
 * bucket without a lookup.
 */
export const BucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    minute: { type: Date, required: true },
    total: { type: Number, default: 0 },
    byProblem: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'buckets', minimize: false },
);
BucketSchema.index({ service: 1, minute: 1 }, { unique: true });
BucketSchema.index({ minute: 1 });

export type BucketDoc = InferSchemaType<typeof BucketSchema>;

export const bucketId = (service: string, minuteMs: number) => `${service}|${minuteMs}`;
