import type { MaintenanceWindow, OfficialStatus, ProbeDefinition } from '../../shared/index.ts';
import type { StoredOfficial, StoredProbe } from '../probes/probe-store.ts';
import type { Fused, FuseInput, ProbeSignal } from './fuse.ts';
import type { Verdict } from './status-board.ts';

/**
 * Turns what is held (latest probe results, the last official read, declared windows) into
 * fuse()'s plain inputs, and fuse()'s output into a verdict with its start. Pure.
 */

/** A result older than three intervals (and a minute) says nothing about now: the prober stopped or fell behind. */
export const staleAfterMs = (def: ProbeDefinition) => 3 * def.intervalSeconds * 1000 + 60_000;
/** Status pages are read every minute or so; one unread for this long is not evidence. */
export const OFFICIAL_FRESH_MS = 15 * 60_000;

export function probeSignals(
  probes: ProbeDefinition[],
  latest: (def: ProbeDefinition) => StoredProbe | undefined,
  now: number,
): ProbeSignal[] {
  return probes.flatMap((def) => {
    const stored = latest(def);
    if (!stored || now - Date.parse(stored.result.at) > staleAfterMs(def)) return [];
    const r = stored.result;
    return [
      {
        name: def.name,
        ok: r.ok,
        ...(r.error ? { error: r.error } : {}),
        ...(stored.failingSince ? { failingSince: Date.parse(stored.failingSince) } : {}),
      },
    ];
  });
}

export function officialInput(stored: StoredOfficial | undefined, now: number): OfficialStatus | undefined {
  const latest = stored?.latest;
  return latest && now - Date.parse(latest.fetchedAt) <= OFFICIAL_FRESH_MS ? latest : undefined;
}

export const maintenanceInput = (windows: MaintenanceWindow[]) =>
  windows.map((w) => ({ title: w.title, start: Date.parse(w.start), end: Date.parse(w.end) }));

/** "14:31 UTC": the server does not know the reader's time zone, so it says which it uses. */
export const formatUtc = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** The verdict and when its situation began: the incident's start, the window's, or the first failing probe's. */
export function toVerdict(fused: Fused, input: FuseInput): Verdict {
  const verdict: Verdict = { level: fused.level, confidence: fused.confidence, reasons: fused.reasons };
  if (fused.level === 'operational') return verdict;
  const window = input.maintenance.find((m) => m.start <= input.now && input.now < m.end);
  if (fused.level === 'under_maintenance' && window) return { ...verdict, since: window.start };
  if (input.crowd.state === 'incident' && input.crowd.since !== undefined)
    return { ...verdict, since: input.crowd.since };
  const starts = input.vantageDown
    ? []
    : input.probes.flatMap((p) =>
        !p.ok && p.error?.code !== 'blocked_target' && p.failingSince !== undefined ? [p.failingSince] : [],
      );
  return starts.length > 0 ? { ...verdict, since: Math.min(...starts) } : verdict;
}
