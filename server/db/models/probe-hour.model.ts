import { Schema } from 'mongoose';
import { HOUR_MS } from '../../../shared/time.ts';

/**
 * One probe's runs for one hour, minute by minute: `n.<minute>` runs, `f.<minute>` failures,
 * `l.<minute>` summed latency and `k.<minute>` runs that got an answer (so mean latency is l/k).
 *
 * Bounded by construction: the `_id` is `service|probe|slot`, where the slot is the hour's
 * number modulo a week's worth of hours, so each probe owns exactly PROBE_HISTORY_HOURS
 * documents and a new hour overwrites the slot it lands on (the document's `hour` says which
 * hour it holds; a reader ignores a slot holding another hour). Nothing needs sweeping, a
 * process that was down for a month leaves nothing behind, and every read and write is a
 * primary-key lookup, which FerretDB answers without scanning.
 */
export const ProbeHourSchema = new Schema(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    probe: { type: String, required: true },
    hour: { type: Date, required: true },
    n: { type: Schema.Types.Mixed, default: {} },
    f: { type: Schema.Types.Mixed, default: {} },
    l: { type: Schema.Types.Mixed, default: {} },
    k: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'probe_hours', minimize: false },
);

/** A week: what the response-time graph can show. */
export const PROBE_HISTORY_HOURS = 168;
export const probeHourSlot = (hourMs: number) => Math.floor(hourMs / HOUR_MS) % PROBE_HISTORY_HOURS;
export const probeHourId = (service: string, probe: string, hourMs: number) =>
  `${service}|${probe}|${probeHourSlot(hourMs)}`;
