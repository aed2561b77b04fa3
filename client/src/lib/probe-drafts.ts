import type { DnsRecordType, ProbeDefinition, ProbeDefinitionInput, ProbeKind } from '../../../shared/index.ts';

/**
 * A probe as the operators' form edits it: the fields it shows, as typed, beside the definition
 * it came from, so settings the form does not show (expected status, headers…) survive an edit.
 */
export interface ProbeDraft {
  from?: ProbeDefinition;
  kind: ProbeKind;
  id: string;
  name: string;
  intervalSeconds: string;
  url: string;
  host: string;
  port: string;
  hostname: string;
  recordType: DnsRecordType;
}

export function draftOf(p: ProbeDefinition): ProbeDraft {
  return {
    from: p,
    kind: p.kind,
    id: p.id,
    name: p.name,
    intervalSeconds: String(p.intervalSeconds),
    url: p.kind === 'http' ? p.url : '',
    host: p.kind === 'tcp' ? p.host : '',
    port: p.kind === 'tcp' ? String(p.port) : '',
    hostname: p.kind === 'dns' ? p.hostname : '',
    recordType: p.kind === 'dns' ? p.recordType : 'A',
  };
}

export const blankDraft = (n: number): ProbeDraft => ({
  kind: 'http',
  id: `check-${n}`,
  name: '',
  intervalSeconds: '60',
  url: '',
  host: '',
  port: '',
  hostname: '',
  recordType: 'A',
});

/** A number as typed, or the text itself so the server's schema says what is wrong with it. */
const numberOf = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : (s as unknown as number));

/** The definition to send; only the kept settings of the same kind carry over. */
export function definitionOf(d: ProbeDraft): ProbeDefinitionInput {
  const kept = d.from?.kind === d.kind ? d.from : undefined;
  const common = { id: d.id.trim(), name: d.name, intervalSeconds: numberOf(d.intervalSeconds) };
  if (d.kind === 'http') return { ...(kept as object), ...common, kind: 'http', url: d.url };
  if (d.kind === 'tcp') return { ...(kept as object), ...common, kind: 'tcp', host: d.host, port: numberOf(d.port) };
  return { ...(kept as object), ...common, kind: 'dns', hostname: d.hostname, recordType: d.recordType };
}

/** The draft fields that have an input of their own, by the API's field names. */
export const DRAFT_FIELDS = [
  'kind',
  'id',
  'name',
  'intervalSeconds',
  'url',
  'host',
  'port',
  'hostname',
  'recordType',
] as const;
