import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Lease } from '../db/lease.ts';
import { duplicateIndexes, isDuplicateKey } from '../db/database-errors.ts';
import { collections } from '../db/collections.ts';
import { nextAttempt } from './retry-schedule.ts';
import type { OutgoingMessage, SendMail } from './smtp-sender.ts';

export type MailKind = 'confirm' | 'already-subscribed' | 'incident.opened' | 'incident.resolved';

export interface QueuedMail extends OutgoingMessage {
  _id: string;
  kind: MailKind;
  subscription: string;
  service: string;
  incident?: string;
}

const BATCH = 20;
/** What a mail no longer needs once it is done with: the body may hold a confirmation token. */
const BODY = { to: 1, subject: 1, text: 1, html: 1, headers: 1 } as const;
/** Sent mails' stubs are kept this long, so a duplicate event arriving late still collides. */
const KEEP_STUBS_MS = 30 * 24 * 3_600_000;

/**
 * Mail waits in MongoDB until sent, so a crash or an SMTP outage loses nothing. One process at a
 * time works the queue (the `mailer` lease); a failed send is tried again with backoff for a day.
 */
export class MailQueue {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = 0;

  constructor(private readonly deps: { models: Models; clock: Clock; log: Logger; lease: Lease; send: SendMail }) {}

  /** Stores mails, skipping those already stored (the same event from another process), and kicks the worker. */
  async enqueue(mails: QueuedMail[]): Promise<number> {
    if (!mails.length) return 0;
    const now = new Date(this.deps.clock.now());
    const docs = mails.map((m) => ({ ...m, state: 'queued', attempts: 0, nextAttemptAt: now, createdAt: now }));
    let stored = docs.length;
    try {
      await collections(this.deps.models).outgoingMails.insertMany(docs, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      stored -= duplicateIndexes(err).size;
    }
    this.kick();
    return stored;
  }

  /** Works the queue now (once more after the current pass, if one is running). */
  kick(): void {
    void this.tick().catch((err) => this.deps.log.warn({ err }, 'mail queue pass failed'));
  }

  /** One pass over what is due, while this process holds the lease. */
  tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => {});
    await this.deps.lease.release().catch(() => {});
  }

  private async pass(): Promise<void> {
    const { models, clock } = this.deps;
    for (;;) {
      if (!(await this.deps.lease.acquire())) return;
      const now = clock.now();
      const due = await models.OutgoingMail.find({ state: 'queued', nextAttemptAt: { $lte: new Date(now) } })
        .sort({ nextAttemptAt: 1 })
        .limit(BATCH)
        .lean();
      for (const mail of due) {
        // Renewed per mail: a slow relay must not let another process take over mid-batch and send twice.
        if (!(await this.deps.lease.acquire())) return;
        await this.deliver(mail as unknown as QueuedMail & { attempts: number; createdAt: Date });
      }
      if (now - this.lastSweep > 3_600_000) {
        this.lastSweep = now;
        await models.OutgoingMail.deleteMany({
          state: { $ne: 'queued' },
          createdAt: { $lt: new Date(now - KEEP_STUBS_MS) },
        });
        // Never confirmed: forgotten a week after the link expired (until then it still says "expired").
        await models.Subscription.deleteMany({
          state: 'pending',
          confirmExpiresAt: { $lt: new Date(now - 7 * 24 * 3_600_000) },
        });
      }
      if (due.length < BATCH) return;
    }
  }

  private async deliver(mail: QueuedMail & { attempts: number; createdAt: Date }): Promise<void> {
    const { models, clock, log } = this.deps;
    const sub = await models.Subscription.findById(mail.subscription, { state: 1 }).lean();
    // Unsubscribed since it was queued, or an alert for someone who never confirmed: not sent.
    const wanted = sub && (mail.kind === 'confirm' || mail.kind === 'already-subscribed' || sub.state === 'confirmed');
    if (!wanted) {
      await this.finish(mail._id, 'dropped');
      return;
    }
    try {
      await this.deps.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
      await this.finish(mail._id, 'sent');
    } catch (err) {
      const attempts = mail.attempts + 1;
      const at = nextAttempt(attempts, mail.createdAt.getTime(), clock.now());
      const reason = err instanceof Error ? err.message : String(err);
      log.warn({ err, mail: mail._id, attempts, retry: at ? new Date(at).toISOString() : 'given up' }, 'mail not sent');
      await models.OutgoingMail.updateOne(
        { _id: mail._id },
        at === undefined
          ? { $set: { state: 'failed', attempts, lastError: reason }, $unset: BODY }
          : { $set: { attempts, nextAttemptAt: new Date(at), lastError: reason } },
      );
    }
  }

  private async finish(id: string, state: 'sent' | 'dropped'): Promise<void> {
    await this.deps.models.OutgoingMail.updateOne(
      { _id: id },
      { $set: { state, sentAt: new Date(this.deps.clock.now()) }, $unset: BODY },
    );
  }
}
