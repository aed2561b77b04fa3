// Longer than 300 lines on purpose: the loop's phases (history load, lease, tick, opening and
// following incidents) hand each other state every tick; the rules themselves are pure elsewhere
// (detection/, lifecycle-rules.ts).
import type { Models } from '../db/models.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Lease } from '../db/lease.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { SeriesBook } from '../series/series-book.ts';
import type { MaintenanceBook } from '../maintenance/maintenance-book.ts';
import type { Incident, IncidentKind } from '../../shared/index.ts';
import { describeEvidence, type Decision, type Evidence } from '../detection/detector.ts';
import { classifyIncident, problemShares } from '../detection/classify.ts';
import { hasHistoryBefore, loadAllHistories, loadHistory, type History } from './history-loader.ts';
import { ServiceDetector } from './service-detector.ts';
import type { IncidentStore } from './incident-store.ts';
import type { IncidentBook } from './incident-book.ts';
import type { DatabaseHooks } from '../metrics/metric-hooks.ts';
import { IncidentLifecycle } from './incident-lifecycle.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/time.ts';

/** Four weeks teach weekly and daily rhythm; more adds little and costs start-up time. */
const HISTORY_DAYS = 28;
/** How often a young detector checks whether older data appeared (a backfill, an import). */
const HISTORY_RECHECK_MS = 60_000;
/** An open incident's numbers are rewritten at most this often, unless its peak moves. */
const FOLLOW_EVERY_MS = 60_000;
/** Networks are counted over the evidence's window, and never less than this many minutes. */
const MIN_REACH_MINUTES = 10;

export type IncidentEvent = 'incident:opened' | 'incident:updated' | 'incident:resolved';

/**
 * Runs the pure detector on every service's per-minute counts. Every process keeps detectors
 * (they also draw the baseline band), but only the lease holder turns their transitions into
 * incidents, so one incident opens per spike however many processes run.
 */
export class DetectionLoop {
  private readonly detectors = new Map<string, ServiceDetector>();
  private readonly lastFollow = new Map<string, number>();
  private readonly lastHistoryCheck = new Map<string, number>();
  /** Services whose spike the detector believes in but too few networks report yet: opened once enough do. */
  private readonly awaitingReach = new Set<string>();
  private leader = false;
  private ready = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Phases, short bursts' end, and reopening what someone closed (lifecycle-rules.ts). */
  private readonly lifecycle: IncidentLifecycle;

  constructor(
    private readonly deps: {
      models: Models;
      clock: Clock;
      log: Logger;
      lease: Lease;
      catalog: ServiceCatalog;
      series: SeriesBook;
      maintenance: MaintenanceBook;
      store: IncidentStore;
      book: IncidentBook;
      onIncident: (event: IncidentEvent, incident: Incident) => void;
      /**
       * After each tick, with every service's latest decision and, for services with an open
       * incident, the kind the reports alone suggest (for the status verdict).
       */
      onDecisions: (
        decisions: Map<string, Decision | undefined>,
        crowdKinds: Map<string, IncidentKind>,
        reach: Map<string, { networks: number; needed: number }>,
      ) => void;
      /** Distinct networks (IPv4 /24, IPv6 /48) an incident's reports must come from. */
      minNetworks: number;
      /** The kind other signals (probes, the official page) give the trouble, which incidents take over the crowd's. */
      sharpenKind?: (slug: string, crowdKind: IncidentKind) => IncidentKind | undefined;
      tickMs: number;
      /** Older history appeared for a service (an import, a backfill): what shows it should reload. */
      onHistoryAppeared?: (slug: string) => void;
      /** What to say about where an incident's reports come from, since it started ("mostly from Germany"). */
      whereReasons?: (slug: string, from: number, now: number) => string[];
      metrics?: DatabaseHooks;
      /** People who said "it works again" in the last 15 minutes. */
      recoveries?: (slug: string, now: number) => number;
    },
  ) {
    this.lifecycle = new IncidentLifecycle({
      ...deps,
      onIncident: (event, incident) => this.noted(event, incident),
      recoveries: deps.recoveries ?? (() => 0),
    });
  }

