import type { ProbeDefinition, ProbeKind, ProbeResult } from '../../shared/schemas/probe.ts';
import { run as runDns } from './dns-probe.ts';
import { run as runHttp } from './http-probe.ts';
import { run as runTcp } from './tcp-probe.ts';
import type { LookupAll } from './target-guard.ts';

/** What every probe runner is given: the clock and the target policy, never globals. */
export interface ProbeDeps {
  /** Epoch ms; stamps `at` and measures latency. */
  now(): number;
  /** PROBE_ALLOW_PRIVATE: probe loopback, private and link-local targets too. */
  allowPrivate: boolean;
  /** Name resolution for targets; the system resolver when absent. */
  lookup?: LookupAll;
}

type Runner<K extends ProbeKind> = (
  def: Extract<ProbeDefinition, { kind: K }>,
  deps: ProbeDeps,
) => Promise<ProbeResult>;

/** Adding a probe kind: a schema in shared/schemas/probe.ts, a runner file, one line here. */
const RUNNERS: { [K in ProbeKind]: Runner<K> } = {
  http: runHttp,
  tcp: runTcp,
  dns: runDns,
};

/** Runs one probe. Never throws: even a bug in a runner comes back as a failed result. */
export async function runProbe(def: ProbeDefinition, deps: ProbeDeps): Promise<ProbeResult> {
  const runner = RUNNERS[def.kind] as Runner<ProbeKind>;
  const started = deps.now();
  try {
    return await runner(def, deps);
  } catch (err) {
    const message = `The ${def.kind} probe failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`;
    return {
      probeId: def.id,
      kind: def.kind,
      at: new Date(started).toISOString(),
      ok: false,
      error: { code: 'other', message },
      checks: [{ name: 'run', ok: false, actual: message, expected: 'the probe runs to completion' }],
    };
  }
}
