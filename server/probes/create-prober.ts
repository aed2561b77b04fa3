import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Models } from '../db/models.ts';
import { Lease } from '../db/lease.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { Memory } from '../wiring/memory.ts';
import { PROBER_LEASE_TTL_MS, ProbeScheduler } from './probe-scheduler.ts';
import type { LookupAll } from './target-guard.ts';

/** The prober: runs probes and reads official pages while this process holds the `prober` lease. */
export function createProber(deps: {
  config: Pick<
    Config,
    'probeConcurrency' | 'probeTickMs' | 'officialPollMs' | 'officialTimeoutMs' | 'probeAllowPrivate'
  >;
  models: Models;
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  memory: Memory;
  metrics: ServerMetrics;
  lookup?: LookupAll;
  /** Results changed what these services show. */
  onResults: (slugs: string[]) => void;
}): ProbeScheduler {
  const { config, models, clock } = deps;
  return new ProbeScheduler({
    clock,
    log: deps.log,
    lease: new Lease(models, clock, 'prober', PROBER_LEASE_TTL_MS),
    catalog: deps.catalog,
    store: deps.memory.probeStore,
    book: deps.memory.checks,
    concurrency: config.probeConcurrency,
    tickMs: config.probeTickMs,
    officialEveryMs: config.officialPollMs,
    officialTimeoutMs: config.officialTimeoutMs,
    allowPrivate: config.probeAllowPrivate,
    ...(deps.lookup && { lookup: deps.lookup }),
    onResults: deps.onResults,
    metrics: deps.metrics.probes,
  });
}
