import type { Request } from 'express';
import { clientHash } from '../reports/client-hash.ts';
import { addressPrefixes } from './address-prefix.ts';

/**
 * The salted hashes a request is known by; never the raw address.
 * - `address`: every limit and every "one per client" rule. A User-Agent costs nothing to
 *   change, so it never makes a second client.
 * - `person`: address + User-Agent, only to count reports once per person: people behind one
 *   NAT share an address, and a per-address cap bounds what rotating the User-Agent buys.
 * - `network`: IPv4 /24 or IPv6 /48, to ask how many independent places reports come from.
 */
export interface ClientKeys {
  address: string;
  person: string;
  network: string;
}

export const clientIdentity =
  (salt: string) =>
  (req: Request): ClientKeys => {
    const { address, network } = addressPrefixes(req.ip ?? '');
    return {
      address: clientHash(salt, `a:${address}`, ''),
      person: clientHash(salt, `a:${address}`, req.get('user-agent') ?? ''),
      // Short: it is stored once per service and minute in the counters.
      network: clientHash(salt, `n:${network}`, '').slice(0, 10),
    };
  };

export type ClientOf = ReturnType<typeof clientIdentity>;
