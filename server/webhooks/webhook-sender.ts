import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { connectionError } from '../probes/probe-errors.ts';
import { untilAborted } from '../common/until-aborted.ts';
import { pinnedLookup, resolveTarget, type LookupAll } from '../probes/target-guard.ts';

export interface SendResult {
  ok: boolean;
  httpStatus?: number;
  error?: string;
  durationMs: number;
}

export interface SendOptions {
  allowPrivate: boolean;
  lookup?: LookupAll;
  timeoutMs: number;
}

/** Enough of an answer to show in the log when it is an error page; the rest is not read. */
const KEPT_BODY = 300;

/**
 * POSTs one delivery. The host is checked by the probes' private-address guard and the
 * connection goes to the address it vetted (so a name that rebinds to 127.0.0.1 after the check
 * gets nowhere); redirects are not followed, since one could point anywhere. Never throws.
 */
export async function sendWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: SendOptions,
): Promise<SendResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const noAnswer = (): SendResult => ({
    ok: false,
    error: `No answer within ${opts.timeoutMs / 1000} s`,
    durationMs: took(),
  });
  let req: http.ClientRequest | undefined;
  try {
    const resolved = await untilAborted(
      resolveTarget(target.hostname, { allowPrivate: opts.allowPrivate, ...(opts.lookup && { lookup: opts.lookup }) }),
      deadline,
    );
    if (!resolved.ok)
      return {
        ok: false,
        error: resolved.error.message.replace('Refused to probe', 'Refused to send to'),
        durationMs: took(),
      };
    return await new Promise<SendResult>((resolve) => {
      const client = target.protocol === 'https:' ? https : http;
      req = client.request(
        target,
        {
          method: 'POST',
          lookup: pinnedLookup(resolved),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'OutageRadar-Webhook/1',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
          agent: false,
          // Destroys the request at the deadline, whatever it is waiting for.
          signal: deadline,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < KEPT_BODY) text += chunk;
          });
          res.on('error', () => undefined);
          res.once('end', () => {
            const ok = status >= 200 && status < 300;
            const snippet = text.trim().slice(0, KEPT_BODY);
            const error = ok
              ? undefined
              : status >= 300 && status < 400
                ? `Answered ${status} (a ` +
                  `redirect${res.headers.location ? ` to ${res.headers.location}` : ''}); redirects are not ` +
                  'followed — use the final address'
                : `Answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
            resolve({ ok, httpStatus: status, ...(error && { error }), durationMs: took() });
          });
        },
      );
      req.on('error', (err) =>
        resolve(deadline.aborted ? noAnswer() : { ok: false, error: connectionError(err).message, durationMs: took() }),
      );
      req.end(body);
    });
  } catch (err) {
    return deadline.aborted ? noAnswer() : { ok: false, error: connectionError(err).message, durationMs: took() };
  } finally {
    req?.destroy();
  }
}
