import type { Connection } from 'mongoose';
import type { RequestHandler, Router } from 'express';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Models } from '../db/models.ts';
import { Lease } from '../db/lease.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { Audit } from '../moderation/audit.ts';
import type { LookupAll } from '../probes/target-guard.ts';
import type { OutboundEvent, OutboundEvents } from '../notifications/outbound-events.ts';
import { webhookModels } from './webhook.model.ts';
import { deliveryId, WebhookStore } from './webhook-store.ts';
import { DELIVER_LEASE_TTL_MS, WebhookDeliverer } from './webhook-deliverer.ts';
import { eventBody } from './event-body.ts';
import { RETRY_FOR_MS } from './backoff.ts';
import { webhooksRoutes } from './webhooks.routes.ts';

export interface Webhooks {
  router: Router;
  store: WebhookStore;
  /** Tests call `deliverer.tick()` in step with their clock, as the timer does every 2 s. */
  deliverer: WebhookDeliverer;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Webhooks, wired in one call: every outbound event is stored as one delivery per subscribed
 * endpoint (the same event from several processes collapses into one), and the deliverer sends
 * them. Links in bodies start with `baseUrl()` (PUBLIC_URL, or where this server listens).
 */
export async function createWebhooks(deps: {
  conn: Connection;
  models: Models;
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  audit: Audit;
  admin: RequestHandler;
  events: OutboundEvents;
  allowPrivate: boolean;
  lookup?: LookupAll;
  baseUrl: () => string;
}): Promise<Webhooks> {
  const { clock, log } = deps;
  const store = new WebhookStore(await webhookModels(deps.conn));
  const storing = new Set<Promise<void>>();
  const deliverer = new WebhookDeliverer({
    store,
    clock,
    log,
    lease: new Lease(deps.models, clock, 'webhooks', DELIVER_LEASE_TTL_MS),
    send: { allowPrivate: deps.allowPrivate, ...(deps.lookup && { lookup: deps.lookup }) },
    settle: async () => void (await Promise.allSettled([...storing])),
  });

  const storeDeliveries = async (event: OutboundEvent) => {
    const hooks = await store.subscribers(event.type, event.service);
    if (hooks.length === 0) return;
    const now = clock.now();
    const payload = eventBody(event, deps.catalog.get(event.service), deps.baseUrl(), event.at);
    let added = false;
    for (const hook of hooks) {
      const id = String(hook._id);
      if (
        await store.addDelivery({
          id: deliveryId(id, event.key),
          webhook: id,
          payload,
          now,
          giveUpAt: now + RETRY_FOR_MS,
        })
      )
        added = true;
    }
    // Sent now rather than at the next tick; in a process without the lease this does nothing.
    if (added) void deliverer.tick().catch((err) => log.warn({ err }, 'webhook tick failed'));
  };
  const off = deps.events.on((event) => {
    const p = storeDeliveries(event)
      .catch((err) => log.error({ err, event: event.key }, 'webhook deliveries for an event could not be stored'))
      .finally(() => storing.delete(p));
    storing.add(p);
  });

  return {
    router: webhooksRoutes({
      store,
      deliverer,
      catalog: deps.catalog,
      audit: deps.audit,
      clock,
      admin: deps.admin,
      allowPrivate: deps.allowPrivate,
      ...(deps.lookup && { lookup: deps.lookup }),
    }),
    store,
    deliverer,
    start: () => deliverer.start(),
    stop: async () => {
      off();
      await Promise.allSettled([...storing]);
      await deliverer.stop();
    },
  };
}
