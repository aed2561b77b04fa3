import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { Service } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { OutboundEvent } from '../notifications/outbound-events.ts';
import { AppError } from '../errors.ts';
import { hashToken, newToken, readUnsubscribeToken, unsubscribeToken } from './tokens.ts';
import {
  alreadySubscribedMail,
  confirmationMail,
  incidentOpenedMail,
  incidentResolvedMail,
  type MailContent,
  type MailLinks,
} from './mail-templates.ts';
import type { MailKind, MailQueue, QueuedMail } from './mail-queue.ts';
import { HOUR_MS } from '../../shared/time.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

export const CONFIRM_TTL_MS = 48 * HOUR_MS;
/**
 * At most one "users report problems" mail per subscriber and service an hour: a flapping service is not a mail storm.
 */
export const ALERT_GAP_MS = HOUR_MS;

type Sub = { _id: Types.ObjectId; email: string; service: string };

/**
 * Visitors' subscriptions: double opt-in, one-click unsubscribe, and the mails incidents cause.
 * Mail is only queued here; the queue sends it.
 */
export class SubscriptionStore {
  constructor(
    private readonly deps: {
      models: Models;
      clock: Clock;
      catalog: ServiceCatalog;
      queue: MailQueue;
      /** The server's secret, under which unsubscribe tokens are signed. */
      secret: string;
      /** Absolute base of links in mail. */
      baseUrl: () => string;
    },
  ) {}

  /** Asks the address to confirm, or tells it it is subscribed already; the caller learns neither. */
  async subscribe(service: Service, email: string): Promise<void> {
    const { models, clock } = this.deps;
    const now = clock.now();
    const existing = await models.Subscription.findOne({ service: service.slug, email }, { state: 1 }).lean();
    if (existing?.state === 'confirmed') {
      const sub = { _id: existing._id, email, service: service.slug };
      await this.queue(
        'already-subscribed',
        `already:${randomUUID()}`,
        sub,
        alreadySubscribedMail(service.name, this.links(sub), service.slug),
      );
      return;
    }
    const token = newToken();
    const confirm = { confirmHash: hashToken(token), confirmExpiresAt: new Date(now + CONFIRM_TTL_MS) };
    let id = existing?._id;
    if (id) await models.Subscription.updateOne({ _id: id, state: 'pending' }, { $set: confirm });
    else {
      try {
        id = (
          await models.Subscription.create({
            service: service.slug,
            email,
            state: 'pending',
            createdAt: new Date(now),
            ...confirm,
          })
        )._id;
      } catch (err) {
        // The same address asked twice at once: the other request's mail covers it.
        if (isDuplicateKey(err)) return;
        throw err;
      }
    }
    const confirmUrl = `${this.deps.baseUrl()}/subscriptions/confirm?token=${token}`;
    await this.queue(
      'confirm',
      `confirm:${confirm.confirmHash.slice(0, 16)}`,
      { _id: id, email, service: service.slug },
      confirmationMail(service.name, confirmUrl),
    );
  }

  /** The service a confirmation link is for, to name it on the page; reads only (mail scanners open links). */
  async serviceOf(token: string): Promise<string | undefined> {
    const sub = await this.deps.models.Subscription.findOne({ confirmHash: hashToken(token) }, { service: 1 }).lean();
    return sub ? (this.deps.catalog.get(sub.service)?.name ?? sub.service) : undefined;
  }

  async confirm(token: string): Promise<{ service: string; serviceName: string }> {
    const { models, clock } = this.deps;
    const sub = await models.Subscription.findOne({ confirmHash: hashToken(token) }).lean();
    if (!sub)
      throw new AppError(
        404,
        'invalid_link',
        'This confirmation link is not valid any more: a newer one was sent, or the subscription was ' +
          'cancelled. Subscribe again from the service page.',
      );
    const answer = { service: sub.service, serviceName: this.deps.catalog.get(sub.service)?.name ?? sub.service };
    if (sub.state === 'confirmed') return answer;
    if (sub.confirmExpiresAt.getTime() < clock.now()) {
      throw new AppError(
        410,
        'link_expired',
        'This confirmation link has expired: links work for 48 hours. Subscribe again from the service ' +
          'page to get a new one.',
      );
    }
    await models.Subscription.updateOne(
      { _id: sub._id, state: 'pending' },
      { $set: { state: 'confirmed', confirmedAt: new Date(clock.now()) } },
    );
    return answer;
  }

