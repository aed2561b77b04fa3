import { Schema } from 'mongoose';

/** Small process-wide values several server processes must agree on (e.g. the hash salt). */
export const SettingSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: 'settings' },
);
