import ipaddr from 'ipaddr.js';

export interface AddressPrefixes {
  /**
   * The address as one party holds it: an IPv4 address, or an IPv6 /64 (one home or phone is
   * handed a whole /64, so rotating within it is free).
   */
  address: string;
  /** The network it sits in: IPv4 /24, IPv6 /48. Independent reporters come from many of them. */
  network: string;
}

/**
 * Canonical prefixes of a request's address; IPv4-mapped IPv6 counts as IPv4. Unparsable input stays as one opaque key.
 */
export function addressPrefixes(ip: string): AddressPrefixes {
  if (!ipaddr.isValid(ip)) return { address: `?${ip}`, network: `?${ip}` };
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') {
    const bytes = (parsed as ipaddr.IPv4).octets;
    return { address: bytes.join('.'), network: `${bytes.slice(0, 3).join('.')}.0/24` };
  }
  const parts = (parsed as ipaddr.IPv6).parts;
  const hex = (n: number) =>
    parts
      .slice(0, n)
      .map((p) => p.toString(16))
      .join(':');
  return { address: `${hex(4)}::/64`, network: `${hex(3)}::/48` };
}