  /** Idempotent: a second click, or a mail provider's one-click POST after the person's, is fine. */
  async unsubscribe(token: string): Promise<void> {
    const id = readUnsubscribeToken(this.deps.secret, token);
    if (!id)
      throw new AppError(
        400,
        'invalid_link',
        'This unsubscribe link is not one of ours. Use the link at the bottom of one of our emails.',
      );
    await this.deps.models.Subscription.deleteOne({ _id: id });
  }

  /** Turns an incident opening or resolving into one queued mail per subscriber who should hear of it. */
  async notify(event: OutboundEvent): Promise<number> {
    if (event.type !== 'incident.opened' && event.type !== 'incident.resolved') return 0;
    const service = this.deps.catalog.get(event.service);
    if (!service) return 0;
    const subs =
      event.type === 'incident.opened'
        ? await this.claimAlerts(service.slug, event.key)
        : await this.toldOf(event.incident.id);
    const render = event.type === 'incident.opened' ? incidentOpenedMail : incidentResolvedMail;
    const mails = subs.map((sub) =>
      this.mail(
        event.type as MailKind,
        event.key,
        sub,
        render(service.name, event.incident, this.links(sub)),
        event.incident.id,
      ),
    );
    return this.deps.queue.enqueue(mails);
  }

  /**
   * Confirmed subscribers not alerted in the last hour, stamped with this event's key. Another
   * process handling the same event finds the same stamp, and its mails collide on their ids.
   */
  private async claimAlerts(service: string, key: string): Promise<Sub[]> {
    const { models, clock } = this.deps;
    const now = clock.now();
    await models.Subscription.updateMany(
      {
        service,
        state: 'confirmed',
        $or: [{ alertedAt: { $exists: false } }, { alertedAt: { $lt: new Date(now - ALERT_GAP_MS) } }],
      },
      { $set: { alertedAt: new Date(now), alertKey: key } },
    );
    return models.Subscription.find({ service, state: 'confirmed', alertKey: key }, { email: 1, service: 1 }).lean();
  }

  /** Those who were told the incident opened hear that it resolved; nobody else does. */
  private async toldOf(incident: string): Promise<Sub[]> {
    const { models } = this.deps;
    const told = await models.OutgoingMail.find(
      { incident, kind: 'incident.opened', state: { $in: ['queued', 'sent'] } },
      { subscription: 1 },
    ).lean();
    if (!told.length) return [];
    return models.Subscription.find(
      { _id: { $in: told.map((m) => m.subscription) }, state: 'confirmed' },
      { email: 1, service: 1 },
    ).lean();
  }

  private links(sub: Sub): MailLinks {
    const base = this.deps.baseUrl();
    return {
      base,
      unsubscribe: `${base}/api/subscriptions/unsubscribe?token=${unsubscribeToken(this.deps.secret, String(sub._id))}`,
    };
  }

  private mail(kind: MailKind, key: string, sub: Sub, content: MailContent, incident?: string): QueuedMail {
    return {
      _id: `${String(sub._id)}:${key}`,
      kind,
      subscription: String(sub._id),
      service: sub.service,
      ...(incident ? { incident } : {}),
      to: sub.email,
      ...content,
      // RFC 8058: mail providers show an unsubscribe button that POSTs to this URL.
      headers: {
        'List-Unsubscribe': `<${this.links(sub).unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  private queue(kind: MailKind, key: string, sub: Sub, content: MailContent): Promise<number> {
    return this.deps.queue.enqueue([this.mail(kind, key, sub, content)]);
  }
}
