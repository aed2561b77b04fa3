import { Types } from 'mongoose';
import type { Models } from '../db/models.ts';
import type {
  CrowdEvidence,
  DiagnosisStep,
  Incident,
  OfficialAck,
  IncidentKind,
  IncidentOrigin,
  IncidentPhase,
  IncidentUpdateRequest,
} from '../../shared/index.ts';
import { diagnosisSteps, toIncident } from './incident-view.ts';
import { isDuplicateKey } from '../db/database-errors.ts';

export interface OpenIncidentInput {
  service: string;
  kind: IncidentKind;
  startedAt: number;
  openedAt: number;
  reasons: string[];
  trigger: CrowdEvidence;
  peak: CrowdEvidence & { at: number };
  topProblems: Incident['topProblems'];
  origin?: IncidentOrigin;
  title?: string;
  phase?: IncidentPhase;
  /** The first timeline entries (an operator opening one by hand writes its first update). */
  updates?: { status: string; body: string; author: string; at: number }[];
}

/** The database side of incidents: open (one per service), follow, resolve, annotate. */
export class IncidentStore {
  constructor(private readonly models: Models) {}

  /** Opens an incident unless one is already open for the service; returns the open one. */
  async open(input: OpenIncidentInput): Promise<Incident> {
    const opened = await this.openNew(input);
    if (opened.created) return opened.incident;
    const existing = await this.openFor(input.service);
    if (existing) return existing;
    throw new Error(`open incident of ${input.service} is claimed but missing`);
  }

  /** Opens an incident, or says which one is already open for the service (created: false). */
  async openNew(
    input: OpenIncidentInput,
  ): Promise<{ created: true; incident: Incident } | { created: false; incident: Incident | undefined }> {
    const id = new Types.ObjectId();
    try {
      await this.models.OpenIncident.create({ _id: input.service, incidentId: id });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return { created: false, incident: await this.openFor(input.service) };
    }
    const { updates, ...rest } = input;
    const doc = await this.models.Incident.create({
      _id: id,
      ...rest,
      origin: input.origin ?? 'crowd',
      ...(updates ? { updates: updates.map((u) => ({ ...u, at: new Date(u.at) })) } : {}),
      state: 'open',
      startedAt: new Date(input.startedAt),
      openedAt: new Date(input.openedAt),
      peak: { ...input.peak, at: new Date(input.peak.at) },
    });
    return { created: true, incident: toIncident(doc.toObject()) };
  }

  async openFor(service: string): Promise<Incident | undefined> {
    const claim = await this.models.OpenIncident.findById(service).lean();
    if (!claim) return undefined;
    const doc = await this.models.Incident.findById(claim.incidentId).lean();
    return doc ? toIncident(doc) : undefined;
  }

  /** Through the small open-incident index collection, so this stays cheap however long the history grows. */
  async allOpen(): Promise<Incident[]> {
    const claims = await this.models.OpenIncident.find().lean();
    const docs = await Promise.all(claims.map((c) => this.models.Incident.findById(c.incidentId).lean()));
    return docs.filter((d) => d?.state === 'open').map((d) => toIncident(d!));
  }

  async follow(
    id: string,
    change: {
      peak?: CrowdEvidence & { at: number };
      kind?: IncidentKind;
      reasons?: string[];
      topProblems?: Incident['topProblems'];
      phase?: IncidentPhase;
    },
  ): Promise<Incident | undefined> {
    const $set: Record<string, unknown> = {};
    if (change.phase) $set.phase = change.phase;
    if (change.peak) $set.peak = { ...change.peak, at: new Date(change.peak.at) };
    if (change.kind) $set.kind = change.kind;
    if (change.reasons) $set.reasons = change.reasons;
    if (change.topProblems) $set.topProblems = change.topProblems;
    const doc = await this.models.Incident.findOneAndUpdate(
      { _id: id, state: 'open' },
      { $set },
      { returnDocument: 'after' },
    ).lean();
    return doc ? toIncident(doc) : undefined;
  }

  /** Appends a step to an open incident's diagnosis history. */
  async noteDiagnosis(id: string, step: DiagnosisStep): Promise<boolean> {
    const entry = { ...step, at: new Date(step.at) };
    const res = await this.models.Incident.updateOne({ _id: id, state: 'open' }, { $push: { diagnoses: entry } });
    return res.matchedCount > 0;
  }

