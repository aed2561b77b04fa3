import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Incident, ServerToClientEvents, ServiceUpdate } from '../../../shared/index.ts';

export type LiveState = 'connecting' | 'live' | 'offline';

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

function connection() {
  socket ??= io({ transports: ['websocket', 'polling'] });
  return socket;
}

/**
 * Follows one service's room. After every (re)connect it subscribes again and calls
 * `onResync`, so the page can refetch what it missed while offline.
 */
export function followService(
  slug: string,
  handlers: {
    onUpdate: (u: ServiceUpdate) => void;
    onState: (s: LiveState) => void;
    onResync: () => void;
    /** Stories were added, hidden or restored: the list shown should be fetched again. */
    onStoriesChanged?: () => void;
    /** An incident of this service opened, changed or resolved. */
    onIncident?: (incident: Incident) => void;
  },
): () => void {
  const s = connection();
  const subscribe = () => {
    s.emit('subscribe', { slug }, (ack) => {
      if (ack.ok) handlers.onState('live');
    });
  };
  let connectedBefore = s.connected;
  const onConnect = () => {
    subscribe();
    if (connectedBefore) handlers.onResync();
    connectedBefore = true;
  };
  const onDisconnect = () => handlers.onState('offline');
  const onUpdate = (u: ServiceUpdate) => {
    if (u.slug === slug) handlers.onUpdate(u);
  };
  const onStoriesChanged = (change: { slug: string }) => {
    if (change.slug === slug) handlers.onStoriesChanged?.();
  };
  const onIncident = (incident: Incident) => {
    if (incident.service === slug) handlers.onIncident?.(incident);
  };
  s.on('connect', onConnect);
  s.on('disconnect', onDisconnect);
  s.on('service:update', onUpdate);
  s.on('stories:changed', onStoriesChanged);
  for (const event of INCIDENT_EVENTS) s.on(event, onIncident);
  handlers.onState(s.connected ? 'live' : 'connecting');
  if (s.connected) subscribe();
  return () => {
    s.emit('unsubscribe', { slug });
    s.off('connect', onConnect);
    s.off('disconnect', onDisconnect);
    s.off('service:update', onUpdate);
    s.off('stories:changed', onStoriesChanged);
    for (const event of INCIDENT_EVENTS) s.off(event, onIncident);
  };
}

const INCIDENT_EVENTS = ['incident:opened', 'incident:updated', 'incident:resolved'] as const;

/** The home page: every service's incidents as they open and close (and a resync after reconnecting). */
export function followHome(onChange: () => void): () => void {
  const s = connection();
  const subscribe = () => s.emit('subscribe:home');
  const onConnect = () => {
    subscribe();
    onChange();
  };
  s.on('connect', onConnect);
  for (const event of INCIDENT_EVENTS) s.on(event, onChange);
  if (s.connected) subscribe();
  return () => {
    s.emit('unsubscribe:home');
    s.off('connect', onConnect);
    for (const event of INCIDENT_EVENTS) s.off(event, onChange);
  };
}
