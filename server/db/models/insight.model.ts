import { Schema, type InferSchemaType } from 'mongoose';

/**
 * An expert's insight on a service (and maybe one of its incidents). The expert's name, role and
 * affiliation are copied in as verified at the time: a later revocation or rename does not
 * rewrite what readers were told when they read it.
 */
export const InsightSchema = new Schema(
  {
    service: { type: String, required: true },
    incidentId: { type: Schema.Types.ObjectId },
    expertId: { type: String, required: true },
    expert: {
      name: { type: String, required: true },
      role: {
        type: String,
        enum: ['technical-expert', 'cybersecurity-professional', 'service-provider'],
        required: true,
      },
      affiliation: String,
    },
    body: { type: String, required: true },
    links: { type: [String], default: [] },
    helpful: { type: Number, default: 0 },
    status: { type: String, enum: ['visible', 'held', 'hidden'], default: 'visible' },
    flags: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'insights' },
);
InsightSchema.index({ service: 1, status: 1, createdAt: -1 });
InsightSchema.index({ incidentId: 1, status: 1, createdAt: -1 });
InsightSchema.index({ status: 1, flags: -1 });

export type InsightDoc = InferSchemaType<typeof InsightSchema>;
