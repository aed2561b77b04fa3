import { NETWORK_ERROR_CODES, type ProbeErrorCode } from '../../shared/schemas/probe.ts';

/**
 * Is our own network the problem? When probes of many unrelated services all fail to even
 * connect at the same moment, the likeliest single cause is the prober's uplink or resolver,
 * not a simultaneous outage of everything. Pure: latest results in, a verdict and its reason out.
 *
 * A service counts as "unreachable" only when every one of its probes failed with a
 * network-level error (timeout, DNS, refused, reset). A service that answered at all — even
 * with HTTP 503 — proves the network works, so it counts against the vantage being down.
 */

export interface VantageSample {
  service: string;
  probeId: string;
  ok: boolean;
  error?: { code: ProbeErrorCode | string };
  /** ISO time of the result. */
  at: string;
}

export interface VantageOptions {
  now: number;
  /** Results older than this are left out: "at the same time" means within this window. */
  freshMs?: number;
  /** Fewer services than this cannot tell "our network" from "a bad hour for two services". */
  minServices?: number;
  /** Share of services that must be unreachable. */
  minShare?: number;
}

export interface VantageVerdict {
  vantageDown: boolean;
  reason: string;
  servicesConsidered: number;
  servicesUnreachable: number;
}

export const VANTAGE_DEFAULTS = { freshMs: 5 * 60_000, minServices: 3, minShare: 0.8 };

const isNetworkError = (s: VantageSample) => !s.ok && NETWORK_ERROR_CODES.includes(s.error?.code as ProbeErrorCode);

export function assessVantage(samples: VantageSample[], opts: VantageOptions): VantageVerdict {
  const { freshMs, minServices, minShare } = { ...VANTAGE_DEFAULTS, ...opts };

  // Latest fresh result per probe; a probe that has not run lately says nothing about now.
  const latest = new Map<string, VantageSample>();
  for (const s of samples) {
    const t = Date.parse(s.at);
    if (!Number.isFinite(t) || opts.now - t > freshMs || t > opts.now + 60_000) continue;
    const key = `${s.service}\u0000${s.probeId}`;
    const seen = latest.get(key);
    if (!seen || Date.parse(seen.at) < t) latest.set(key, s);
  }

  const byService = new Map<string, VantageSample[]>();
  for (const s of latest.values()) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);

  const total = byService.size;
  const unreachable = [...byService.values()].filter((probes) => probes.every(isNetworkError));
  const codes = [...new Set(unreachable.flatMap((ps) => ps.map((p) => p.error?.code)))].sort().join(', ');
  const verdict = (vantageDown: boolean, reason: string): VantageVerdict => ({
    vantageDown,
    reason,
    servicesConsidered: total,
    servicesUnreachable: unreachable.length,
  });

  if (total < minServices) {
    return verdict(
      false,
      `Only ${total} service${total === 1 ? '' : 's'} probed recently; at least ${minServices} are needed ` +
        'to judge our own network.',
    );
  }
  const share = unreachable.length / total;
  if (share >= minShare) {
    return verdict(
      true,
      `Probes of ${unreachable.length} of ${total} unrelated services all failed to connect (${codes}) at ` +
        'once; our own network is the likely cause.',
    );
  }
  return verdict(
    false,
    `${unreachable.length} of ${total} probed services are unreachable; our own network is reaching the rest.`,
  );
}
