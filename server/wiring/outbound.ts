import type { RequestHandler } from 'express';
import type { OutboundEvents } from '../notifications/outbound-events.ts';
import { createEmailAlerts } from '../subscriptions/email-alerts.ts';
import { createWebhooks } from '../webhooks/webhooks.ts';
import { startPublicApi } from '../public-api/public-api.ts';
import type { Audit } from '../moderation/audit.ts';
import type { Experts } from '../experts/experts.ts';
import type { LookupAll } from '../probes/target-guard.ts';
import type { State } from './state.ts';

/**
 * Everything that tells the outside world: email alerts and webhooks (both fed by `events`),
 * and the public API (Statuspage v2, feeds, badges). Links in them use PUBLIC_URL, else where
 * this server listens, known once it does (`listening`).
 */
export async function outbound(
  state: State,
  deps: { events: OutboundEvents; audit: Audit; admin: RequestHandler; experts: Experts; lookup?: LookupAll },
) {
  const { config, log, clock, conn, models, catalog, salt, memory } = state;
  let ownUrl = config.publicUrl ?? '';
  const baseUrl = () => ownUrl;
  const { events } = deps;
  const email = createEmailAlerts({ config, models, clock, log, catalog, secret: salt, baseUrl });
  events.on(email.notify);
  const webhooks = await createWebhooks({
    ...deps,
    conn,
    models,
    clock,
    log,
    catalog,
    events,
    baseUrl,
    allowPrivate: config.probeAllowPrivate,
  });
  const { incidentStore: store } = memory;
  const insights = deps.experts.recentInsights;
  const publicApi = await startPublicApi({ ...memory, catalog, store, events, clock, log, config, insights });
  const listening = (url: string) => {
    ownUrl = config.publicUrl ?? url;
    email.start();
  };
  return { email, webhooks, publicApi, listening };
}
