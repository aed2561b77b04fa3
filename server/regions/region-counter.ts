import type { Models } from '../db/models.ts';
import { collections } from '../db/collections.ts';
import { CounterWriter } from '../series/counter-writer.ts';
import type { Place } from './place.ts';
import { regionBumps } from './region-bumps.ts';
import { RegionSample } from './region-sample.ts';

/**
 * The report writer's region step: a batch's places `$inc`'d into the hour documents, one bulk
 * write beside the other counters (no round trip of its own on the batch's path), none when no
 * report of the batch was located. Returns the undo, as CounterWriter does.
 */
export function createRegionCounter(
  models: Models,
): (stored: { service: string; receivedAt: number; place?: Place }[]) => Promise<() => Promise<void>> {
  const sample = new RegionSample();
  const counters = new CounterWriter(collections(models).regionHours);
  return (stored) => counters.apply(regionBumps(stored, sample));
}
