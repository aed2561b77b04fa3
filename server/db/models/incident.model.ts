import { Schema, type InferSchemaType } from 'mongoose';

const EvidenceFields = {
  windowMinutes: Number,
  observed: Number,
  expected: Number,
  ratio: Number,
  pValue: Number,
};

const UpdateSchema = new Schema(
  {
    status: { type: String, required: true },
    body: { type: String, required: true },
    author: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const IncidentSchema = new Schema(
  {
    service: { type: String, required: true },
    kind: { type: String, enum: ['unplanned', 'partial', 'maintenance'], required: true },
    state: { type: String, enum: ['open', 'resolved'], required: true },
    /** Absent on incidents written before operators could open them: those came from the crowd. */
    origin: { type: String, enum: ['crowd', 'operator'] },
    title: String,
    phase: { type: String, enum: ['rising', 'ongoing', 'recovering'] },
    resolvedBy: String,
    startedAt: { type: Date, required: true },
    openedAt: { type: Date, required: true },
    resolvedAt: Date,
    reasons: { type: [String], default: [] },
    trigger: EvidenceFields,
    peak: { ...EvidenceFields, at: Date },
    topProblems: { type: [{ _id: false, problem: String, label: String, count: Number, share: Number }], default: [] },
    updates: { type: [UpdateSchema], default: [] },
    /** The official page's first acknowledgement (absent until then). */
    official: { acknowledgedAt: Date, leadSeconds: Number },
    /** How the likely cause changed while it was open (diagnosis-recorder.ts). */
    diagnoses: {
      type: [{ _id: false, at: Date, cause: String, confidence: Number, text: String }],
      default: undefined,
    },
  },
  { versionKey: false, collection: 'incidents' },
);
IncidentSchema.index({ service: 1, startedAt: -1 });
IncidentSchema.index({ state: 1 });
// "Just resolved" on every process's refresh.
IncidentSchema.index({ resolvedAt: -1 });

export type IncidentDoc = InferSchemaType<typeof IncidentSchema>;

/**
 * One document per service while it has an open incident (`_id` is the slug): the primary key
 * makes "one open incident per service" hold even if two processes tried to open one.
 */
export const OpenIncidentSchema = new Schema(
  {
    _id: { type: String, required: true },
    incidentId: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false, collection: 'open_incidents' },
);
