import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { ProbeError } from '../../shared/schemas/probe.ts';

/**
 * Keeps probes (and status-page fetches) off our own network. Probe targets are typed in by
 * operators, so without this a probe is a way to make the server fetch its cloud metadata
 * endpoint or poke at internal hosts. Both literal addresses and what a name resolves to are
 * checked, and callers connect to the vetted address itself (not the name again), so a DNS
 * answer that changes between the check and the connect (rebinding) cannot slip through.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a name to all its addresses; injectable so tests can play a rebinding resolver. */
export type LookupAll = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupAll = async (host) => {
  const found = await dns.promises.lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export interface GuardOptions {
  /** PROBE_ALLOW_PRIVATE=1: for tests and for operators who probe their own network on purpose. */
  allowPrivate: boolean;
  lookup?: LookupAll;
}

export type Resolution = ({ ok: true } & ResolvedAddress) | { ok: false; error: ProbeError };

const ALLOW_HINT = 'Private and internal addresses are not probed unless PROBE_ALLOW_PRIVATE=1 is set.';

/** Metadata endpoints get their own word: they are the reason this guard exists. */
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254']);

/** Ranges never probed, by the words a person reads (ipaddr.js matches them; a v4 range never matches a v6 address). */
const BLOCKED: Record<string, string[]> = {
  'the broadcast address': ['255.255.255.255/32'],
  'an unspecified ("this network") address': ['0.0.0.0/8'],
  'the unspecified address (::)': ['::/128'],
  'a loopback address': ['127.0.0.0/8', '::1/128'],
  'a private (RFC 1918) address': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  'a carrier-grade NAT (100.64.0.0/10) address': ['100.64.0.0/10'],
  'a link-local address': ['169.254.0.0/16', 'fe80::/10'],
  'a reserved (IETF protocol) address': ['192.0.0.0/24'],
  'a reserved (benchmarking) address': ['198.18.0.0/15'],
  'a multicast address': ['224.0.0.0/4', 'ff00::/8'],
  'a reserved address': ['240.0.0.0/4'],
  'a unique local (fc00::/7) address': ['fc00::/7'],
  'a site-local address': ['fec0::/10'],
};

/**
 * IPv4 written as IPv6 reaches the IPv4 host, so it is judged as that host: mapped ::ffff:a.b.c.d,
 * compatible ::a.b.c.d and NAT64 64:ff9b::a.b.c.d carry it in the last 32 bits, 6to4 in bits 16–47.
 */
const EMBEDDED_V4: Record<string, string[]> = {
  tail: ['::ffff:0:0/96', '::/96', '64:ff9b::/96'],
  sixToFour: ['2002::/16'],
};

const cidrs = (table: Record<string, string[]>): Parameters<typeof ipaddr.subnetMatch>[1] =>
  Object.fromEntries(Object.entries(table).map(([name, list]) => [name, list.map((c) => ipaddr.parseCIDR(c))]));
const BLOCKED_RANGES = cidrs(BLOCKED);
const EMBEDDED_RANGES = cidrs(EMBEDDED_V4);
const PUBLIC = 'public';

/** Only the strict forms a socket connects to: ipaddr.js would also read legacy spellings such as 0x7f.1. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const host = text.split('%')[0]!; // a zone id (fe80::1%eth0) names an interface, not a range
  if (net.isIPv4(host)) return ipaddr.IPv4.parse(host);
  if (net.isIPv6(host)) return ipaddr.IPv6.parse(host);
  return null;
}

function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = addr.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  switch (ipaddr.subnetMatch(addr, EMBEDDED_RANGES, PUBLIC)) {
    case 'tail':
      return v4(p[6]!, p[7]!);
    case 'sixToFour':
      return v4(p[1]!, p[2]!);
    default:
      return null;
  }
}

/** Why an address must not be probed, or null when it is a public unicast address. */
export function blockedAddressReason(ip: string): string | null {
  const addr = parseAddress(ip.replace(/^\[|\]$/g, ''));
  if (!addr) return 'not an IP address';
  if (METADATA.has(addr.toString())) return 'a cloud metadata address';
  const reason = ipaddr.subnetMatch(addr, BLOCKED_RANGES, PUBLIC);
  if (reason !== PUBLIC) return reason;
  const inner = addr.kind() === 'ipv6' ? embeddedV4(addr as ipaddr.IPv6) : null;
  return inner ? blockedAddressReason(inner.toString()) : null;
}

/** Host as it appears in a URL or a definition: brackets and a trailing dot removed. */
export const bareHost = (host: string) => host.replace(/^\[|\]$/g, '').replace(/\.$/, '');

const blocked = (address: string, reason: string, via?: string): ProbeError => ({
  code: 'blocked_target',
  message: `Refused to probe ${address}: it is ${reason}${via ? ` (${via} resolves to it)` : ''}. ${ALLOW_HINT}`,
});

/** A DNS failure in plain words: "DNS lookup failed: no such host (ENOTFOUND)". */
export function dnsError(err: unknown, what = 'records'): ProbeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN';
  const words: Record<string, string> = {
    ENOTFOUND: 'no such host',
    ENODATA: `the name exists but has no ${what}`,
    EAI_AGAIN: 'the DNS server did not answer in time',
    ESERVFAIL: 'the DNS server failed to answer',
    EREFUSED: 'the DNS server refused the query',
    ECONNREFUSED: 'could not reach the DNS server',
    EBADNAME: 'the name is not valid',
    EFORMERR: 'the DNS server could not read the query',
    EBADRESP: 'the DNS server sent a malformed answer',
  };
  if (code === 'ETIMEOUT') return { code: 'timeout', message: 'DNS lookup timed out: the DNS server did not answer' };
  return { code: 'dns', message: `DNS lookup failed: ${words[code] ?? 'unexpected error'} (${code})` };
}

/**
 * The address to connect to for `host`, after checking it and (for names) every address the
 * name resolves to. All must pass: a name that answers with one public and one internal
 * address is exactly what a rebinding attacker serves.
 */
export async function resolveTarget(host: string, opts: GuardOptions): Promise<Resolution> {
  const name = bareHost(host);
  const family = net.isIP(name);
  if (family) {
    const reason = opts.allowPrivate ? null : blockedAddressReason(name);
    return reason ? { ok: false, error: blocked(name, reason) } : { ok: true, address: name, family: family as 4 | 6 };
  }
  let found: ResolvedAddress[];
  try {
    found = await (opts.lookup ?? systemLookup)(name);
  } catch (err) {
    return { ok: false, error: dnsError(err, 'addresses') };
  }
  const first = found[0];
  if (!first) return { ok: false, error: dnsError({ code: 'ENODATA' }, 'addresses') };
  if (!opts.allowPrivate) {
    for (const a of found) {
      const reason = blockedAddressReason(a.address);
      if (reason) return { ok: false, error: blocked(a.address, reason, name) };
    }
  }
  return { ok: true, ...first };
}

/**
 * A `lookup` for http.request / net.connect that answers with the already vetted address
 * whatever name it is asked about, so the connection goes where the guard looked while the
 * Host header and TLS SNI keep the real name.
 */
export function pinnedLookup(target: ResolvedAddress): net.LookupFunction {
  return ((_host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as net.LookupFunction;
}
