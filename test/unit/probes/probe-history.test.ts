import { describe, expect, it } from 'vitest';
import { historyPoints } from '../../../server/probes/probe-history.ts';
import { trimComponents } from '../../../server/probes/probe-scheduler.ts';
import { probeHourId, probeHourSlot, PROBE_HISTORY_HOURS } from '../../../server/db/models/probe-hour.model.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const h0 = Date.UTC(2026, 10, 26, 12);

describe('probe history points', () => {
  const doc = {
    _id: 'x',
    hour: new Date(h0),
    n: { '0': 4, '1': 2, '7': 1 },
    f: { '1': 1, '7': 1 },
    l: { '0': 400, '1': 90 },
    k: { '0': 4, '1': 1 },
  };

  it('gives mean latency of answered runs and ok when no run failed, per minute', () => {
    expect(historyPoints([doc], h0, h0 + HOUR, MINUTE)).toEqual([
      { t: h0, latencyMs: 100, ok: true },
      { t: h0 + MINUTE, latencyMs: 90, ok: false },
      { t: h0 + 7 * MINUTE, latencyMs: null, ok: false },
    ]);
  });

  it('folds minutes into 5-minute steps and leaves out what is outside the range', () => {
    expect(historyPoints([doc], h0, h0 + HOUR, 5 * MINUTE)).toEqual([
      { t: h0, latencyMs: 98, ok: false },
      { t: h0 + 5 * MINUTE, latencyMs: null, ok: false },
    ]);
    expect(historyPoints([doc], h0 + 5 * MINUTE, h0 + HOUR, MINUTE)).toEqual([
      { t: h0 + 7 * MINUTE, latencyMs: null, ok: false },
    ]);
  });

  it('keeps a fixed ring of a week of hour documents per probe', () => {
    expect(probeHourSlot(h0)).toBe(probeHourSlot(h0 + PROBE_HISTORY_HOURS * HOUR));
    expect(probeHourId('svc', 'web', h0)).not.toBe(probeHourId('svc', 'web', h0 + HOUR));
    const slots = new Set(Array.from({ length: 1000 }, (_, i) => probeHourSlot(h0 + i * HOUR)));
    expect(slots.size).toBe(PROBE_HISTORY_HOURS);
  });
});

describe('stored official pages', () => {
  it('keep every troubled component and at most 60 working ones', () => {
    const components = [
      ...Array.from({ length: 300 }, (_, i) => ({ name: `POP ${i}`, level: 'operational' as const })),
      { name: 'Frankfurt', level: 'partial_outage' as const },
    ];
    const status = {
      source: 'statuspage' as const,
      fetchedAt: new Date(h0).toISOString(),
      level: 'partial_outage' as const,
      description: 'x',
      components,
      incidents: [],
      maintenances: [],
    };
    const trimmed = trimComponents(status);
    expect(trimmed.components).toHaveLength(61);
    expect(trimmed.components).toContainEqual({ name: 'Frankfurt', level: 'partial_outage' });
    expect(trimmed.notes).toEqual(['240 more operational components are not listed.']);
    expect(trimComponents({ ...status, components: components.slice(250) })).toEqual({
      ...status,
      components: components.slice(250),
    });
  });
});
