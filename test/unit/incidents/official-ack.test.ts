import { describe, expect, it } from 'vitest';
import type { OfficialStatus } from '../../../shared/index.ts';
import {
  officialAck,
  officialLead,
  officialShowsTrouble,
  OfficialTroubleWatch,
} from '../../../server/incidents/official-ack.ts';

const page = (over: Partial<OfficialStatus> & { at: number }): OfficialStatus => ({
  source: 'statuspage',
  fetchedAt: new Date(over.at).toISOString(),
  level: 'operational',
  description: 'All Systems Operational',
  components: [],
  incidents: [],
  maintenances: [],
  ...over,
});

describe('officialLead', () => {
  it.each([
    { leads: [], expected: null },
    { leads: [600], expected: { medianSeconds: 600, incidents: 1 } },
    { leads: [900, -120, 300], expected: { medianSeconds: 300, incidents: 3 } },
    { leads: [100, 200, 301, 400], expected: { medianSeconds: 251, incidents: 4 } },
    { leads: [-60, -180], expected: { medianSeconds: -120, incidents: 2 } },
  ])('takes the median of $leads', ({ leads, expected }) => {
    expect(officialLead(leads)).toEqual(expected);
  });

  it('does not reorder the caller’s list', () => {
    const leads = [3, 1, 2];
    officialLead(leads);
    expect(leads).toEqual([3, 1, 2]);
  });
});

describe('officialAck', () => {
  it('is positive when we saw it first and negative when the vendor did', () => {
    expect(officialAck(1_000_000, 1_840_000)).toEqual({
      acknowledgedAt: new Date(1_840_000).toISOString(),
      leadSeconds: 840,
    });
    expect(officialAck(1_000_000, 820_000).leadSeconds).toBe(-180);
  });
});

describe('officialShowsTrouble', () => {
  it.each([
    { what: 'an operational page', p: page({ at: 0 }), expected: false },
    {
      what: 'maintenance only',
      p: page({ at: 0, level: 'under_maintenance', components: [{ name: 'API', level: 'under_maintenance' }] }),
      expected: false,
    },
    {
      what: 'a degraded component',
      p: page({ at: 0, components: [{ name: 'API', level: 'degraded_performance' }] }),
      expected: true,
    },
    {
      what: 'an open incident',
      p: page({
        at: 0,
        incidents: [{ name: 'Errors', status: 'investigating', impact: 'minor', updatedAt: new Date(0).toISOString() }],
      }),
      expected: true,
    },
    { what: 'no page', p: null, expected: false },
  ])('$what: $expected', ({ p, expected }) => {
    expect(officialShowsTrouble(p)).toBe(expected);
  });
});

describe('OfficialTroubleWatch', () => {
  it('keeps the first read of an unbroken streak of trouble, and starts again after a clear read', () => {
    const watch = new OfficialTroubleWatch();
    const bad = (at: number) => page({ at, level: 'partial_outage' });
    expect(watch.observe('x', page({ at: 0 }))).toBeUndefined();
    expect(watch.observe('x', bad(60_000))).toBe(60_000);
    expect(watch.observe('x', bad(120_000))).toBe(60_000);
    expect(watch.observe('x', page({ at: 180_000 }))).toBeUndefined();
    expect(watch.observe('x', bad(240_000))).toBe(240_000);
    expect(watch.observe('y', bad(240_000))).toBe(240_000);
  });
});
