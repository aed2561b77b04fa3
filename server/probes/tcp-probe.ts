import net from 'node:net';
import type { ProbeCheck, ProbeError, ProbeResult, TcpProbe } from '../../shared/schemas/probe.ts';
import type { ProbeDeps } from './probe-registry.ts';
import { resolveTarget, type ResolvedAddress } from './target-guard.ts';

/**
 * TCP probe: can a connection be opened to host:port within the timeout? Also home to what
 * every connection-based probe shares (a deadline, failure words), since HTTP rides on TCP.
 */

/** "10,000 ms": people read grouped digits faster. */
export const formatMs = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

export class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${formatMs(ms)}`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * One timer for the whole probe (name lookup, connect, handshake, response), so a server that
 * accepts and then trickles bytes cannot hold a probe past its timeout.
 */
export function deadline(ms: number): { expired: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
  });
  // Nobody may be listening when it fires after the work already ended.
  expired.catch(() => {});
  return { expired, clear: () => clearTimeout(timer) };
}

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$)/;

/** A failed connection or exchange in plain words, with the code a person can search for. */
export function connectionError(err: unknown): ProbeError {
  if (err instanceof ProbeTimeout) return { code: 'timeout', message: err.message };
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
  return { code: 'other', message: code ? `${e?.message ?? 'Unexpected error'} (${code})` : (e?.message ?? String(err)) };
}

/** Opens a connection to the vetted address; resolves once connected. */
function connect(target: ResolvedAddress, port: number, onSocket: (s: net.Socket) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.address, port, family: target.family });
    onSocket(socket);
    socket.once('connect', () => resolve());
    // `on`, not `once`: a second, late error with no listener would crash the process.
    socket.on('error', reject);
  });
}

export async function run(def: TcpProbe, deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.now();
  const at = new Date(started).toISOString();
  const expected = `connection accepted on port ${def.port} within ${formatMs(def.timeoutMs)}`;
  const done = (error: ProbeError | undefined, checks: ProbeCheck[], address?: string): ProbeResult => ({
    probeId: def.id,
    kind: 'tcp',
    at,
    ok: !error,
    latencyMs: Math.max(0, deps.now() - started),
    ...(error && { error }),
    checks,
    ...(address && { details: { address } }),
  });

  const dl = deadline(def.timeoutMs);
  let socket: net.Socket | undefined;
  let address: string | undefined;
  try {
    const target = await Promise.race([resolveTarget(def.host, deps), dl.expired]);
    if (!target.ok) return done(target.error, [{ name: 'target', ok: false, actual: target.error.message, expected: 'a reachable public address' }]);
    address = target.address;
    await Promise.race([connect(target, def.port, (s) => (socket = s)), dl.expired]);
    const ms = Math.max(0, deps.now() - started);
    return done(undefined, [{ name: 'connect', ok: true, actual: `connected in ${formatMs(ms)}`, expected }], address);
  } catch (err) {
    const error = connectionError(err);
    return done(error, [{ name: 'connect', ok: false, actual: error.message, expected }], address);
  } finally {
    dl.clear();
    socket?.destroy();
  }
}
