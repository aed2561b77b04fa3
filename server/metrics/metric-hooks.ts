/**
 * What the instrumented modules see of the metrics: a few narrow calls, each with a no-op
 * default so a module built without metrics (unit tests, tools) needs nothing. The prom-client
 * side lives in server-metrics.ts; these files never import it.
 */

/** Why a report was not stored; a fixed set, so it is safe as a label. */
export type RefusalReason = 'invalid' | 'rate_limited' | 'shed' | 'unavailable' | 'unknown_service';
export const REFUSAL_REASONS: readonly RefusalReason[] = [
  'invalid',
  'rate_limited',
  'shed',
  'unavailable',
  'unknown_service',
];

/** Called once per report on the hot path: implementations must not allocate. */
export interface ReportHooks {
  stored(slug: string, counted: boolean): void;
  refused(slug: string, reason: RefusalReason): void;
}

/** A group commit of reports the database acknowledged: when each of its reports was accepted (performance.now()). */
export interface BatchHooks {
  written(acceptedAt: readonly number[], doneAt: number): void;
}

export interface ProbeHooks {
  probeRun(slug: string, kind: string, ok: boolean): void;
  officialRead(slug: string, ok: boolean): void;
}

/** Where a database error was caught; a fixed set. */
export type DatabaseOperation = 'report_batch' | 'refresh' | 'detection';

export interface DatabaseHooks {
  /** Counts `err` if it is the database's (a bug elsewhere is not a database error). */
  failed(operation: DatabaseOperation, err: unknown): void;
}

export interface HttpHooks {
  answered(route: string, status: number): void;
}

const nothing = () => undefined;
export const noReportHooks: ReportHooks = { stored: nothing, refused: nothing };
export const noBatchHooks: BatchHooks = { written: nothing };
export const noProbeHooks: ProbeHooks = { probeRun: nothing, officialRead: nothing };
export const noDatabaseHooks: DatabaseHooks = { failed: nothing };
