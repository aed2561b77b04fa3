import type { OfficialSource, ProbeDefinition } from '../../shared/index.ts';
import { resolveTarget, type LookupAll } from './target-guard.ts';
import { untilAborted } from '../common/until-aborted.ts';

/** A name that does not resolve in this long is saved anyway: its probe will report the DNS trouble. */
const LOOKUP_WAIT_MS = 2_000;

/** Where a definition connects to, and which field names it (for field errors). */
function targetsOf(def: ProbeDefinition): { field: string; host: string }[] {
  switch (def.kind) {
    case 'http':
      return [{ field: 'url', host: new URL(def.url).hostname }];
    case 'tcp':
      return [{ field: 'host', host: def.host }];
    case 'dns':
      // The name asked about is not connected to; only a chosen resolver is.
      return def.resolver
        ? [
            {
              field: 'resolver',
              host: def.resolver.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^([\d.]+):\d+$/, '$1'),
            },
          ]
        : [];
  }
}

/**
 * Field errors for probe and status-page targets that are private, loopback, link-local or
 * metadata addresses (literally, or by what their name resolves to now). Saving is refused for
 * them unless private targets are allowed; the probes check again at every run, after DNS.
 */
export async function privateTargets(
  items: { probes?: ProbeDefinition[]; official?: OfficialSource },
  opts: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<Record<string, string[]>> {
  if (opts.allowPrivate) return {};
  const checks: { path: string; host: string }[] = [
    ...(items.probes ?? []).flatMap((def, i) =>
      targetsOf(def).map((t) => ({ path: `probes.${i}.${t.field}`, host: t.host })),
    ),
    ...(items.official ? [{ path: 'url', host: new URL(items.official.url).hostname }] : []),
  ];
  const fields: Record<string, string[]> = {};
  await Promise.all(
    checks.map(async ({ path, host }) => {
      // resolveTarget never throws: only the wait running out lands in the catch.
      const verdict = await untilAborted(
        resolveTarget(host, { allowPrivate: false, ...(opts.lookup && { lookup: opts.lookup }) }),
        AbortSignal.timeout(LOOKUP_WAIT_MS),
      ).catch(() => undefined);
      if (verdict && !verdict.ok && verdict.error.code === 'blocked_target')
        (fields[path] ??= []).push(verdict.error.message);
    }),
  );
  return fields;
}
