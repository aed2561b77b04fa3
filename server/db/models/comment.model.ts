import { Schema, type InferSchemaType } from 'mongoose';

export const CommentSchema = new Schema(
  {
    service: { type: String, required: true },
    text: { type: String, required: true },
    problem: String,
    reportId: { type: Schema.Types.ObjectId },
    clientHash: { type: String, required: true },
    hidden: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'comments' },
);
CommentSchema.index({ service: 1, createdAt: -1 });

export type CommentDoc = InferSchemaType<typeof CommentSchema>;
