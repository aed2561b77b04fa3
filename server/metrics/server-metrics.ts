import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isDatabaseError } from '../db/database-errors.ts';
import {
  REFUSAL_REASONS,
  type BatchHooks,
  type DatabaseHooks,
  type HttpHooks,
  type ProbeHooks,
} from './metric-hooks.ts';
import { ReportTally, type Tally } from './report-tally.ts';

const P = 'outage_radar_';

/** What is read at scrape time rather than updated as it changes. */
export interface MetricSources {
  /** The catalog's slugs: the only values the `service` label takes (besides "_unknown"). */
  services: () => readonly string[];
  isService: (slug: string) => boolean;
  /** Reports accepted and waiting for their batch. */
  queueDepth: () => number;
  /** socket.io connections to this process. */
  sockets: () => number;
  hasOpenIncident: (slug: string) => boolean;
}

/**
 * One registry per running server (tests run several in one process; prom-client's global
 * registry would mix them and refuse the second registration). Every value is this process's
 * own: behind a load balancer, scrape each process.
 */
export function createServerMetrics(src: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const tally = new ReportTally(src.isService);

  const reportCounter = (name: string, help: string, pick: (t: Tally) => number) =>
    new Counter({
      name: `${P}reports_${name}_total`,
      help,
      labelNames: ['service'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [service, t] of tally.rows(src.services())) this.inc({ service }, pick(t));
      },
    });
  reportCounter('received', 'Reports that reached the server, whatever became of them.', (t) => t.received);
  reportCounter('counted', 'Reports stored and counted (answered 201).', (t) => t.counted);
  reportCounter(
    'repeated',
    'Reports stored as repeats of one already counted this window (answered 200).',
    (t) => t.repeated,
  );
  new Counter({
    name: `${P}reports_refused_total`,
    help:
      'Reports not stored, by reason: invalid (4xx), rate_limited (429), shed (503, overloaded), unavailable ' +
      '(database), unknown_service (404).',
    labelNames: ['service', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [service, t] of tally.rows(src.services()))
        for (const reason of REFUSAL_REASONS) this.inc({ service, reason }, t.refused[reason]);
    },
  });

  const latency = new Histogram({
    name: `${P}report_ingest_seconds`,
    help: 'From a report accepted into the queue to the database acknowledging its batch.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: `${P}report_batch_size`,
    help: 'Reports per group commit the database acknowledged.',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers: [registry],
  });
  const batches: BatchHooks = {
    written(acceptedAt, doneAt) {
      batchSize.observe(acceptedAt.length);
      for (const at of acceptedAt) latency.observe((doneAt - at) / 1000);
    },
  };

  new Gauge({
    name: `${P}report_queue_depth`,
    help: 'Reports accepted and waiting for their batch (not those being written).',
    registers: [registry],
    collect() {
      this.set(src.queueDepth());
    },
  });
  new Gauge({
    name: `${P}sockets_connected`,
    help: 'socket.io connections to this process.',
    registers: [registry],
    collect() {
      this.set(src.sockets());
    },
  });
  new Gauge({
    name: `${P}open_incidents`,
    help: 'Whether the service has an open incident (1) or not (0); sum() for the total.',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      this.reset();
      for (const service of src.services()) this.set({ service }, src.hasOpenIncident(service) ? 1 : 0);
    },
  });

  const probeRuns = new Counter({
    name: `${P}probe_runs_total`,
    help: 'Probe runs by this process.',
    labelNames: ['service', 'kind'],
    registers: [registry],
  });
  const probeFailures = new Counter({
    name: `${P}probe_failures_total`,
    help: 'Probe runs that found the target failing.',
    labelNames: ['service', 'kind'],
    registers: [registry],
  });
  const officialReads = new Counter({
    name: `${P}official_reads_total`,
    help: 'Official status page reads.',
    labelNames: ['service'],
    registers: [registry],
  });
  const officialFailures = new Counter({
    name: `${P}official_failures_total`,
    help: 'Official status page reads that failed (unreachable, unreadable).',
    labelNames: ['service'],
    registers: [registry],
  });
  // Probes run only for catalog services, and a few times a minute: labels per call are fine here.
  const probes: ProbeHooks = {
    probeRun(service, kind, ok) {
      probeRuns.inc({ service, kind });
      if (!ok) probeFailures.inc({ service, kind });
    },
    officialRead(service, ok) {
      officialReads.inc({ service });
      if (!ok) officialFailures.inc({ service });
    },
  };

  const dbErrors = new Counter({
    name: `${P}database_errors_total`,
    help: 'Database errors caught, by where.',
    labelNames: ['operation'],
    registers: [registry],
  });
  for (const operation of ['report_batch', 'refresh', 'detection']) dbErrors.inc({ operation }, 0);
  const database: DatabaseHooks = {
    failed(operation, err) {
      if (isDatabaseError(err)) dbErrors.inc({ operation });
    },
  };

  const requests = new Counter({
    name: `${P}http_requests_total`,
    help:
      'Requests Express answered (reports and page reads answered before Express are not here), by route ' +
      'pattern and status.',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const http: HttpHooks = {
    answered(route, status) {
      requests.inc({ route, status: String(status) });
    },
  };

  return { registry, reports: tally, batches, probes, database, http };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