  private noted(event: IncidentEvent, incident: Incident): void {
    this.deps.book.note(incident);
    this.deps.onIncident(event, incident);
  }

  /** Learns each service's history, then ticks on a timer. */
  async start(): Promise<void> {
    const now = this.deps.clock.now();
    const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const slugs = this.deps.catalog.all().map((s) => s.slug);
    const histories = await loadAllHistories(this.deps.models, slugs, current - HISTORY_DAYS * DAY_MS, current);
    for (const [slug, history] of histories) {
      // Stopping during a long replay must not wait for every service.
      if (this.stopping) return;
      this.learn(slug, history, current, now);
      await new Promise((resolve) => setImmediate(resolve)); // replays are CPU: let requests through between services
    }
    if (this.stopping) return;
    this.ready = true;
    this.timer = setInterval(
      () =>
        void this.tick().catch((err) => {
          this.deps.metrics?.failed('detection', err);
          this.deps.log.warn({ err }, 'detection tick failed');
        }),
      this.deps.tickMs,
    );
    this.timer.unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.ticking;
    if (this.leader) await this.deps.lease.release().catch(() => undefined);
  }

  /** Whether this process holds the detector lease, and so writes incidents. */
  get isLeader(): boolean {
    return this.leader;
  }

  /** Expected counts for a graph, or null while history loads. */
  band(slug: string, from: number, to: number) {
    return this.ready ? (this.detectors.get(slug)?.band(from, to) ?? null) : null;
  }

  /** One detection pass; tests call it directly to run in step with their clock. */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async runTick(): Promise<void> {
    if (!this.ready) return;
    const { clock, series, lease, log } = this.deps;
    const now = clock.now();
    const wasLeader = this.leader;
    this.leader = await lease.acquire().catch((err) => {
      this.deps.metrics?.failed('detection', err);
      log.warn({ err }, 'detector lease check failed');
      return false;
    });
    // The leader must see every process's writes before it judges them.
    await series.refreshRecent(
      now,
      this.deps.catalog.all().map((s) => s.slug),
      5,
    );
    if (this.leader && !wasLeader) {
      log.info('this process now runs incident detection');
      await this.deps.book.reload();
    }

    const decisions = new Map<string, Decision | undefined>();
    const crowdKinds = new Map<string, IncidentKind>();
    const reach = new Map<string, { networks: number; needed: number }>();
    await this.relearnStale(now);
    for (const service of this.deps.catalog.all()) {
      const slug = service.slug;
      const sd = this.detectors.get(slug) ?? (await this.rebuild(slug, now));
      const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
      const start = Number.isNaN(sd.lastPushed) ? current - MINUTE_MS : sd.lastPushed + MINUTE_MS;
      for (let t = start; t < current; t += MINUTE_MS) {
        await this.act(slug, sd, sd.push(t, series.countAt(slug, t)), now);
      }
      await this.act(
        slug,
        sd,
        sd.assess(current, series.countAt(slug, current), Math.max(1e-3, (now - current) / MINUTE_MS)),
        now,
      );
      if (this.leader && !wasLeader) await this.reconcile(slug, sd, now);
      decisions.set(slug, sd.last);
      if (sd.last) reach.set(slug, this.reach(slug, sd.last, now));
      const open = this.deps.book.openFor(slug);
      if (open) crowdKinds.set(slug, this.classify(slug, sd, now, Date.parse(open.startedAt)).kind);
    }
    this.deps.onDecisions(decisions, crowdKinds, reach);
  }

  /** How many networks reported within the evidence's window, and how many an incident needs. */
  private reach(slug: string, d: Decision, now: number): { networks: number; needed: number } {
    const minutes = Math.max(
      MIN_REACH_MINUTES,
      Math.ceil(d.incident?.trigger.windowMinutes ?? d.evidence.windowMinutes),
    );
    return { networks: this.deps.series.networksSince(slug, now - minutes * MINUTE_MS), needed: this.deps.minNetworks };
  }

