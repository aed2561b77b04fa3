import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Dedupe claims: `_id` is `slug:clientHash:slot` (slot = time / window), `at` is when the
 * counted report was stored. Only inserted and read by `_id` (see reports/dedupe-claims.ts).
 */
export const ClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** time / window: the claims of a finished slot are read together (reports/dedupe-claims.ts). */
    slot: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'report_claims' },
);
// FerretDB 1.x has no TTL indexes, so expired claims are swept by a timer using this index.
ClaimSchema.index({ at: 1 });

export type ClaimDoc = InferSchemaType<typeof ClaimSchema>;
