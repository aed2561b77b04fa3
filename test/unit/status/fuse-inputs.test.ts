import { describe, expect, it } from 'vitest';
import { fuse, type FuseInput } from '../../../server/status/fuse.ts';
import { formatUtc, officialInput, probeSignals, toVerdict } from '../../../server/status/fuse-inputs.ts';
import type { StoredProbe } from '../../../server/probes/probe-store.ts';
import { ProbeDefinition } from '../../../shared/index.ts';

const now = Date.UTC(2026, 10, 26, 14, 30);
const iso = (t: number) => new Date(t).toISOString();
const def = ProbeDefinition.parse({
  kind: 'http',
  id: 'web',
  name: 'Website',
  url: 'https://example.com/',
  intervalSeconds: 60,
});
const stored = (ok: boolean, at: number, failingSince?: number): StoredProbe => ({
  sig: '',
  result: {
    probeId: 'web',
    kind: 'http',
    at: iso(at),
    ok,
    checks: [],
    ...(ok ? {} : { error: { code: 'http_status', message: 'HTTP 503, expected 200–399' } }),
  },
  failingSince: failingSince === undefined ? null : iso(failingSince),
});
const base = (over: Partial<FuseInput> = {}): FuseInput => ({
  crowd: { state: 'normal', observed: 2, expected: 2, windowMinutes: 10 },
  probes: [],
  vantageDown: false,
  maintenance: [],
  now,
  formatTime: formatUtc,
  ...over,
});

describe('fusion inputs', () => {
  it('counts a fresh probe result, with when its failures began', () => {
    expect(probeSignals([def], () => stored(false, now - 30_000, now - 600_000), now)).toEqual([
      {
        name: 'Website',
        ok: false,
        error: { code: 'http_status', message: 'HTTP 503, expected 200–399' },
        failingSince: now - 600_000,
      },
    ]);
  });

  it('leaves out a result older than three intervals: the prober stopped, the result says nothing about now', () => {
    expect(probeSignals([def], () => stored(false, now - 4 * 60_000 - 1), now)).toEqual([]);
    expect(probeSignals([def], () => undefined, now)).toEqual([]);
  });

  it('uses the last good official read only while it is recent', () => {
    const latest = {
      source: 'statuspage' as const,
      fetchedAt: iso(now - 60_000),
      level: 'operational' as const,
      description: 'ok',
      components: [],
      incidents: [],
      maintenances: [],
    };
    const official = { url: 'u', kind: 'statuspage' as const, latest, error: null, fetchedAt: iso(now) };
    expect(officialInput(official, now)).toBe(latest);
    expect(
      officialInput({ ...official, latest: { ...latest, fetchedAt: iso(now - 16 * 60_000) } }, now),
    ).toBeUndefined();
  });

  it('dates a probe-driven verdict from the first failing probe, and a window from its start', () => {
    const input = base({ probes: probeSignals([def], () => stored(false, now - 10_000, now - 5 * 60_000), now) });
    const verdict = toVerdict(fuse(input), input);
    expect(verdict).toMatchObject({ level: 'partial_outage', since: now - 5 * 60_000 });
    expect(verdict.reasons).toContain('1 of 1 probe failing with HTTP 503 since 14:25 UTC');

    const windowed = base({ maintenance: [{ title: 'Upgrade', start: now - 60_000, end: now + 3_600_000 }] });
    expect(toVerdict(fuse(windowed), windowed)).toMatchObject({ level: 'under_maintenance', since: now - 60_000 });
    const calm = base();
    expect(toVerdict(fuse(calm), calm).since).toBeUndefined();
  });
});