  /** Turns a decision into incident writes; only the lease holder writes. */
  private async act(slug: string, sd: ServiceDetector, d: Decision, now: number): Promise<void> {
    if (!this.leader) return;
    this.lifecycle.observe(slug, d);
    const open = this.deps.book.openFor(slug);
    // An operator's incident is the operators' to follow and close; only its phase moves here.
    if (open?.origin === 'operator') return void (await this.lifecycle.tend(slug, open, d, d.at));
    const believed = d.incident && d.incident.resolvedAt === null;
    const roseAgain =
      believed && !open && d.transition !== 'opened' && !this.awaitingReach.has(slug)
        ? this.lifecycle.reopens(slug, d)
        : undefined;
    if (roseAgain !== undefined) {
      // Someone closed this burst and reports rose again after: a new incident, from the new rise.
      const startedAt = Math.max(roseAgain, d.at - d.evidence.windowMinutes * MINUTE_MS);
      const incident = await this.deps.store.open({
        service: slug,
        ...this.describe(slug, sd, d, now, startedAt),
        startedAt,
        openedAt: now,
        phase: 'rising',
      });
      this.noted('incident:opened', incident);
      this.lastFollow.set(slug, now);
      return;
    }
    if (believed && !open && (d.transition === 'opened' || this.awaitingReach.has(slug))) {
      // One host or one subnet, however many reports it sends, does not make an outage.
      const { networks, needed } = this.reach(slug, d, now);
      if (networks < needed) {
        this.awaitingReach.add(slug);
        return;
      }
      this.awaitingReach.delete(slug);
      const incident = await this.deps.store.open({
        service: slug,
        ...this.describe(slug, sd, d, now),
        startedAt: d.incident!.startedAt,
        openedAt: now,
        phase: 'rising',
      });
      this.deps.book.note(incident);
      this.lastFollow.set(slug, now);
      this.deps.onIncident('incident:opened', incident);
    } else if (!believed) {
      this.awaitingReach.delete(slug);
    }
    if (d.transition === 'resolved' && open) {
      const resolved = await this.deps.store.resolve(open.id, d.incident?.resolvedAt ?? now);
      if (resolved) {
        this.deps.book.note(resolved);
        this.deps.onIncident('incident:resolved', resolved);
      }
    } else if (open && d.incident) {
      if (await this.lifecycle.tend(slug, open, d, d.at)) return;
      const peakMoved = d.incident.peak.at !== new Date(open.peak.at).getTime();
      if (!peakMoved && now - (this.lastFollow.get(slug) ?? 0) < FOLLOW_EVERY_MS) return;
      this.lastFollow.set(slug, now);
      const { kind, reasons, topProblems, peak } = this.describe(slug, sd, d, now, new Date(open.startedAt).getTime());
      const followed = await this.deps.store.follow(open.id, { kind, reasons, topProblems, peak });
      if (followed) {
        this.deps.book.note(followed);
        this.deps.onIncident('incident:updated', followed);
      }
    }
  }

