import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import proxyaddr from 'proxy-addr';
import { clientHash } from '../reports/client-hash.ts';
import { addressPrefixes } from './address-prefix.ts';
import type { Config } from '../config.ts';

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

export function clientKeys(salt: string, ip: string, userAgent: string): ClientKeys {
  const { address, network } = addressPrefixes(ip);
  return {
    address: clientHash(salt, `a:${address}`, ''),
    person: clientHash(salt, `a:${address}`, userAgent),
    // Short: it is stored once per service and minute in the counters.
    network: clientHash(salt, `n:${network}`, '').slice(0, 10),
  };
}

/** The keys of a request Express parsed (its `req.ip` follows TRUST_PROXY). */
export const clientIdentity =
  (salt: string) =>
  (req: Request): ClientKeys =>
    clientKeys(salt, req.ip ?? '', req.get('user-agent') ?? '');

export type ClientOf = ReturnType<typeof clientIdentity>;

/**
 * The client's address of a raw request, as Express's `req.ip` gives it under the same
 * trust-proxy setting (the same proxy-addr rules Express compiles), for the paths in front of Express.
 */
export function rawClientAddress(trustProxy: Config['trustProxy']): (req: IncomingMessage) => string {
  const trust =
    trustProxy === true
      ? () => true
      : typeof trustProxy === 'number'
        ? (_addr: string, i: number) => i < trustProxy
        : proxyaddr.compile(trustProxy === false ? [] : trustProxy.split(',').map((v) => v.trim()));
  return (req) => proxyaddr(req, trust);
}
