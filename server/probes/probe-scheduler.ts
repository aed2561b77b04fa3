// Longer than 300 lines on purpose: when probes run, the lease, the concurrency limit and the
// batched writes share one set of due times; apart, each would need the others' state.
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Lease } from '../db/lease.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { OfficialSource, OfficialStatus, ProbeDefinition } from '../../shared/index.ts';
import { GroupCommit } from '../common/group-commit.ts';
import { fetchOfficial } from '../status/official/fetch-official.ts';
import { runProbe } from './probe-registry.ts';
import type { LookupAll } from './target-guard.ts';
import type { ProbeOutcome, ProbeStore, StoredOfficial } from './probe-store.ts';
import { officialSig, probeSig, type ChecksBook } from './checks-book.ts';
import { noProbeHooks, type ProbeHooks } from '../metrics/metric-hooks.ts';
import pLimit, { type LimitFunction } from 'p-limit';
import { untilAborted } from '../common/until-aborted.ts';

/** Each run lands within ±10% of its interval, so probes started together drift apart. */
const JITTER = 0.1;
/** Probes seen for the first time start within this long (or their interval, if shorter), spread out. */
const FIRST_RUN_SPREAD_MS = 15_000;
/** How often the lease is renewed or tried; it lasts LEASE_TTL_MS. */
const LEASE_EVERY_MS = 5_000;
export const PROBER_LEASE_TTL_MS = 30_000;
const WRITE_TIMEOUT_MS = 30_000;
/** An unchanged probe's latest result is written at most this often; a change of state at once. */
const LATEST_EVERY_MS = 30_000;
/** Operational components beyond this are dropped from a stored page (Cloudflare lists hundreds of data centres). */
const MAX_OPERATIONAL_COMPONENTS = 60;

interface Scheduled<T> {
  slug: string;
  what: T;
  sig: string;
  nextAt: number;
  busy: boolean;
}

export interface ProbeSchedulerDeps {
  clock: Clock;
  log: Logger;
  lease: Lease;
  catalog: ServiceCatalog;
  store: ProbeStore;
  book: ChecksBook;
  /** Probes and page reads in flight at once. */
  concurrency: number;
  tickMs: number;
  officialEveryMs: number;
  officialTimeoutMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll;
  random?: () => number;
  /** After results of these services are stored (and noted in the book). */
  onResults: (slugs: string[]) => void;
  metrics?: ProbeHooks;
}

/**
 * Runs every service's probes on their own intervals and reads official status pages, in the
 * one process holding the `prober` lease. A tick finds what is due and starts it, at most
 * `concurrency` at a time; results are written in group commits (a quiet prober writes each at
 * once, a busy one many per round trip) and then noted in memory, so the verdict moves at once.
 */
export class ProbeScheduler {
  private leader = false;
  private lastLeaseCheck = Number.NEGATIVE_INFINITY;
  private readonly probes = new Map<string, Scheduled<ProbeDefinition>>();
  /** When each probe's latest result was last written (see LATEST_EVERY_MS). */
  private readonly persistedAt = new Map<string, number>();
  private readonly officials = new Map<string, Scheduled<OfficialSource>>();
  private readonly slots: LimitFunction;
  private readonly inflight = new Set<Promise<void>>();
  private dispatching: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly writer: GroupCommit<ProbeOutcome, void>;
  private readonly random: () => number;
  /** Runs finished since start, for benchmarks and logs. */
  runs = 0;

