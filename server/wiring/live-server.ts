import { Server } from 'socket.io';
import { frontDoor } from '../http/front-door.ts';
import { LiveHub, type LiveServer } from '../live/live-hub.ts';
import { handleSockets } from '../live/socket-handlers.ts';
import { useRedisAdapter } from '../live/redis-adapter.ts';
import type { ServiceSnapshots } from '../services/service-snapshots.ts';
import type { State } from './state.ts';

/** The HTTP server, socket.io on it (shared through Redis when configured), and the live fan-out. */
export async function liveServer(state: State, snapshots: ServiceSnapshots) {
  const { config, log, clock, catalog } = state;
  const { series, comments, regions } = state.memory;
  const door = frontDoor();
  const io: LiveServer = new Server(door.server, { serveClient: false });
  const closeRedis = config.redisUrl ? await useRedisAdapter(io, config.redisUrl, log) : async () => {};
  const live = new LiveHub({
    io,
    log,
    // Only where processes share live updates: an update that every process's watchers receive
    // first takes in what the others stored. A lone process's own writes are in memory already.
    ...(config.redisUrl && {
      refresh: async (slugs: string[]) => {
        const now = clock.now();
        await Promise.all([
          series.refreshRecent(now, slugs),
          comments.refresh(slugs),
          regions.refreshRecent(now, slugs),
        ]);
      },
    }),
    changed: (slug, soon) => snapshots.invalidate(slug, { soon }),
    build: (slug) => snapshots.broadcast(slug),
  });
  handleSockets(io, { catalog, current: (slug) => snapshots.update(slug) });
  return { door, io, live, closeRedis };
}
