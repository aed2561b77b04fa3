import express, { Router, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ConfirmRequest,
  EmailSubscribeRequest,
  SubscriptionToken,
  type ConfirmResponse,
  type EmailSubscribeResponse,
  type SiteInfo,
  type UnsubscribeResponse,
} from '../../shared/index.ts';
import { AppError } from '../errors.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { RateLimiter } from '../limits/rate-limiter.ts';
import type { ClientOf } from '../http/client-identity.ts';
import { errorResponse } from '../http/error-handler.ts';
import type { Logger } from '../logger.ts';
import type { EmailAlerts } from './email-alerts.ts';
import { confirmedPage, confirmPage, problemPage, unsubscribedPage, unsubscribePage } from './subscription-pages.ts';
import { lookUpServiceParam, serviceOf } from '../services/service-param.ts';

const TokenQuery = z.object({ token: SubscriptionToken });

/** A person's browser (the pages' forms) gets a page back; scripts and mail providers get JSON. */
const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';

/** Runs an action; for a browser, its result or its error becomes a page instead of JSON. */
async function answer(
  req: Request,
  res: Response,
  log: Logger,
  run: () => Promise<{ json: unknown; html: string }>,
): Promise<void> {
  if (!wantsHtml(req)) {
    res.json((await run()).json);
    return;
  }
  try {
    res.type('html').send((await run()).html);
  } catch (err) {
    const { status, body } = errorResponse(err, log, { method: req.method, url: req.originalUrl });
    res
      .status(status)
      .type('html')
      .send(
        problemPage(
          body.error.fields?.token?.[0] ? `The link is broken: ${body.error.fields.token[0]}.` : body.error.message,
        ),
      );
  }
}

const unavailable = () => new AppError(404, 'email_unavailable', 'Email alerts are not set up on this site.');

export function subscriptionsRoutes(deps: {
  /** Without SMTP_URL (`enabled` false) nobody can subscribe; links from earlier mail still work. */
  email: Pick<EmailAlerts, 'enabled' | 'book'>;
  catalog: ServiceCatalog;
  limiter: RateLimiter;
  clientOf: ClientOf;
  log: Logger;
}): Router {
  const router = Router();
  lookUpServiceParam(router, deps.catalog);
  const forms = express.urlencoded({ extended: false, limit: '2kb' });
  const { book, enabled } = deps.email;

  router.get('/api/site', (_req, res) => {
    res.json({ email: enabled } satisfies SiteInfo);
  });

  router.post('/api/services/:slug/subscriptions', async (req, res) => {
    if (!enabled) throw unavailable();
    const service = serviceOf(res);
    const { email } = EmailSubscribeRequest.parse(req.body);
    await deps.limiter.consume('subscribe', deps.clientOf(req).address);
    await deps.limiter.consume('subscribeMail', createHash('sha256').update(`email:${email}`).digest('hex'));
    await book.subscribe(service, email);
    res.status(202).json({ pending: true } satisfies EmailSubscribeResponse);
  });

  // GET only shows a button: mail scanners fetch links, and fetching must not confirm.
  router.get('/subscriptions/confirm', async (req, res) => {
    const token = TokenQuery.safeParse(req.query);
    const name = token.success ? await book.serviceOf(token.data.token) : undefined;
    res.set('Cache-Control', 'no-store').type('html');
    if (!token.success)
      res
        .status(400)
        .send(problemPage('This confirmation link is broken. Copy the whole link from the email, or subscribe again.'));
    else if (!name)
      res
        .status(404)
        .send(
          problemPage(
            'This confirmation link is not valid any more: a newer one was sent, or the subscription was ' +
              'cancelled. Subscribe again from the service page.',
          ),
        );
    else res.send(confirmPage(token.data.token, name));
  });

  router.post('/api/subscriptions/confirm', forms, (req, res) =>
    answer(req, res, deps.log, async () => {
      const { token } = ConfirmRequest.parse(req.body);
      const done = await book.confirm(token);
      return {
        json: { confirmed: true, ...done } satisfies ConfirmResponse,
        html: confirmedPage(done.serviceName, done.service),
      };
    }),
  );

  router.get('/api/subscriptions/unsubscribe', (req, res) => {
    const token = TokenQuery.safeParse(req.query);
    res.set('Cache-Control', 'no-store').type('html');
    if (!token.success)
      res.status(400).send(problemPage('This unsubscribe link is broken. Copy the whole link from the email.'));
    else res.send(unsubscribePage(token.data.token));
  });

  // RFC 8058 one-click: the token is in the URL, the body is `List-Unsubscribe=One-Click`.
  router.post('/api/subscriptions/unsubscribe', forms, (req, res) =>
    answer(req, res, deps.log, async () => {
      const { token } = TokenQuery.parse(req.query);
      await book.unsubscribe(token);
      return { json: { unsubscribed: true } satisfies UnsubscribeResponse, html: unsubscribedPage() };
    }),
  );

  return router;
}
