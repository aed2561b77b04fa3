import type { MaintenanceWindow } from '../../shared/index.ts';
import type { Verdict } from './status-board.ts';
import type { CrowdSignal } from './crowd-signal.ts';

const ratioText = (observed: number, expected: number) => {
  const r = observed / Math.max(expected, 0.1);
  return r >= 10 ? `${Math.round(r)}×` : `${Math.round(r * 10) / 10}×`;
};

/**
 * The verdict from user reports and declared maintenance alone. Probes and official status
 * pages join this in the full fusion; until a service has them, this is its verdict.
 */
export function crowdVerdict(crowd: CrowdSignal, maintenance: MaintenanceWindow[], now: number): Verdict {
  const active = maintenance.find((m) => Date.parse(m.start) <= now && now < Date.parse(m.end));
  const numbers =
    `${Math.round(crowd.observed)} reports in the last ${crowd.windowMinutes} minutes, ` +
    `${ratioText(crowd.observed, crowd.expected)} normal for this time`;
  if (active && crowd.state !== 'normal') {
    return {
      level: 'under_maintenance',
      confidence: 0.8,
      reasons: [`Scheduled maintenance: ${active.title}.`, numbers],
      since: Date.parse(active.start),
    };
  }
  if (active)
    return {
      level: 'under_maintenance',
      confidence: 0.7,
      reasons: [`Scheduled maintenance: ${active.title}.`],
      since: Date.parse(active.start),
    };
  if (crowd.state === 'incident') {
    const partial = crowd.kind === 'partial';
    const reasons = [numbers];
    if (crowd.topProblem)
      reasons.push(`Most reports are about ${crowd.topProblem.label} (${Math.round(crowd.topProblem.share * 100)}%).`);
    return {
      level: crowd.kind === 'maintenance' ? 'under_maintenance' : partial ? 'partial_outage' : 'major_outage',
      confidence: 0.6,
      reasons,
      ...(crowd.since !== undefined ? { since: crowd.since } : {}),
    };
  }
  if (crowd.state === 'elevated')
    return { level: 'degraded_performance', confidence: 0.4, reasons: [`More reports than usual: ${numbers}.`] };
  return { level: 'operational', confidence: 0.6, reasons: ['Reports are at normal levels for this time.'] };
}
