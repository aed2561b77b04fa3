import { z } from 'zod';
import {
  ConfirmRequest,
  ConfirmResponse,
  EmailSubscribeRequest,
  EmailSubscribeResponse,
  ErrorBody,
  SiteInfo,
  SubscriptionToken,
  UnsubscribeResponse,
} from '../../shared/index.ts';
import { errors, SlugParam, type ApiOperation } from '../openapi/api-operation.ts';

const FORM = 'application/x-www-form-urlencoded';
const page = (what: string) => ({ description: what, schema: z.string(), contentType: 'text/html' });
const token = z.object({ token: SubscriptionToken });

export const subscriptionsApi: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/site',
    operationId: 'siteInfo',
    summary: 'What this site offers',
    description: '`email`: whether people can subscribe to email alerts here (the server has SMTP_URL).',
    tag: 'Meta',
    responses: { 200: { description: 'What depends on configuration.', schema: SiteInfo } },
  },
  {
    method: 'post',
    path: '/api/services/:slug/subscriptions',
    operationId: 'subscribe',
    summary: 'Email me when this service has problems',
    description:
      'Mails a confirmation link (double opt-in); nothing is sent about the service until it is followed. ' +
      'The answer is the same whether or not the address was subscribed already. ' +
      'Limited per address asking and per email address (at most 3 mails a day to one address).',
    tag: 'Subscriptions',
    params: z.object(SlugParam),
    body: EmailSubscribeRequest,
    responses: {
      202: { description: 'A confirmation mail is on its way.', schema: EmailSubscribeResponse },
      ...errors(400, 429),
      404: {
        description: 'No such service, or email alerts are not set up on this site (`email_unavailable`).',
        schema: ErrorBody,
      },
    },
  },
  {
    method: 'post',
    path: '/api/subscriptions/confirm',
    operationId: 'confirmSubscription',
    summary: 'Confirm a subscription with the token from its mail',
    description:
      "The confirmation page's button posts a form and gets a page back (Accept: text/html), errors " +
      'included; scripts send JSON and get JSON. Confirming twice is fine.',
    tag: 'Subscriptions',
    body: ConfirmRequest,
    bodyTypes: ['application/json', FORM],
    responses: {
      200: { description: 'Confirmed.', schema: ConfirmResponse, alternatives: { 'text/html': z.string() } },
      ...errors(400),
      404: {
        description: 'Not a current link (`invalid_link`): a newer one was sent, or the subscription was cancelled.',
        schema: ErrorBody,
      },
      410: { description: 'The link is older than 48 hours (`link_expired`): subscribe again.', schema: ErrorBody },
    },
  },
  {
    method: 'get',
    path: '/api/subscriptions/unsubscribe',
    operationId: 'unsubscribePage',
    summary: "The page an email's unsubscribe link opens",
    description: 'Only shows a button that POSTs here: mail scanners fetch links, and fetching must not unsubscribe.',
    tag: 'Subscriptions',
    query: token,
    responses: { 200: page('A page with an Unsubscribe button.'), 400: page('A page saying the link is broken.') },
  },
  {
    method: 'post',
    path: '/api/subscriptions/unsubscribe',
    operationId: 'unsubscribe',
    summary: 'Unsubscribe (RFC 8058 one-click)',
    description:
      "The token is in the URL, as in the mail's List-Unsubscribe header. Idempotent. A browser's form " +
      'post gets a page back (Accept: text/html).',
    tag: 'Subscriptions',
    query: token,
    body: z.object({
      'List-Unsubscribe': z.literal('One-Click').describe('What mail providers send (RFC 8058); not needed.'),
    }),
    bodyOptional: true,
    bodyTypes: [FORM],
    responses: {
      200: {
        description: 'Unsubscribed (or was already).',
        schema: UnsubscribeResponse,
        alternatives: { 'text/html': z.string() },
      },
      400: { description: 'The token is not one of ours (`invalid_link`, or `fields.token`).', schema: ErrorBody },
    },
  },
];
