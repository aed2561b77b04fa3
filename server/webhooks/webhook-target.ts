import { AppError } from '../errors.ts';
import { resolveTarget, type LookupAll } from '../probes/target-guard.ts';
import { untilAborted } from '../common/until-aborted.ts';

/** A name that does not resolve in this long is saved anyway: its deliveries will show the DNS trouble. */
const LOOKUP_WAIT_MS = 2_000;

/**
 * Refuses an endpoint on our own network when it is saved, with a field error: an address
 * literal, or a name that resolves to one now. Every delivery checks again after DNS, so a
 * name that changes its answer later is refused then.
 */
export async function refusePrivateUrl(
  url: string,
  opts: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<void> {
  if (opts.allowPrivate) return;
  // resolveTarget never throws: only the wait running out lands in the catch.
  const verdict = await untilAborted(
    resolveTarget(new URL(url).hostname, { allowPrivate: false, ...(opts.lookup && { lookup: opts.lookup }) }),
    AbortSignal.timeout(LOOKUP_WAIT_MS),
  ).catch(() => undefined);
  if (verdict && !verdict.ok && verdict.error.code === 'blocked_target') {
    throw new AppError(
      400,
      'private_target',
      'Webhooks are not sent to private, loopback or internal addresses. To send to your own network on ' +
        'purpose, start the server with PROBE_ALLOW_PRIVATE=1.',
      {
        url: [
          verdict.error.message
            .replace('Refused to probe', 'Refused to send to')
            .replace(/ Private and internal.*$/, ''),
        ],
      },
    );
  }
}
