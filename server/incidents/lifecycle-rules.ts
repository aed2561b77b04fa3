import type { Incident, IncidentPhase } from '../../shared/index.ts';
import type { Decision, Evidence } from '../detection/decision.ts';
import { DEFAULT_SETTINGS } from '../detection/detector-config.ts';
import { MINUTE_MS } from '../../shared/time.ts';

/**
 * How an open incident moves from "rising" to "recovering" and ends, on top of the detector's
 * own (slow, safe) resolution. Pure: decisions, times and counts in, answers out.
 *
 * Phase
 *   rising     — the incident's peak moved within the last RISING_MS: reports still climbing.
 *   recovering — the shortest window is back to normal (not even mildly elevated, the detector's
 *                own hysteresis test), or at least CONFIRMING_RECOVERIES people said "it works
 *                again" in the last 15 minutes and they outnumber the reports of the last
 *                10 minutes.
 *   ongoing    — otherwise. An operator's incident is "ongoing" until people confirm recovery:
 *                its reports may never have risen.
 *
 * Auto-resolve (crowd incidents only; operators close their own)
 *   A short burst — back to normal within SHORT_BURST_MS of its start — resolves once the
 *   shortest window has stayed normal for SETTLE_MS (SETTLE_CONFIRMED_MS when people confirm
 *   the recovery). The 10-minute window has drained by then, so the incident ends within
 *   about 11 minutes of the last burst minute, well inside 15. Longer incidents keep the
 *   detector's rule (30 calm minutes across every window, the hour included), because a
 *   service that has been down for an hour often flaps on its way back.
 *
 * Reopening after someone closed it
 *   The detector still believes in a burst an operator (or the rule above) closed, and it only
 *   opens on a new rise after its own incident ends. Until then, a closed incident reopens only
 *   when a window that lies wholly after the resolution passes the opening gates on its own
 *   (count, ratio and significance): reports rising again, not the tail of the same burst.
 */

export const RISING_MS = 5 * MINUTE_MS;
export const SHORT_BURST_MS = 30 * MINUTE_MS;
export const SETTLE_MS = 10 * MINUTE_MS;
export const SETTLE_CONFIRMED_MS = 5 * MINUTE_MS;
export const CONFIRMING_RECOVERIES = 3;

/** The detector's "still elevated" test (detector.ts mildlyElevated), with its settings. */
export function mildlyElevated(w: Evidence, settings = DEFAULT_SETTINGS): boolean {
  return w.observed >= settings.minCount && w.ratio >= settings.resolveRatio && w.pValue <= settings.resolvePValue;
}

/** The detector's opening gates for one window (count, ratio, significance, beyond ordinary bursts). */
export function opensOnItsOwn(w: Evidence, settings = DEFAULT_SETTINGS): boolean {
  return (
    w.observed >= settings.minCount &&
    w.ratio >= settings.minRatio &&
    w.score >= w.threshold &&
    w.observed - w.expected > w.ordinaryExcess
  );
}

/** Whether the shortest window of a decision says reports are back to normal. */
export function backToNormal(d: Decision | undefined): boolean {
  const shortest = d?.windows[0];
  return shortest !== undefined && !mildlyElevated(shortest);
}

export interface PhaseInput {
  incident: Incident;
  decision: Decision | undefined;
  /** People who said "it works again" in the last 15 minutes. */
  recoveries: number;
  /** Reports in the last 10 minutes. */
  recentReports: number;
  now: number;
}

export const confirmedRecovery = (recoveries: number, recentReports: number) =>
  recoveries >= CONFIRMING_RECOVERIES && recoveries > recentReports;

export function incidentPhase({ incident, decision, recoveries, recentReports, now }: PhaseInput): IncidentPhase {
  if (confirmedRecovery(recoveries, recentReports)) return 'recovering';
  if (incident.origin === 'operator') return 'ongoing';
  if (backToNormal(decision)) return 'recovering';
  return now - Date.parse(incident.peak.at) <= RISING_MS ? 'rising' : 'ongoing';
}

/**
 * When a crowd incident should end by the short-burst rule, or undefined to keep it open.
 * `calmSince` is when the shortest window last became normal (NaN while elevated).
 */
export function autoResolveAt(
  incident: Incident,
  calmSince: number,
  now: number,
  confirmed: boolean,
): number | undefined {
  if (incident.origin === 'operator' || Number.isNaN(calmSince)) return undefined;
  if (calmSince - Date.parse(incident.startedAt) > SHORT_BURST_MS) return undefined;
  return now - calmSince >= (confirmed ? SETTLE_CONFIRMED_MS : SETTLE_MS) ? now : undefined;
}

/** Whether reports rose again, on their own, after an incident was closed at `closedAt`. */
export function risesAgain(d: Decision, closedAt: number, settings = DEFAULT_SETTINGS): boolean {
  return d.windows.some((w) => d.at - w.windowMinutes * MINUTE_MS >= closedAt && opensOnItsOwn(w, settings));
}
