import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One "I'm having problems". The client is kept only as a salted hash, never its address.
 * `_id` is the report's place among its address's few in its window,
 * `<service>:<address hash>:<slot>:<k>` (reports/address-cap.ts): the unique `_id` is what
 * caps an address at a few counted reports, across processes, with no document of its own.
 */
export const ReportSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    problem: { type: String, required: true },
    comment: String,
    clientHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** The reporter's browser's own try of the homepage: reached it or not, in how many ms. */
    browserCheck: {
      type: new Schema({ reachable: Boolean, ms: Number, at: Date }, { _id: false }),
      default: undefined,
    },
  },
  { versionKey: false, collection: 'reports' },
);
// No secondary index: nothing reads reports one by one (counts live in the hour documents),
// and an index is paid for on every insert.

export type ReportDoc = InferSchemaType<typeof ReportSchema>;
