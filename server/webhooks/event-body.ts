import { createHash } from 'node:crypto';
import type { Service, WebhookEvent } from '../../shared/index.ts';
import type { OutboundEvent } from '../notifications/outbound-events.ts';

/** The event's id: the same for every endpoint and every process, short enough for a header. */
export const eventId = (key: string) => `evt_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/** Our own body for an outbound event (the `json` style, and what the other styles are drawn from). */
export function eventBody(
  event: OutboundEvent,
  service: Pick<Service, 'slug' | 'name'> | undefined,
  baseUrl: string,
  createdAt: string,
): WebhookEvent {
  const slug = event.service;
  const body: WebhookEvent = {
    id: eventId(event.key),
    type: event.type,
    createdAt,
    service: { slug, name: service?.name ?? slug, url: `${baseUrl}/status/${slug}` },
  };
  if (event.type === 'verdict.changed') body.status = { ...event.status, previous: event.previous };
  else body.incident = { ...event.incident, url: `${baseUrl}/incidents/${event.incident.id}` };
  return body;
}

export function pingBody(id: string, createdAt: string): WebhookEvent {
  return { id, type: 'ping', createdAt, message: 'A test from Outage radar: this endpoint receives events.' };
}
