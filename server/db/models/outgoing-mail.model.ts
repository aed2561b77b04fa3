import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One mail to send. `_id` is `<subscription>:<event key>` for event mails, so the same event
 * emitted by several processes stores one mail. Once sent, the body (which may hold a
 * confirmation token) is dropped; the stub stays so a late duplicate still collides.
 */
export const OutgoingMailSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: {
      type: String,
      enum: ['confirm', 'already-subscribed', 'incident.opened', 'incident.resolved'],
      required: true,
    },
    subscription: { type: String, required: true },
    service: { type: String, required: true },
    incident: String,
    state: { type: String, enum: ['queued', 'sent', 'failed', 'dropped'], required: true },
    to: String,
    subject: String,
    text: String,
    html: String,
    headers: { type: Schema.Types.Mixed },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    sentAt: Date,
    lastError: String,
  },
  { versionKey: false, collection: 'outgoing_mails' },
);
OutgoingMailSchema.index({ state: 1, nextAttemptAt: 1 });
OutgoingMailSchema.index({ incident: 1, kind: 1 });
OutgoingMailSchema.index({ createdAt: 1 });

export type OutgoingMailDoc = InferSchemaType<typeof OutgoingMailSchema>;
