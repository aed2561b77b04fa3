import { Router, type RequestHandler } from 'express';
import {
  ObjectIdString,
  WebhookCreate,
  WebhookDeliveryId,
  WebhookUpdate,
  type WebhookList,
  type WebhookDeliveryList,
} from '../../shared/index.ts';
import { AppError, notFound } from '../errors.ts';
import { adminOf } from '../admin/require-admin.ts';
import type { Audit } from '../moderation/audit.ts';
import type { Clock } from '../clock.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { LookupAll } from '../probes/target-guard.ts';
import { pingBody } from './event-body.ts';
import type { WebhookDeliverer } from './webhook-deliverer.ts';
import { deliveryView, type WebhookStore } from './webhook-store.ts';
import { refusePrivateUrl } from './webhook-target.ts';

/** Operators' endpoints and their delivery logs, all behind the operator session. */
export function webhooksRoutes(deps: {
  store: WebhookStore;
  deliverer: WebhookDeliverer;
  catalog: ServiceCatalog;
  audit: Audit;
  clock: Clock;
  admin: RequestHandler;
  allowPrivate: boolean;
  lookup?: LookupAll;
}): Router {
  const router = Router();
  const base = '/api/admin/webhooks';
  const hookOf = async (id: unknown) => {
    const hook = await deps.store.get(ObjectIdString.parse(id));
    if (!hook) throw notFound('That webhook');
    return hook;
  };
  const refuseUnknownServices = (services: string[] | null | undefined) => {
    const unknown = (services ?? []).filter((s) => !deps.catalog.get(s));
    if (unknown.length)
      throw new AppError(400, 'invalid_request', 'Some fields are missing or not valid.', {
        services: [`no such service: ${unknown.join(', ')}`],
      });
  };

  router.get(base, deps.admin, async (_req, res) => {
    const body: WebhookList = { webhooks: await deps.store.list() };
    res.json(body);
  });

  router.post(base, deps.admin, async (req, res) => {
    const input = WebhookCreate.parse(req.body);
    refuseUnknownServices(input.services);
    await refusePrivateUrl(input.url, deps);
    const { webhook, secret } = await deps.store.create(input, adminOf(res), deps.clock.now());
    await deps.audit.record(
      adminOf(res),
      'add_webhook',
      { type: 'webhook', id: webhook.id },
      `${webhook.style}: ${webhook.url}`,
    );
    res.status(201).json({ ...webhook, secret });
  });

  router.patch(`${base}/:id`, deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const changes = WebhookUpdate.parse(req.body);
    refuseUnknownServices(changes.services);
    const webhook = await deps.store.update(id, changes);
    if (!webhook) throw notFound('That webhook');
    const what = Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
    await deps.audit.record(adminOf(res), 'edit_webhook', { type: 'webhook', id }, what.join(', '));
    res.json(webhook);
  });

  router.delete(`${base}/:id`, deps.admin, async (req, res) => {
    const hook = await hookOf(req.params.id);
    await deps.store.remove(String(hook._id));
    await deps.audit.record(adminOf(res), 'remove_webhook', { type: 'webhook', id: String(hook._id) }, hook.url);
    res.status(204).end();
  });

  router.post(`${base}/:id/rotate-secret`, deps.admin, async (req, res) => {
    const id = ObjectIdString.parse(req.params.id);
    const rotated = await deps.store.rotateSecret(id);
    if (!rotated) throw notFound('That webhook');
    await deps.audit.record(adminOf(res), 'rotate_webhook_secret', { type: 'webhook', id });
    res.json({ ...rotated.webhook, secret: rotated.secret });
  });

  router.get(`${base}/:id/deliveries`, deps.admin, async (req, res) => {
    const hook = await hookOf(req.params.id);
    const body: WebhookDeliveryList = { deliveries: await deps.store.deliveries(String(hook._id)) };
    res.json(body);
  });

  // Sent at once, whether or not the endpoint is enabled: checking it before enabling is the point.
  router.post(`${base}/:id/test`, deps.admin, async (req, res) => {
    const hook = await hookOf(req.params.id);
    const now = deps.clock.now();
    const id = deps.store.newPingId();
    await deps.store.addDelivery({
      id,
      webhook: String(hook._id),
      payload: pingBody(`evt_${id.slice(4)}`, new Date(now).toISOString()),
      now,
      giveUpAt: now,
    });
    await deps.audit.record(adminOf(res), 'test_webhook', { type: 'webhook', id: String(hook._id) });
    res.status(201).json(await attemptNow(String(hook._id), id, true));
  });

  router.post(`${base}/:id/deliveries/:deliveryId/retry`, deps.admin, async (req, res) => {
    const hook = await hookOf(req.params.id);
    const id = WebhookDeliveryId.parse(req.params.deliveryId);
    if (!(await deps.store.delivery(String(hook._id), id))) throw notFound('That delivery');
    if (!hook.enabled) throw new AppError(409, 'webhook_disabled', 'This endpoint is disabled. Enable it, then retry.');
    await deps.store.reschedule(id, deps.clock.now());
    await deps.audit.record(adminOf(res), 'retry_webhook_delivery', { type: 'webhook', id: String(hook._id) }, id);
    res.json(await attemptNow(String(hook._id), id));
  });

  /** One attempt now, answered with the delivery as it stands afterwards (or as another attempt left it). */
  async function attemptNow(webhook: string, id: string, evenIfDisabled = false) {
    const sent = await deps.deliverer.attempt(id, { evenIfDisabled });
    if (sent) return sent;
    const doc = await deps.store.delivery(webhook, id);
    if (!doc) throw notFound('That delivery');
    return deliveryView(doc);
  }

  return router;
}
