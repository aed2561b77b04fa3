import type { Diagnosis, DiagnosisStep, Incident } from '../../shared/index.ts';
import type { Logger } from '../logger.ts';
import type { IncidentStore } from './incident-store.ts';

/** A change of confidence this large is worth a line in the incident's history; less is noise. */
const CONFIDENCE_STEP = 0.2;

/** Whether `next` says something new after `last`: another cause, or a clearly different certainty. */
export function diagnosisMoved(last: { cause: string; confidence?: number } | undefined, next: Diagnosis): boolean {
  if (!last) return true;
  return last.cause !== next.cause || Math.abs((last.confidence ?? 0) - next.confidence) >= CONFIDENCE_STEP;
}

/**
 * Keeps each open incident's diagnosis history: when the likely cause changes (or its certainty
 * clearly does), one entry is appended to the incident. Only the process that writes incidents
 * records; memory remembers the last entry so a fusion that changes nothing writes nothing.
 */
export class DiagnosisRecorder {
  private readonly last = new Map<string, { cause: string; confidence?: number }>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly deps: {
      store: IncidentStore;
      log: Logger;
      now: () => number;
      /** The step was written to this (still open) incident. */
      onRecorded: (incidentId: string, step: DiagnosisStep) => void;
    },
  ) {}

  note(incident: Incident, diagnosis: Diagnosis | null): void {
    if (!diagnosis || this.writing.has(incident.id)) return;
    const last = this.last.get(incident.id) ?? incident.diagnosis ?? undefined;
    if (!diagnosisMoved(last, diagnosis)) return;
    this.writing.add(incident.id);
    const { cause, confidence, summary: text } = diagnosis;
    const step = { at: new Date(this.deps.now()).toISOString(), cause, confidence, text };
    this.deps.store
      .noteDiagnosis(incident.id, step)
      .then((updated) => {
        this.last.set(incident.id, step);
        if (updated) this.deps.onRecorded(incident.id, step);
      })
      .catch((err) => this.deps.log.warn({ err, incident: incident.id }, 'diagnosis not recorded'))
      .finally(() => this.writing.delete(incident.id));
  }

  /** Forgets resolved incidents. */
  keepOnly(openIds: Set<string>): void {
    for (const id of this.last.keys()) if (!openIds.has(id)) this.last.delete(id);
  }
}
