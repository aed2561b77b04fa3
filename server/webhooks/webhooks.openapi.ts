import { z } from 'zod';
import {
  ErrorBody,
  Webhook,
  WebhookCreate,
  WebhookDelivery,
  WebhookDeliveryId,
  WebhookDeliveryList,
  WebhookList,
  WebhookUpdate,
  WebhookWithSecret,
} from '../../shared/index.ts';
import { errors, IdParam, type ApiOperation } from '../openapi/api-operation.ts';

const id = z.object(IdParam);
const base = '/api/admin/webhooks';

export const webhooksApi: ApiOperation[] = [
  {
    method: 'get',
    path: base,
    operationId: 'listWebhooks',
    summary: 'Webhook endpoints',
    description: 'Without their secrets: a secret is shown once, when it is made.',
    tag: 'Operators',
    operator: true,
    responses: { 200: { description: 'Every endpoint.', schema: WebhookList } },
  },
  {
    method: 'post',
    path: base,
    operationId: 'addWebhook',
    summary: 'Add a webhook endpoint',
    description:
      'Deliveries are signed with the secret in the answer (`X-Outage-Radar-Signature: t=<unix ' +
      'seconds>,v1=<hex HMAC-SHA256 of "t.body">`), retried for 24 hours. ' +
      'Private, loopback and internal addresses are refused (400) unless the server runs with PROBE_ALLOW_PRIVATE=1.',
    tag: 'Operators',
    operator: true,
    body: WebhookCreate,
    responses: {
      201: {
        description: 'Added; the only answer besides rotation that carries the secret.',
        schema: WebhookWithSecret,
      },
      ...errors(400),
    },
  },
  {
    method: 'patch',
    path: `${base}/:id`,
    operationId: 'editWebhook',
    summary: 'Change, enable or disable a webhook endpoint',
    tag: 'Operators',
    operator: true,
    params: id,
    body: WebhookUpdate,
    responses: { 200: { description: 'The endpoint now.', schema: Webhook }, ...errors(400, 404) },
  },
  {
    method: 'delete',
    path: `${base}/:id`,
    operationId: 'removeWebhook',
    summary: 'Remove a webhook endpoint and its delivery log',
    tag: 'Operators',
    operator: true,
    params: id,
    responses: { 204: { description: 'Removed.' }, ...errors(400, 404) },
  },
  {
    method: 'get',
    path: `${base}/:id/deliveries`,
    operationId: 'webhookDeliveries',
    summary: "An endpoint's recent deliveries, with every attempt",
    tag: 'Operators',
    operator: true,
    params: id,
    responses: { 200: { description: 'Newest first.', schema: WebhookDeliveryList }, ...errors(400, 404) },
  },
  {
    method: 'post',
    path: `${base}/:id/test`,
    operationId: 'testWebhook',
    summary: 'Send a ping to an endpoint now',
    description:
      'Sent even when the endpoint is disabled, so it can be checked before it is enabled. The answer is ' +
      'the delivery after its one attempt.',
    tag: 'Operators',
    operator: true,
    params: id,
    responses: {
      201: { description: 'The ping delivery, delivered or not.', schema: WebhookDelivery },
      ...errors(400, 404),
    },
  },
  {
    method: 'post',
    path: `${base}/:id/rotate-secret`,
    operationId: 'rotateWebhookSecret',
    summary: "Replace an endpoint's signing secret",
    description: 'The old secret stops signing at once.',
    tag: 'Operators',
    operator: true,
    params: id,
    responses: {
      200: { description: 'The endpoint with its new secret.', schema: WebhookWithSecret },
      ...errors(400, 404),
    },
  },
  {
    method: 'post',
    path: `${base}/:id/deliveries/:deliveryId/retry`,
    operationId: 'retryWebhookDelivery',
    summary: 'Attempt a delivery again now',
    tag: 'Operators',
    operator: true,
    params: z.object({ ...IdParam, deliveryId: WebhookDeliveryId }),
    responses: {
      200: { description: 'The delivery after this attempt.', schema: WebhookDelivery },
      ...errors(400, 404),
      409: { description: 'The endpoint is disabled (`webhook_disabled`): enable it, then retry.', schema: ErrorBody },
    },
  },
];
