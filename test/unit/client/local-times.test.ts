import { describe, expect, it } from 'vitest';
import { localTimesIn } from '../../../client/src/lib/local-times.ts';

const iso = (t: number) => new Date(t).toISOString().slice(0, 16);
const at = (s: string) => Date.parse(`${s}Z`);

describe('times in the server’s reasons, shown in the reader’s zone', () => {
  it('rewrites each UTC time as a moment on the day nearest the reference', () => {
    expect(
      localTimesIn('Reports rising since 23:50 UTC; probes failing since 00:05 UTC', at('2026-03-04T00:10'), iso),
    ).toBe('Reports rising since 2026-03-03T23:50; probes failing since 2026-03-04T00:05');
  });

  it('leaves text without a UTC time as it is', () => {
    expect(localTimesIn('No maintenance was scheduled at this time.', at('2026-03-04T12:00'), iso)).toBe(
      'No maintenance was scheduled at this time.',
    );
    expect(localTimesIn('Error 24:99 UTC', at('2026-03-04T12:00'), iso)).toBe('Error 24:99 UTC');
  });
});
