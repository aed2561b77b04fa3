import { Schema, type InferSchemaType } from 'mongoose';

const ProblemSchema = new Schema(
  { id: { type: String, required: true }, label: { type: String, required: true }, hint: String },
  { _id: false },
);

export const ServiceSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    homepage: { type: String, required: true },
    category: { type: String, default: 'Other' },
    aliases: { type: [String], default: undefined },
    problems: { type: [ProblemSchema], default: [] },
    // Validated by the shared zod schemas on the way in and out; stored as written (defaults filled).
    probes: { type: [Schema.Types.Mixed], default: undefined },
    official: { type: Schema.Types.Mixed, default: undefined },
    guidance: { type: [Schema.Types.Mixed], default: undefined },
  },
  { versionKey: false, timestamps: true, collection: 'services' },
);

export type ServiceDoc = InferSchemaType<typeof ServiceSchema>;
