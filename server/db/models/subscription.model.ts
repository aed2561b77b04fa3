import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A visitor's "email me when <service> has problems". Pending until the link in the confirmation
 * mail is followed; deleted on unsubscribing. Only the confirmation token's sha256 is kept.
 */
export const SubscriptionSchema = new Schema(
  {
    service: { type: String, required: true },
    email: { type: String, required: true },
    state: { type: String, enum: ['pending', 'confirmed'], required: true },
    confirmHash: { type: String, required: true },
    confirmExpiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    confirmedAt: Date,
    /** When the last "users report problems" mail was queued: at most one an hour per service. */
    alertedAt: Date,
    /** The event that last claimed this subscriber's alert (see SubscriptionStore.claimAlerts). */
    alertKey: String,
  },
  { versionKey: false, collection: 'subscriptions' },
);
SubscriptionSchema.index({ service: 1, email: 1 }, { unique: true });
SubscriptionSchema.index({ confirmHash: 1 });
SubscriptionSchema.index({ service: 1, state: 1 });

export type SubscriptionDoc = InferSchemaType<typeof SubscriptionSchema>;
