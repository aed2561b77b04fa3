import { z } from 'zod';
import { Slug, type ServiceUpdate } from './schemas/service.ts';
import type { Incident } from './schemas/incident.ts';

export const SubscribeRequest = z.strictObject({ slug: Slug });
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export type SubscribeAck = { ok: true } | { ok: false; error: string };

/** Events the server sends. Names live here only; both ends import this map. */
export interface ServerToClientEvents {
  'service:update': (update: ServiceUpdate) => void;
  /** Stories of a service were added, hidden or restored: refetch the list shown. */
  'stories:changed': (change: { slug: string }) => void;
  /** Sent to the service's room and to the home room. */
  'incident:opened': (incident: Incident) => void;
  'incident:updated': (incident: Incident) => void;
  'incident:resolved': (incident: Incident) => void;
}

/** Events a browser sends. */
export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  unsubscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  /** The home page follows every service's incidents. */
  'subscribe:home': (ack?: (res: SubscribeAck) => void) => void;
  'unsubscribe:home': (ack?: (res: SubscribeAck) => void) => void;
}

export const serviceRoom = (slug: string) => `service:${slug}`;
export const HOME_ROOM = 'home';
