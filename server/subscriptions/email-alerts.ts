import type { Config } from '../config.ts';
import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { OutboundEvent } from '../notifications/outbound-events.ts';
import { Lease } from '../db/lease.ts';
import { MailQueue } from './mail-queue.ts';
import { SubscriptionStore } from './subscription-store.ts';
import { smtpSender } from './smtp-sender.ts';

/** How often the queue looks for due mail; new mail is sent at once by the process that queued it. */
const QUEUE_POLL_MS = 5_000;

export type EmailAlerts = ReturnType<typeof createEmailAlerts>;

/**
 * Visitors' email alerts. Without SMTP_URL nobody can subscribe and nothing is sent, but links
 * in mail sent earlier (confirm, unsubscribe) still work.
 */
export function createEmailAlerts(deps: {
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  models: Models;
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  /** The server's secret (the client-hash salt), under which unsubscribe links are signed. */
  secret: string;
  baseUrl: () => string;
}) {
  const { config, models, clock, log } = deps;
  const sender = config.smtpUrl ? smtpSender(config.smtpUrl, config.mailFrom) : undefined;
  const queue = new MailQueue({
    models,
    clock,
    log,
    lease: new Lease(models, clock, 'mailer', 60_000),
    send:
      sender?.send ??
      (() => {
        throw new Error('SMTP_URL is not set');
      }),
  });
  const book = new SubscriptionStore({
    models,
    clock,
    catalog: deps.catalog,
    queue,
    secret: deps.secret,
    baseUrl: deps.baseUrl,
  });
  return {
    enabled: sender !== undefined,
    book,
    queue,
    /** For `events.on`: queues the mails an incident causes; never throws (listeners run synchronously). */
    notify: (event: OutboundEvent) => {
      if (!sender) return;
      book.notify(event).catch((err) => log.warn({ err, event: event.key }, 'email alerts not queued'));
    },
    start: () => {
      if (sender) queue.start(QUEUE_POLL_MS);
    },
    close: async () => {
      await queue.stop();
      sender?.close();
    },
  };
}
