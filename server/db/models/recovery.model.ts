import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One "It works again for me". Like a report (report.model.ts), its `_id` is its place among
 * its address's few in the dedupe window, so the same per-address cap holds across processes.
 */
export const RecoverySchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    clientHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'recoveries' },
);
// Every process re-reads the last 15 minutes of them on its refresh cycle.
RecoverySchema.index({ createdAt: -1 });

export type RecoveryDoc = InferSchemaType<typeof RecoverySchema>;
