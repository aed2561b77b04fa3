import { z } from 'zod';
import { Slug } from './service.ts';
import { Incident } from './incident.ts';
import { Status, StatusLevel } from './status.ts';

/** What an endpoint can subscribe to; the same names as the server's outbound events. */
export const WebhookEventType = z.enum(['incident.opened', 'incident.updated', 'incident.resolved', 'verdict.changed']);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** `json` is our own body (WebhookEvent); `slack` and `discord` are those apps' incoming-webhook shapes. */
export const WebhookStyle = z.enum(['json', 'slack', 'discord']);
export type WebhookStyle = z.infer<typeof WebhookStyle>;

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// address' })
  .max(2_000)
  // zod 4 runs refinements even after .url() failed, so an unparsable value must not reach new URL().
  .refine(
    (u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password),
    'credentials in the address are not allowed; put a token in the path',
  );

const events = z
  .array(WebhookEventType)
  .min(1, 'pick at least one event')
  .transform((list) => [...new Set(list)]);
/** null: every service, including ones added later. */
const services = z
  .array(Slug)
  .min(1, 'pick at least one service, or send null for all')
  .max(500)
  .transform((list) => [...new Set(list)])
  .nullable();

export const WebhookCreate = z.strictObject({
  url: webhookUrl,
  events,
  services: services.default(null),
  style: WebhookStyle.default('json'),
  description: z.string().trim().max(200).optional(),
});
export type WebhookCreate = z.input<typeof WebhookCreate>;

export const WebhookUpdate = z
  .strictObject({
    events: events.optional(),
    services: services.optional(),
    style: WebhookStyle.optional(),
    enabled: z.boolean().optional(),
    description: z.string().trim().max(200).optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'send at least one field to change',
    path: ['(body)'],
  });
export type WebhookUpdate = z.input<typeof WebhookUpdate>;

export const Webhook = z.object({
  id: z.string(),
  url: z.url(),
  events: z.array(WebhookEventType),
  services: z.array(Slug).nullable(),
  style: WebhookStyle,
  description: z.string().optional(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;

/** The only answers that carry the secret: creation and rotation. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookList = z.object({ webhooks: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;

/** One POST to the endpoint: an HTTP status when it answered, an error when it did not. */
export const WebhookAttempt = z.object({
  at: z.iso.datetime(),
  ok: z.boolean(),
  httpStatus: z.number().int().optional(),
  error: z.string().optional(),
  durationMs: z.number().int().min(0),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

/** A delivery's id: `dlv_` and 24 hex digits. */
export const WebhookDeliveryId = z.string().regex(/^dlv_[a-f0-9]{24}$/, 'not a valid delivery id');

export const WebhookDelivery = z.object({
  id: WebhookDeliveryId,
  event: z.union([WebhookEventType, z.literal('ping')]),
  /** The event's id, the same in every endpoint's delivery of it. */
  eventId: z.string(),
  service: Slug.optional(),
  /** pending: waiting for its next attempt; failed: gave up after 24 hours (or its endpoint was disabled). */
  state: z.enum(['pending', 'delivered', 'failed']),
  createdAt: z.iso.datetime(),
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Why it was given up, in words. */
  failure: z.string().optional(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

/**
 * The body of a `json` style delivery. `id` is the event's id (the same for every endpoint),
 * `service` is absent only on `ping`, `incident` comes with incident events, `status` (with
 * the level it left) with `verdict.changed`. Links are absolute.
 */
export const WebhookEvent = z.object({
  id: z.string(),
  type: z.union([WebhookEventType, z.literal('ping')]),
  createdAt: z.iso.datetime(),
  service: z.object({ slug: Slug, name: z.string(), url: z.url() }).optional(),
  incident: Incident.extend({ url: z.url() }).optional(),
  status: Status.extend({ previous: StatusLevel }).optional(),
  /** Only on ping. */
  message: z.string().optional(),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;
