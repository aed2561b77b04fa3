import { Schema } from 'mongoose';

/**
 * A sample of the networks one service's reporters came from in one hour, minute by minute:
 * `w.<minute>.<network hash>` (reports/network-sample.ts). Kept apart from the counts so the
 * counts' document, bumped by every batch, stays small; this one changes only when a minute
 * sees a network it has not recorded yet, at most 16 a minute.
 */
export const NetworkHourSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    hour: { type: Date, required: true },
    w: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'network_hours', minimize: false },
);
