import { Schema, type InferSchemaType } from 'mongoose';

/** One "I'm having problems". The client is kept only as a salted hash, never its address. */
export const ReportSchema = new Schema(
  {
    service: { type: String, required: true },
    problem: { type: String, required: true },
    comment: String,
    clientHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** The reporter's browser's own try of the homepage: reached it or not, in how many ms. */
    browserCheck: { type: new Schema({ reachable: Boolean, ms: Number, at: Date }, { _id: false }), default: undefined },
  },
  { versionKey: false, collection: 'reports' },
);
ReportSchema.index({ service: 1, createdAt: -1 });

export type ReportDoc = InferSchemaType<typeof ReportSchema>;
