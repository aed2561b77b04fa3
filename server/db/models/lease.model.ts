import { Schema } from 'mongoose';

/** Who runs a singleton job (the detector, the prober) until when. */
export const LeaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'leases' },
);
