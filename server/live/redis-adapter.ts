import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { LiveServer } from './live-hub.ts';
import type { Logger } from '../logger.ts';

/** Lets several server processes share rooms, so a report on one reaches watchers on all. */
export async function useRedisAdapter(io: LiveServer, url: string, log: Logger): Promise<() => Promise<void>> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err) => log.warn({ err }, 'redis error'));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  log.info('live updates shared through Redis');
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
