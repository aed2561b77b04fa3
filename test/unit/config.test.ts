import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000, data under data/, only a proxy on this machine trusted', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.trustProxy).toBe('loopback');
    expect(c.mongodbUri).toBeUndefined();
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
    ['false', false],
  ])('reads TRUST_PROXY=%s as Express expects it', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('refuses a bad value with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads the probe settings, private targets refused unless asked for', () => {
    const d = loadConfig({});
    expect(d).toMatchObject({
      probeAllowPrivate: false,
      probeConcurrency: 8,
      probeTickMs: 1_000,
      officialPollMs: 60_000,
      officialTimeoutMs: 10_000,
    });
    expect(d.catalogFile).toBeUndefined();
    const c = loadConfig({ PROBE_ALLOW_PRIVATE: '1', PROBE_CONCURRENCY: '32', CATALOG_FILE: 'catalog.yaml' });
    expect(c).toMatchObject({ probeAllowPrivate: true, probeConcurrency: 32 });
    expect(c.catalogFile).toMatch(/\/catalog\.yaml$/);
    expect(() => loadConfig({ PROBE_CONCURRENCY: '0' })).toThrow(/PROBE_CONCURRENCY/);
  });
});
