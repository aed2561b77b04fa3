import { createHash, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Webhook, WebhookCreate, WebhookDelivery, WebhookEvent, WebhookUpdate } from '../../shared/index.ts';
import type { WebhookDeliveryDoc, WebhookDoc, WebhookModels } from './webhook.model.ts';
import { newSecret } from './signature.ts';
import type { SendResult } from './webhook-sender.ts';
import { isDuplicateKey } from '../db/database-errors.ts';
import { driverCollection, type KeyedDoc } from '../db/collections.ts';

/** What the routes parsed: defaults filled in, duplicates dropped. */
export type Created = z.output<typeof WebhookCreate>;
export type Changes = z.output<typeof WebhookUpdate>;
type StoredWebhook = WebhookDoc & { _id: Types.ObjectId };
type StoredDelivery = WebhookDeliveryDoc;

/** The delivery of one event to one endpoint has one id, whichever process stores it first. */
export const deliveryId = (webhookId: string, key: string) =>
  `dlv_${createHash('sha256').update(`${webhookId}|${key}`).digest('hex').slice(0, 24)}`;

export const webhookView = (d: StoredWebhook): Webhook => ({
  id: String(d._id),
  url: d.url,
  events: d.events as Webhook['events'],
  services: d.services ?? null,
  style: d.style as Webhook['style'],
  ...(d.description ? { description: d.description } : {}),
  enabled: d.enabled ?? true,
  createdAt: d.createdAt.toISOString(),
  createdBy: d.createdBy,
});

export const deliveryView = (d: StoredDelivery): WebhookDelivery => ({
  id: d._id,
  event: d.event as WebhookDelivery['event'],
  eventId: d.eventId,
  ...(d.service ? { service: d.service } : {}),
  state: d.state as WebhookDelivery['state'],
  createdAt: d.createdAt.toISOString(),
  attempts: (d.attempts ?? []).map((a) => ({
    at: a.at.toISOString(),
    ok: a.ok,
    ...(a.httpStatus != null ? { httpStatus: a.httpStatus } : {}),
    ...(a.error ? { error: a.error } : {}),
    durationMs: a.durationMs,
  })),
  // While an attempt runs, this is its claim's end: the time it is tried again if that attempt never records.
  nextAttemptAt: d.state === 'pending' && d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
  ...(d.failure ? { failure: d.failure } : {}),
});

/** Endpoints and their deliveries in the database; no logic beyond what a query says. */
export class WebhookStore {
  constructor(private readonly models: WebhookModels) {}

  async list(): Promise<Webhook[]> {
    const docs = await this.models.Webhook.find().sort({ createdAt: 1, _id: 1 }).lean<StoredWebhook[]>();
    return docs.map(webhookView);
  }

  async get(id: string): Promise<StoredWebhook | null> {
    return this.models.Webhook.findById(id).lean<StoredWebhook>();
  }

  async create(input: Created, by: string, now: number): Promise<{ webhook: Webhook; secret: string }> {
    const secret = newSecret();
    const doc = await this.models.Webhook.create({
      url: input.url,
      secret,
      events: input.events,
      services: input.services,
      style: input.style,
      ...(input.description ? { description: input.description } : {}),
      enabled: true,
      createdAt: new Date(now),
      createdBy: by,
    });
    return { webhook: webhookView(doc.toObject() as StoredWebhook), secret };
  }

