import { Schema, type InferSchemaType } from 'mongoose';

/** An expert an operator verified. Revoking keeps the document: their insights still name them. */
export const ExpertSchema = new Schema(
  {
    name: { type: String, required: true },
    role: {
      type: String,
      enum: ['technical-expert', 'cybersecurity-professional', 'service-provider'],
      required: true,
    },
    affiliation: String,
    /** Empty: any service. */
    services: { type: [String], default: [] },
    status: { type: String, enum: ['active', 'revoked'], default: 'active' },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    revokedAt: Date,
    revokedBy: String,
  },
  { versionKey: false, collection: 'experts' },
);
ExpertSchema.index({ createdAt: -1 });

/**
 * A one-time sign-in code or a session of an expert. `_id` is the SHA-256 of the secret: the
 * secret itself is never stored. A code is taken with findOneAndDelete, so it signs in once.
 */
export const ExpertCredentialSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['code', 'session'], required: true },
    expertId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'expert_credentials' },
);
ExpertCredentialSchema.index({ expertId: 1, kind: 1 });
ExpertCredentialSchema.index({ expiresAt: 1 });

export type ExpertDoc = InferSchemaType<typeof ExpertSchema>;
export type ExpertCredentialDoc = InferSchemaType<typeof ExpertCredentialSchema>;
