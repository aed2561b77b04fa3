import type { DiagnosisStep, Incident } from '../../shared/index.ts';
import type { IncidentDoc } from '../db/models/incident.model.ts';

type EvidenceDoc =
  | {
      windowMinutes?: number | null;
      observed?: number | null;
      expected?: number | null;
      ratio?: number | null;
      pValue?: number | null;
    }
  | null
  | undefined;

/** What a lean incident document holds (mongoose's inferred types are too strict to pass around). */
interface Doc {
  _id: unknown;
  service: string;
  kind: IncidentDoc['kind'];
  state: IncidentDoc['state'];
  origin?: string | null;
  title?: string | null;
  phase?: string | null;
  resolvedBy?: string | null;
  startedAt: Date;
  openedAt: Date;
  resolvedAt?: Date | null;
  reasons?: string[];
  trigger?: EvidenceDoc;
  peak?: (EvidenceDoc & { at?: Date | null }) | null;
  topProblems?: { problem?: string | null; label?: string | null; count?: number | null; share?: number | null }[];
  updates?: { _id?: unknown; status: string; body: string; author: string; at: Date }[];
  official?: { acknowledgedAt?: Date | null; leadSeconds?: number | null } | null;
  diagnoses?: { at?: Date | null; cause?: string | null; confidence?: number | null; text?: string | null }[] | null;
}

const evidence = (e: EvidenceDoc) => ({
  windowMinutes: e?.windowMinutes ?? 0,
  observed: e?.observed ?? 0,
  expected: e?.expected ?? 0,
  ratio: e?.ratio ?? 0,
  pValue: e?.pValue ?? 1,
});

export function toIncident(d: Doc | object): Incident {
  return fromDoc(d as Doc);
}

function fromDoc(d: Doc): Incident {
  return {
    id: String(d._id),
    service: d.service,
    kind: d.kind,
    state: d.state,
    origin: d.origin === 'operator' ? 'operator' : 'crowd',
    ...(d.title ? { title: d.title } : {}),
    ...(d.state === 'open' && d.phase ? { phase: d.phase as Incident['phase'] } : {}),
    ...(d.resolvedBy ? { resolvedBy: d.resolvedBy } : {}),
    startedAt: d.startedAt.toISOString(),
    openedAt: d.openedAt.toISOString(),
    ...(d.resolvedAt ? { resolvedAt: d.resolvedAt.toISOString() } : {}),
    reasons: d.reasons ?? [],
    trigger: evidence(d.trigger),
    peak: { ...evidence(d.peak), at: (d.peak?.at ?? d.openedAt).toISOString() },
    topProblems: (d.topProblems ?? []).map((p) => ({
      problem: p.problem ?? '',
      label: p.label ?? '',
      count: p.count ?? 0,
      share: p.share ?? 0,
    })),
    updates: (d.updates ?? []).map((u) => ({
      id: String(u._id),
      status: u.status as Incident['updates'][number]['status'],
      body: u.body,
      author: u.author,
      at: u.at.toISOString(),
    })),
    official: d.official?.acknowledgedAt
      ? { acknowledgedAt: d.official.acknowledgedAt.toISOString(), leadSeconds: d.official.leadSeconds ?? 0 }
      : null,
    ...(d.diagnoses?.length ? { diagnosis: diagnosisSteps(d.diagnoses).at(-1)! } : {}),
  };
}

/** An incident's recorded diagnoses, oldest first. */
export function diagnosisSteps(list: Doc['diagnoses']): DiagnosisStep[] {
  return (list ?? []).map((x) => ({
    at: (x.at ?? new Date(0)).toISOString(),
    cause: x.cause ?? '',
    ...(typeof x.confidence === 'number' ? { confidence: x.confidence } : {}),
    text: x.text ?? '',
  }));
}
