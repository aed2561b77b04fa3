import { makeBadge } from 'badge-maker';
import { LRUCache } from 'lru-cache';
import type { StatusLevel } from '../../shared/index.ts';

/** Shields.io's own colour names, so our SVG and a shields.io endpoint badge look the same. */
const LOOKS: Record<StatusLevel, { message: string; color: string }> = {
  operational: { message: 'operational', color: 'brightgreen' },
  degraded_performance: { message: 'degraded', color: 'yellow' },
  partial_outage: { message: 'partial outage', color: 'orange' },
  major_outage: { message: 'major outage', color: 'red' },
  under_maintenance: { message: 'maintenance', color: 'blue' },
};

/** How long shields.io may keep our answer; it ignores anything under 300 s. */
export const SHIELDS_CACHE_SECONDS = 300;

export const badgeLook = (level: StatusLevel) => LOOKS[level];

/** shields.io's endpoint schema: https://img.shields.io/endpoint?url=… draws it. */
export const shieldsEndpoint = (label: string, level: StatusLevel) => ({
  schemaVersion: 1 as const,
  label,
  message: LOOKS[level].message,
  color: LOOKS[level].color,
  cacheSeconds: SHIELDS_CACHE_SECONDS,
});

// A handful of levels per service: drawing each once is enough.
const drawn = new LRUCache<string, string>({ max: 2_000 });

/** A flat SVG badge, drawn by shields.io's own renderer. */
export function badgeSvg(label: string, message: string, color: string): string {
  const key = `${label}\0${message}\0${color}`;
  let svg = drawn.get(key);
  if (!svg) drawn.set(key, (svg = makeBadge({ label, message, color, style: 'flat' })));
  return svg;
}
