import type http from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import type { Models } from '../db/models.ts';
import type { MergedCatalog } from '../catalog/catalog-file.ts';
import type { ServiceInput } from '../../shared/index.ts';
import type { AdminUsers } from '../admin/admin-users.ts';
import type { LookupAll } from '../probes/target-guard.ts';
import type { LiveHub, LiveServer } from '../live/live-hub.ts';
import type { DetectionLoop } from '../incidents/detection-loop.ts';
import type { ProbeScheduler } from '../probes/probe-scheduler.ts';
import type { StatusFusion } from '../status/status-fusion.ts';
import type { OutboundEvents } from '../notifications/outbound-events.ts';
import type { EmailAlerts } from '../subscriptions/email-alerts.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';

export interface StartOptions {
  config: Config;
  log: Logger;
  mongodbUri: string;
  clock?: Clock;
  clientDistDir?: string;
  /**
   * The catalog to seed, already merged with CATALOG_FILE (main.ts reads the file once, before the database starts).
   */
  catalog?: MergedCatalog;
  /** Or the services to seed, with CATALOG_FILE merged over them here; tests pass their own. */
  services?: ServiceInput[];
  /** Name resolution for probe targets; the system resolver by default. */
  probeLookup?: LookupAll;
  /** Operators; by default from config (ADMIN_USERS). */
  adminUsers?: AdminUsers;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** The Express app behind httpServer (what the hot reads before it leave); tests read its routes. */
  app: Express;
  io: LiveServer;
  live: LiveHub;
  models: Models;
  detection: DetectionLoop;
  /** Runs probes and reads official pages while this process holds the `prober` lease. */
  prober: ProbeScheduler;
  fusion: StatusFusion;
  /** Incidents and verdict changes, for whatever tells the outside world (webhooks, email). */
  events: OutboundEvents;
  /** Visitors' email subscriptions and the mail queue. */
  email: EmailAlerts;
  /** Operators' endpoints; tests drive `webhooks.deliverer.tick()` with their clock. */
  webhooks: Webhooks;
  /** Re-reads what other processes wrote (counts, catalog, checks, maintenance) now, as the refresh timer does. */
  refresh(): Promise<void>;
  /** Clears what expired (old claim windows, rate counters, sessions) now, as the sweep timer does. */
  sweep(): Promise<void>;
  /** Resolves once every service's history is learnt and detection runs. */
  detectionReady: Promise<void>;
  close(): Promise<void>;
}
