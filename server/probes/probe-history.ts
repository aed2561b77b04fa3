import type { ProbePoint } from '../../shared/index.ts';
import type { ProbeHourDoc } from './probe-store.ts';
import { MINUTE_MS } from '../../shared/time.ts';

/**
 * A probe's ring documents as graph points in [from, to): per step, the mean latency of the
 * runs that got an answer (null when none did) and ok when no run failed. Steps without a
 * run are left out, so a gap in the graph is a gap in probing. Pure.
 */
export function historyPoints(docs: ProbeHourDoc[], from: number, to: number, stepMs: number): ProbePoint[] {
  const steps = new Map<number, { runs: number; failures: number; latency: number; answered: number }>();
  for (const doc of docs) {
    const hour = doc.hour.getTime();
    for (const [m, runs] of Object.entries(doc.n ?? {})) {
      if (!runs) continue;
      const t = hour + Number(m) * MINUTE_MS;
      if (t < from || t >= to) continue;
      const key = Math.floor(t / stepMs) * stepMs;
      const s = steps.get(key) ?? { runs: 0, failures: 0, latency: 0, answered: 0 };
      s.runs += runs;
      s.failures += doc.f?.[m] ?? 0;
      s.latency += doc.l?.[m] ?? 0;
      s.answered += doc.k?.[m] ?? 0;
      steps.set(key, s);
    }
  }
  return [...steps]
    .sort((a, b) => a[0] - b[0])
    .map(([t, s]) => ({
      t,
      latencyMs: s.answered > 0 ? Math.round(s.latency / s.answered) : null,
      ok: s.failures === 0,
    }));
}