  constructor(private readonly deps: ProbeSchedulerDeps) {
    this.random = deps.random ?? Math.random;
    this.slots = pLimit(deps.concurrency);
    this.writer = new GroupCommit<ProbeOutcome, void>({
      maxBatch: 500,
      maxQueue: 50_000,
      onOverload: () => new Error('probe results are arriving faster than they can be stored'),
      writeBatch: async (items) => {
        // A write that never answers must not stall every probe behind it: the batch fails, probing goes on.
        await withTimeout(deps.store.writeProbeResults(items), WRITE_TIMEOUT_MS, 'storing probe results timed out');
        const slugs = new Set<string>();
        for (const i of items) if (deps.book.noteProbe(i.slug, i.probeId, i.stored)) slugs.add(i.slug);
        if (slugs.size > 0) deps.onResults([...slugs]);
        return items.map(() => undefined);
      },
    });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.timer = setInterval(
      () => void this.tick().catch((err) => this.deps.log.warn({ err }, 'probe tick failed')),
      this.deps.tickMs,
    );
    this.timer.unref();
    void this.tick().catch((err) => this.deps.log.warn({ err }, 'probe tick failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.dispatching.catch(() => undefined);
    // Runs end by their own timeouts; a closing server does not wait for a slow target.
    await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => setTimeout(r, 2_000).unref())]);
    await this.writer.drain();
    if (this.leader) await this.deps.lease.release().catch(() => undefined);
  }

  /**
   * Starts what is due; resolves once the runs it started are stored. Tests call it to run in
   * step with their clock; the timer calls it every `tickMs` without waiting.
   */
  tick(): Promise<void> {
    const started = this.dispatching.then(() => this.dispatch());
    this.dispatching = started.catch(() => undefined);
    return started.then((jobs) => Promise.all(jobs)).then(() => undefined);
  }

  private async dispatch(): Promise<Promise<void>[]> {
    if (this.stopped) return [];
    const { clock, lease, log } = this.deps;
    const now = clock.now();
    if (now - this.lastLeaseCheck >= LEASE_EVERY_MS || now < this.lastLeaseCheck) {
      this.lastLeaseCheck = now;
      const was = this.leader;
      this.leader = await lease.acquire().catch((err) => {
        log.warn({ err }, 'prober lease check failed');
        return false;
      });
      if (this.leader && !was) {
        log.info('this process now runs probes and reads official status pages');
        await this.forgetOrphans();
      }
      if (!this.leader) {
        this.probes.clear();
        this.officials.clear();
      }
    }
    if (!this.leader) return [];

    this.reconcile(now);
    const jobs: Promise<void>[] = [];
    const due = [...this.probes.entries()]
      .filter(([, p]) => !p.busy && p.nextAt <= now)
      .sort((a, b) => a[1].nextAt - b[1].nextAt);
    for (const [key, p] of due) {
      p.nextAt = now + this.interval(p.what.intervalSeconds * 1000);
      jobs.push(this.track(this.runProbe(key, p)));
    }
    for (const [key, o] of this.officials) {
      if (o.busy || o.nextAt > now) continue;
      o.nextAt = now + this.interval(this.deps.officialEveryMs);
      jobs.push(this.track(this.readOfficial(key, o)));
    }
    return jobs;
  }

  /**
   * Results and history of probes the catalog no longer has (an operator edits through the API, which cleans up
   * itself).
   */
  private async forgetOrphans(): Promise<void> {
    const { book, store, catalog, log } = this.deps;
    for (const { slug, probeIds } of book.orphans(catalog.all())) {
      await store
        .forgetProbes(slug, probeIds)
        .catch((err) => log.warn({ err, service: slug }, 'old probe results not removed'));
      book.forgetProbes(slug, probeIds);
    }
  }

  /** Brings the schedule in line with the catalog: new or edited probes are scheduled, removed ones dropped. */
  private reconcile(now: number): void {
    const seenProbes = new Set<string>();
    const seenOfficials = new Set<string>();
    for (const service of this.deps.catalog.all()) {
      for (const def of service.probes ?? []) {
        const key = `${service.slug}|${def.id}`;
        const sig = probeSig(def);
        seenProbes.add(key);
        if (this.probes.get(key)?.sig === sig) continue;
        const last = this.deps.book.latestProbe(service.slug, def);
        this.probes.set(key, {
          slug: service.slug,
          what: def,
          sig,
          nextAt: this.firstRun(now, def.intervalSeconds * 1000, last?.result.at),
          busy: false,
        });
      }
      if (service.official) {
        const sig = officialSig(service.official);
        seenOfficials.add(service.slug);
        if (this.officials.get(service.slug)?.sig === sig) continue;
        const last = this.deps.book.latestOfficial(service);
        this.officials.set(service.slug, {
          slug: service.slug,
          what: service.official,
          sig,
          nextAt: this.firstRun(now, this.deps.officialEveryMs, last?.fetchedAt),
          busy: false,
        });
      }
    }
    for (const key of this.probes.keys()) {
      if (seenProbes.has(key)) continue;
      this.probes.delete(key);
      this.persistedAt.delete(key);
    }
    for (const key of this.officials.keys()) if (!seenOfficials.has(key)) this.officials.delete(key);
  }

  /** Continues the rhythm of the last run (another process's, or before a restart); else soon, spread out. */
  private firstRun(now: number, everyMs: number, lastAt?: string): number {
    const last = lastAt ? Date.parse(lastAt) : NaN;
    if (Number.isFinite(last) && last <= now && last + everyMs > now) return last + everyMs;
    return now + this.random() * Math.min(everyMs, FIRST_RUN_SPREAD_MS);
  }

  private interval(ms: number): number {
    return ms * (1 + (this.random() * 2 - 1) * JITTER);
  }

  private track(job: Promise<void>): Promise<void> {
    this.inflight.add(job);
    void job.finally(() => this.inflight.delete(job));
    return job;
  }

  private async runProbe(key: string, p: Scheduled<ProbeDefinition>): Promise<void> {
    const { clock, book, allowPrivate, lookup, log } = this.deps;
    p.busy = true;
    try {
      const result = await this.withSlot(() =>
        runProbe(p.what, { now: () => clock.now(), allowPrivate, ...(lookup && { lookup }) }),
      );
      this.runs++;
      if (result) (this.deps.metrics ?? noProbeHooks).probeRun(p.slug, p.what.kind, result.ok);
      // Dropped or edited while it ran: the result belongs to a probe that no longer exists.
      if (!result || this.stopped || this.probes.get(key) !== p) return;
      const before = book.latestProbe(p.slug, p.what);
      const failingSince = result.ok
        ? null
        : before && !before.result.ok && before.failingSince
          ? before.failingSince
          : result.at;
      // Other processes need a change of state at once, but a new latency only now and then: each
      // write of the latest rewrites the service's whole checks document.
      const at = Date.parse(result.at);
      const changed = !before || before.result.ok !== result.ok || before.result.error?.code !== result.error?.code;
      const persistLatest =
        changed || !(at - (this.persistedAt.get(key) ?? Number.NEGATIVE_INFINITY) < LATEST_EVERY_MS);
      if (persistLatest) this.persistedAt.set(key, at);
      await this.writer.submit({
        slug: p.slug,
        probeId: p.what.id,
        stored: { sig: p.sig, result, failingSince },
        persistLatest,
      });
    } catch (err) {
      log.warn({ err, probe: key }, 'probe result not stored');
    } finally {
      p.busy = false;
    }
  }

  private async readOfficial(slug: string, o: Scheduled<OfficialSource>): Promise<void> {
    const { clock, book, store, catalog, allowPrivate, lookup, log } = this.deps;
    o.busy = true;
    try {
      const got = await this.withSlot(() =>
        fetchOfficial(o.what.url, o.what.kind, {
          now: () => clock.now(),
          allowPrivate,
          timeoutMs: this.deps.officialTimeoutMs,
          ...(lookup && { lookup }),
        }),
      );
      if (got) (this.deps.metrics ?? noProbeHooks).officialRead(slug, got.ok);
      if (!got || this.stopped || this.officials.get(slug) !== o) return;
      const service = catalog.get(slug);
      const before = service ? book.latestOfficial(service) : undefined;
      const stored: StoredOfficial = got.ok
        ? {
            url: o.what.url,
            kind: o.what.kind,
            latest: trimComponents(got.status),
            error: null,
            fetchedAt: got.status.fetchedAt,
          }
        : { url: o.what.url, kind: o.what.kind, latest: before?.latest ?? null, error: got.error, fetchedAt: got.at };
      await store.writeOfficial(slug, stored);
      if (book.noteOfficial(slug, stored)) this.deps.onResults([slug]);
    } catch (err) {
      log.warn({ err, service: slug }, 'official status not stored');
    } finally {
      o.busy = false;
    }
  }

  /** Runs `fn` when one of the `concurrency` slots is free; undefined if the prober stopped meanwhile. */
  private withSlot<T>(fn: () => Promise<T>): Promise<T | undefined> {
    return this.slots(() => (this.stopped ? undefined : fn()));
  }
}

/** Keeps every component in trouble and enough working ones to show the page's shape. */
export function trimComponents(status: OfficialStatus): OfficialStatus {
  const troubled = status.components.filter((c) => c.level !== 'operational');
  const fine = status.components.filter((c) => c.level === 'operational');
  if (fine.length <= MAX_OPERATIONAL_COMPONENTS) return status;
  const kept = new Set([...troubled, ...fine.slice(0, MAX_OPERATIONAL_COMPONENTS)]);
  return {
    ...status,
    components: status.components.filter((c) => kept.has(c)),
    notes: [
      ...(status.notes ?? []),
      `${fine.length - MAX_OPERATIONAL_COMPONENTS} more operational components are not listed.`,
    ],
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  const deadline = AbortSignal.timeout(ms);
  return untilAborted(work, deadline).catch((err: unknown) => {
    throw deadline.aborted ? new Error(message) : err;
  });
}
