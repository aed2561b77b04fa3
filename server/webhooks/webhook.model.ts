import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** An operator's endpoint. The secret is kept as is: every delivery is signed with it. */
export const WebhookSchema = new Schema(
  {
    url: { type: String, required: true },
    secret: { type: String, required: true },
    events: { type: [String], required: true },
    /** null: every service. */
    services: { type: [String], default: null },
    style: { type: String, required: true },
    description: String,
    enabled: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'webhooks' },
);

const AttemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    ok: { type: Boolean, required: true },
    httpStatus: Number,
    error: String,
    durationMs: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One event for one endpoint. `_id` is derived from the endpoint and the event's key, so the
 * same event stored by several processes is one delivery.
 */
export const WebhookDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    webhook: { type: String, required: true },
    event: { type: String, required: true },
    eventId: { type: String, required: true },
    service: String,
    /** Our own event body (WebhookEvent); the endpoint's style is applied at each attempt. */
    payload: { type: Schema.Types.Mixed, required: true },
    state: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** Retries stop here: 24 hours after the event (or after a manual retry). */
    giveUpAt: { type: Date, required: true },
    /** When it is due, or (while an attempt runs) when that attempt's claim lapses; null once settled. */
    nextAttemptAt: { type: Date, default: null },
    attempts: { type: [AttemptSchema], default: [] },
    failure: String,
  },
  { versionKey: false, collection: 'webhook_deliveries', minimize: false },
);
WebhookDeliverySchema.index({ state: 1, nextAttemptAt: 1 });
WebhookDeliverySchema.index({ webhook: 1, createdAt: -1 });

export type WebhookDoc = InferSchemaType<typeof WebhookSchema>;
export type WebhookDeliveryDoc = InferSchemaType<typeof WebhookDeliverySchema>;

/** Registered here rather than in db/models.ts: the feature owns its collections. */
export async function webhookModels(conn: Connection) {
  const models = {
    Webhook: conn.model('Webhook', WebhookSchema),
    WebhookDelivery: conn.model('WebhookDelivery', WebhookDeliverySchema),
  };
  for (const model of Object.values(models)) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    await model.createIndexes();
  }
  return models;
}

export type WebhookModels = Awaited<ReturnType<typeof webhookModels>>;