  async update(id: string, changes: Changes): Promise<Webhook | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const doc = await this.models.Webhook.findByIdAndUpdate(
      id,
      { $set: set },
      { returnDocument: 'after' },
    ).lean<StoredWebhook>();
    return doc && webhookView(doc);
  }

  async rotateSecret(id: string): Promise<{ webhook: Webhook; secret: string } | null> {
    const secret = newSecret();
    const doc = await this.models.Webhook.findByIdAndUpdate(
      id,
      { $set: { secret } },
      { returnDocument: 'after' },
    ).lean<StoredWebhook>();
    return doc && { webhook: webhookView(doc), secret };
  }

  /** The endpoint and its log go together: a log of an endpoint that no longer exists helps nobody. */
  async remove(id: string): Promise<boolean> {
    const res = await this.models.Webhook.deleteOne({ _id: id });
    await this.models.WebhookDelivery.deleteMany({ webhook: id });
    return res.deletedCount > 0;
  }

  /** Enabled endpoints that want this event type for this service. */
  async subscribers(type: string, service: string): Promise<StoredWebhook[]> {
    const docs = await this.models.Webhook.find({ enabled: true, events: type }).lean<StoredWebhook[]>();
    return docs.filter((d) => d.services == null || d.services.includes(service));
  }

  /** Stores a delivery unless an identical one (same endpoint, same event) already is: false then. */
  async addDelivery(d: {
    id: string;
    webhook: string;
    payload: WebhookEvent;
    now: number;
    giveUpAt: number;
  }): Promise<boolean> {
    try {
      await driverCollection<KeyedDoc>(this.models.WebhookDelivery).insertOne({
        _id: d.id,
        webhook: d.webhook,
        event: d.payload.type,
        eventId: d.payload.id,
        ...(d.payload.service ? { service: d.payload.service.slug } : {}),
        payload: d.payload,
        state: 'pending',
        createdAt: new Date(d.now),
        giveUpAt: new Date(d.giveUpAt),
        nextAttemptAt: new Date(d.now),
        attempts: [],
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** A ping's id is its own: every test is a new delivery. */
  newPingId = () => `dlv_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

  async deliveries(webhook: string, limit = 50): Promise<WebhookDelivery[]> {
    const docs = await this.models.WebhookDelivery.find({ webhook })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<StoredDelivery[]>();
    return docs.map(deliveryView);
  }

  async delivery(webhook: string, id: string): Promise<StoredDelivery | null> {
    return this.models.WebhookDelivery.findOne({ _id: id, webhook }).lean<StoredDelivery>();
  }

  async due(now: number, limit: number): Promise<string[]> {
    const docs = await this.models.WebhookDelivery.find(
      { state: 'pending', nextAttemptAt: { $lte: new Date(now) } },
      { _id: 1 },
    )
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  /**
   * Takes a due delivery for one attempt by moving its due time past the attempt's end, in one
   * atomic update: two processes (a lease changing hands, an operator's retry) cannot both send
   * it, and if this one dies mid-attempt the delivery falls due again when the claim lapses.
   */
  async claim(id: string, now: number, claimMs: number): Promise<StoredDelivery | null> {
    return this.models.WebhookDelivery.findOneAndUpdate(
      { _id: id, state: 'pending', nextAttemptAt: { $lte: new Date(now) } },
      { $set: { nextAttemptAt: new Date(now + claimMs) } },
      { returnDocument: 'after' },
    ).lean<StoredDelivery>();
  }

  async record(
    id: string,
    attempt: SendResult & { at: number },
    outcome: { state: 'delivered' | 'pending' | 'failed'; nextAttemptAt: number | null; failure?: string },
  ): Promise<StoredDelivery | null> {
    return this.models.WebhookDelivery.findByIdAndUpdate(
      id,
      {
        $push: {
          attempts: {
            at: new Date(attempt.at),
            ok: attempt.ok,
            ...(attempt.httpStatus !== undefined ? { httpStatus: attempt.httpStatus } : {}),
            ...(attempt.error ? { error: attempt.error } : {}),
            durationMs: attempt.durationMs,
          },
        },
        $set: {
          state: outcome.state,
          nextAttemptAt: outcome.nextAttemptAt === null ? null : new Date(outcome.nextAttemptAt),
          ...(outcome.failure ? { failure: outcome.failure } : {}),
        },
      },
      { returnDocument: 'after' },
    ).lean<StoredDelivery>();
  }

  /** Settles a delivery without sending it (its endpoint was disabled). */
  async fail(id: string, failure: string): Promise<void> {
    await this.models.WebhookDelivery.updateOne(
      { _id: id },
      { $set: { state: 'failed', nextAttemptAt: null, failure } },
    );
  }

  /** Due now again, for an operator's retry; a failed one gets one more attempt (see the deliverer). */
  async reschedule(id: string, now: number): Promise<void> {
    await this.models.WebhookDelivery.updateOne(
      { _id: id },
      { $set: { state: 'pending', nextAttemptAt: new Date(now) }, $unset: { failure: 1 } },
    );
  }
}
