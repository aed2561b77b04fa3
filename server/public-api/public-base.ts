import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyaddr from 'proxy-addr';
import type { Config } from '../config.ts';

/** A host name or address with an optional port: nothing else goes into the links we hand out. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();

/**
 * The absolute base of links we hand out (feeds, Statuspage shortlinks, the card): PUBLIC_URL
 * when set, else the address the request came to, read as Express's req.protocol and req.host
 * read it under the same TRUST_PROXY, for the paths in front of Express too. Set PUBLIC_URL in
 * production: a Host header is whatever the client or the CDN sent.
 */
export function requestBase(
  publicUrl: string | undefined,
  trustProxy: Config['trustProxy'],
): (req: IncomingMessage) => string {
  if (publicUrl) return () => publicUrl;
  const trust =
    trustProxy === true
      ? () => true
      : typeof trustProxy === 'number'
        ? (_addr: string, i: number) => i < trustProxy
        : proxyaddr.compile(trustProxy === false ? [] : trustProxy.split(',').map((v) => v.trim()));
  return (req) => {
    const proxied = trust(req.socket.remoteAddress ?? '', 0);
    const forwardedProto = proxied ? first(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
    const proto =
      forwardedProto === 'https' || forwardedProto === 'http'
        ? forwardedProto
        : (req.socket as TLSSocket).encrypted
          ? 'https'
          : 'http';
    const host = (proxied && first(req.headers['x-forwarded-host'])) || req.headers.host || '';
    return `${proto}://${HOST.test(host) ? host.toLowerCase() : 'localhost'}`;
  };
}
