import { HOME_ROOM, SubscribeRequest, serviceRoom, type ServiceUpdate, type SubscribeAck } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { LiveServer } from './live-hub.ts';
import { shardOf, shardRoom } from './rooms.ts';

// A client may send anything as the last argument; only call it when it really is an ack.
const replier = (ack: unknown) => (res: SubscribeAck) => {
  if (typeof ack === 'function') ack(res);
};

/**
 * A browser joins the room of the service page it shows; nothing else is accepted. It is sent the
 * current update at once: a page rendered a moment ago (by the server, or before a reconnect)
 * would otherwise keep a verdict that changed in between until something else changes.
 */
export function handleSockets(
  io: LiveServer,
  deps: { catalog: ServiceCatalog; current?: (slug: string) => ServiceUpdate | undefined },
): void {
  io.on('connection', (socket) => {
    socket.on('subscribe', (raw, ack) => {
      const reply = replier(ack);
      const req = SubscribeRequest.safeParse(raw);
      if (!req.success) return reply({ ok: false, error: 'subscribe needs { slug }' });
      if (!deps.catalog.get(req.data.slug)) return reply({ ok: false, error: `unknown service "${req.data.slug}"` });
      void socket.join([serviceRoom(req.data.slug), shardRoom(req.data.slug, shardOf(socket.id))]);
      reply({ ok: true });
      const update = deps.current?.(req.data.slug);
      if (update) socket.emit('service:update', update);
    });
    socket.on('subscribe:home', (ack) => {
      void socket.join(HOME_ROOM);
      replier(ack)({ ok: true });
    });
    socket.on('unsubscribe:home', (ack) => {
      void socket.leave(HOME_ROOM);
      replier(ack)({ ok: true });
    });
    socket.on('unsubscribe', (raw, ack) => {
      const reply = replier(ack);
      const req = SubscribeRequest.safeParse(raw);
      if (!req.success) return reply({ ok: false, error: 'unsubscribe needs { slug }' });
      void socket.leave(serviceRoom(req.data.slug));
      void socket.leave(shardRoom(req.data.slug, shardOf(socket.id)));
      reply({ ok: true });
    });
  });
}
