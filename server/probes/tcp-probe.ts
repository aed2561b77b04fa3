import net from 'node:net';
import type { ProbeCheck, ProbeError, ProbeResult, TcpProbe } from '../../shared/schemas/probe.ts';
import type { ProbeDeps } from './probe-registry.ts';
import { resolveTarget, type ResolvedAddress } from './target-guard.ts';
import { exchangeError, formatMs } from './probe-errors.ts';
import { untilAborted } from '../common/until-aborted.ts';

/**
 * TCP probe: can a connection be opened to host:port within the timeout? The failure words it
 * shares with the other probes live in probe-errors.ts.
 */

/** Opens a connection to the vetted address; resolves once connected. */
function connect(
  target: ResolvedAddress,
  port: number,
  signal: AbortSignal,
  onSocket: (s: net.Socket) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // The signal destroys the socket at the deadline, which ends the wait with an error.
    const socket = net.connect({ host: target.address, port, family: target.family, signal });
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

  // One deadline for the whole probe (name lookup and connect).
  const deadline = AbortSignal.timeout(def.timeoutMs);
  let socket: net.Socket | undefined;
  let address: string | undefined;
  try {
    const target = await untilAborted(resolveTarget(def.host, deps), deadline);
    if (!target.ok)
      return done(target.error, [
        { name: 'target', ok: false, actual: target.error.message, expected: 'a reachable public address' },
      ]);
    address = target.address;
    await connect(target, def.port, deadline, (s) => (socket = s));
    const ms = Math.max(0, deps.now() - started);
    return done(undefined, [{ name: 'connect', ok: true, actual: `connected in ${formatMs(ms)}`, expected }], address);
  } catch (err) {
    const error = exchangeError(err, deadline, def.timeoutMs);
    return done(error, [{ name: 'connect', ok: false, actual: error.message, expected }], address);
  } finally {
    socket?.destroy();
  }
}
