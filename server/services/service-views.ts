import type { ServiceDetail, ServiceNow, ServiceSummary, ServiceUpdate } from '../../shared/index.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { SeriesBook } from '../series/series-book.ts';
import type { CommentFeed } from '../comments/comment-feed.ts';
import type { StatusBoard } from '../status/status-board.ts';
import type { MaintenanceBook } from '../maintenance/maintenance-book.ts';
import type { IncidentBook } from '../incidents/incident-book.ts';
import type { BaselineBand, OfficialLead, RecoveryCount, Service, VantageView } from '../../shared/index.ts';
import type { ChecksBook } from '../probes/checks-book.ts';
import type { RegionBook } from '../regions/region-book.ts';
import { regionsWindow } from '../regions/region-view.ts';
import { relatedServices, type RelatedCandidate } from '../catalog/related-services.ts';
import { binnedTotals, minuteOf, problemBreakdown, seriesWindow, totalBetween } from '../series/series-math.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time.ts';
import { diagnose } from '../status/diagnose.ts';
import { diagnosisEvidence } from '../status/diagnosis-evidence.ts';
import { guidanceFor } from '../guidance/default-guidance.ts';

const LIVE_WINDOW_MS = 10 * MINUTE_MS;

/** Builds the API's and the live feed's shapes from what is held in memory: no queries here. */
export function createServiceViews(deps: {
  catalog: ServiceCatalog;
  series: SeriesBook;
  comments: CommentFeed;
  status: StatusBoard;
  maintenance: MaintenanceBook;
  incidents: IncidentBook;
  band: (slug: string, from: number, to: number) => BaselineBand | null;
  checks: ChecksBook;
  vantage: () => VantageView;
  regions: RegionBook;
  /** "N people say it's back" (recoveries/recovery-tally.ts). */
  recoveries: (slug: string, now: number) => RecoveryCount;
  /** How far ahead of the official page we usually are (incidents/official-leads.ts). */
  officialLead?: (slug: string) => OfficialLead | null;
}) {
  const { catalog, series, comments, status, maintenance, incidents, band, checks } = deps;

  /** Probes, the official page, our vantage and reporters' browsers: the same on the page and in live updates. */
  const checkViews = (service: Service, now: number) => ({
    probes: checks.probeViews(service),
    official: checks.officialView(service),
    vantage: deps.vantage(),
    reachability: series.reachability(service.slug, now),
  });

  const stats = (slug: string, now: number) => {
    const end = minuteOf(now) + MINUTE_MS;
    return {
      lastHour: totalBetween(series.buckets(slug), end - HOUR_MS, end),
      last24h: totalBetween(series.buckets(slug), end - DAY_MS, end),
    };
  };
  const breakdown = (slug: string, now: number) =>
    problemBreakdown(series.buckets(slug), now, (p) => catalog.problemLabel(slug, p));

  /** Every service as `related` weighs it: its verdict, and whether it has problems now. */
  const relatedCandidates = (): RelatedCandidate[] =>
    catalog.all().map((s) => {
      const level = status.get(s.slug).level;
      const open = incidents.openFor(s.slug);
      return {
        slug: s.slug,
        name: s.name,
        category: s.category,
        level,
        troubled:
          (level !== 'operational' && level !== 'under_maintenance') || (open !== null && open.kind !== 'maintenance'),
      };
    });

  function summaries(now: number): ServiceSummary[] {
    return catalog.all().map((s) => ({
      slug: s.slug,
      name: s.name,
      homepage: s.homepage,
      category: s.category,
      aliases: s.aliases ?? [],
      status: status.get(s.slug),
      incidentSince: incidents.openFor(s.slug)?.startedAt ?? null,
      reportsLastHour: stats(s.slug, now).lastHour,
      sparkline: binnedTotals(series.buckets(s.slug), now, 15 * MINUTE_MS, 96),
    }));
  }

  /** What the page shows beside its graph; the key order is the wire's (ETags and byte-for-byte reads). */
  function serviceNow(service: Service, now: number): ServiceNow {
    const slug = service.slug;
    // Every service as "related" weighs it: read once, for the related list and the likely cause.
    const candidates = relatedCandidates();
    const base = {
      status: status.get(slug),
      breakdown: breakdown(slug, now),
      comments: comments.latest(slug),
      moreComments: comments.hasMoreThan(slug),
      stats: stats(slug, now),
      maintenance: maintenance.forService(slug, now),
      incident: incidents.openFor(slug),
      regions: regionsWindow(deps.regions, slug, now, 60),
      related: relatedServices(slug, candidates),
      recoveries: deps.recoveries(slug, now),
      recentlyResolved: incidents.justResolved(slug),
      ...checkViews(service, now),
    };
    return { ...base, ...likelyCause(service, base, candidates, now) };
  }

  /** The likely cause from what the page already holds, and what to do about it. */
  function likelyCause(
    service: Service,
    views: Omit<ServiceNow, 'diagnosis' | 'guidance'>,
    candidates: RelatedCandidate[],
    now: number,
  ) {
    const { slug, category } = service;
    const usualLatency = checks.usualLatency(service);
    const diagnosis = diagnose(diagnosisEvidence(views, { slug, category, now, candidates, usualLatency }));
    const guidance = guidanceFor({
      category,
      level: views.status.level,
      problemKind: views.breakdown.items[0]?.problem ?? null,
      cause: diagnosis?.cause ?? null,
      officialUrl: service.official?.url ?? null,
      override: service.guidance ?? null,
    });
    return { diagnosis, guidance };
  }

  /** The page's first load and the live update: one ServiceNow shared by both, built once. */
  function snapshot(slug: string, now: number): { detail: ServiceDetail; update: ServiceUpdate } | undefined {
    const service = catalog.get(slug);
    if (!service) return undefined;
    const series24h = seriesWindow(series.buckets(slug), now, DAY_MS);
    const recent = seriesWindow(series.buckets(slug), now, LIVE_WINDOW_MS);
    const { probes: _probes, official: _official, guidance: _guidance, ...shown } = service;
    const shared = serviceNow(service, now);
    return {
      detail: {
        service: shown,
        series: series24h,
        ...shared,
        baseline: band(slug, series24h.from, series24h.to),
        officialLead: deps.officialLead?.(slug) ?? null,
      },
      update: { slug, recent, ...shared, baseline: band(slug, recent.from, recent.to) },
    };
  }

  return { summaries, snapshot, relatedCandidates };
}

export type ServiceViews = ReturnType<typeof createServiceViews>;
