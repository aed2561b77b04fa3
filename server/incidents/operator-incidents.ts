import type { Incident, IncidentOpenRequest } from '../../shared/index.ts';
import { IncidentOpenRequest as OpenRequest } from '../../shared/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { IncidentStore } from './incident-store.ts';

const NO_EVIDENCE = { windowMinutes: 0, observed: 0, expected: 0, ratio: 0, pValue: 1 };

export const alreadyResolved = () => new AppError(409, 'already_resolved', 'That incident is already resolved.');

/**
 * What operators do to incidents by hand: open one, and close one. Each returns the incident to
 * announce; the caller tells the page, the sockets and the outbound events (start.ts `announce`).
 */
export function operatorIncidents(deps: { store: IncidentStore; now: () => number }) {
  /** Opens an incident on the operator's word, with its first timeline entry; 409 if one is open already. */
  async function open(
    service: { slug: string; name: string },
    raw: IncidentOpenRequest | unknown,
    author: string,
  ): Promise<Incident> {
    const body = OpenRequest.parse(raw);
    const now = deps.now();
    const result = await deps.store.openNew({
      service: service.slug,
      kind: body.kind,
      origin: 'operator',
      title: body.title,
      phase: 'ongoing',
      startedAt: now,
      openedAt: now,
      reasons: [body.title],
      trigger: NO_EVIDENCE,
      peak: { ...NO_EVIDENCE, at: now },
      topProblems: [],
      updates: [{ status: body.status, body: body.body, author, at: now }],
    });
    if (!result.created) {
      const id = result.incident ? ` (${result.incident.id})` : '';
      throw new AppError(
        409,
        'incident_open',
        `${service.name} already has an open incident${id}: post an update to it, or resolve it first.`,
      );
    }
    return result.incident;
  }

  /** Closes an open incident, the note in its timeline; 404 unknown, 409 already resolved. */
  async function resolve(id: string, author: string, body?: string): Promise<Incident> {
    const note = {
      status: 'resolved',
      body: body ?? 'Resolved by the operators: the service works normally again.',
      author,
    };
    const resolved = await deps.store.resolve(id, deps.now(), author, note);
    if (resolved) return resolved;
    if (!(await deps.store.get(id))) throw notFound('That incident');
    throw alreadyResolved();
  }

  return { open, resolve };
}

export type OperatorIncidents = ReturnType<typeof operatorIncidents>;
