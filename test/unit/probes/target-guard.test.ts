import { describe, expect, it } from 'vitest';
import { blockedAddressReason, resolveTarget, type LookupAll } from '../../../server/probes/target-guard.ts';

describe('blockedAddressReason', () => {
  const cases: { address: string; reason: RegExp | null }[] = [
    { address: '8.8.8.8', reason: null },
    { address: '140.82.112.3', reason: null },
    { address: '127.0.0.1', reason: /loopback/ },
    { address: '127.45.6.7', reason: /loopback/ },
    { address: '10.1.2.3', reason: /private \(RFC 1918\)/ },
    { address: '172.16.0.1', reason: /private/ },
    { address: '172.31.255.255', reason: /private/ },
    { address: '172.32.0.1', reason: null },
    { address: '192.168.1.1', reason: /private/ },
    { address: '100.64.0.1', reason: /carrier-grade NAT/ },
    { address: '100.128.0.1', reason: null },
    { address: '169.254.10.20', reason: /link-local/ },
    { address: '169.254.169.254', reason: /metadata/ },
    { address: '0.0.0.0', reason: /unspecified/ },
    { address: '255.255.255.255', reason: /broadcast/ },
    { address: '224.0.0.1', reason: /multicast/ },
    { address: '2606:4700:4700::1111', reason: null },
    { address: '::1', reason: /loopback/ },
    { address: '[::1]', reason: /loopback/ },
    { address: '::', reason: /unspecified/ },
    { address: 'fe80::1', reason: /link-local/ },
    { address: 'fe80::1%eth0', reason: /link-local/ },
    { address: 'fd12:3456::1', reason: /unique local/ },
    { address: 'fc00::1', reason: /unique local/ },
    { address: 'fd00:ec2::254', reason: /metadata/ },
    { address: '::ffff:127.0.0.1', reason: /loopback/ },
    { address: '::ffff:7f00:1', reason: /loopback/ },
    { address: '::ffff:8.8.8.8', reason: null },
    { address: '64:ff9b::10.0.0.1', reason: /private/ },
    { address: '2002:a9fe:a9fe::1', reason: /metadata/ },
    { address: 'ff02::1', reason: /multicast/ },
  ];
  it.each(cases)('$address is $reason', ({ address, reason }) => {
    const got = blockedAddressReason(address);
    if (reason === null) expect(got).toBeNull();
    else expect(got).toMatch(reason);
  });
});

describe('resolveTarget', () => {
  const guard = { allowPrivate: false };

  it('refuses a literal private address and says how to allow it', async () => {
    const r = await resolveTarget('192.168.0.10', guard);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'blocked_target',
        message:
          'Refused to probe 192.168.0.10: it is a private (RFC 1918) address. Private and internal ' +
          'addresses are not probed unless PROBE_ALLOW_PRIVATE=1 is set.',
      },
    });
  });

  it('refuses localhost, which resolves to loopback', async () => {
    const r = await resolveTarget('localhost', guard);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /^Refused to probe (127\.0\.0\.1|::1): it is a loopback address \(localhost resolves to it\)/,
      );
  });

  it('refuses a name when any of its addresses is internal, as a rebinding answer would be', async () => {
    const lookup: LookupAll = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];
    const r = await resolveTarget('rebind.example.test', { ...guard, lookup });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(
        /169\.254\.169\.254: it is a cloud metadata address \(rebind\.example\.test resolves to it\)/,
      );
  });

  it('returns the first vetted address of a public name', async () => {
    const lookup: LookupAll = async () => [
      { address: '2606:4700::1', family: 6 },
      { address: '93.184.216.34', family: 4 },
    ];
    expect(await resolveTarget('example.test', { ...guard, lookup })).toEqual({
      ok: true,
      address: '2606:4700::1',
      family: 6,
    });
  });

  it('allows private addresses when PROBE_ALLOW_PRIVATE is set', async () => {
    expect(await resolveTarget('[::1]', { allowPrivate: true })).toEqual({ ok: true, address: '::1', family: 6 });
  });

  it('turns a failed lookup into a dns error', async () => {
    const lookup: LookupAll = async () => {
      throw Object.assign(new Error('nope'), { code: 'EAI_AGAIN' });
    };
    const r = await resolveTarget('example.test', { ...guard, lookup });
    expect(r).toEqual({
      ok: false,
      error: { code: 'dns', message: 'DNS lookup failed: the DNS server did not answer in time (EAI_AGAIN)' },
    });
  });
});