  /** An incident's diagnosis history, oldest first (empty when none was recorded). */
  async diagnoses(id: string): Promise<DiagnosisStep[]> {
    const doc = await this.models.Incident.findById(id, { diagnoses: 1 }).lean();
    return diagnosisSteps(doc?.diagnoses);
  }

  /** Records the official page's first acknowledgement; undefined when one is recorded already (the first stays). */
  async acknowledge(id: string, ack: OfficialAck): Promise<Incident | undefined> {
    const doc = await this.models.Incident.findOneAndUpdate(
      { _id: id, 'official.acknowledgedAt': { $exists: false } },
      { $set: { official: { acknowledgedAt: new Date(ack.acknowledgedAt), leadSeconds: ack.leadSeconds } } },
      { returnDocument: 'after' },
    ).lean();
    return doc ? toIncident(doc) : undefined;
  }

  /** Leads (seconds) of a service's incidents the official page acknowledged, opened since `since`, by service. */
  async officialLeads(since: number): Promise<Map<string, number[]>> {
    const docs = await this.models.Incident.find(
      { openedAt: { $gte: new Date(since) }, 'official.acknowledgedAt': { $exists: true } },
      { service: 1, 'official.leadSeconds': 1 },
    ).lean();
    const out = new Map<string, number[]>();
    for (const d of docs as { service: string; official?: { leadSeconds?: number | null } | null }[]) {
      const lead = d.official?.leadSeconds;
      if (typeof lead === 'number') out.set(d.service, [...(out.get(d.service) ?? []), lead]);
    }
    return out;
  }

  /**
   * Closes an open incident (undefined if it is not open), with the closing note in its
   * timeline when one is given, in one atomic write so no reader sees one without the other.
   */
  async resolve(
    id: string,
    at: number,
    by = 'detector',
    note?: { status: string; body: string; author: string },
  ): Promise<Incident | undefined> {
    const doc = await this.models.Incident.findOneAndUpdate(
      { _id: id, state: 'open' },
      {
        $set: { state: 'resolved', resolvedAt: new Date(at), resolvedBy: by },
        $unset: { phase: 1 },
        ...(note ? { $push: { updates: { ...note, at: new Date(at) } } } : {}),
      },
      { returnDocument: 'after' },
    ).lean();
    if (doc) await this.models.OpenIncident.deleteOne({ _id: doc.service, incidentId: doc._id });
    return doc ? toIncident(doc) : undefined;
  }

  async addUpdate(
    id: string,
    update: IncidentUpdateRequest,
    author: string,
    at: number,
  ): Promise<Incident | undefined> {
    const doc = await this.models.Incident.findByIdAndUpdate(
      id,
      { $push: { updates: { ...update, author, at: new Date(at) } } },
      { returnDocument: 'after' },
    ).lean();
    return doc ? toIncident(doc) : undefined;
  }

  /** For the operators' list: open incidents (through the index collection), or the latest of a state. */
  async list(state: 'open' | 'resolved' | 'all', limit: number): Promise<Incident[]> {
    if (state === 'open')
      return (await this.allOpen()).sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
    const docs = await this.models.Incident.find(state === 'all' ? {} : { state })
      .sort({ startedAt: -1 })
      .limit(limit)
      .lean();
    return docs.map(toIncident);
  }

  /** Incidents resolved at or after `since`, newest first. */
  async resolvedSince(since: number): Promise<Incident[]> {
    const docs = await this.models.Incident.find({ state: 'resolved', resolvedAt: { $gte: new Date(since) } })
      .sort({ resolvedAt: -1 })
      .lean();
    return docs.map(toIncident);
  }

  async get(id: string): Promise<Incident | undefined> {
    const doc = await this.models.Incident.findById(id).lean();
    return doc ? toIncident(doc) : undefined;
  }

  async recent(limit: number, before?: Date): Promise<Incident[]> {
    const docs = await this.models.Incident.find(before ? { startedAt: { $lt: before } } : {})
      .sort({ startedAt: -1 })
      .limit(limit)
      .lean();
    return docs.map(toIncident);
  }

  async history(service: string, limit: number, before?: Date): Promise<Incident[]> {
    const docs = await this.models.Incident.find({ service, ...(before ? { startedAt: { $lt: before } } : {}) })
      .sort({ startedAt: -1 })
      .limit(limit)
      .lean();
    return docs.map(toIncident);
  }
}
