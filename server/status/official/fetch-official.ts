import http from 'node:http';
import https from 'node:https';
import type { OfficialStatus } from '../../../shared/schemas/official-status.ts';
import { exchangeError, timedOut } from '../../probes/probe-errors.ts';
import { untilAborted } from '../../common/until-aborted.ts';
import { pinnedLookup, resolveTarget, type LookupAll } from '../../probes/target-guard.ts';
import { incidentFeedSteps } from './incident-feed.ts';
import { runInSlices } from './run-steps.ts';
import { isStatuspageSummary, statuspageSummarySteps } from './statuspage-v2.ts';

/**
 * Fetches a service's official status (a Statuspage summary or an incident feed) and parses it.
 * Thin: the guard, the transport and the parsers do the work. Never throws — a page that is
 * down, slow, huge or not what we expected becomes a result with a plain error, like a probe.
 * The parsers run in slices (run-steps.ts): a 2 MB page takes tens of milliseconds to read,
 * and the rest of the server keeps answering meanwhile.
 */

export type OfficialSourceKind = 'statuspage' | 'feed';

export type OfficialFetchErrorCode =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'blocked_target'
  | 'http_status'
  | 'not_json'
  | 'unexpected_shape'
  | 'too_large'
  | 'other';

export type OfficialFetch =
  | { ok: true; status: OfficialStatus }
  | { ok: false; at: string; error: { code: OfficialFetchErrorCode; message: string } };

export interface FetchOfficialDeps {
  now(): number;
  allowPrivate: boolean;
  lookup?: LookupAll;
  timeoutMs?: number;
  /** Big enough for a large Statuspage summary or a long feed; a page this big is not a status page. */
  maxBytes?: number;
}

const MAX_REDIRECTS = 3;

class TooLarge extends Error {}

interface Got {
  status: number;
  location?: string;
  contentType: string;
  body: string;
}

function get(
  url: URL,
  address: { address: string; family: 4 | 6 },
  maxBytes: number,
  signal: AbortSignal,
  onReq: (r: http.ClientRequest) => void,
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.get(
      url,
      {
        lookup: pinnedLookup(address),
        agent: false,
        signal,
        headers: {
          'user-agent': 'OutageRadar-StatusReader/1',
          accept: 'application/json, application/rss+xml, application/atom+xml, text/xml;q=0.9, */*;q=0.5',
        },
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (declared > maxBytes) return reject(new TooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return reject(new TooLarge());
          chunks.push(c);
        });
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ...(res.headers.location && { location: res.headers.location }),
            contentType: String(res.headers['content-type'] ?? 'no content type'),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    onReq(req);
    req.on('error', reject);
  });
}

export async function fetchOfficial(
  source: string,
  kind: OfficialSourceKind,
  deps: FetchOfficialDeps,
): Promise<OfficialFetch> {
  const { timeoutMs = 10_000, maxBytes = 2 * 1024 * 1024 } = deps;
  const at = new Date(deps.now()).toISOString();
  const fail = (code: OfficialFetchErrorCode, message: string): OfficialFetch => ({
    ok: false,
    at,
    error: { code, message },
  });

  let url: URL;
  try {
    url = new URL(source);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return fail('other', `"${source}" is not an http:// or https:// address`);
  }

  // One deadline for every hop's lookup, connect and download; it destroys the request in flight.
  const deadline = AbortSignal.timeout(timeoutMs);
  let req: http.ClientRequest | undefined;
  try {
    let got: Got | undefined;
    for (let hop = 0; ; hop++) {
      // Every hop is vetted: a redirect is as good a way into our network as a typed-in URL.
      const target = await untilAborted(resolveTarget(url.hostname, deps), deadline);
      if (!target.ok) return fail(target.error.code as OfficialFetchErrorCode, target.error.message);
      got = await get(url, target, maxBytes, deadline, (r) => (req = r));
      if (got.status < 300 || got.status > 399 || !got.location) break;
      if (hop >= MAX_REDIRECTS)
        return fail('http_status', `Too many redirects (more than ${MAX_REDIRECTS}) from ${source}`);
      url = new URL(got.location, url);
    }
    if (got.status < 200 || got.status > 299)
      return fail('http_status', `HTTP ${got.status} from the status page, expected 200–299`);

    if (kind === 'statuspage') {
      let json: unknown;
      try {
        json = JSON.parse(got.body);
      } catch {
        return fail('not_json', `The status page answered with something that is not JSON (${got.contentType})`);
      }
      if (!isStatuspageSummary(json))
        return fail(
          'unexpected_shape',
          'The status page answered with JSON that is not a Statuspage summary (no status or components)',
        );
      return { ok: true, status: await runInSlices(statuspageSummarySteps(json, at)) };
    }
    const status = await runInSlices(incidentFeedSteps(got.body, { fetchedAt: at, now: deps.now() }));
    if (!status) return fail('unexpected_shape', `The status feed is not RSS or Atom (${got.contentType})`);
    return { ok: true, status };
  } catch (err) {
    if (err instanceof TooLarge)
      return fail('too_large', `The status page's answer is larger than ${formatBytes(maxBytes)}; it was not read`);
    const e = exchangeError(err, deadline, timeoutMs);
    return fail(e.code as OfficialFetchErrorCode, e.code === 'timeout' ? timedOut(timeoutMs).message : e.message);
  } finally {
    req?.destroy();
  }
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toLocaleString('en-US')} MB`
    : `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
