import { Schema } from 'mongoose';

/**
 * One service's report counts for one hour, minute by minute: `n.<minute 0–59>` totals,
 * `p.<minute>.<problem>` splits, and for reports carrying a browser check `c.<minute>` (checked)
 * and `u.<minute>` (homepage unreachable), kept with $inc by every batch of reports. Every
 * read of the series (the 24 h cache, the live refresh, the detector's four weeks) is a handful
 * of primary-key lookups of these, which FerretDB answers from its _id index, where a range
 * query over per-minute documents is a full table scan there (it uses no other index for queries).
 */
export const SeriesHourSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    hour: { type: Date, required: true },
    n: { type: Schema.Types.Mixed, default: {} },
    p: { type: Schema.Types.Mixed, default: {} },
    c: { type: Schema.Types.Mixed, default: undefined },
    u: { type: Schema.Types.Mixed, default: undefined },
  },
  { versionKey: false, collection: 'series_hours', minimize: false },
);
// No secondary index: `_id` is service|hour already, every read is by `_id`, and an index is
// paid for on every one of the many updates.

export const seriesHourId = (service: string, hourMs: number) => `${service}|${hourMs}`;
