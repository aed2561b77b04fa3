import type { Connection } from 'mongoose';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Models } from '../db/models.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { PlaceLookup } from '../regions/place-lookup.ts';
import type { Memory } from '../wiring/memory.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { rawClientAddress } from '../http/client-identity.ts';
import { LoadShedder } from '../http/load-shedder.ts';
import { FloodGuard } from '../limits/flood-guard.ts';
import { createReportAcceptor } from './accept-report.ts';
import { reportFastPath } from './report-fast-path.ts';
import { ReportIntake } from './report-intake.ts';
import { createReportWriter } from './report-writer.ts';

/**
 * A report's whole way in: the fast path before Express (and the acceptor Express's route
 * shares), the group-commit intake, and the writer that stores a batch once; the batch then
 * goes to memory once (series, regions, comments) and its services' pages are marked to follow.
 */
export function reportPath(deps: {
  config: Pick<Config, 'dedupeWindowMs' | 'reportsPerAddress' | 'shedLagMs' | 'trustProxy'>;
  conn: Connection;
  models: Models;
  clock: Clock;
  log: Logger;
  catalog: ServiceCatalog;
  salt: string;
  locate: PlaceLookup;
  metrics: ServerMetrics;
  memory: Pick<Memory, 'series' | 'regions' | 'comments'>;
  live: Pick<LiveHub, 'markDirty'>;
}) {
  const { config, clock, log } = deps;
  const { series, regions, comments } = deps.memory;
  const writer = createReportWriter({
    ...deps,
    dedupeWindowMs: config.dedupeWindowMs,
    reportsPerAddress: config.reportsPerAddress,
    appendComments: (list) => comments.append(list),
    // Memory takes the batch once; pages follow on the next live tick, counts a moment late at most.
    onStored: (stored) => {
      series.apply(stored);
      regions.apply(stored);
      for (const slug of new Set(stored.map((r) => r.service))) deps.live.markDirty(slug, { soon: true });
    },
  });
  const intake = new ReportIntake(writer.writeBatch, deps.metrics);
  // 20 reports in a burst, then one every 6 s per address: far beyond a person, well below a flood.
  const flood = new FloodGuard(20, 1 / 6_000);
  const acceptReport = createReportAcceptor({ catalog: deps.catalog, intake, clock, flood, locate: deps.locate });
  const shedder = new LoadShedder({ maxLagMs: config.shedLagMs });
  const fastPath = reportFastPath({
    acceptReport,
    salt: deps.salt,
    clientAddress: rawClientAddress(config.trustProxy),
    shedder,
    log,
    metrics: deps.metrics.reports,
  });
  return { writer, intake, acceptReport, shedder, fastPath };
}
