import { EventEmitter } from 'node:events';
import type { Incident, Status, StatusLevel } from '../../shared/index.ts';

/**
 * What the outside world is told about (webhooks, email, feeds): incidents opening, changing and
 * resolving, and a service's verdict moving to another level.
 *
 * Every process emits these for what it sees, so with several processes the same event can be
 * emitted more than once: `key` is the same for the same event everywhere, and whoever stores a
 * delivery uses it as the id, so duplicates collapse in the database.
 */
export type OutboundEvent =
  | {
      type: 'incident.opened' | 'incident.updated' | 'incident.resolved';
      key: string;
      service: string;
      at: string;
      incident: Incident;
    }
  | { type: 'verdict.changed'; key: string; service: string; at: string; status: Status; previous: StatusLevel };

export type OutboundEventType = OutboundEvent['type'];
export const OUTBOUND_EVENT_TYPES = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'verdict.changed',
] as const satisfies readonly OutboundEventType[];

/** A typed emitter; listeners run synchronously, so they only queue work and never throw. */
export class OutboundEvents {
  private readonly emitter = new EventEmitter();

  on(listener: (event: OutboundEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  emit(event: OutboundEvent): void {
    this.emitter.emit('event', event);
  }

  /** An incident event; the key names the incident's state at this moment (its last update, its resolution). */
  incident(type: 'incident.opened' | 'incident.updated' | 'incident.resolved', incident: Incident, at: string): void {
    const version =
      type === 'incident.opened'
        ? 'opened'
        : type === 'incident.resolved'
          ? 'resolved'
          : `${incident.updates.at(-1)?.id ?? 'none'}:${incident.kind}${incident.official ? ':official' : ''}`;
    this.emit({ type, key: `${type}:${incident.id}:${version}`, service: incident.service, at, incident });
  }

  /** A level change; `since` makes the key the same in every process that saw the same change. */
  verdict(service: string, status: Status, previous: StatusLevel): void {
    this.emit({
      type: 'verdict.changed',
      key: `verdict.changed:${service}:${previous}->${status.level}:${status.since}`,
      service,
      at: status.since,
      status,
      previous,
    });
  }
}
