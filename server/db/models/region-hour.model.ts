import { Schema } from 'mongoose';

/**
 * Where one service's reports came from in one hour, minute by minute (regions/region-bumps.ts):
 * `t.<minute>` located reports, `g.<minute>.<country code>` and `l.<minute>.<city key>` counts,
 * a few dozen places a minute at most. Kept apart from the counts' document so that one stays
 * small; `_id` is service|hour, read by primary key like the others.
 */
export const RegionHourSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    hour: { type: Date, required: true },
    t: { type: Schema.Types.Mixed, default: {} },
    g: { type: Schema.Types.Mixed, default: {} },
    l: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'region_hours', minimize: false },
);
