import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, ServiceUpdate } from '../../shared/index.ts';
import { SHARDS, shardRoom } from './rooms.ts';
import type { Logger } from '../logger.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Coalesced fan-out: writes only mark a service dirty; once a tick, each dirty service's
 * update is built once and sent to its whole room, however many reports or watchers there are,
 * shard by shard (rooms.ts). Two ticks a second: with one, a report acknowledged just after an
 * update waits a whole second for the next, and a large room takes a few hundred milliseconds
 * more to reach, which puts "from 201 to every screen" past a second.
 */
export class LiveHub {
  private dirty = new Set<string>();
  /** Dirty services whose counts or comments may have moved in another process: re-read before building. */
  private stale = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly deps: {
      io: LiveServer;
      /**
       * Re-reads what other processes wrote before building, so an update every process's
       * watchers receive is the database's truth; absent, updates are built from memory alone.
       */
      refresh?: (slugs: string[]) => Promise<void>;
      /** What readers see of this service is out of date; `soon`: it may stay so for a moment (counts). */
      changed: (slug: string, soon: boolean) => void;
      /** The service's live update, built once for its whole room; undefined once it left the catalog. */
      build: (slug: string) => ServiceUpdate | undefined;
      log: Logger;
      intervalMs?: number;
    },
  ) {}

  /**
   * `reread: false` when what changed is already in memory (a probe result, a verdict), so the
   * update needs no database read of counts and comments first. `soon` for report counts: on
   * outage day they change a thousand times a second, and readers may see them a moment late.
   */
  markDirty(slug: string, opts: { reread?: boolean; soon?: boolean } = {}): void {
    this.dirty.add(slug);
    this.deps.changed(slug, opts.soon === true);
    if (opts.reread !== false) this.stale.add(slug);
  }

  start(): void {
    // A failed tick is logged and the next one tries again: never an unhandled rejection.
    this.timer ??= setInterval(
      () => void this.tick().catch((err) => this.deps.log.error({ err }, 'live update tick failed')),
      this.deps.intervalMs ?? 500,
    );
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
    const stale = [...this.stale];
    this.dirty = new Set();
    this.stale = new Set();
    try {
      if (stale.length > 0 && this.deps.refresh) {
        await this.deps
          .refresh(stale)
          .catch((err) => this.deps.log.warn({ err }, 'live refresh failed; sending what memory holds'));
        stale.forEach((slug) => this.deps.changed(slug, true));
      }
      for (const slug of slugs) {
        const update = this.deps.build(slug);
        if (!update) continue;
        for (let shard = 0; shard < SHARDS; shard++) {
          this.deps.io.to(shardRoom(slug, shard)).emit('service:update', update);
          await new Promise((r) => setImmediate(r));
        }
      }
    } finally {
      this.ticking = false;
    }
  }
}
