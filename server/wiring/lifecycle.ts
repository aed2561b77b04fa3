import type http from 'node:http';
import type { Connection } from 'mongoose';
import type { LiveHub, LiveServer } from '../live/live-hub.ts';
import type { ProbeScheduler } from '../probes/probe-scheduler.ts';
import type { DetectionLoop } from '../incidents/detection-loop.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { EmailAlerts } from '../subscriptions/email-alerts.ts';
import type { ReportIntake } from '../reports/report-intake.ts';
import type { LoadShedder } from '../http/load-shedder.ts';
import type { Logger } from '../logger.ts';
import type { DatabaseHooks } from '../metrics/metric-hooks.ts';

/** Runs `task` every `ms`; a failure is handed to `onError` and the next run tries again. */
export function every(ms: number, task: () => Promise<void>, onError: (err: unknown) => void): NodeJS.Timeout {
  const timer = setInterval(() => void task().catch(onError), ms);
  timer.unref();
  return timer;
}

/** Re-reads other processes' writes every REFRESH_SECONDS; clears what expired every 5 minutes. */
export function periodic(deps: {
  refreshMs: number;
  refresh: () => Promise<void>;
  sweep: () => Promise<void>;
  log: Logger;
  metrics: { database: DatabaseHooks };
}): NodeJS.Timeout[] {
  const { log } = deps;
  return [
    every(deps.refreshMs, deps.refresh, (err) => {
      deps.metrics.database.failed('refresh', err);
      log.warn({ err }, 'periodic refresh failed');
    }),
    every(5 * 60_000, deps.sweep, (err) => log.warn({ err }, 'sweep failed')),
  ];
}

/**
 * The order things stop in: loops first (so nothing new starts), then the requests, letting
 * queued reports finish, and the database last. Safe to call twice; both wait for the one close.
 */
export function shutdown(parts: {
  timers: NodeJS.Timeout[];
  publicApi: { close(): void };
  live: LiveHub;
  prober: ProbeScheduler;
  detection: DetectionLoop;
  detectionReady: Promise<void>;
  webhooks: Webhooks;
  httpServer: http.Server;
  io: LiveServer;
  intake: ReportIntake;
  closeRedis: () => Promise<void>;
  shedder: LoadShedder;
  email: EmailAlerts;
  conn: Connection;
}): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      const p = parts;
      p.timers.forEach(clearInterval);
      p.publicApi.close();
      p.live.stop();
      await p.prober.stop();
      // Stopping first cuts short a history load still under way; the second stop waits for its tick.
      await p.detection.stop();
      await p.detectionReady;
      await p.detection.stop();
      await p.webhooks.stop();
      const httpClosed = new Promise<void>((resolve) => p.httpServer.close(() => resolve()));
      p.io.disconnectSockets(true);
      await p.intake.drain();
      p.httpServer.closeAllConnections();
      await httpClosed;
      p.io.close();
      await p.closeRedis();
      p.shedder.stop();
      await p.email.close();
      await p.conn.close();
    })());
}
