import type { Server } from 'socket.io';
import { serviceRoom, type ClientToServerEvents, type ServerToClientEvents, type ServiceUpdate } from '../../shared/index.ts';
import type { Logger } from '../logger.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Coalesced fan-out: writes only mark a service dirty; once a tick, each dirty service's
 * update is built once and sent to its whole room, however many reports or watchers there are.
 */
export class LiveHub {
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly deps: {
      io: LiveServer;
      /** Re-reads what other processes wrote before building, so the update is the database's truth. */
      refresh: (slugs: string[]) => Promise<void>;
      build: (slug: string) => ServiceUpdate;
      log: Logger;
      intervalMs?: number;
    },
  ) {}

  markDirty(slug: string): void {
    this.dirty.add(slug);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.deps.intervalMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async tick(): Promise<void> {
    if (this.ticking || this.dirty.size === 0) return;
    this.ticking = true;
    const slugs = [...this.dirty];
    this.dirty = new Set();
    try {
      await this.deps.refresh(slugs).catch((err) => this.deps.log.warn({ err }, 'live refresh failed; sending what memory holds'));
      for (const slug of slugs) this.deps.io.to(serviceRoom(slug)).emit('service:update', this.deps.build(slug));
    } finally {
      this.ticking = false;
    }
  }
}
