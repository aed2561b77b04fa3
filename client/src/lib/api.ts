import type {
  Comment,
  CommentPage,
  CommentRequest,
  CountSeries,
  RangeSeries,
  SeriesRange,
  ErrorBody,
  FlagRequest,
  FlagResponse,
  HelpfulResponse,
  IncidentDetail,
  ProbeHistory,
  IncidentList,
  ReportRequest,
  ReportResponse,
  RecoveryResponse,
  ServiceDetail,
  ServiceSummary,
  Story,
  StoryKind,
  StoryPage,
  StoryRequest,
} from '../../../shared/index.ts';

/** An error the page can show as is: `message` is written for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** Seconds the server asked us to wait before trying again (Retry-After), when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError(0, 'offline', 'Could not reach Outage radar. Check your connection and try again.');
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (body as ErrorBody | undefined)?.error;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? `The server answered ${res.status}. Try again shortly.`,
      err?.fields,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return body as T;
}

export const send = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});

const svc = (slug: string) => `/api/services/${encodeURIComponent(slug)}`;

export type ItemType = 'comment' | 'story' | 'insight';
const ITEM_PATHS: Record<ItemType, string> = { comment: 'comments', story: 'stories', insight: 'insights' };

export const api = {
  services: () => request<ServiceSummary[]>('/api/services'),
  service: (slug: string) => request<ServiceDetail>(svc(slug)),
  report: (slug: string, body: ReportRequest) => request<ReportResponse>(`${svc(slug)}/reports`, send('POST', body)),
  recovered: (slug: string) => request<RecoveryResponse>(`${svc(slug)}/recoveries`, send('POST', {})),

  comments: (slug: string, before?: string) =>
    request<CommentPage>(`${svc(slug)}/comments${before ? `?before=${encodeURIComponent(before)}` : ''}`),
  postComment: (slug: string, body: CommentRequest) => request<Comment>(`${svc(slug)}/comments`, send('POST', body)),

  stories: (
    slug: string,
    q: { kind?: StoryKind; incident?: string; sort: 'newest' | 'helpful'; limit: number; offset?: number },
  ) => {
    const params = new URLSearchParams({ sort: q.sort, limit: String(q.limit), offset: String(q.offset ?? 0) });
    if (q.kind) params.set('kind', q.kind);
    if (q.incident) params.set('incident', q.incident);
    return request<StoryPage>(`${svc(slug)}/stories?${params}`);
  },
  probeHistory: (slug: string, hours = 24) => request<ProbeHistory>(`${svc(slug)}/probes/history?hours=${hours}`),
  incidents: (slug: string, limit = 10) => request<IncidentList>(`${svc(slug)}/incidents?limit=${limit}`),
  incident: (id: string) => request<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
  incidentSeries: (id: string) => request<CountSeries>(`/api/incidents/${encodeURIComponent(id)}/series`),
  serviceSeries: (slug: string, range: SeriesRange) => request<RangeSeries>(`${svc(slug)}/series?range=${range}`),
  story: (id: string) => request<Story>(`/api/stories/${encodeURIComponent(id)}`),
  postStory: (slug: string, body: StoryRequest) => request<Story>(`${svc(slug)}/stories`, send('POST', body)),
  helpful: (id: string) => request<HelpfulResponse>(`/api/stories/${encodeURIComponent(id)}/helpful`, send('POST', {})),

  flag: (type: ItemType, id: string, reason: NonNullable<FlagRequest['reason']>) =>
    request<FlagResponse>(`/api/${ITEM_PATHS[type]}/${encodeURIComponent(id)}/flags`, send('POST', { reason })),
};

/** The one place an error becomes words on the page. */
export function handleError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong in the page. Reload and try again.';
}

/** Field errors of a failed request, keyed by field path ("text", "impact.hoursLost"). */
export const fieldErrorsOf = (err: unknown): Record<string, string[]> => (err instanceof ApiError && err.fields) || {};

/**
 * Splits a failed request into messages shown under the form's own fields and one message for
 * the rest (rate limits, "too fast", fields the form does not show).
 */
export function formErrors(
  err: unknown,
  shownFields: readonly string[],
): { fields: Record<string, string[]>; message: string } {
  const all = fieldErrorsOf(err);
  const fields: Record<string, string[]> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(all)) {
    if (shownFields.includes(key)) fields[key] = messages;
    else other.push(...messages);
  }
  const handled = Object.keys(fields).length > 0 && other.length === 0;
  return { fields, message: handled ? '' : [handleError(err), ...other].join(' ') };
}
