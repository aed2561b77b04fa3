import { describe, expect, it } from 'vitest';
import { concentrationReason } from '../../../server/regions/concentration.ts';

const country = (code: string, name: string, reports: number) => ({ code, name, reports });

describe('concentrationReason', () => {
  it.each([
    [
      'one country with most located reports',
      50,
      [country('DE', 'Germany', 36), country('FR', 'France', 9)],
      'Reports come mostly from Germany (72% of 50 located reports).',
    ],
    [
      'exactly the share it takes',
      10,
      [country('BR', 'Brazil', 6), country('AR', 'Argentina', 4)],
      'Reports come mostly from Brazil (60% of 10 located reports).',
    ],
    [
      'every located report from one country',
      12,
      [country('JP', 'Japan', 12)],
      'Reports come mostly from Japan (100% of 12 located reports).',
    ],
  ])('says where for %s', (_what, located, countries, reason) => {
    expect(concentrationReason({ located, countries })).toBe(reason);
  });

  it.each([
    ['reports spread over countries', 50, [country('DE', 'Germany', 29), country('FR', 'France', 21)]],
    ['too few located reports to mean anything', 9, [country('DE', 'Germany', 9)]],
    ['no located report at all', 0, []],
    // Counts past the per-minute cap of places are located but in no country: they dilute the share.
    ['a top country short of the share once unlisted places count', 40, [country('US', 'United States', 23)]],
  ])('says nothing for %s', (_what, located, countries) => {
    expect(concentrationReason({ located, countries })).toBeNull();
  });
});