  /** What the reports alone say about an incident's kind. */
  private classify(slug: string, sd: ServiceDetector, now: number, startedAt: number) {
    const { catalog, series, maintenance } = this.deps;
    const labelOf = (p: string) => catalog.problemLabel(slug, p);
    const byProblem = series.byProblemSince(slug, startedAt);
    const windows = maintenance
      .recentAndUpcoming(slug)
      .map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end), title: w.title }));
    return {
      byProblem,
      labelOf,
      ...classifyIncident({
        byProblem,
        usualByProblem: sd.usualByProblem,
        maintenance: windows,
        startedAt,
        now,
        labelOf,
      }),
    };
  }

  /** Kind, reasons and numbers for an incident, from the detector's evidence and the report split. */
  private describe(slug: string, sd: ServiceDetector, d: Decision, now: number, startedAt = d.incident!.startedAt) {
    const { byProblem, labelOf, ...kind } = this.classify(slug, sd, now, startedAt);
    // The same split, in the same order, as the reasons' words.
    const topProblems = problemShares(byProblem)
      .slice(0, 3)
      .map(({ problem, count, share }) => ({ problem, label: labelOf(problem), count, share }));
    const incident = d.incident!;
    return {
      kind: this.deps.sharpenKind?.(slug, kind.kind) ?? kind.kind,
      reasons: [
        describeEvidence(incident.peak),
        ...kind.reasons,
        ...(this.deps.whereReasons?.(slug, startedAt, now) ?? []),
      ],
      trigger: evidence(incident.trigger),
      peak: { ...evidence(incident.peak), at: incident.peak.at },
      topProblems,
    };
  }

  /** After taking over, make the database agree with what the detector believes now. */
  private async reconcile(slug: string, sd: ServiceDetector, now: number): Promise<void> {
    const open = this.deps.book.openFor(slug);
    const believed = sd.detector.incident;
    // Closed by an operator or the short-burst rule while the detector still believes in it: not reopened here.
    if (
      believed &&
      !believed.resolvedAt &&
      !open &&
      sd.last &&
      this.lifecycle.closedDuring(slug, believed.startedAt) !== undefined
    )
      return;
    if (open?.origin === 'operator') return;
    if (believed && !believed.resolvedAt && !open && sd.last) {
      const { networks, needed } = this.reach(slug, sd.last, now);
      if (networks < needed) {
        this.awaitingReach.add(slug);
        return;
      }
      const incident = await this.deps.store.open({
        service: slug,
        ...this.describe(slug, sd, sd.last, now),
        startedAt: believed.startedAt,
        openedAt: now,
        phase: 'rising',
      });
      this.deps.book.note(incident);
      this.deps.onIncident('incident:opened', incident);
    } else if (open && (!believed || believed.resolvedAt)) {
      const resolved = await this.deps.store.resolve(open.id, now);
      if (resolved) {
        this.deps.book.note(resolved);
        this.deps.onIncident('incident:resolved', resolved);
      }
    }
  }

  /**
   * New services, and services whose older history appeared (a backfill, an import), learn it
   * again before this tick judges them: together in one scan when there are several, because a
   * backfill of the whole catalog would otherwise cost 672 lookups per service inside one tick.
   */
  private async relearnStale(now: number): Promise<void> {
    const fresh: string[] = [];
    const appeared: string[] = [];
    for (const service of this.deps.catalog.all()) {
      const sd = this.detectors.get(service.slug);
      if (!sd) fresh.push(service.slug);
      else if (await this.olderHistoryAppeared(service.slug, sd, now)) appeared.push(service.slug);
    }
    const stale = [...fresh, ...appeared];
    if (stale.length === 0) return;
    const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    if (stale.length <= 3) for (const slug of stale) await this.rebuild(slug, now);
    else {
      for (const [slug, history] of await loadAllHistories(
        this.deps.models,
        stale,
        current - HISTORY_DAYS * DAY_MS,
        current,
      )) {
        this.learn(slug, history, current, now);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    for (const slug of appeared) this.deps.onHistoryAppeared?.(slug);
  }

  private async rebuild(slug: string, now: number): Promise<ServiceDetector> {
    const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    return this.learn(
      slug,
      await loadHistory(this.deps.models, slug, current - HISTORY_DAYS * DAY_MS, current),
      current,
      now,
    );
  }

  private learn(slug: string, history: History, current: number, now: number): ServiceDetector {
    const sd = new ServiceDetector();
    sd.replay(history, current);
    this.detectors.set(slug, sd);
    this.lastHistoryCheck.set(slug, now);
    return sd;
  }

  /** A detector with little history looks now and then for older data (say, a backfill). */
  private async olderHistoryAppeared(slug: string, sd: ServiceDetector, now: number): Promise<boolean> {
    const oldest = Number.isNaN(sd.firstPushed) ? now : sd.firstPushed;
    if (now - oldest > 7 * DAY_MS || now - (this.lastHistoryCheck.get(slug) ?? 0) < HISTORY_RECHECK_MS) return false;
    this.lastHistoryCheck.set(slug, now);
    return hasHistoryBefore(this.deps.models, slug, oldest);
  }
}

function evidence(e: Evidence) {
  return {
    windowMinutes: e.windowMinutes,
    observed: e.observed,
    expected: e.expected,
    ratio: e.ratio,
    pValue: e.pValue,
  };
}
