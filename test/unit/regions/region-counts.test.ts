import { describe, expect, it } from 'vitest';
import { cityKey, parseCityKey } from '../../../server/regions/place.ts';
import { regionBumps } from '../../../server/regions/region-bumps.ts';
import { COUNTRIES_PER_MINUTE, RegionSample } from '../../../server/regions/region-sample.ts';
import { regionsView } from '../../../server/regions/region-view.ts';

const HOUR = 3_600_000;
const t0 = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);

describe('region counters', () => {
  it('turns a city into a field name the database takes, and back', () => {
    const city = { name: "St. John's ~ $Old Town", lat: 47.6, lon: -52.7 };
    const key = cityKey('CA', city);
    expect(key).not.toMatch(/[.$]/);
    expect(parseCityKey(key)).toEqual({ country: 'CA', ...city });
    expect(parseCityKey('not~a~city')).toBeUndefined();
    expect(parseCityKey('zz~X~1~2')).toBeUndefined();
  });

  it('bumps located reports, countries and cities per minute, and nothing for reports without a place', () => {
    const berlin = { name: 'Berlin', lat: 52.5, lon: 13.4 };
    const bumps = regionBumps(
      [
        { service: 's', receivedAt: t0 + 61_000, place: { country: 'DE', city: berlin } },
        { service: 's', receivedAt: t0 + 62_000, place: { country: 'DE' } },
        { service: 's', receivedAt: t0 + 63_000 },
      ],
      new RegionSample(),
    );
    expect(bumps).toEqual([
      {
        id: `s|${t0}`,
        seed: { service: 's', hour: new Date(t0), t: {}, g: {}, l: {} },
        inc: { 't.1': 2, 'g.1.DE': 2, [`l.1.${cityKey('DE', berlin)}`]: 1 },
      },
    ]);
    expect(regionBumps([{ service: 's', receivedAt: t0 }], new RegionSample())).toEqual([]);
  });

  it('records at most so many countries a minute, still counting the rest as located', () => {
    const sample = new RegionSample();
    const codes = Array.from({ length: COUNTRIES_PER_MINUTE + 3 }, (_, i) => `A${String.fromCharCode(65 + i)}`);
    const [bump] = regionBumps(
      codes.map((country) => ({ service: 's', receivedAt: t0, place: { country } })),
      sample,
    );
    expect(bump!.inc['t.0']).toBe(codes.length);
    expect(Object.keys(bump!.inc).filter((k) => k.startsWith('g.'))).toHaveLength(COUNTRIES_PER_MINUTE);
    // A country already recorded this minute keeps counting; the next minute starts afresh.
    const [later] = regionBumps(
      [
        { service: 's', receivedAt: t0 + 1_000, place: { country: 'AA' } },
        { service: 's', receivedAt: t0 + 60_000, place: { country: codes.at(-1)! } },
      ],
      sample,
    );
    expect(later!.inc).toMatchObject({ 'g.0.AA': 1, [`g.1.${codes.at(-1)}`]: 1 });
  });

  it('lists the most reported places first, with country names', () => {
    const view = regionsView(
      {
        located: 7,
        countries: { FR: 2, DE: 5, XX: 0 },
        cities: { [cityKey('DE', { name: 'Berlin', lat: 52.5, lon: 13.4 })]: 4, broken: 3 },
      },
      60,
    );
    expect(view).toEqual({
      windowMinutes: 60,
      located: 7,
      countries: [
        { code: 'DE', name: 'Germany', reports: 5 },
        { code: 'FR', name: 'France', reports: 2 },
      ],
      cities: [{ name: 'Berlin', country: 'DE', lat: 52.5, lon: 13.4, reports: 4 }],
    });
  });
});
