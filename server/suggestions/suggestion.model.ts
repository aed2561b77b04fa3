import { Schema, type InferSchemaType } from 'mongoose';

export const SuggestionSchema = new Schema(
  {
    /** The name folded (case, spaces, punctuation), so "Hey Bank" and "heybank!" count as one. */
    key: { type: String, required: true },
    name: { type: String, required: true },
    homepage: String,
    count: { type: Number, required: true },
    firstAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'suggestions' },
);
SuggestionSchema.index({ key: 1 }, { unique: true });
SuggestionSchema.index({ lastAt: -1 });

export type SuggestionDoc = InferSchemaType<typeof SuggestionSchema>;
