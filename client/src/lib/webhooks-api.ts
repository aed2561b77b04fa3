import type {
  Webhook,
  WebhookCreate,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookUpdate,
  WebhookWithSecret,
} from '../../../shared/index.ts';
import { request, send } from './api.ts';

const base = '/api/admin/webhooks';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Operators' webhook endpoints; the secret comes back only from create and rotate. */
export const webhooksApi = {
  list: () => request<WebhookList>(base),
  create: (body: WebhookCreate) => request<WebhookWithSecret>(base, send('POST', body)),
  update: (id: string, body: WebhookUpdate) => request<Webhook>(one(id), send('PATCH', body)),
  remove: (id: string) => request<void>(one(id), send('DELETE')),
  rotateSecret: (id: string) => request<WebhookWithSecret>(`${one(id)}/rotate-secret`, send('POST')),
  test: (id: string) => request<WebhookDelivery>(`${one(id)}/test`, send('POST')),
  deliveries: (id: string) => request<WebhookDeliveryList>(`${one(id)}/deliveries`),
  retry: (id: string, delivery: string) =>
    request<WebhookDelivery>(`${one(id)}/deliveries/${encodeURIComponent(delivery)}/retry`, send('POST')),
};

/** The events an endpoint can subscribe to, in the words the page uses (plain values: no zod in the bundle). */
export const WEBHOOK_EVENTS = [
  { value: 'incident.opened', label: 'Incident opened' },
  { value: 'incident.updated', label: 'Incident updated' },
  { value: 'incident.resolved', label: 'Incident resolved' },
  { value: 'verdict.changed', label: 'Status changed' },
] as const satisfies readonly { value: Webhook['events'][number]; label: string }[];

export const WEBHOOK_STYLES = [
  { value: 'json', label: 'JSON (our event format)' },
  { value: 'slack', label: 'Slack incoming webhook' },
  { value: 'discord', label: 'Discord webhook' },
] as const satisfies readonly { value: Webhook['style']; label: string }[];
