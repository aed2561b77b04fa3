import { makeBadge } from 'badge-maker';
import { LRUCache } from 'lru-cache';
import type { ShieldsEndpoint, StatusLevel } from '../../shared/index.ts';
import { encodeJson, type EncodedBody } from '../http/encoded-body.ts';
import { encodeText } from './encoded-text.ts';

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

/** shields.io's endpoint schema: https://img.shields.io/endpoint?url=… draws it. */
export const shieldsEndpoint = (label: string, level: StatusLevel): ShieldsEndpoint => ({
  schemaVersion: 1 as const,
  label,
  message: LOOKS[level].message,
  color: LOOKS[level].color,
  cacheSeconds: SHIELDS_CACHE_SECONDS,
});

// A handful of levels per service: each badge is drawn, serialised and compressed once.
const bodies = new LRUCache<string, EncodedBody>({ max: 2_000 });
const once = (key: string, make: () => EncodedBody) => {
  let body = bodies.get(key);
  if (!body) bodies.set(key, (body = make()));
  return body;
};

/** A flat SVG badge of the verdict, drawn by shields.io's own renderer. */
export const badgeSvg = (label: string, level: StatusLevel): EncodedBody =>
  once(`svg\0${label}\0${level}`, () =>
    encodeText(makeBadge({ label, message: LOOKS[level].message, color: LOOKS[level].color, style: 'flat' })),
  );

/** A grey badge for a link to a service we do not know, so the page embedding it shows why. */
export const unknownBadgeSvg = (): EncodedBody =>
  once('unknown', () =>
    encodeText(makeBadge({ label: 'status', message: 'unknown service', color: 'lightgrey', style: 'flat' })),
  );

export const shieldsJson = (label: string, level: StatusLevel): EncodedBody =>
  once(`json\0${label}\0${level}`, () => encodeJson(shieldsEndpoint(label, level)));
