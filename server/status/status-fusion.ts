import type { Clock } from '../clock.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { MaintenanceBook } from '../maintenance/maintenance-book.ts';
import type { IncidentBook } from '../incidents/incident-book.ts';
import type { ChecksBook } from '../probes/checks-book.ts';
import type { Decision } from '../detection/detector.ts';
import type { Incident, IncidentKind, VantageView } from '../../shared/index.ts';
import { assessVantage, type VantageVerdict } from '../probes/vantage.ts';
import { crowdSignal } from './crowd-signal.ts';
import { fuse, VANTAGE_REASON, type FuseInput } from './fuse.ts';
import { formatUtc, maintenanceInput, officialInput, probeSignals, toVerdict } from './fuse-inputs.ts';
import type { StatusBoard } from './status-board.ts';
import { risesAgain } from '../incidents/lifecycle-rules.ts';

/**
 * When the burst the detector still believes in was closed (by an operator or the short-burst rule), unless reports
 * rose again since.
 */
function settledAt(d: Decision | undefined, last: Incident | null): number | undefined {
  if (!d?.incident || d.incident.resolvedAt !== null || !last?.resolvedAt) return undefined;
  const closed = Date.parse(last.resolvedAt);
  return closed >= d.incident.startedAt && !risesAgain(d, closed) ? closed : undefined;
}

export interface Sharpening {
  incident: Incident;
  kind: IncidentKind;
}

/**
 * The status verdict of every service, fused from the crowd (the detector's latest decision),
 * the latest probe results, our vantage point, the official page and declared maintenance.
 * Every process computes it from what it holds in memory, so all answer alike; it is
 * recomputed whenever one of those inputs moves.
 */
export class StatusFusion {
  private decisions = new Map<string, Decision | undefined>();
  private crowdKinds = new Map<string, IncidentKind>();
  private reach = new Map<string, { networks: number; needed: number }>();
  private readonly fusedKinds = new Map<string, IncidentKind>();
  private vantage: VantageVerdict = { vantageDown: false, reason: '', servicesConsidered: 0, servicesUnreachable: 0 };

  constructor(
    private readonly deps: {
      clock: Clock;
      catalog: ServiceCatalog;
      checks: ChecksBook;
      maintenance: MaintenanceBook;
      incidents: IncidentBook;
      status: StatusBoard;
      /** "It works again" in the last minutes, per service. */
      recoveries?: (slug: string, now: number) => { count: number; lastMinutes: number };
    },
  ) {}

  /**
   * The detector's latest decisions; for open incidents, its own reading of their kind; and how
   * many networks each service's recent reports came from, against how many it takes.
   */
  setCrowd(
    decisions: Map<string, Decision | undefined>,
    crowdKinds: Map<string, IncidentKind>,
    reach: Map<string, { networks: number; needed: number }> = new Map(),
  ): void {
    this.decisions = decisions;
    this.crowdKinds = crowdKinds;
    this.reach = reach;
  }

  /**
   * Recomputes every verdict. Returns the services whose status changed, and the open
   * incidents whose kind the fusion reads differently (some probes failing while others pass
   * makes an outage partial; all failing makes it unplanned).
   */
  recompute(): { changed: string[]; sharpen: Sharpening[] } {
    const { clock, catalog, checks, maintenance, incidents, status } = this.deps;
    const now = clock.now();
    const services = catalog.all();
    this.vantage = assessVantage(checks.vantageSamples(services), { now });
    const changed: string[] = [];
    const sharpen: Sharpening[] = [];
    for (const service of services) {
      const slug = service.slug;
      const open = incidents.openFor(slug);
      const back = this.deps.recoveries?.(slug, now);
      const decision = this.decisions.get(slug);
      const crowd = crowdSignal(
        decision,
        open,
        this.reach.get(slug),
        back && { count: back.count, minutes: back.lastMinutes },
        open ? undefined : settledAt(decision, incidents.justResolved(slug)),
      );
      // An operator's incident keeps the kind they gave it: neither the reports' split nor the probes overrule them.
      const byHand = open?.origin === 'operator';
      const kind = open ? (byHand ? open.kind : (this.crowdKinds.get(slug) ?? open.kind)) : undefined;
      const official = officialInput(checks.latestOfficial(service), now);
      const input: FuseInput = {
        crowd: { ...crowd, ...(kind ? { kind } : {}) },
        probes: probeSignals(service.probes ?? [], (def) => checks.latestProbe(slug, def), now),
        vantageDown: this.vantage.vantageDown,
        ...(official ? { official } : {}),
        maintenance: maintenanceInput(maintenance.recentAndUpcoming(slug)),
        now,
        formatTime: formatUtc,
      };
      const fused = fuse(input);
      // Only a reading made with the incident in view is one the incident should take.
      if (open && fused.kind) this.fusedKinds.set(slug, fused.kind);
      else this.fusedKinds.delete(slug);
      if (status.update(slug, toVerdict(fused, input), now)) changed.push(slug);
      if (open && !byHand && fused.kind && fused.kind !== open.kind) sharpen.push({ incident: open, kind: fused.kind });
    }
    return { changed, sharpen };
  }

  /**
   * The kind the fusion gives a service's trouble now, if any: the detector writes it on the incidents it opens and
   * follows.
   */
  kindFor(slug: string): IncidentKind | undefined {
    return this.fusedKinds.get(slug);
  }

  vantageView(): VantageView {
    return this.vantage.vantageDown
      ? { down: true, reason: `${VANTAGE_REASON.split(';')[0]}. ${this.vantage.reason}` }
      : { down: false };
  }
}
