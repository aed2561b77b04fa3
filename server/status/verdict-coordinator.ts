import type { Diagnosis, Incident } from '../../shared/index.ts';
import { DiagnosisRecorder } from '../incidents/diagnosis-recorder.ts';
import { HOME_ROOM, serviceRoom } from '../../shared/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { ServiceCatalog } from '../catalog/service-catalog.ts';
import type { RelatedCandidate } from '../catalog/related-services.ts';
import { RelatedWatch } from '../catalog/related-watch.ts';
import type { ChecksBook } from '../probes/checks-book.ts';
import type { IncidentBook } from '../incidents/incident-book.ts';
import type { IncidentStore } from '../incidents/incident-store.ts';
import type { IncidentEvent } from '../incidents/detection-loop.ts';
import type { OfficialLeads } from '../incidents/official-leads.ts';
import { createOfficialAcknowledger } from '../incidents/official-acknowledger.ts';
import type { LiveHub, LiveServer } from '../live/live-hub.ts';
import type { OutboundEvents } from '../notifications/outbound-events.ts';
import type { StatusBoard } from './status-board.ts';
import type { Sharpening, StatusFusion } from './status-fusion.ts';

const OUTBOUND = {
  'incident:opened': 'incident.opened',
  'incident:updated': 'incident.updated',
  'incident:resolved': 'incident.resolved',
} as const;

/**
 * What follows when an input of the verdict moves: every verdict is fused again from memory, the
 * pages that changed are pushed, verdict changes go out (webhooks, email), and the process that
 * writes incidents records what the fusion learnt about them (their kind, the official
 * acknowledgement). Also the one way an incident event reaches pages, rooms and the outside.
 */
export class VerdictCoordinator {
  private readonly related: RelatedWatch;
  private readonly acknowledge: () => void;
  /** Incidents whose fused kind is being written, so a second fusion does not write it again. */
  private readonly sharpening = new Set<string>();
  /** Each open incident's diagnosis history, written as the likely cause changes. */
  private readonly diagnoses: DiagnosisRecorder;

  constructor(
    private readonly deps: {
      clock: Clock;
      log: Logger;
      catalog: ServiceCatalog;
      checks: ChecksBook;
      status: StatusBoard;
      fusion: StatusFusion;
      incidents: IncidentBook;
      store: IncidentStore;
      leads: OfficialLeads;
      live: LiveHub;
      io: LiveServer;
      events: OutboundEvents;
      relatedCandidates: () => RelatedCandidate[];
      /** Only the process holding the detector's lease writes incidents. */
      isWriter: () => boolean;
      /** The service's likely cause as its page shows it now. */
      diagnosisOf: (slug: string) => Diagnosis | null;
    },
  ) {
    this.related = new RelatedWatch(deps.relatedCandidates);
    this.diagnoses = new DiagnosisRecorder({
      ...deps,
      now: () => deps.clock.now(),
      // The page already shows the diagnosis live; the incident's copy follows without an event. Only
      // the step is patched in: the document as this write saw it may predate a concurrent kind change.
      onRecorded: (id, step) => {
        const open = deps.incidents.all().find((i) => i.id === id);
        if (!open) return;
        deps.incidents.note({ ...open, diagnosis: step });
        deps.live.markDirty(open.service, { reread: false });
      },
    });
    this.acknowledge = createOfficialAcknowledger({
      ...deps,
      onRecorded: (updated) =>
        void deps.leads
          .reload(deps.clock.now())
          .catch((err) => deps.log.warn({ err }, 'official leads not re-read'))
          .finally(() => this.announce('incident:updated', updated)),
    });
  }

  /** Every service's verdict again, from what memory holds; changed ones are pushed. */
  fuseAll(): void {
    const { catalog, status, fusion, live, events } = this.deps;
    const before = new Map(catalog.all().map((s) => [s.slug, status.get(s.slug).level]));
    const { changed, sharpen } = fusion.recompute();
    for (const slug of changed) {
      live.markDirty(slug, { reread: false });
      const now = status.get(slug);
      const previous = before.get(slug);
      if (previous && previous !== now.level) events.verdict(slug, now, previous);
    }
    this.sharpen(sharpen);
    this.acknowledge();
    this.recordDiagnoses();
    for (const slug of this.related.changed()) live.markDirty(slug, { reread: false });
  }

  /** An incident opened, changed or resolved (here or, read back on refresh, elsewhere). */
  announce(event: IncidentEvent, incident: Incident): void {
    const { incidents, io, live, events, clock } = this.deps;
    // Whichever process wrote it, its pages and verdict follow at once; others on their refresh.
    incidents.note(incident);
    this.fuseAll();
    io.to(serviceRoom(incident.service)).to(HOME_ROOM).emit(event, incident);
    live.markDirty(incident.service);
    events.incident(OUTBOUND[event], incident, new Date(clock.now()).toISOString());
  }

  private recordDiagnoses(): void {
    if (!this.deps.isWriter()) return;
    const open = this.deps.incidents.all();
    for (const incident of open) this.diagnoses.note(incident, this.deps.diagnosisOf(incident.service));
    this.diagnoses.keepOnly(new Set(open.map((i) => i.id)));
  }

  /** The fused reading of an open incident's kind is written by the process that writes incidents. */
  private sharpen(list: Sharpening[]): void {
    if (!this.deps.isWriter()) return;
    for (const { incident, kind } of list) {
      if (this.sharpening.has(incident.id)) continue;
      this.sharpening.add(incident.id);
      this.deps.store
        .follow(incident.id, { kind })
        .then((updated) => updated && this.announce('incident:updated', updated))
        .catch((err) => this.deps.log.warn({ err, incident: incident.id }, 'incident kind not updated'))
        .finally(() => this.sharpening.delete(incident.id));
    }
  }
}
