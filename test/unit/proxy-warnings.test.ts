import { describe, expect, it } from 'vitest';
import { proxyWarnings } from '../../server/http/proxy-warnings.ts';

describe('proxyWarnings', () => {
  it('warns when every X-Forwarded-For is believed', () => {
    expect(proxyWarnings({ host: '0.0.0.0', trustProxy: true })).toEqual([expect.stringMatching(/hop count/)]);
  });

  it('warns when no proxy is trusted while listening beyond loopback', () => {
    expect(proxyWarnings({ host: '0.0.0.0', trustProxy: false })).toEqual([
      expect.stringMatching(/share the proxy's address/),
    ]);
    expect(proxyWarnings({ host: '127.0.0.1', trustProxy: false })).toEqual([]);
  });

  it('says nothing for the default, a hop count or subnets', () => {
    for (const trustProxy of ['loopback', 1, '10.0.0.0/8'])
      expect(proxyWarnings({ host: '0.0.0.0', trustProxy })).toEqual([]);
  });
});
