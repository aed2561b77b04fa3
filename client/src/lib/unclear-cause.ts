import type { ServiceDetail } from '../../../shared/index.ts';

type Seen = Pick<ServiceDetail, 'status' | 'diagnosis' | 'vantage' | 'probes' | 'official'>;

/**
 * Why the page names no likely cause while something is wrong: what it would take. Null when
 * all is well, during maintenance, or when there is a diagnosis to show. Pure.
 */
export function unclearCause(now: Seen): string | null {
  const { level } = now.status;
  if (now.diagnosis || level === 'operational' || level === 'under_maintenance') return null;
  const missing: string[] = [];
  if (now.vantage.down) missing.push("our probes can't reach the internet from here right now");
  else if (now.probes.length === 0) missing.push('we have no probes for it');
  const official = now.official?.latest;
  if (!official) missing.push('its official status page has not been read');
  else if (official.level === 'operational') missing.push('its official status page says nothing yet');
  const why = missing.length > 0 ? `: ${missing.join(', and ')}` : '';
  const later = ' We name a cause once the evidence points to one.';
  return `The reports show that something is wrong, but not yet why${why}.${later}`;
}
