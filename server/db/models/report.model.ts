import { Schema, type InferSchemaType } from 'mongoose';

/** One "I'm having problems". The client is kept only as a salted hash, never its address. */
export const ReportSchema = new Schema(
  {
    service: { type: String, required: true },
    problem: { type: String, required: true },
    comment: String,
    clientHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'reports' },
);
ReportSchema.index({ service: 1, createdAt: -1 });

export type ReportDoc = InferSchemaType<typeof ReportSchema>;
