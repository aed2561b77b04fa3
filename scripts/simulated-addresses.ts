import { openPlaceLookup } from '../server/regions/place-lookup.ts';

export interface AddressPool {
  /** An address for the n-th simulated person: on a /24 of its own, placed by the shipped GeoLite2 data. */
  any(n: number): string;
  /** The same, in one country when the data has enough addresses there (else anywhere). */
  in(country: string | undefined, n: number): string;
}

/**
 * Public addresses the server's own GeoLite2 data places in a country and city, found by a fixed
 * walk over the address space (one per /24), so the simulated crowd shows on the outage map.
 * Nothing is sent to these addresses: the server only reads them from X-Forwarded-For.
 */
export async function simulatedAddresses(size = 4_000): Promise<AddressPool> {
  const lookup = await openPlaceLookup();
  const all: string[] = [];
  const byCountry = new Map<string, string[]>();
  // Stepping the first octets unevenly spreads the pool over many countries, not a few big blocks.
  for (let b = 0; b < 256 && all.length < size; b += 3) {
    for (let a = 1; a < 224 && all.length < size; a++) {
      if (a === 10 || a === 127 || a === 100 || a === 172 || a === 192 || a === 198) continue;
      const address = `${a}.${b}.${(a * 7 + b) & 255}.9`;
      const place = lookup(address);
      if (!place?.city) continue;
      all.push(address);
      const list = byCountry.get(place.country) ?? [];
      list.push(address);
      byCountry.set(place.country, list);
    }
  }
  if (all.length === 0) throw new Error('the GeoLite2 data placed no address on the walk');
  return {
    any: (n) => all[n % all.length]!,
    in: (country, n) => {
      const list = country ? byCountry.get(country.toUpperCase()) : undefined;
      return list && list.length >= 20 ? list[n % list.length]! : all[n % all.length]!;
    },
  };
}
