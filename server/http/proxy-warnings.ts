import type { Config } from '../config.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** What an operator should hear at start about how client addresses are read. */
export function proxyWarnings(config: Pick<Config, 'host' | 'trustProxy'>): string[] {
  const out: string[] = [];
  if (config.trustProxy === true) {
    out.push(
      'TRUST_PROXY=true believes any X-Forwarded-For, so anyone can choose the address limits and dedupe see. ' +
        "Set the proxy's hop count (TRUST_PROXY=1) or its addresses/subnets instead.",
    );
  }
  if (config.trustProxy === false && !LOOPBACK_HOSTS.has(config.host)) {
    out.push(
      `TRUST_PROXY is off while listening on ${config.host}: behind a reverse proxy every visitor would ` +
        `share the proxy's ` +
        'address, and with it one set of limits. Set TRUST_PROXY to the proxy (a hop count or subnets) if ' +
        'there is one.',
    );
  }
  return out;
}
