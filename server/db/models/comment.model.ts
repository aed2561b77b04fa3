import { Schema, type InferSchemaType } from 'mongoose';

export const CommentSchema = new Schema(
  {
    service: { type: String, required: true },
    text: { type: String, required: true },
    problem: String,
    reportId: { type: String },
    clientHash: { type: String, required: true },
    /** visible → held (enough flags) → hidden/visible by an operator. */
    status: { type: String, enum: ['visible', 'held', 'hidden'], default: 'visible' },
    flags: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'comments' },
);
CommentSchema.index({ service: 1, status: 1, createdAt: -1 });
CommentSchema.index({ status: 1, flags: -1 });

export type CommentDoc = InferSchemaType<typeof CommentSchema>;
