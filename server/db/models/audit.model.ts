import { Schema } from 'mongoose';

/** Every operator action: who did what to which item, when. Append-only. */
export const AuditSchema = new Schema(
  {
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: { type: String, required: true }, id: { type: String, required: true } },
    note: String,
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'audit_log' },
);
AuditSchema.index({ at: -1 });
