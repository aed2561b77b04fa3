import { describe, expect, it } from 'vitest';
import { addressPrefixes } from '../../server/http/address-prefix.ts';

describe('addressPrefixes', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7', '198.51.100.0/24'],
    ['::ffff:198.51.100.7', '198.51.100.7', '198.51.100.0/24'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64', '2001:db8:aa::/48'],
    ['2001:db8:aa:bb::ffff', '2001:db8:aa:bb::/64', '2001:db8:aa::/48'],
    ['2001:0db8:00aa:00bb:0000:0000:0000:0001', '2001:db8:aa:bb::/64', '2001:db8:aa::/48'],
    ['::1', '0:0:0:0::/64', '0:0:0::/48'],
  ])('keys %s by %s, in network %s', (ip, address, network) => {
    expect(addressPrefixes(ip)).toEqual({ address, network });
  });

  it('gives two addresses of one IPv6 /64 the same key, and of two /64s different keys', () => {
    expect(addressPrefixes('2001:db8:1:2::a').address).toBe(addressPrefixes('2001:db8:1:2:ffff::b').address);
    expect(addressPrefixes('2001:db8:1:2::a').address).not.toBe(addressPrefixes('2001:db8:1:3::a').address);
  });

  it('keeps what is not an address as one opaque key rather than failing', () => {
    expect(addressPrefixes('')).toEqual({ address: '?', network: '?' });
    expect(addressPrefixes('not-an-ip').address).toBe('?not-an-ip');
  });
});
