import type { ProbeError } from '../../shared/schemas/probe.ts';

/**
 * Failure words every connection-based check shares: the probes (TCP, HTTP, DNS), official
 * status pages and webhook deliveries all report in them.
 */

/** "10,000 ms": people read grouped digits faster. */
export const formatMs = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$)/;

/** The deadline of a whole exchange passed, whatever step it was in. */
export const timedOut = (ms: number): ProbeError => ({ code: 'timeout', message: `Timed out after ${formatMs(ms)}` });

/**
 * Why an exchange bounded by `deadline` (an AbortSignal.timeout of `ms`) failed. Once the
 * deadline has fired, whatever broke broke because we cut it, so it is the timeout.
 */
export function exchangeError(err: unknown, deadline: AbortSignal, ms: number): ProbeError {
  return deadline.aborted ? timedOut(ms) : connectionError(err);
}

/** A failed connection or exchange in plain words, with the code a person can search for. */
export function connectionError(err: unknown): ProbeError {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return { code: 'refused', message: 'Connection refused' };
    // "Could not connect" answers from the network count with refusals: the target was not reached.
    case 'EHOSTUNREACH':
      return { code: 'refused', message: 'Host unreachable (EHOSTUNREACH)' };
    case 'ENETUNREACH':
      return { code: 'refused', message: 'Network unreachable (ENETUNREACH)' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'reset', message: 'Connection reset by the server before the response was complete' };
    case 'ETIMEDOUT':
      return { code: 'timeout', message: 'Timed out connecting (ETIMEDOUT)' };
  }
  if (TLS_CODE.test(code)) return { code: 'tls', message: `TLS handshake failed: ${e?.message ?? code} (${code})` };
  return {
    code: 'other',
    message: code ? `${e?.message ?? 'Unexpected error'} (${code})` : (e?.message ?? String(err)),
  };
}
