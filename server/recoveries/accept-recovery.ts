import type { Connection } from 'mongoose';
import { RecoveryRequest, type RecoveryResponse } from '../../shared/index.ts';
import { tooManyRequests } from '../errors.ts';
import { serviceIn } from '../services/service-param.ts';
import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ClientKeys } from '../http/client-identity.ts';
import { FloodGuard } from '../limits/flood-guard.ts';
import { createReportClaims } from '../reports/report-claims.ts';
import type { RecoveryTally } from './recovery-tally.ts';

/**
 * "It works again for me", counted under the reports' rules (reports/report-claims.ts): once per
 * person, service and dedupe window, a few per address, enforced by unique `_id`s across
 * processes. Its claims are its own kind (`recovered:<slug>`), so someone who reported the
 * problem and later says it is back counts in both. Stored directly, one round trip: a handful
 * arrive per incident, nothing a group commit would help.
 */
export function createRecoveryAcceptor(deps: {
  conn: Connection;
  models: Models;
  log: Logger;
  clock: Clock;
  catalog: ServiceCatalog;
  tally: RecoveryTally;
  dedupeWindowMs: number;
  perAddress: number;
  onCounted: (slug: string) => void;
}) {
  const claims = createReportClaims({
    conn: deps.conn,
    collection: collections(deps.models).recoveries,
    log: deps.log,
    windowMs: deps.dedupeWindowMs,
    perAddress: deps.perAddress,
  });
  // The reports' hot-path budget: far beyond a person, well below a flood.
  const flood = new FloodGuard(20, 1 / 6_000);

  return async function accept(slug: string, raw: unknown, client: ClientKeys): Promise<RecoveryResponse> {
    const service = serviceIn(deps.catalog, slug);
    RecoveryRequest.parse(raw ?? {});
    const now = deps.clock.now();
    const allowed = flood.take(client.address, now);
    if (!allowed.ok)
      throw tooManyRequests('Too many confirmations from here in a short time.', allowed.retryAfterSeconds);
    const item = { service: `recovered:${service.slug}`, clientHash: client.person, addressHash: client.address };
    const { stored } = await claims.store([item], now, (_, id) => ({
      _id: id,
      service: service.slug,
      clientHash: client.person,
      createdAt: new Date(now),
    }));
    if (!stored.has(0)) return { counted: false };
    deps.tally.add(service.slug, now);
    deps.onCounted(service.slug);
    return { counted: true };
  };
}

export type RecoveryAcceptor = ReturnType<typeof createRecoveryAcceptor>;
