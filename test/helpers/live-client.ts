import { expect } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, ServiceUpdate, SubscribeAck } from '../../shared/index.ts';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export function liveClient(url: string): LiveClient {
  return connect(url, { transports: ['websocket'], forceNew: true });
}

/**
 * A socket.io client subscribed to one service's room, collecting every update after the current
 * state (which the server sends at once on subscribing; `current` holds it).
 */
export async function subscribedClient(
  url: string,
  slug: string,
): Promise<{ socket: LiveClient; updates: ServiceUpdate[]; current: ServiceUpdate }> {
  const socket = liveClient(url);
  const updates: ServiceUpdate[] = [];
  socket.on('service:update', (u) => updates.push(u));
  const ack = await new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { slug }, resolve));
  expect(ack).toEqual({ ok: true });
  await expect.poll(() => updates.length, { timeout: 5_000 }).toBeGreaterThan(0);
  const current = updates.shift()!;
  return { socket, updates, current };
}
