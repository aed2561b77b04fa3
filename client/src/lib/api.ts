import type { ErrorBody, ReportRequest, ReportResponse, ServiceDetail, ServiceSummary } from '../../../shared/index.ts';

/** An error the page can show as is: `message` is written for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError(0, 'offline', 'Could not reach Outage radar. Check your connection and try again.');
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (body as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? `The server answered ${res.status}. Try again shortly.`, err?.fields);
  }
  return body as T;
}

export const api = {
  services: () => request<ServiceSummary[]>('/api/services'),
  service: (slug: string) => request<ServiceDetail>(`/api/services/${encodeURIComponent(slug)}`),
  report: (slug: string, body: ReportRequest) =>
    request<ReportResponse>(`/api/services/${encodeURIComponent(slug)}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
};

/** The one place an error becomes words on the page. */
export function handleError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong in the page. Reload and try again.';
}
