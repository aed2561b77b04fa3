import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Lease } from '../db/lease.ts';
import type { WebhookEvent, WebhookStyle } from '../../shared/index.ts';
import { nextAttempt } from './backoff.ts';
import { renderBody } from './chat-styles.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';
import type { SendOptions, SendResult } from './webhook-sender.ts';
import { sendWebhook } from './webhook-sender.ts';
import { deliveryView, type WebhookStore } from './webhook-store.ts';
import type { WebhookDelivery } from '../../shared/index.ts';
import pLimit from 'p-limit';

export const DELIVER_TICK_MS = 2_000;
export const DELIVER_LEASE_TTL_MS = 30_000;
const LEASE_EVERY_MS = 5_000;
const SEND_TIMEOUT_MS = 10_000;
/** An attempt's claim outlasts its timeout, so a slow endpoint is never sent the same delivery twice at once. */
const CLAIM_MS = SEND_TIMEOUT_MS + 50_000;
const PER_TICK = 50;
const IN_FLIGHT = 8;

export interface DelivererDeps {
  store: WebhookStore;
  lease: Lease;
  clock: Clock;
  log: Logger;
  send: Omit<SendOptions, 'timeoutMs'>;
  random?: () => number;
  /** Before a tick looks for due deliveries: events still being stored. */
  settle?: () => Promise<void>;
}

/**
 * Sends due deliveries in the one process holding the `webhooks` lease, retrying failures with
 * backoff until 24 hours after the event. Operators' tests and retries are sent at once by
 * whichever process gets the request; the claim on each delivery keeps them from overlapping.
 */
export class WebhookDeliverer {
  private leader = false;
  private lastLeaseCheck = Number.NEGATIVE_INFINITY;
  /** Ticks run one after another. */
  private readonly oneAtATime = pLimit(1);
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: DelivererDeps) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(everyMs = DELIVER_TICK_MS): void {
    this.timer = setInterval(
      () => void this.tick().catch((err) => this.deps.log.warn({ err }, 'webhook tick failed')),
      everyMs,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.oneAtATime(() => undefined);
    if (this.leader) await this.deps.lease.release().catch(() => undefined);
  }

  /** Sends what is due; resolves once those attempts are recorded. Ticks run one after another. */
  tick(): Promise<void> {
    return this.oneAtATime(() => this.run());
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    const { clock, lease, log, store } = this.deps;
    await this.deps.settle?.();
    const now = clock.now();
    if (now - this.lastLeaseCheck >= LEASE_EVERY_MS || now < this.lastLeaseCheck) {
      this.lastLeaseCheck = now;
      const was = this.leader;
      this.leader = await lease.acquire().catch((err) => {
        log.warn({ err }, 'webhook lease check failed');
        return false;
      });
      if (this.leader && !was) log.info('this process now sends webhooks');
    }
    if (!this.leader) return;
    const ids = await store.due(now, PER_TICK);
    for (let i = 0; i < ids.length; i += IN_FLIGHT) {
      await Promise.all(
        ids
          .slice(i, i + IN_FLIGHT)
          .map((id) =>
            this.attempt(id).catch((err) => log.warn({ err, delivery: id }, 'webhook attempt failed to run')),
          ),
      );
    }
  }

  /** One attempt at a due delivery, if no one else holds it; the delivery as it then stands. */
  async attempt(id: string, opts: { evenIfDisabled?: boolean } = {}): Promise<WebhookDelivery | null> {
    const { clock, store, log } = this.deps;
    const at = clock.now();
    const d = await store.claim(id, at, CLAIM_MS);
    if (!d) return null;
    const hook = await store.get(d.webhook);
    if (!hook) {
      await store.fail(id, 'Not sent: the endpoint was deleted.');
      return null;
    }
    if (!hook.enabled && !opts.evenIfDisabled) {
      await store.fail(id, 'Not sent: the endpoint was disabled. Enable it and retry to send it.');
      return null;
    }
    const body = renderBody(hook.style as WebhookStyle, d.payload as WebhookEvent);
    const result: SendResult = await sendWebhook(
      hook.url,
      body,
      {
        [SIGNATURE_HEADER]: signatureHeader(hook.secret, body, Math.floor(at / 1000)),
        [EVENT_HEADER]: d.event,
        [DELIVERY_HEADER]: d._id,
      },
      { ...this.deps.send, timeoutMs: SEND_TIMEOUT_MS },
    );
    const failures = (d.attempts?.filter((a) => !a.ok).length ?? 0) + (result.ok ? 0 : 1);
    const doneAt = clock.now();
    const next = result.ok ? null : nextAttempt(failures, doneAt, d.giveUpAt.getTime(), this.deps.random);
    const outcome = result.ok
      ? { state: 'delivered' as const, nextAttemptAt: null }
      : next === null
        ? {
            state: 'failed' as const,
            nextAttemptAt: null,
            failure: giveUpWords(d.attempts.length + 1, d.createdAt.getTime(), doneAt, result),
          }
        : { state: 'pending' as const, nextAttemptAt: next };
    if (outcome.state === 'failed')
      log.warn({ delivery: id, webhook: d.webhook, event: d.event }, 'webhook delivery given up');
    const saved = await store.record(id, { ...result, at }, outcome);
    return saved && deliveryView(saved);
  }
}

function giveUpWords(attempts: number, createdAt: number, now: number, last: SendResult): string {
  const hours = Math.round((now - createdAt) / 3_600_000);
  const span = hours >= 1 ? ` over ${hours} hour${hours === 1 ? '' : 's'}` : '';
  return (
    `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}${span}. Last: ` +
    `${last.error ?? `HTTP ${last.httpStatus}`}`
  );
}
