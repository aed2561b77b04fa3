import { Schema, type InferSchemaType } from 'mongoose';

export const StorySchema = new Schema(
  {
    service: { type: String, required: true },
    incidentId: { type: Schema.Types.ObjectId },
    kind: { type: String, enum: ['testimonial', 'business_impact', 'recovery'], required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    displayName: String,
    impact: { hoursLost: Number, peopleAffected: Number, whatStopped: String },
    helpful: { type: Number, default: 0 },
    clientHash: { type: String, required: true },
    status: { type: String, enum: ['visible', 'held', 'hidden'], default: 'visible' },
    flags: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'stories', minimize: true },
);
StorySchema.index({ service: 1, status: 1, createdAt: -1 });
StorySchema.index({ service: 1, status: 1, helpful: -1 });
StorySchema.index({ incidentId: 1, status: 1 });

export type StoryDoc = InferSchemaType<typeof StorySchema>;
