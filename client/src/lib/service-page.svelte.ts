import type {
  Comment,
  Incident,
  MinuteBucket,
  PageData,
  ServiceDetail,
  ServiceNow,
  ServiceUpdate,
} from '../../../shared/index.ts';
import { api, ApiError, handleError } from './api.ts';
import { followService, type LiveState } from './live.ts';
import { mergeBand, mergeMinutes, prune, type BandPoint } from './series.ts';
import { DAY_MS, MINUTE_MS } from '../../../shared/time.ts';

/**
 * What a service page holds and how it stays current: the first load, the live room, and
 * merging what arrives there. The page makes one per slug (it is keyed by it) and only renders.
 */
export class ServicePageState {
  detail = $state<ServiceDetail | undefined>();
  loadError = $state<{ message: string; notFound: boolean } | undefined>();
  /** The graph's minutes, first load and live updates folded together (counts only grow). */
  held = $state(new Map<number, MinuteBucket>());
  heldBand = $state(new Map<number, BandPoint>());
  liveState = $state<LiveState>('connecting');
  /** Bumped when the incident history or the stories shown should be fetched again. */
  incidentsVersion = $state(0);
  storiesVersion = $state(0);

  /** Server-rendered: the page starts from the data it was rendered from, and skips its first load. */
  private seeded: boolean;
  private stopFollowing: (() => void) | undefined;
  /**
   * The person's own comments show at once; the next live update carries them for everyone. Until
   * an update has one, an update built just before the post must not take it away again.
   */
  private readonly ownPending = new Map<string, Comment>();

  constructor(
    readonly slug: string,
    initial: Extract<PageData, { route: 'service' }> | undefined,
  ) {
    this.seeded = initial !== undefined;
    if (initial?.detail) this.show(initial.detail);
    else if (initial) this.loadError = { message: '', notFound: true };
  }

  async load(): Promise<void> {
    try {
      this.show(await api.service(this.slug));
      this.loadError = undefined;
    } catch (err) {
      this.loadError = { message: handleError(err), notFound: err instanceof ApiError && err.status === 404 };
    }
  }

  /** Loads (unless server-rendered) and follows the service's live room until `unsubscribe`. */
  subscribe(): void {
    this.unsubscribe();
    if (!this.seeded) {
      this.detail = undefined;
      this.loadError = undefined;
      this.held = new Map();
      this.heldBand = new Map();
      void this.load();
    }
    this.seeded = false;
    this.stopFollowing = followService(this.slug, {
      onState: (s) => (this.liveState = s),
      onResync: () => {
        void this.load();
        this.storiesVersion++;
      },
      onStoriesChanged: () => this.storiesVersion++,
      onIncident: (incident) => this.applyIncident(incident),
      onUpdate: (u) => this.applyUpdate(u),
    });
  }

  unsubscribe(): void {
    this.stopFollowing?.();
    this.stopFollowing = undefined;
  }

  dispose(): void {
    this.unsubscribe();
    this.ownPending.clear();
  }

  applyUpdate(u: ServiceUpdate): void {
    if (!this.detail) return;
    const { slug: _slug, recent, baseline, guidance, ...now } = u;
    // An update leaves the guidance out when it did not change: keep what the page has.
    const merged: ServiceNow = {
      ...now,
      guidance: guidance ?? this.detail.guidance,
      comments: this.withOwnComments(now.comments),
    };
    Object.assign(this.detail, merged);
    this.held = prune(mergeMinutes(this.held, recent), recent.to - DAY_MS - MINUTE_MS);
    if (baseline) this.heldBand = mergeBand(this.heldBand, baseline);
  }

  applyIncident(incident: Incident): void {
    if (this.detail) this.detail.incident = incident.state === 'open' ? incident : null;
    if (this.detail && incident.state === 'resolved') this.detail.recentlyResolved = incident;
    this.incidentsVersion++;
  }

  /** A comment the person just posted. */
  showPosted(c: Comment): void {
    this.ownPending.set(c.id, c);
    if (this.detail) this.detail.comments = [c, ...this.detail.comments.filter((x) => x.id !== c.id)];
  }

  private show(d: ServiceDetail): void {
    this.detail = d;
    this.held = mergeMinutes(new Map(), d.series);
    this.heldBand = mergeBand(new Map(), d.baseline);
  }

  private withOwnComments(comments: Comment[]): Comment[] {
    for (const c of comments) this.ownPending.delete(c.id);
    const newest = comments[0]?.createdAt ?? '';
    const pending = [...this.ownPending.values()]
      .filter((c) => c.createdAt > newest)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return [...pending, ...comments];
  }
}
