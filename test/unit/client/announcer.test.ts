import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncer } from '../../../client/src/lib/announcer.ts';

describe('the page’s one live announcer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function announcer(known = 'No problems') {
    const said: string[] = [];
    const a = createAnnouncer({ gapMs: 12_000, known, say: (t) => said.push(t) });
    return { a, said };
  }

  it('does not announce what the page showed when it opened', () => {
    const { a, said } = announcer();
    a.update('No problems');
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual([]);
  });

  it('says a change at once, then at most once per gap, only the latest of the changes in between', () => {
    const { a, said } = announcer();
    a.update('Major outage');
    expect(said).toEqual(['Major outage']);
    vi.advanceTimersByTime(2_000);
    a.update('Partial outage');
    vi.advanceTimersByTime(2_000);
    a.update('Degraded');
    vi.advanceTimersByTime(7_999);
    expect(said).toEqual(['Major outage']);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['Major outage', 'Degraded']);
  });

  it('stays quiet when a change is undone within the gap', () => {
    const { a, said } = announcer();
    a.update('Major outage');
    a.update('Degraded');
    a.update('Major outage');
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['Major outage']);
  });

  it('says nothing after it is stopped', () => {
    const { a, said } = announcer();
    a.update('Major outage');
    a.update('Degraded');
    a.stop();
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['Major outage']);
  });
});
