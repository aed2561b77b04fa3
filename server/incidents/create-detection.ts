import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Models } from '../db/models.ts';
import { Lease } from '../db/lease.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { concentrationSince } from '../regions/concentration.ts';
import type { StatusFusion } from '../status/status-fusion.ts';
import type { VerdictCoordinator } from '../status/verdict-coordinator.ts';
import type { Memory } from '../wiring/memory.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { DetectionLoop } from './detection-loop.ts';

/** The detection loop on this process's memory; its decisions feed the verdict, its incidents are announced. */
export function createDetection(deps: {
  config: Pick<Config, 'detectTickMs' | 'incidentMinNetworks'>;
  models: Models;
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  memory: Memory;
  fusion: StatusFusion;
  verdicts: VerdictCoordinator;
  live: LiveHub;
  metrics: ServerMetrics;
}): DetectionLoop {
  const { config, models, clock, log, memory, fusion, verdicts } = deps;
  return new DetectionLoop({
    models,
    clock,
    log,
    // Three ticks without a renewal and another process takes over writing incidents.
    lease: new Lease(models, clock, 'detector', 3 * config.detectTickMs),
    catalog: deps.catalog,
    series: memory.series,
    maintenance: memory.maintenance,
    store: memory.incidentStore,
    book: memory.incidents,
    tickMs: config.detectTickMs,
    onIncident: (event, incident) => verdicts.announce(event, incident),
    onHistoryAppeared: (slug) => {
      memory.series.load([slug], clock.now()).then(
        () => deps.live.markDirty(slug),
        (err) => log.warn({ err }, 'series reload failed'),
      );
    },
    minNetworks: config.incidentMinNetworks,
    whereReasons: concentrationSince(memory.regions),
    onDecisions: (decisions, crowdKinds, reach) => {
      fusion.setCrowd(decisions, crowdKinds, reach);
      verdicts.fuseAll();
    },
    sharpenKind: (slug) => fusion.kindFor(slug),
    recoveries: (slug, now) => memory.recoveries.count(slug, now),
    metrics: deps.metrics.database,
  });
}
