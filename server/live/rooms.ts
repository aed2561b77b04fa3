import { serviceRoom } from '../../shared/index.ts';

/**
 * A service's viewers are also spread over a few shard rooms, so one update goes out shard by
 * shard with the event loop free in between: ten thousand sends in one go would hold it for a
 * third of a second, and reports and reads would wait that long (the load shedder would even
 * turn reports away). Rare events (incidents, stories) still go to the whole room at once.
 */
export const SHARDS = 8;

export function shardRoom(slug: string, shard: number): string {
  return `${serviceRoom(slug)}#${shard}`;
}

/** A socket's shard, from its id: even across processes, and fixed for the connection's life. */
export function shardOf(socketId: string): number {
  let h = 0;
  for (let i = 0; i < socketId.length; i++) h = (h * 31 + socketId.charCodeAt(i)) | 0;
  return Math.abs(h) % SHARDS;
}
