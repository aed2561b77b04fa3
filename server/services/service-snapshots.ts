import { performance } from 'node:perf_hooks';
import type { ServiceDetail, ServiceUpdate } from '../../shared/index.ts';
import type { Clock } from '../clock.ts';
import { encodeJson, type EncodedBody } from '../http/encoded-body.ts';
import { minuteOf } from '../series/series-math.ts';
import type { ServiceViews } from './service-views.ts';

/** However fast reports arrive, they make a service's snapshot rebuild at most this often. */
export const MIN_REBUILD_MS = 1_000;

interface Snapshot {
  detail: EncodedBody;
  /** The same detail as an object, for the server-rendered page (never mutated: shared by all readers). */
  view: ServiceDetail;
  update: ServiceUpdate;
  /** The minute it was built in: the graph's window moves at the next. */
  minute: number;
  /** performance.now() when built: the rebuild rate is about CPU, not the domain clock. */
  builtAt: number;
}

/**
 * What readers get, built once and shared: per service the page's detail (serialised and
 * compressed) and the live update, and the list of all services. A change only marks a service;
 * the next read or live tick rebuilds it. New reports may wait up to MIN_REBUILD_MS, so on outage
 * day a thousand reports a second cost one rebuild a second and a read costs no work at all;
 * anything else (a verdict, an operator's edit) shows at the next read.
 */
export class ServiceSnapshots {
  private readonly held = new Map<string, Snapshot>();
  /** The guidance each room last received, so a live update carries it only when it changed. */
  private readonly guidanceSent = new Map<string, string>();
  /** Changed services and the performance.now() from which their rebuild is due. */
  private readonly due = new Map<string, number>();
  private list: { body: EncodedBody; minute: number; builtAt: number } | undefined;
  private listDue = 0;

  constructor(
    private readonly deps: {
      views: ServiceViews;
      clock: Clock;
      /** Services known right now; an unknown one has no snapshot. */
      has: (slug: string) => boolean;
    },
  ) {}

  /** Something shown for this service changed; `soon`: new report counts, which may wait a moment. */
  invalidate(slug: string, opts: { soon?: boolean } = {}): void {
    const dueAt = opts.soon ? (this.held.get(slug)?.builtAt ?? 0) + MIN_REBUILD_MS : 0;
    this.due.set(slug, Math.min(this.due.get(slug) ?? Infinity, dueAt));
    this.listDue = Math.min(this.listDue, opts.soon ? (this.list?.builtAt ?? 0) + MIN_REBUILD_MS : 0);
  }

  /** The encoded detail, rebuilt first when due; undefined for an unknown service. */
  detail(slug: string): EncodedBody | undefined {
    return this.fresh(slug, false)?.detail;
  }

  /** The detail as an object with its body's ETag (the page renders from it and caches by the tag). */
  view(slug: string): { detail: ServiceDetail; etag: string } | undefined {
    const held = this.fresh(slug, false);
    return held && { detail: held.view, etag: held.detail.etag };
  }

  /** The whole live update, rebuilt first when anything changed (what a new subscriber gets first). */
  update(slug: string): ServiceUpdate | undefined {
    return this.fresh(slug, true)?.update;
  }

  /**
   * The live update for the whole room (the live hub asks once a tick): as `update`, but without
   * the guidance when the room has it already, which keeps outage day's many updates small.
   */
  broadcast(slug: string): ServiceUpdate | undefined {
    const update = this.fresh(slug, true)?.update;
    if (!update) return undefined;
    const guidance = JSON.stringify(update.guidance);
    if (this.guidanceSent.get(slug) !== guidance) {
      this.guidanceSent.set(slug, guidance);
      return update;
    }
    const { guidance: _sent, ...rest } = update;
    return rest;
  }

  /** Every service's summary, encoded. */
  summaries(): EncodedBody {
    const now = this.deps.clock.now();
    const at = performance.now();
    if (!this.list || this.list.minute !== minuteOf(now) || at >= this.listDue) {
      this.list = { body: encodeJson(this.deps.views.summaries(now)), minute: minuteOf(now), builtAt: at };
      this.listDue = Infinity;
    }
    return this.list.body;
  }

  /** Forgets services that left the catalog. */
  prune(): void {
    for (const slug of this.held.keys()) if (!this.deps.has(slug)) this.held.delete(slug);
  }

  /** The held snapshot, rebuilt first when due (`anyChange`: as soon as anything changed at all). */
  private fresh(slug: string, anyChange: boolean): Snapshot | undefined {
    if (!this.deps.has(slug)) return undefined;
    const now = this.deps.clock.now();
    const at = performance.now();
    const held = this.held.get(slug);
    const due = this.due.get(slug);
    if (held && held.minute === minuteOf(now) && (due === undefined || (!anyChange && at < due))) return held;
    const views = this.deps.views.snapshot(slug, now);
    if (!views) return undefined;
    this.due.delete(slug);
    const built: Snapshot = {
      detail: encodeJson(views.detail),
      view: views.detail,
      update: views.update,
      minute: minuteOf(now),
      builtAt: at,
    };
    this.held.set(slug, built);
    return built;
  }
}
